//! One error type for the whole core. Every variant has a stable machine code
//! (`code()`), and the whole error serialises as `{ code, message }` so it can
//! cross the IPC boundary and the CLI's `--json` output unchanged.
//! The modules with errors of their own (documents, printing) convert them
//! into this one with `From`, next to their error type: this module depends
//! on nothing in the crate.

use serde::ser::SerializeStruct;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that does not satisfy a rule; `field` names what is wrong.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// A settings document or change that would leave the settings inconsistent.
    #[error("settings: {0}")]
    Settings(String),
    /// Something named does not exist.
    #[error("{kind} not found: {key}")]
    NotFound { kind: &'static str, key: String },
    /// The request is well formed but not allowed in the current state.
    #[error("{0}")]
    Conflict(String),
    /// The database failed.
    #[error("storage: {0}")]
    Storage(String),
    /// A file could not be read or written.
    #[error("io: {0}")]
    Io(String),
    /// A document could not be rendered or saved.
    #[error("document: {0}")]
    Document(String),
    /// A document could not be printed (the order itself is unaffected).
    #[error("print: {0}")]
    Print(String),
    /// The acting staff member lacks the permission named.
    #[error("{message}")]
    Forbidden {
        permission: &'static str,
        message: String,
    },
    /// Nobody is signed in, or a PIN was wrong.
    #[error("{0}")]
    Unauthenticated(String),
    /// Too many wrong PINs: the person is locked until the time given.
    #[error("{message}")]
    Locked { until: String, message: String },
    /// An email could not be sent (the order itself is unaffected).
    #[error("mail: {0}")]
    Mail(String),
    /// An SMS could not be sent through the gateway (the order itself is
    /// unaffected); `permanent` when trying again cannot help (the gateway
    /// refused the request itself).
    #[error("sms: {message}")]
    Sms { message: String, permanent: bool },
    /// A workflow step's guard holds the order: `condition` is its key
    /// (`paid_in_full`, `deposit_percent`, `all_shipped`, `field`).
    #[error("{message}")]
    Guarded { condition: String, message: String },
}

impl Error {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn settings(message: impl Into<String>) -> Self {
        Error::Settings(message.into())
    }

    pub fn not_found(kind: &'static str, key: impl Into<String>) -> Self {
        Error::NotFound {
            kind,
            key: key.into(),
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Error::Conflict(message.into())
    }

    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::Settings(_) => "settings_invalid",
            Error::NotFound { .. } => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Storage(_) => "storage",
            Error::Io(_) => "io",
            Error::Document(_) => "document",
            Error::Print(_) => "print_failed",
            Error::Forbidden { .. } => "forbidden",
            Error::Unauthenticated(_) => "unauthenticated",
            Error::Locked { .. } => "locked",
            Error::Mail(_) => "mail_failed",
            Error::Sms { .. } => "sms_failed",
            Error::Guarded { .. } => "guarded",
        }
    }
}

impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Error", 2)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.to_string())?;
        st.end()
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::Storage(e.to_string())
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        Error::Storage(e.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// Input quoted in an error message, cut to a readable length: a message
/// never repeats megabytes of hostile input back.
pub fn quoted(text: &str) -> String {
    const SHOWN: usize = 40;
    if text.chars().count() <= SHOWN {
        return format!("'{text}'");
    }
    let head: String = text.chars().take(SHOWN).collect();
    format!("'{head}…' ({} characters)", text.chars().count())
}
