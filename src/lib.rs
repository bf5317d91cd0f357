//! Tillflow core: the settings model (Status Library, workflows, order types,
//! Action Wizards), the workflow engine, orders and money, and their SQLite
//! storage. No UI dependency: the Tauri shell and the CLI are thin layers
//! over [`Till`].

pub mod audit;
pub mod backup;
pub mod csv;
pub mod customers;
pub mod dashboard;
pub mod documents;
pub mod error;
pub mod export;
pub mod fulfillment;
pub mod import;
pub mod inventory;
pub mod journal;
pub mod limits;
pub mod locale;
pub mod machine;
pub mod messages;
pub mod money;
pub mod orders;
pub mod payments;
pub mod printing;
pub mod returns;
pub mod rules;
pub mod runtime;
pub mod settings;
pub mod shipments;
pub mod staff;
pub mod storage;
#[cfg(feature = "synthetic")]
pub mod synthetic;
pub mod till;
pub mod triggers;
pub mod workflow;

pub use error::{Error, Result};
pub use till::{EventResult, Till};
