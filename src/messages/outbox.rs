//! The outbox's rule: when a message that failed is tried again.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Attempts before the outbox gives up on a message (a worker can still
/// press Retry).
pub const MAX_ATTEMPTS: u32 = 6;

/// Where a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OutboxState {
    /// Waiting for its first attempt.
    Queued,
    Sent,
    /// The last attempt failed (`last_error` says why); tried again at
    /// `next_attempt_at` unless it gave up.
    Failed,
}

impl OutboxState {
    pub fn key(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sent => "sent",
            OutboxState::Failed => "failed",
        }
    }

    pub fn parse(key: &str) -> Option<OutboxState> {
        match key {
            "queued" => Some(OutboxState::Queued),
            "sent" => Some(OutboxState::Sent),
            "failed" => Some(OutboxState::Failed),
            _ => None,
        }
    }
}

/// How one message goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MessageChannel {
    /// An email through the SMTP server (recipient: an email address).
    Email,
    /// A text message through the SMS gateway (recipient: a phone number,
    /// E.164 when it could be normalised).
    Sms,
}

impl MessageChannel {
    pub fn key(self) -> &'static str {
        match self {
            MessageChannel::Email => "email",
            MessageChannel::Sms => "sms",
        }
    }

    pub fn parse(key: &str) -> Option<MessageChannel> {
        match key {
            "email" => Some(MessageChannel::Email),
            "sms" => Some(MessageChannel::Sms),
            _ => None,
        }
    }
}

/// A message in the outbox, as the order page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutboxMessage {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub order_number: String,
    /// The status whose entry queued it.
    pub status: String,
    pub channel: MessageChannel,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub state: OutboxState,
    pub attempts: u32,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub last_error: Option<String>,
    /// When it is tried next (none: sent, or given up until Retry).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub sent_at: Option<DateTime<Utc>>,
}

/// When to try again after the `attempts`-th failed attempt at `now`: 1, 2,
/// 4, 8, 16 minutes later; none after [`MAX_ATTEMPTS`].
pub fn next_attempt(attempts: u32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let minutes = 1i64 << attempts.saturating_sub(1).min(10);
    Some(now + Duration::minutes(minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_then_stop() {
        let now = Utc::now();
        assert_eq!(next_attempt(1, now), Some(now + Duration::minutes(1)));
        assert_eq!(next_attempt(2, now), Some(now + Duration::minutes(2)));
        assert_eq!(next_attempt(5, now), Some(now + Duration::minutes(16)));
        assert_eq!(next_attempt(MAX_ATTEMPTS, now), None);
    }
}
