//! Printing from Rust, never through a webview dialog: the system's printers
//! (CUPS `lp` on Linux and macOS, the Windows spooler on Windows), raw ESC/POS
//! bytes to thermal printers (TCP 9100, a device path or a raw CUPS queue),
//! the cash-drawer kick, and a [`PrintQueue`] that prints after the order's
//! transaction has committed and reports every outcome without ever blocking
//! the till.

mod command;
mod queue;
mod routing;
mod system;
mod thermal;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use command::CommandLine;
pub use queue::{
    Media, PrintBackend, PrintDestination, PrintJob, PrintQueue, PrintReport, SystemBackend,
};
pub use routing::destination_for;
pub use system::{
    list_printers, parse_lpstat_default, parse_lpstat_printers, print_pdf, print_pdf_file,
    print_raw_to_queue, Platform, Printer,
};
pub use thermal::{open_cash_drawer, send_raw, ThermalTarget, DEFAULT_RAW_PORT};

/// Where each document goes (from the shop's settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct PrintSettings {
    /// System printer for invoices; `None` = the system default printer.
    pub invoice_printer: Option<String>,
    /// System printer for packing slips; `None` = the invoice printer.
    pub packing_slip_printer: Option<String>,
    /// Where receipts go.
    pub receipt_printer: ReceiptPrinter,
    /// Where job tickets go: a system printer (the PDF ticket) or a thermal
    /// printer (the ESC/POS ticket); `None` = the receipt printer when it is
    /// a named system printer, else the invoice printer. A plain name (older
    /// settings files) is a system printer.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub ticket_printer: Option<ReceiptPrinter>,
    /// Where tags go: a system printer (PDF labels, the tag size as media)
    /// or a label printer speaking ESC/POS; `None` = the invoice printer. A
    /// plain name (older settings files) is a system printer.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub tag_printer: Option<ReceiptPrinter>,
    /// Printing the tags raises `items.tagged` on the order (a workflow step
    /// waiting for it moves on).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tags_raise_items_tagged: bool,
    /// Copies of each invoice / packing slip.
    pub copies: u32,
    /// Give up on a printer command or connection after this many seconds.
    pub timeout_secs: u64,
    /// Windows only: a program that prints a PDF silently, called as
    /// `PROGRAM -print-to PRINTER -silent FILE` (SumatraPDF's syntax). Without
    /// it, Windows uses the shell's `PrintTo` verb of the default PDF handler.
    pub windows_pdf_command: Option<String>,
}

impl Default for PrintSettings {
    fn default() -> Self {
        PrintSettings {
            invoice_printer: None,
            packing_slip_printer: None,
            receipt_printer: ReceiptPrinter::System(None),
            ticket_printer: None,
            tag_printer: None,
            tags_raise_items_tagged: false,
            copies: 1,
            timeout_secs: 30,
            windows_pdf_command: None,
        }
    }
}

/// The kind of the receipt, job-ticket or tag printer: an ordinary system
/// printer (gets the PDF) or a thermal / label printer (gets ESC/POS bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReceiptPrinter {
    /// A system printer by name (`None` = default); receives the PDF receipt.
    System(Option<String>),
    /// An ESC/POS thermal printer; receives the ESC/POS receipt.
    Thermal(ThermalTarget),
}

/// `{"system": …}`, `{"thermal": …}`, or a plain printer name as older
/// settings files wrote `ticket_printer` and `tag_printer` (a system printer).
impl<'de> Deserialize<'de> for ReceiptPrinter {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        use serde::de::Error as _;
        #[derive(Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum Kind {
            System(Option<String>),
            Thermal(ThermalTarget),
        }
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(name) => Ok(ReceiptPrinter::System(Some(name))),
            value => Ok(match Kind::deserialize(value).map_err(D::Error::custom)? {
                Kind::System(name) => ReceiptPrinter::System(name),
                Kind::Thermal(target) => ReceiptPrinter::Thermal(target),
            }),
        }
    }
}

impl Default for ReceiptPrinter {
    fn default() -> Self {
        ReceiptPrinter::System(None)
    }
}

/// What can go wrong while printing. Every variant names the printer or
/// command involved so the cashier sees something actionable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PrintError {
    /// The printing command is not installed (e.g. no CUPS client).
    #[error("printing command {program} not found: {message}")]
    CommandMissing { program: String, message: String },
    /// The printing command ran and failed.
    #[error("{program} failed ({status}): {stderr}")]
    CommandFailed {
        program: String,
        status: String,
        stderr: String,
    },
    /// A command or connection took longer than the configured timeout.
    #[error("timed out after {seconds}s: {what}")]
    Timeout { what: String, seconds: u64 },
    /// The thermal printer could not be reached or written to.
    #[error("printer {target}: {message}")]
    Device { target: String, message: String },
    /// A local file could not be written.
    #[error("cannot write {path}: {message}")]
    Io { path: String, message: String },
    /// No printer is configured and the system has no default printer.
    #[error("no printer chosen and no system default printer")]
    NoPrinter,
    /// The print queue's worker has stopped.
    #[error("print queue is not running")]
    QueueClosed,
    /// The print worker failed unexpectedly.
    #[error("print worker failed: {0}")]
    Worker(String),
}

impl From<PrintError> for crate::error::Error {
    fn from(e: PrintError) -> Self {
        crate::error::Error::Print(e.to_string())
    }
}

/// Where temporary print files go.
pub(crate) fn spool_dir() -> PathBuf {
    std::env::temp_dir()
}
