//! The app's print desk as the UI sees it: saved files, queued print jobs
//! and the print report event. Printers and the document and printer
//! settings are the core's own types.

use serde::Serialize;
use tillflow::documents::DocumentKind;
use ts_rs::TS;

/// Files written by "Save as PDF".
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SavedDocument {
    /// Absolute paths, one per file (one per delivery method when split).
    pub files: Vec<String>,
}

/// A print job handed to the queue.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct QueuedPrint {
    pub job_id: u32,
    pub number: String,
    pub kind: DocumentKind,
    /// The printer it goes to, as a cashier reads it.
    pub printer: String,
    pub attempt: u32,
}

/// Payload of the print event: one job finished, printed or not.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PrintReport {
    pub job: QueuedPrint,
    pub ok: bool,
    /// What happened: the spooler's reference, or why it failed.
    pub message: String,
    /// Whether the job can be retried (`print_retry` with its id).
    pub retryable: bool,
}
