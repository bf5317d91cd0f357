//! Telling the customer: message templates per status (in the settings
//! file), rendering them for one order (pure), the outbox's retry rule, and
//! sending by email over SMTP or by SMS through an HTTP gateway. The outbox rows themselves are stored by
//! `storage::outbox`; the till queues them in the transaction that moves an
//! order and sends them after commit.

mod outbox;
mod sms;
mod smtp;
mod template;

pub use outbox::{next_attempt, MessageChannel, OutboxMessage, OutboxState, MAX_ATTEMPTS};
pub use sms::{
    send_sms, BodyFormat, HttpMethod, SmsAuth, SmsRequest, SmsSettings, GATEWAY_PLACEHOLDERS,
};
pub use smtp::{send_email, Email, SmtpSettings, TlsMode};
pub use template::{
    check_messages, render, MessageFacts, MessageSettings, MessageTemplate, Rendered,
    TemplateChannel, PLACEHOLDERS,
};
