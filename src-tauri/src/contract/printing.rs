//! Documents and printing as the UI sees them: the `shop.documents` and
//! `shop.printing` settings (mirrors of the core's types), printers, saved
//! files, queued print jobs and the print report event.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Paper of invoices and packing slips.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PaperSize {
    A4,
    Letter,
}

/// Thermal receipt paper width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ReceiptWidth {
    #[serde(rename = "80mm")]
    Mm80,
    #[serde(rename = "58mm")]
    Mm58,
}

/// How documents look (`shop.documents`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DocumentOptions {
    pub paper: PaperSize,
    pub receipt_width: ReceiptWidth,
    /// Path of a binary PPM (P6) logo on this machine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub logo: Option<String>,
    pub order_qr: bool,
    pub drawer_kick_on_cash: bool,
}

/// How to reach a thermal printer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ThermalTarget {
    Network { host: String, port: u16 },
    Device(String),
    Queue(String),
}

/// Where receipts go: a system printer (PDF) or a thermal printer (ESC/POS).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptPrinter {
    System(Option<String>),
    Thermal(ThermalTarget),
}

/// Which printer gets which document (`shop.printing`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PrintSettings {
    pub invoice_printer: Option<String>,
    pub packing_slip_printer: Option<String>,
    pub receipt_printer: ReceiptPrinter,
    pub copies: u32,
    pub timeout_secs: u32,
    pub windows_pdf_command: Option<String>,
}

/// A printed document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Invoice,
    PackingSlip,
    Receipt,
}

impl From<DocumentKind> for tillflow::documents::DocumentKind {
    fn from(k: DocumentKind) -> Self {
        match k {
            DocumentKind::Invoice => tillflow::documents::DocumentKind::Invoice,
            DocumentKind::PackingSlip => tillflow::documents::DocumentKind::PackingSlip,
            DocumentKind::Receipt => tillflow::documents::DocumentKind::Receipt,
        }
    }
}

/// A printer of the system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Printer {
    pub name: String,
    pub is_default: bool,
}

/// Files written by "Save as PDF".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SavedDocument {
    /// Absolute paths, one per file (one per delivery method when split).
    pub files: Vec<String>,
}

/// A print job handed to the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QueuedPrint {
    pub job_id: u32,
    pub number: String,
    pub kind: DocumentKind,
    /// The printer it goes to, as a cashier reads it.
    pub printer: String,
    pub attempt: u32,
}

/// Payload of the print event: one job finished, printed or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PrintReport {
    pub job: QueuedPrint,
    pub ok: bool,
    /// What happened: the spooler's reference, or why it failed.
    pub message: String,
    /// Whether the job can be retried (`print_retry` with its id).
    pub retryable: bool,
}
