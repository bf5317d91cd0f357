//! Sending one email over SMTP (`lettre`, rustls): the server settings
//! come from the settings file, the password from this machine's settings.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TlsMode {
    /// Plain text (a server on this machine or the shop's network only).
    None,
    /// Plain connection upgraded with STARTTLS (usually port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

/// The SMTP server, in the settings file (the password is not: it stays
/// in `tillflow.machine.json` on each till).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    #[serde(default)]
    pub tls: TlsMode,
    /// The login; empty for a server that takes mail without one.
    #[serde(default)]
    pub user: String,
    /// The sender: `shop@example.com` or `Spokes <shop@example.com>`.
    pub from: String,
}

impl SmtpSettings {
    pub fn check(&self) -> Result<()> {
        let host = self.host.trim();
        if host.is_empty() || host.contains(char::is_whitespace) {
            return Err(Error::invalid(
                "messages.email.host",
                "a server name is required (smtp.example.com)",
            ));
        }
        if self.port == 0 {
            return Err(Error::invalid(
                "messages.email.port",
                "a port is required (587, 465 or 25)",
            ));
        }
        mailbox(&self.from, "messages.email.from")?;
        Ok(())
    }
}

fn mailbox(text: &str, field: &str) -> Result<Mailbox> {
    text.trim()
        .parse::<Mailbox>()
        .map_err(|e| Error::invalid(field, format!("'{text}' is not an email address: {e}")))
}

/// One plain-text email, with PDF files attached (name, bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub pdfs: Vec<(String, Vec<u8>)>,
}

/// Sends `email` through the server (`password` from this machine's
/// settings, used only with a user). The error says why it failed, for the
/// outbox row and the screen.
pub async fn send_email(
    server: &SmtpSettings,
    password: Option<&str>,
    email: &Email,
) -> Result<()> {
    server.check()?;
    let builder = Message::builder()
        .from(mailbox(&server.from, "from")?)
        .to(mailbox(&email.to, "to")?)
        .subject(email.subject.clone());
    let built = if email.pdfs.is_empty() {
        builder
            .header(ContentType::TEXT_PLAIN)
            .body(email.body.clone())
    } else {
        let pdf = ContentType::parse("application/pdf")
            .map_err(|e| Error::Mail(format!("content type: {e}")))?;
        let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(email.body.clone()));
        for (name, bytes) in &email.pdfs {
            parts =
                parts.singlepart(Attachment::new(name.clone()).body(bytes.clone(), pdf.clone()));
        }
        builder.multipart(parts)
    };
    let message = built.map_err(|e| Error::Mail(format!("the message could not be built: {e}")))?;
    let host = server.host.trim();
    let tls_params = || {
        TlsParameters::new_rustls(host.to_string())
            .map_err(|e| Error::Mail(format!("TLS for {host}: {e}")))
    };
    let tls = match server.tls {
        TlsMode::None => Tls::None,
        TlsMode::Starttls => Tls::Required(tls_params()?),
        TlsMode::Tls => Tls::Wrapper(tls_params()?),
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
        .port(server.port)
        .tls(tls)
        .timeout(Some(Duration::from_secs(20)));
    if !server.user.trim().is_empty() {
        builder = builder.credentials(Credentials::new(
            server.user.trim().to_string(),
            password.unwrap_or_default().to_string(),
        ));
    }
    let transport = builder.build();
    transport
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| Error::Mail(format!("{host}:{}: {e}", server.port)))
}
