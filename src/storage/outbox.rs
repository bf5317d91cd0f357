//! The outbox (`outbox`): messages to customers, queued with the change
//! that moved the order, then sent (or failed and retried) after commit.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

use super::{parse_ts, ts, Store, WriteTx};
use crate::error::{Error, Result};
use crate::messages::{MessageChannel, OutboxMessage, OutboxState};

/// What a message is filled with, read inside the change's transaction.
#[derive(Debug, Clone)]
pub struct OrderContact {
    pub number: String,
    pub order_type: String,
    pub total: i64,
    pub paid: i64,
    pub due_date: Option<NaiveDate>,
    pub customer: String,
    /// The customer's email address, if any.
    pub email: Option<String>,
    /// The customer's phone number as written, if any.
    pub phone: Option<String>,
}

/// A message to send: the row and its order number.
#[derive(Debug, Clone)]
pub struct DueMessage {
    pub id: i64,
    pub order_number: String,
    pub channel: MessageChannel,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: u32,
}

const COLUMNS: &str = "m.id, o.number, m.status, m.recipient, m.subject, m.body, m.state, \
     m.attempts, m.last_error, m.next_attempt_at, m.created_at, m.sent_at, m.channel";

fn channel(key: &str) -> Result<MessageChannel> {
    MessageChannel::parse(key).ok_or_else(|| Error::Storage(format!("bad outbox channel '{key}'")))
}

fn message(r: &sqlx::sqlite::SqliteRow) -> Result<OutboxMessage> {
    let opt_ts = |i: usize| -> Result<Option<DateTime<Utc>>> {
        r.get::<Option<String>, _>(i)
            .map(|t| parse_ts(&t))
            .transpose()
    };
    let state: String = r.get(6);
    Ok(OutboxMessage {
        id: r.get(0),
        order_number: r.get(1),
        status: r.get(2),
        channel: channel(r.get::<&str, _>(12))?,
        recipient: r.get(3),
        subject: r.get(4),
        body: r.get(5),
        state: OutboxState::parse(&state)
            .ok_or_else(|| Error::Storage(format!("bad outbox state '{state}'")))?,
        attempts: u32::try_from(r.get::<i64, _>(7)).unwrap_or(0),
        last_error: r.get(8),
        next_attempt_at: opt_ts(9)?,
        created_at: parse_ts(r.get::<&str, _>(10))?,
        sent_at: opt_ts(11)?,
    })
}

/// A contact as stored, trimmed; none when empty.
fn present(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

impl Store {
    /// The messages of order `number`, oldest first.
    pub async fn order_messages(&self, number: &str) -> Result<Vec<OutboxMessage>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM outbox m JOIN orders o ON o.id = m.order_id \
             WHERE o.number = ? ORDER BY m.id"
        );
        let rows = sqlx::query(&sql)
            .bind(number)
            .fetch_all(self.reader())
            .await?;
        rows.iter().map(message).collect()
    }

    /// Messages on `channels` due for an attempt at `now` (not sent, their
    /// time come), oldest first, at most `limit`.
    pub async fn due_messages(
        &self,
        now: DateTime<Utc>,
        channels: &[MessageChannel],
        limit: u32,
    ) -> Result<Vec<DueMessage>> {
        let rows = sqlx::query(
            "SELECT m.id, o.number, m.recipient, m.subject, m.body, m.attempts, m.channel \
             FROM outbox m JOIN orders o ON o.id = m.order_id \
             WHERE m.next_attempt_at IS NOT NULL AND m.next_attempt_at <= ? AND m.state <> 'sent' \
             AND (m.channel = ? OR m.channel = ?) \
             ORDER BY m.next_attempt_at, m.id LIMIT ?",
        )
        .bind(ts(now))
        .bind(channels.first().map(|c| c.key()))
        .bind(channels.get(1).map(|c| c.key()))
        .bind(i64::from(limit))
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DueMessage {
                    id: r.get(0),
                    order_number: r.get(1),
                    channel: channel(r.get::<&str, _>(6))?,
                    recipient: r.get(2),
                    subject: r.get(3),
                    body: r.get(4),
                    attempts: u32::try_from(r.get::<i64, _>(5)).unwrap_or(0),
                })
            })
            .collect()
    }
}

impl WriteTx {
    /// The customer's name, email and phone and what a message says of
    /// order `order_id`; none when the order has no customer with an email
    /// or a phone number.
    pub async fn order_contact(&mut self, order_id: i64) -> Result<Option<OrderContact>> {
        let conn = self.conn().await?;
        let row = sqlx::query(
            "SELECT o.number, o.order_type, o.total, o.paid, o.due_date, c.name, c.email, c.phone \
             FROM orders o JOIN customers c ON c.id = o.customer_id \
             WHERE o.id = ? AND (trim(coalesce(c.email, '')) <> '' OR trim(coalesce(c.phone, '')) <> '')",
        )
        .bind(order_id)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let due: Option<String> = r.get(4);
        Ok(Some(OrderContact {
            number: r.get(0),
            order_type: r.get(1),
            total: r.get(2),
            paid: r.get(3),
            due_date: due.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
            customer: r.get(5),
            email: present(r.get(6)),
            phone: present(r.get(7)),
        }))
    }

    /// Queues a message of order `order_id` on `channel` (due at once).
    #[allow(clippy::too_many_arguments)]
    pub async fn queue_message(
        &mut self,
        order_id: i64,
        status: &str,
        channel: MessageChannel,
        recipient: &str,
        subject: &str,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let conn = self.conn().await?;
        sqlx::query(
            "INSERT INTO outbox (order_id, status, channel, recipient, subject, body, state, \
             next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)",
        )
        .bind(order_id)
        .bind(status)
        .bind(channel.key())
        .bind(recipient)
        .bind(subject)
        .bind(body)
        .bind(ts(now))
        .bind(ts(now))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Takes message `id` for an attempt: pushes its next attempt to
    /// `until` so no other sender takes it meanwhile. False when it is no
    /// longer due (sent, or taken by another sender).
    pub async fn claim_message(
        &mut self,
        id: i64,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<bool> {
        let conn = self.conn().await?;
        let done = sqlx::query(
            "UPDATE outbox SET next_attempt_at = ? \
             WHERE id = ? AND state <> 'sent' AND next_attempt_at IS NOT NULL AND next_attempt_at <= ?",
        )
        .bind(ts(until))
        .bind(id)
        .bind(ts(now))
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records that message `id` was sent at `now`.
    pub async fn message_sent(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        let conn = self.conn().await?;
        sqlx::query(
            "UPDATE outbox SET state = 'sent', attempts = attempts + 1, last_error = NULL, \
             next_attempt_at = NULL, sent_at = ? WHERE id = ?",
        )
        .bind(ts(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Records a failed attempt at message `id`: why, and when it is tried
    /// again (none: given up).
    pub async fn message_failed(
        &mut self,
        id: i64,
        error: &str,
        next: Option<DateTime<Utc>>,
    ) -> Result<()> {
        let conn = self.conn().await?;
        sqlx::query(
            "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, \
             next_attempt_at = ? WHERE id = ?",
        )
        .bind(error)
        .bind(next.map(ts))
        .bind(id)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Makes a failed message `id` due at `now` (the Retry button). False
    /// when there is no such unsent message.
    pub async fn retry_message(&mut self, id: i64, now: DateTime<Utc>) -> Result<bool> {
        let conn = self.conn().await?;
        let done =
            sqlx::query("UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND state = 'failed'")
                .bind(ts(now))
                .bind(id)
                .execute(&mut *conn)
                .await?;
        Ok(done.rows_affected() == 1)
    }
}
