//! Tauri commands: validate input, call the core, map errors, broadcast writes.

pub mod backups;
pub mod cash;
pub mod catalogue;
pub mod corrections;
pub mod customers;
pub mod dashboard;
pub mod documents;
pub mod fulfillment;
pub mod import;
pub mod inventory;
pub mod journal;
pub mod messages;
pub mod orders;
pub mod returns;
pub mod search;
pub mod settings;
pub mod staff;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter};
use ts_rs::TS;

/// Name of the event broadcast after every write.
pub const CHANGED_EVENT: &str = "tillflow://changed";

/// Payload of [`CHANGED_EVENT`]: what changed, so open screens can refresh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Changed {
    pub what: ChangedKind,
    /// The order number, for order changes.
    pub number: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangedKind {
    Order,
    Settings,
    /// Sites, stock levels or an item's backorder rule.
    Inventory,
    Customers,
    /// Staff members, their roles, PINs or locks.
    Staff,
}

/// Tells every window that something changed. Failing to notify does not
/// undo the write, so the error is only logged.
pub fn broadcast(app: &AppHandle, what: ChangedKind, number: Option<String>) {
    if let Err(e) = app.emit(CHANGED_EVENT, Changed { what, number }) {
        eprintln!("tillflow: could not broadcast change: {e}");
    }
}

/// Trims a required text argument; refuses it when empty.
pub fn required(field: &str, value: &str) -> Result<String, crate::error::CommandError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(crate::error::CommandError::invalid(
            field,
            format!("{} is required", field.replace('_', " ")),
        ));
    }
    Ok(v.to_string())
}
