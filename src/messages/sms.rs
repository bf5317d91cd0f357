//! Sending one SMS through the shop's HTTP gateway: the request is built
//! from the URL (and body) template in the settings file, the API key from
//! this machine's settings; `ureq` (blocking, rustls) sends it on a blocking
//! thread with timeouts. A 2xx answer is "sent"; a 4xx other than 408 and
//! 429 is the gateway refusing the request itself, so trying again cannot
//! help ("permanent"); anything else (5xx, 429, no answer) is tried again.

use std::time::Duration;

use base64::Engine;
use serde::{Deserialize, Serialize};

use super::template::Piece;
use crate::error::{Error, Result};

/// The placeholders of the gateway's URL and body, with what they stand for.
pub const GATEWAY_PLACEHOLDERS: &[(&str, &str)] = &[
    ("to", "the customer's number, international (+33612345678)"),
    ("text", "the message"),
    ("key", "the API key (kept on this computer)"),
    ("sender", "the sender name"),
];

/// Connecting to the gateway gives up after this long…
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// …and the whole request (connect, send, answer) after this long.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// The most of a refusal's text kept as the reason.
const REASON_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum HttpMethod {
    /// Everything in the URL (no body).
    #[default]
    Get,
    /// The body template sent as the request body.
    Post,
}

/// How a POST body is written and its values escaped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BodyFormat {
    /// `to={to}&text={text}` (`application/x-www-form-urlencoded`).
    #[default]
    Form,
    /// `{"to": "{to}", "text": "{text}"}` (`application/json`): the values
    /// are escaped for inside a JSON string, the quotes are the template's.
    Json,
}

/// How the API key is sent, besides wherever `{key}` is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SmsAuth {
    /// Only where the templates write `{key}`.
    #[default]
    None,
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// HTTP Basic with `user` and the key as the password (Twilio: the
    /// account SID and the auth token).
    Basic,
}

/// The SMS gateway, in the settings file (the API key is not: it stays in
/// `tillflow.machine.json` on each till).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SmsSettings {
    /// `https://api.example.com/send?to={to}&text={text}&key={key}`.
    pub url: String,
    #[serde(default)]
    pub method: HttpMethod,
    /// The POST body template (empty: no body).
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub body_format: BodyFormat,
    #[serde(default)]
    pub auth: SmsAuth,
    /// The user of HTTP Basic authentication.
    #[serde(default)]
    pub user: String,
    /// The sender name or number (`{sender}`), if the gateway takes one.
    #[serde(default)]
    pub sender: String,
    /// The calling code of numbers written without one ("33": "06 12 34 56
    /// 78" is sent to +33612345678).
    pub country_code: String,
}

/// One request to the gateway, filled for one message (what is sent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsRequest {
    pub method: HttpMethod,
    pub url: String,
    /// Content type and text.
    pub body: Option<(&'static str, String)>,
    pub authorization: Option<String>,
}

fn names() -> Vec<&'static str> {
    GATEWAY_PLACEHOLDERS.iter().map(|(p, _)| *p).collect()
}

/// Splits a gateway template into pieces: `{name}` (lower-case letters and
/// `_`) is a placeholder, which must be known; any other `{` is text (a
/// JSON body's own braces).
fn pieces<'a>(text: &'a str, field: &str) -> Result<Vec<Piece<'a>>> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut literal = 0;
    while let Some(open) = rest[literal..].find('{').map(|i| i + literal) {
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(after.len());
        if name_len == 0 || !after[name_len..].starts_with('}') {
            literal = open + 1;
            continue;
        }
        let name = &after[..name_len];
        if !names().contains(&name) {
            let known: Vec<String> = names().iter().map(|p| format!("{{{p}}}")).collect();
            return Err(Error::invalid(
                field,
                format!(
                    "unknown placeholder '{{{name}}}' (known: {})",
                    known.join(", ")
                ),
            ));
        }
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        out.push(Piece::Placeholder(name));
        rest = &after[name_len + 1..];
        literal = 0;
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    Ok(out)
}

fn uses(text: &str, name: &str) -> bool {
    text.contains(&format!("{{{name}}}"))
}

impl SmsSettings {
    pub fn check(&self) -> Result<()> {
        let url = self.url.trim();
        let lower = url.to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://"))
            || url.contains(char::is_whitespace)
        {
            return Err(Error::invalid(
                "messages.sms.url",
                "the gateway's address starts with https:// (https://api.example.com/send?to={to}&text={text})",
            ));
        }
        pieces(url, "messages.sms.url")?;
        pieces(&self.body, "messages.sms.body")?;
        if self.method == HttpMethod::Get && !self.body.trim().is_empty() {
            return Err(Error::invalid(
                "messages.sms.body",
                "a GET request has no body: choose POST, or leave the body empty",
            ));
        }
        for name in ["to", "text"] {
            if !uses(url, name) && !uses(&self.body, name) {
                return Err(Error::invalid(
                    "messages.sms.url",
                    format!("the address or the body must say where {{{name}}} goes"),
                ));
            }
        }
        if self.auth == SmsAuth::Basic && self.user.trim().is_empty() {
            return Err(Error::invalid(
                "messages.sms.user",
                "Basic authentication needs a user (the account name or SID)",
            ));
        }
        if self.sender.contains(['\n', '\r']) || self.sender.chars().count() > 20 {
            return Err(Error::invalid(
                "messages.sms.sender",
                "a sender is one short line (up to 20 characters)",
            ));
        }
        let code = self.country_code.trim().trim_start_matches('+');
        if !(1..=3).contains(&code.len())
            || !code.chars().all(|c| c.is_ascii_digit())
            || code.starts_with('0')
        {
            return Err(Error::invalid(
                "messages.sms.country_code",
                "a calling code of 1 to 3 digits (33 for France, 1 for the US and Canada, 44 for the UK)",
            ));
        }
        Ok(())
    }

    /// The request that sends `text` to `to` (already E.164) with `key`.
    pub fn request(&self, to: &str, text: &str, key: &str) -> Result<SmsRequest> {
        self.check()?;
        let value = |name: &str| -> String {
            match name {
                "to" => to,
                "text" => text,
                "key" => key,
                "sender" => self.sender.trim(),
                _ => "",
            }
            .to_string()
        };
        let fill = |template: &str, field: &str, escape: fn(&str) -> String| -> Result<String> {
            let mut out = String::new();
            for piece in pieces(template, field)? {
                match piece {
                    Piece::Text(s) => out.push_str(s),
                    Piece::Placeholder(name) => out.push_str(&escape(&value(name))),
                }
            }
            Ok(out)
        };
        let url = fill(self.url.trim(), "messages.sms.url", url_escape)?;
        let body = match (self.method, self.body.trim().is_empty()) {
            (HttpMethod::Post, false) => Some(match self.body_format {
                BodyFormat::Form => (
                    "application/x-www-form-urlencoded",
                    fill(self.body.trim(), "messages.sms.body", url_escape)?,
                ),
                BodyFormat::Json => (
                    "application/json",
                    fill(self.body.trim(), "messages.sms.body", json_escape)?,
                ),
            }),
            _ => None,
        };
        let authorization = match self.auth {
            SmsAuth::None => None,
            SmsAuth::Bearer => Some(format!("Bearer {key}")),
            SmsAuth::Basic => Some(format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD
                    .encode(format!("{}:{key}", self.user.trim()))
            )),
        };
        Ok(SmsRequest {
            method: self.method,
            url,
            body,
            authorization,
        })
    }
}

/// `text` percent-encoded for a URL's query or a form body (everything but
/// the unreserved characters of RFC 3986, UTF-8 bytes).
fn url_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `text` escaped for inside a JSON string (without the quotes).
fn json_escape(text: &str) -> String {
    let quoted = serde_json::Value::String(text.to_string()).to_string();
    quoted[1..quoted.len() - 1].to_string()
}

/// `text` with the key (as written and as escaped) blanked: a reason shown
/// on the order never carries the secret.
fn redact(text: &str, key: &str) -> String {
    if key.is_empty() {
        return text.to_string();
    }
    [key.to_string(), url_escape(key), json_escape(key)]
        .iter()
        .fold(text.to_string(), |t, k| t.replace(k, "•••"))
}

fn failure(message: String, permanent: bool) -> Error {
    Error::Sms { message, permanent }
}

/// Sends `text` to `to` (E.164) through `gateway` with `key` (this
/// machine's API key). The error says why, with the gateway's answer, and
/// whether trying again can help.
pub async fn send_sms(
    gateway: &SmsSettings,
    key: Option<&str>,
    to: &str,
    text: &str,
) -> Result<()> {
    let key = key.unwrap_or_default().to_string();
    let request = gateway.request(to, text, &key)?;
    let sent = tokio::task::spawn_blocking(move || perform(&request))
        .await
        .map_err(|e| failure(format!("the sender stopped: {e}"), false))?;
    sent.map_err(|(message, permanent)| failure(redact(&message, &key), permanent))
}

/// Sends the request; the error is the reason and whether it is permanent.
fn perform(request: &SmsRequest) -> std::result::Result<(), (String, bool)> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .timeout_global(Some(REQUEST_TIMEOUT))
        .build()
        .into();
    let answer = match request.method {
        HttpMethod::Get => {
            let mut r = agent.get(request.url.as_str());
            if let Some(a) = &request.authorization {
                r = r.header("Authorization", a.as_str());
            }
            r.call()
        }
        HttpMethod::Post => {
            let mut r = agent.post(request.url.as_str());
            if let Some(a) = &request.authorization {
                r = r.header("Authorization", a.as_str());
            }
            match &request.body {
                Some((kind, text)) => r.header("Content-Type", *kind).send(text.as_str()),
                None => r.send_empty(),
            }
        }
    };
    let mut answer = answer.map_err(|e| {
        let permanent = matches!(e, ureq::Error::BadUri(_) | ureq::Error::Http(_));
        (format!("the gateway could not be reached: {e}"), permanent)
    })?;
    let status = answer.status();
    if status.is_success() {
        return Ok(());
    }
    let text = answer
        .body_mut()
        .with_config()
        .limit(64 * 1024)
        .read_to_string()
        .unwrap_or_default();
    let first: String = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
        .chars()
        .take(REASON_CHARS)
        .collect();
    let code = status.as_u16();
    let mut message = format!("the gateway answered {code}");
    if let Some(reason) = status.canonical_reason() {
        message.push_str(&format!(" {reason}"));
    }
    if !first.is_empty() {
        message.push_str(&format!(": {first}"));
    }
    let permanent = status.is_client_error() && code != 408 && code != 429;
    Err((message, permanent))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gateway(url: &str) -> SmsSettings {
        SmsSettings {
            url: url.into(),
            method: HttpMethod::Get,
            body: String::new(),
            body_format: BodyFormat::Form,
            auth: SmsAuth::None,
            user: String::new(),
            sender: "Spokes".into(),
            country_code: "33".into(),
        }
    }

    #[test]
    fn values_are_escaped_where_they_go() -> Result<()> {
        let g = gateway("https://api.example.com/send?to={to}&text={text}&key={key}&from={sender}");
        let r = g.request("+33612345678", "Ready: 45,50 € & \"thanks\"", "k&y=1")?;
        assert_eq!(
            r.url,
            "https://api.example.com/send?to=%2B33612345678&text=Ready%3A%2045%2C50%20%E2%82%AC%20%26%20%22thanks%22&key=k%26y%3D1&from=Spokes"
        );
        assert_eq!(r.body, None);
        let mut g = gateway("https://api.example.com/sms");
        g.method = HttpMethod::Post;
        g.body_format = BodyFormat::Json;
        g.body = r#"{"to": "{to}", "text": "{text}"}"#.into();
        g.auth = SmsAuth::Bearer;
        let r = g.request("+33612345678", "Line \"1\"\nLine 2", "tok")?;
        assert_eq!(
            r.body,
            Some((
                "application/json",
                r#"{"to": "+33612345678", "text": "Line \"1\"\nLine 2"}"#.to_string()
            ))
        );
        assert_eq!(r.authorization.as_deref(), Some("Bearer tok"));
        Ok(())
    }

    #[test]
    fn a_gateway_is_checked() {
        let bad = |g: SmsSettings| g.check().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(bad(gateway("ftp://x/{to}{text}")).contains("https://"));
        assert!(bad(gateway("https://x/?to={to}")).contains("{text}"));
        assert!(bad(gateway("https://x/?to={to}&t={message}")).contains("unknown placeholder"));
        assert!(gateway("https://x/?to={to}&text={text}&q={X}&r={")
            .check()
            .is_ok());
        let mut g = gateway("https://x/?to={to}&text={text}");
        g.country_code = "0033".into();
        assert!(bad(g.clone()).contains("calling code"));
        g.country_code = "+1".into();
        assert!(g.check().is_ok());
        g.body = "text={text}".into();
        assert!(bad(g.clone()).contains("GET request has no body"));
        g.body.clear();
        g.auth = SmsAuth::Basic;
        assert!(bad(g).contains("user"));
    }

    #[test]
    fn the_key_never_shows_in_a_reason() {
        assert_eq!(
            redact("GET https://x/?key=a%2Fb failed (a/b)", "a/b"),
            "GET https://x/?key=••• failed (•••)"
        );
    }
}
