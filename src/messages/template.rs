//! Message templates: a subject and a body per status, with placeholders
//! (`{customer}`, `{number}`, …) filled from the order when it enters the
//! status.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::sms::SmsSettings;
use super::smtp::SmtpSettings;
use crate::error::{Error, Result};
use crate::locale::ShopFormat;

/// The placeholders a template may use, with what they stand for.
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("customer", "the customer's name"),
    ("order_type", "the order type's name (\"Bike repair\")"),
    ("number", "the order number"),
    ("balance", "the balance still due, with the currency"),
    ("shop", "the shop's name"),
    ("due_date", "the order's due date (empty when it has none)"),
];

/// The `messages` section of the settings file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MessageSettings {
    /// The SMTP server messages go out through (no password: that stays on
    /// this machine, in `tillflow.machine.json`). Absent: nothing is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub email: Option<SmtpSettings>,
    /// The SMS gateway text messages go out through (no key: that stays on
    /// this machine). Absent: no SMS is sent (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub sms: Option<SmsSettings>,
    /// One template per status; an order entering that status queues it.
    #[serde(default)]
    pub templates: Vec<MessageTemplate>,
}

impl MessageSettings {
    pub fn is_empty(&self) -> bool {
        self.email.is_none() && self.sms.is_none() && self.templates.is_empty()
    }

    /// The template for entering `status`, if any.
    pub fn template_for(&self, status: &str) -> Option<&MessageTemplate> {
        self.templates.iter().find(|t| t.status == status)
    }
}

/// What the customer is told when their order enters `status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MessageTemplate {
    /// The status key (from the Status Library).
    pub status: String,
    /// The email's subject (not sent by SMS; may be empty for an SMS-only
    /// template).
    #[serde(default)]
    pub subject: String,
    /// The email's text, and the SMS's.
    pub body: String,
    /// How it goes out: email (the default), SMS, or both.
    #[serde(default, skip_serializing_if = "TemplateChannel::is_email")]
    pub channel: TemplateChannel,
}

/// How a template's message goes out. A message goes out on a channel only
/// when the customer has that contact (email address, phone number) and,
/// for SMS, when the shop has an SMS gateway.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TemplateChannel {
    #[default]
    Email,
    Sms,
    Both,
}

impl TemplateChannel {
    pub fn is_email(&self) -> bool {
        *self == TemplateChannel::Email
    }

    /// Whether the message goes out by email.
    pub fn by_email(self) -> bool {
        matches!(self, TemplateChannel::Email | TemplateChannel::Both)
    }

    /// Whether the message goes out by SMS.
    pub fn by_sms(self) -> bool {
        matches!(self, TemplateChannel::Sms | TemplateChannel::Both)
    }
}

/// What a template is filled with, for one order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MessageFacts {
    pub customer: String,
    pub order_type: String,
    pub number: String,
    /// Balance due in minor units.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub balance: i64,
    pub shop: String,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub due_date: Option<NaiveDate>,
}

/// A template filled for one order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

/// One piece of a template: literal text or a placeholder name.
pub(super) enum Piece<'a> {
    Text(&'a str),
    Placeholder(&'a str),
}

/// Splits `text` into pieces; `{` always opens a placeholder, which must be
/// closed and known. `field` names the text in errors.
fn pieces<'a>(text: &'a str, field: &str) -> Result<Vec<Piece<'a>>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| {
            Error::invalid(
                field,
                "a '{' is not closed (placeholders are written {customer})",
            )
        })?;
        let name = &after[..close];
        if !PLACEHOLDERS.iter().any(|(p, _)| *p == name) {
            let known: Vec<String> = PLACEHOLDERS
                .iter()
                .map(|(p, _)| format!("{{{p}}}"))
                .collect();
            return Err(Error::invalid(
                field,
                format!(
                    "unknown placeholder '{{{name}}}' (known: {})",
                    known.join(", ")
                ),
            ));
        }
        out.push(Piece::Placeholder(name));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    Ok(out)
}

/// Checks the `messages` section: every template names a known status
/// (`statuses`), at most one per status, a subject, known placeholders; the
/// SMTP settings are complete.
pub fn check_messages(m: &MessageSettings, statuses: &[&str]) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for t in &m.templates {
        let at = format!("messages.templates[{}]", t.status);
        if !statuses.contains(&t.status.as_str()) {
            return Err(Error::invalid(
                format!("{at}.status"),
                format!("unknown status '{}'", t.status),
            ));
        }
        if !seen.insert(t.status.as_str()) {
            return Err(Error::invalid(
                at,
                format!("status '{}' has two templates", t.status),
            ));
        }
        if t.channel.by_email() && t.subject.trim().is_empty() {
            return Err(Error::invalid(
                format!("{at}.subject"),
                "a subject is required",
            ));
        }
        if t.subject.contains(['\n', '\r']) {
            return Err(Error::invalid(
                format!("{at}.subject"),
                "a subject is one line",
            ));
        }
        pieces(&t.subject, &format!("{at}.subject"))?;
        pieces(&t.body, &format!("{at}.body"))?;
    }
    if let Some(email) = &m.email {
        email.check()?;
    }
    if let Some(sms) = &m.sms {
        sms.check()?;
    }
    Ok(())
}

/// The template filled with `facts` (money and dates as the shop's
/// format writes them).
pub fn render(t: &MessageTemplate, facts: &MessageFacts, format: &ShopFormat) -> Result<Rendered> {
    let fill = |text: &str, field: &str| -> Result<String> {
        let mut out = String::new();
        for piece in pieces(text, field)? {
            match piece {
                Piece::Text(s) => out.push_str(s),
                Piece::Placeholder(name) => out.push_str(&value(name, facts, format)),
            }
        }
        Ok(out)
    };
    Ok(Rendered {
        subject: fill(&t.subject, "subject")?,
        body: fill(&t.body, "body")?,
    })
}

fn value(name: &str, f: &MessageFacts, format: &ShopFormat) -> String {
    match name {
        "customer" => f.customer.clone(),
        "order_type" => f.order_type.clone(),
        "number" => f.number.clone(),
        "balance" => format.money(f.balance),
        "shop" => f.shop.clone(),
        "due_date" => f.due_date.map(|d| format.date(d)).unwrap_or_default(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> MessageFacts {
        MessageFacts {
            customer: "Ana Ruiz".into(),
            order_type: "Bike repair".into(),
            number: "BK-000042".into(),
            balance: 4550,
            shop: "Spokes".into(),
            due_date: NaiveDate::from_ymd_opt(2026, 12, 3),
        }
    }

    fn template(subject: &str, body: &str) -> MessageTemplate {
        MessageTemplate {
            status: "ready".into(),
            subject: subject.into(),
            body: body.into(),
            channel: TemplateChannel::Email,
        }
    }

    fn format(tag: &str, currency: &str, exponent: u32) -> Result<ShopFormat> {
        let locale = crate::locale::Locale::find(tag)?;
        Ok(ShopFormat::new(
            locale,
            currency,
            exponent,
            chrono_tz::Tz::UTC,
        ))
    }

    #[test]
    fn placeholders_are_filled_and_money_is_formatted() -> Result<()> {
        let eur = format("en-GB", "EUR", 2)?;
        let t = template(
            "{shop}: {number} is ready",
            "Hello {customer}, your {order_type} {number} is ready. Balance due {balance}. Promised {due_date}.",
        );
        let r = render(&t, &facts(), &eur)?;
        assert_eq!(r.subject, "Spokes: BK-000042 is ready");
        assert_eq!(
            r.body,
            "Hello Ana Ruiz, your Bike repair BK-000042 is ready. Balance due €45.50. Promised 03/12/2026."
        );
        let jpy = format("en-US", "JPY", 0)?;
        let r = render(&template("x", "{balance} {due_date}"), &facts(), &jpy)?;
        assert_eq!(r.body, "¥4,550 12/03/2026");
        let fr = format("fr-FR", "EUR", 2)?;
        let r = render(&template("x", "{balance}"), &facts(), &fr)?;
        assert_eq!(r.body, "45,50\u{a0}€");
        Ok(())
    }

    #[test]
    fn unknown_placeholders_and_statuses_are_named() {
        let m = |t: MessageTemplate| MessageSettings {
            email: None,
            sms: None,
            templates: vec![t],
        };
        let err = check_messages(&m(template("Hi", "Hello {name}")), &["ready"])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("messages.templates[ready].body"), "{err}");
        assert!(err.contains("unknown placeholder '{name}'"), "{err}");
        let mut t = template("Hi", "Hello");
        t.status = "washed".into();
        let err = check_messages(&m(t), &["ready"])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("unknown status 'washed'"), "{err}");
        assert!(check_messages(&m(template("Hi {number", "x")), &["ready"]).is_err());
        assert!(check_messages(&m(template("Hi {number}", "x")), &["ready"]).is_ok());
    }

    #[test]
    fn an_sms_only_template_needs_no_subject() {
        let m = |channel| MessageSettings {
            email: None,
            sms: None,
            templates: vec![MessageTemplate {
                channel,
                ..template("", "Hello {customer}")
            }],
        };
        assert!(check_messages(&m(TemplateChannel::Sms), &["ready"]).is_ok());
        assert!(check_messages(&m(TemplateChannel::Both), &["ready"]).is_err());
        assert!(check_messages(&m(TemplateChannel::Email), &["ready"]).is_err());
    }
}
