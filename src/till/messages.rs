//! Customer messages: sending what the outbox holds after commit (retries
//! with backoff, `customer.notified` raised when sent), the order page's
//! list and Retry, and the Messages page (settings, preview, test email,
//! test SMS). Messages go by email (SMTP) or by SMS (an HTTP gateway).

use crate::staff::{Actor, Permission};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::steps::facts;
use super::Till;
use crate::documents::DocumentKind;
use crate::error::{Error, Result};
use crate::messages::{
    next_attempt, render, send_email, send_sms, Email, MessageChannel, MessageFacts,
    MessageSettings, MessageTemplate, OutboxMessage, Rendered, SmsSettings, SmtpSettings,
    GATEWAY_PLACEHOLDERS, PLACEHOLDERS,
};
use crate::orders::contact::e164;
use crate::settings::SettingsChange;
use crate::storage::DueMessage;
use crate::triggers::Trigger;
use crate::workflow::Journal;

/// Who the audit log names for what the outbox does.
pub const SENDER_ACTOR: &str = crate::staff::SYSTEM;

/// How long a sender holds a message it is sending before another may try.
const CLAIM_MINUTES: i64 = 5;

/// What one pass over the outbox did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SendReport {
    pub sent: u32,
    pub failed: u32,
    /// Why the pass sent nothing (the shop not set up, no SMTP server nor SMS
    /// gateway set), if so.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub skipped: Option<String>,
}

/// The Messages page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MessagesView {
    pub messages: MessageSettings,
    /// Whether this machine holds an SMTP password.
    pub password_set: bool,
    /// Whether this machine holds the SMS gateway's key.
    pub sms_key_set: bool,
    /// Placeholder names and what they stand for.
    pub placeholders: Vec<(String, String)>,
    /// The SMS gateway's placeholders and what they stand for.
    pub gateway_placeholders: Vec<(String, String)>,
}

/// A save from the Messages page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MessagesChange {
    pub messages: MessageSettings,
    /// A new SMTP password; empty keeps the one set.
    pub password: String,
    /// Forget the password set on this machine.
    pub clear_password: bool,
    /// A new SMS gateway key; empty keeps the one set.
    #[serde(default)]
    pub sms_key: String,
    /// Forget the SMS gateway key set on this machine.
    #[serde(default)]
    pub clear_sms_key: bool,
}

impl Till {
    /// Sends every message due at `now` (at most `limit`): each one is
    /// claimed, sent, and recorded as sent together with `customer.notified`
    /// on its order (one transaction), or as failed with the reason and the
    /// next attempt. A failure touches nothing but the message.
    pub async fn send_due_messages(&self, now: DateTime<Utc>, limit: u32) -> Result<SendReport> {
        let mut report = SendReport::default();
        // A new database before its first-run set-up has no outbox to send
        // (the app's sender asks every few seconds from the start).
        if !self.is_configured() {
            report.skipped = Some("the shop is not set up yet".into());
            return Ok(report);
        }
        let settings = self.settings()?.shop.messages;
        let mut channels = Vec::new();
        if settings.email.is_some() {
            channels.push(MessageChannel::Email);
        }
        if settings.sms.is_some() {
            channels.push(MessageChannel::Sms);
        }
        if channels.is_empty() {
            report.skipped =
                Some("no email server or SMS gateway is set (Settings › Messages)".into());
            return Ok(report);
        }
        let machine = self.machine()?;
        for due in self.store().due_messages(now, &channels, limit).await? {
            let mut tx = self.store().begin().await?;
            let claimed = tx
                .claim_message(due.id, now, now + Duration::minutes(CLAIM_MINUTES))
                .await?;
            tx.commit().await?;
            if !claimed {
                continue;
            }
            let sent = match (due.channel, &settings.email, &settings.sms) {
                (MessageChannel::Email, Some(server), _) => {
                    let email = Email {
                        to: due.recipient.clone(),
                        subject: due.subject.clone(),
                        body: due.body.clone(),
                        pdfs: Vec::new(),
                    };
                    send_email(server, machine.smtp_password.as_deref(), &email).await
                }
                (MessageChannel::Sms, _, Some(gateway)) => {
                    send_text(
                        gateway,
                        machine.sms_key.as_deref(),
                        &due.recipient,
                        &due.body,
                    )
                    .await
                }
                // Not asked for: `channels` holds only the ones set.
                _ => continue,
            };
            match sent {
                Ok(()) => {
                    self.record_sent(&due, Utc::now().max(now)).await?;
                    report.sent += 1;
                }
                Err(e) => {
                    let attempts = due.attempts.saturating_add(1);
                    let next = match e {
                        Error::Sms {
                            permanent: true, ..
                        } => None,
                        _ => next_attempt(attempts, now),
                    };
                    let mut tx = self.store().begin().await?;
                    tx.message_failed(due.id, &reason(&e), next).await?;
                    tx.commit().await?;
                    report.failed += 1;
                }
            }
        }
        Ok(report)
    }

    /// Records message `due` as sent and raises `customer.notified` on its
    /// order, in one transaction (only the message when the order takes no
    /// more events).
    async fn record_sent(&self, due: &DueMessage, now: DateTime<Utc>) -> Result<()> {
        let mut change = self
            .open_order(&due.order_number, SENDER_ACTOR, now)
            .await?;
        change.facts_changed = false;
        change.tx.message_sent(due.id, now).await?;
        let plan = change.plan.clone();
        let mut j = Journal::new(&plan, change.state.position, change.facts.clone());
        let order_facts = facts(change.state.total, change.state.paid);
        if j.event(Trigger::CustomerNotified, order_facts).is_ok() {
            change.finish(j).await?;
        } else {
            change.tx.commit().await?;
        }
        Ok(())
    }

    /// The messages of order `number`, oldest first.
    pub async fn order_messages(&self, number: &str) -> Result<Vec<OutboxMessage>> {
        self.store().order_messages(number).await
    }

    /// Makes failed message `id` due now (sent by the next pass).
    pub async fn retry_message(&self, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<()> {
        actor.require(Permission::TakeOrders)?;
        let mut tx = self.store().begin().await?;
        if !tx.retry_message(id, now).await? {
            return Err(Error::conflict(format!(
                "message {id} is not a failed message (already sent, or unknown)"
            )));
        }
        tx.commit().await
    }

    /// The Messages page: settings, whether a password is set, placeholders.
    pub fn messages_view(&self) -> Result<MessagesView> {
        let machine = self.machine()?;
        Ok(MessagesView {
            messages: self.settings()?.shop.messages,
            password_set: machine.smtp_password.is_some(),
            sms_key_set: machine.sms_key.is_some(),
            placeholders: listed(PLACEHOLDERS),
            gateway_placeholders: listed(GATEWAY_PLACEHOLDERS),
        })
    }

    /// Saves the Messages page: the settings (validated, audited) and the
    /// password into this machine's settings (never the settings file).
    pub async fn save_messages(
        &self,
        change: MessagesChange,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<MessagesView> {
        actor.require(Permission::EditSettings)?;
        self.change_settings(
            SettingsChange::SaveMessages {
                messages: change.messages,
            },
            actor,
            now,
        )
        .await?;
        let mut machine = self.machine()?;
        let before = machine.clone();
        if change.clear_password {
            machine = machine.with_smtp_password("");
        } else if !change.password.is_empty() {
            machine = machine.with_smtp_password(&change.password);
        }
        if change.clear_sms_key {
            machine = machine.with_sms_key("");
        } else if !change.sms_key.is_empty() {
            machine = machine.with_sms_key(change.sms_key.trim());
        }
        if machine != before {
            machine.save(self.store().path())?;
        }
        self.messages_view()
    }

    /// `template` filled for an example order of this shop (the Messages
    /// page's live preview); an unknown placeholder is the error.
    pub fn preview_message(
        &self,
        template: &MessageTemplate,
        now: DateTime<Utc>,
    ) -> Result<Rendered> {
        let snap = self.snapshot()?;
        let s = &snap.settings;
        let example = MessageFacts {
            customer: "Ana Ruiz".into(),
            order_type: s
                .order_types
                .first()
                .map_or("Order".to_string(), |t| t.name.clone()),
            number: format!("{}000123", s.shop.order_prefix),
            balance: 10i64.pow(snap.currency.exponent).saturating_mul(45),
            shop: s.shop.name.clone(),
            due_date: Some(now.date_naive() + Duration::days(2)),
        };
        check_template(template)?;
        render(template, &example, &snap.settings.format()?)
    }

    /// Sends a test email to `to` through `server` (the page's values, not
    /// yet saved) with this machine's password, or `password` when given.
    pub async fn send_test_email(
        &self,
        actor: &Actor,
        server: &SmtpSettings,
        password: &str,
        to: &str,
    ) -> Result<()> {
        actor.require(Permission::EditSettings)?;
        let saved = self.machine()?.smtp_password;
        let password = if password.is_empty() {
            saved.as_deref()
        } else {
            Some(password)
        };
        let shop = self.settings()?.shop.name;
        let email = Email {
            to: to.trim().to_string(),
            subject: format!("Test email from {shop}"),
            body: format!(
                "This is a test email from Tillflow at {shop}.\nCustomer messages will be sent through {}:{}.",
                server.host, server.port
            ),
            pdfs: Vec::new(),
        };
        send_email(server, password, &email).await
    }

    /// Sends a test SMS to `to` through `gateway` (the page's values, not
    /// yet saved) with this machine's key, or `key` when given. Returns the
    /// number it was sent to (international).
    pub async fn send_test_sms(
        &self,
        gateway: &SmsSettings,
        key: &str,
        to: &str,
    ) -> Result<String> {
        gateway.check()?;
        let saved = self.machine()?.sms_key;
        let key = if key.is_empty() {
            saved.as_deref()
        } else {
            Some(key)
        };
        let to = e164(to, &gateway.country_code).ok_or_else(|| {
            Error::invalid(
                "to",
                format!(
                    "'{}' is not a phone number that can be made international (+{}…)",
                    to.trim(),
                    gateway.country_code.trim().trim_start_matches('+')
                ),
            )
        })?;
        let shop = self.settings()?.shop.name;
        let text = format!("This is a test SMS from Tillflow at {shop}.");
        send_sms(gateway, key, &to, &text).await?;
        Ok(to)
    }

    /// Emails the receipt of order `number` (its PDF attached) to `to`,
    /// at once; the error says why it could not be sent. The order is not
    /// changed (sending a receipt is not printing it).
    pub async fn email_receipt(&self, actor: &Actor, number: &str, to: &str) -> Result<()> {
        actor.require(Permission::Print)?;
        let settings = self.settings()?;
        let Some(server) = settings.shop.messages.email.clone() else {
            return Err(Error::conflict(
                "no email server is set: add one in Settings › Messages",
            ));
        };
        let to = to.trim();
        if to.is_empty() {
            return Err(Error::invalid("to", "an email address is required"));
        }
        let doc = self
            .render_document(number, DocumentKind::Receipt, false)
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| Error::Document(format!("no receipt for order {number}")))?;
        let password = self.machine()?.smtp_password;
        let shop = settings.shop.name;
        let email = Email {
            to: to.to_string(),
            subject: format!("Your receipt {number} from {shop}"),
            body: format!(
                "Hello,\n\nyour receipt for order {number} is attached.\n\nThank you!\n{shop}"
            ),
            pdfs: vec![(doc.file_name(), doc.pdf)],
        };
        send_email(&server, password.as_deref(), &email).await
    }
}

/// The template's subject and body checked on their own.
fn check_template(t: &MessageTemplate) -> Result<()> {
    let m = MessageSettings {
        email: None,
        sms: None,
        templates: vec![t.clone()],
    };
    crate::messages::check_messages(&m, &[t.status.as_str()])
}

/// Sends an SMS from the outbox: `to` made international again (a number
/// queued as written that still cannot be is a permanent failure).
async fn send_text(gateway: &SmsSettings, key: Option<&str>, to: &str, text: &str) -> Result<()> {
    let Some(number) = e164(to, &gateway.country_code) else {
        return Err(Error::Sms {
            message: format!(
                "'{to}' is not a phone number that can be made international: correct the customer's phone"
            ),
            permanent: true,
        });
    };
    send_sms(gateway, key, &number, text).await
}

fn listed(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, d)| (k.to_string(), d.to_string()))
        .collect()
}

/// The reason a send failed, as recorded on the message.
fn reason(e: &Error) -> String {
    match e {
        Error::Mail(m) => m.clone(),
        Error::Sms { message, .. } => message.clone(),
        other => other.to_string(),
    }
}
