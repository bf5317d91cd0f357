//! `tillflow messages send|list|retry`: the customer-message outbox.

use chrono::{DateTime, Utc};
use clap::Subcommand;
use tillflow::messages::MessageChannel;
use tillflow::staff::Actor;
use tillflow::{Result, Till};

use super::output::Out;

#[derive(Subcommand, Debug)]
pub enum MessagesCmd {
    /// Send every message that is due (queued, or failed and due for a
    /// retry) through the SMTP server or the SMS gateway in the settings.
    Send {
        /// At most this many messages in this run.
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// The messages of an order: channel (email, sms), recipient, state.
    List { number: String },
    /// Make a failed message due now (sent by the next `messages send`).
    Retry { id: i64 },
}

pub async fn run(
    till: &Till,
    cmd: MessagesCmd,
    actor: &Actor,
    out: &Out,
    now: DateTime<Utc>,
) -> Result<()> {
    match cmd {
        MessagesCmd::Send { limit } => {
            let r = till.send_due_messages(now, limit).await?;
            let text = match &r.skipped {
                Some(why) => format!("nothing sent: {why}"),
                None => format!("{} sent, {} failed", r.sent, r.failed),
            };
            out.message(&r, &text);
        }
        MessagesCmd::List { number } => {
            let list = till.order_messages(&number).await?;
            let text = list
                .iter()
                .map(|m| {
                    let state = match (&m.last_error, m.state.key()) {
                        (Some(e), "failed") => format!("failed ({} attempts): {e}", m.attempts),
                        (_, s) => s.to_string(),
                    };
                    // An email by its subject, an SMS by its text.
                    let what = match m.channel {
                        MessageChannel::Email => m.subject.clone(),
                        MessageChannel::Sms => m.body.chars().take(40).collect(),
                    };
                    format!(
                        "#{} {} {} → {} \"{what}\": {state}",
                        m.id,
                        m.status,
                        m.channel.key(),
                        m.recipient
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out.message(
                &list,
                if text.is_empty() {
                    "no messages"
                } else {
                    &text
                },
            );
        }
        MessagesCmd::Retry { id } => {
            till.retry_message(actor, id, now).await?;
            out.message(
                &serde_json::json!({"retry": id}),
                &format!("message {id} is due now"),
            );
        }
    }
    Ok(())
}
