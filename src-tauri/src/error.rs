//! The error every command rejects with: `{ code, message }`, where `code` is
//! the core's stable code (`invalid`, `not_found`, `conflict`, …) and
//! `message` a sentence a cashier can read.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub code: String,
    pub message: String,
    /// The input field the error is about, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// For `forbidden`: the permission the action needs (the app offers
    /// a manager's approval for it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub permission: Option<String>,
}

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CommandError {
            code: code.into(),
            message: message.into(),
            field: None,
            permission: None,
        }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        CommandError {
            code: "invalid".into(),
            message: message.into(),
            field: Some(field.into()),
            permission: None,
        }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        CommandError::new("internal", message)
    }
}

impl From<tillflow::Error> for CommandError {
    fn from(e: tillflow::Error) -> Self {
        let field = match &e {
            tillflow::Error::Invalid { field, .. } => Some(field.clone()),
            _ => None,
        };
        let message = match &e {
            // The field is carried separately; the message reads as a sentence.
            tillflow::Error::Invalid { message, .. } => capitalise(message),
            other => capitalise(&other.to_string()),
        };
        let permission = match &e {
            tillflow::Error::Forbidden { permission, .. } => Some(permission.to_string()),
            _ => None,
        };
        CommandError {
            code: e.code().into(),
            message,
            field,
            permission,
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
