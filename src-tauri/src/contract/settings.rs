//! The trigger catalogue as the workflow editor lists it. Settings and
//! settings changes cross as the core's own types (`tillflow::settings`).

use serde::Serialize;
use tillflow::triggers::{Source, Trigger};
use ts_rs::TS;

/// An entry of the trigger catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TriggerInfo {
    pub key: String,
    pub label: String,
    pub source: Source,
    /// Describes a state (moves on at once when it already holds).
    pub is_state: bool,
    pub description: String,
}

impl From<Trigger> for TriggerInfo {
    fn from(t: Trigger) -> Self {
        TriggerInfo {
            key: t.key().into(),
            label: t.label().into(),
            source: t.source(),
            is_state: t.is_state(),
            description: t.description().into(),
        }
    }
}
