//! Printed documents of an order: invoice, packing slip, receipt, job
//! ticket and tags as PDF (printpdf, embedded subset DejaVu Sans), the
//! receipt, job ticket and tags also as ESC/POS bytes for thermal and label
//! printers, and invoices split by delivery method.
//!
//! Every renderer takes the same [`DocumentModel`] (already computed by the
//! core: amounts in integer minor units, quantities as decimal strings) and a
//! [`DocumentSettings`]. Rendering is pure: no I/O, no clock, no tax maths.
//!
//! ```no_run
//! # fn demo(model: &tillflow::documents::DocumentModel) -> Result<(), tillflow::documents::DocumentError> {
//! use tillflow::documents::{self, DocumentSettings};
//! let settings = DocumentSettings::default();
//! let pdf: Vec<u8> = documents::render_invoice(model, &settings)?;
//! documents::save_pdf(&pdf, std::path::Path::new("invoice.pdf"))?;
//! # Ok(()) }
//! ```

mod delivery;
mod escpos;
mod escpos_labels;
mod invoice;
mod letterhead;
pub mod model;
mod numbering;
mod order_code;
mod packing_slip;
mod pagination;
mod pdf;
mod png;
mod ppm;
mod receipt;
mod sheet;
mod svg;
mod tags;
mod ticket;
mod till_report;
mod typeface;

use std::path::Path;

pub use delivery::{split_by_delivery, NO_DELIVERY_METHOD};
pub use escpos::{decode_pc858, render_receipt_escpos, DRAWER_KICK};
pub use escpos_labels::{render_tags_escpos, render_ticket_escpos};
pub use invoice::{invoice_first_page_svg, render_credit_note, render_invoice};
pub use model::shop_format;
pub use model::{
    DocAnswer, DocCurrency, DocCustomer, DocDiscount, DocIssue, DocLine, DocModifier, DocPayment,
    DocTotals, DocumentModel, DocumentPart, DocumentSettings, PaperSize, ReceiptWidth, ShopHeader,
    ShopLogo, TagSize, TagSizePreset, TaxBreakdownRow,
};
pub use numbering::{NumberFormat, MAX_NUMBER_CHARS};
pub use packing_slip::render_packing_slip;
pub use receipt::{receipt_page_mm, receipt_svg, render_receipt};
pub use tags::{pieces, render_tags, tag_page_mm};
pub use ticket::{render_ticket, ticket_page_mm};
pub use till_report::{render_till_report, render_till_report_escpos, ReportDocument, ReportPaper};

/// What can go wrong while rendering a document.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The bundled font could not be loaded.
    #[error("font: {0}")]
    Font(String),
    /// The PDF could not be produced.
    #[error("pdf: {0}")]
    Pdf(String),
    /// The order number could not be encoded as a QR code.
    #[error("order code: {0}")]
    Code(String),
    /// The model cannot be rendered as asked (e.g. split totals that don't add up).
    #[error("invalid document: {0}")]
    Invalid(String),
    /// Writing the file failed.
    #[error("cannot write {path}: {message}")]
    Io { path: String, message: String },
}

impl From<DocumentError> for crate::error::Error {
    fn from(e: DocumentError) -> Self {
        match e {
            DocumentError::Io { .. } => crate::error::Error::Io(e.to_string()),
            other => crate::error::Error::Document(other.to_string()),
        }
    }
}

/// The kind of a printed document; names the workflow trigger raised once printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Invoice,
    PackingSlip,
    Receipt,
    /// The workshop's job ticket (receipt width).
    Ticket,
    /// One label per piece of the order.
    Tags,
    /// A credit note correcting the order's invoice (a return or refund).
    CreditNote,
    /// A Z report of the till (printed from Reports, by its Z number; it is
    /// rendered from the sealed report, not from an order).
    ZReport,
}

impl DocumentKind {
    /// The trigger raised when this document has been printed (job
    /// tickets raise none; tags raise `items.tagged` when the printing
    /// settings say so, see [`crate::printing::PrintSettings`]).
    pub fn printed_event(self) -> Option<&'static str> {
        match self {
            DocumentKind::Invoice => Some("invoice.printed"),
            DocumentKind::PackingSlip => Some("packing_slip.printed"),
            DocumentKind::Receipt => Some("receipt.printed"),
            DocumentKind::Ticket
            | DocumentKind::Tags
            | DocumentKind::CreditNote
            | DocumentKind::ZReport => None,
        }
    }

    /// The document's name in sentences ("packing slip", "job ticket").
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Invoice => "invoice",
            DocumentKind::PackingSlip => "packing slip",
            DocumentKind::Receipt => "receipt",
            DocumentKind::Ticket => "job ticket",
            DocumentKind::Tags => "tags",
            DocumentKind::CreditNote => "credit note",
            DocumentKind::ZReport => "Z report",
        }
    }

    /// Render this kind of document as PDF.
    pub fn render_pdf(
        self,
        model: &DocumentModel,
        settings: &DocumentSettings,
    ) -> Result<Vec<u8>, DocumentError> {
        match self {
            DocumentKind::Invoice => render_invoice(model, settings),
            DocumentKind::PackingSlip => render_packing_slip(model, settings),
            DocumentKind::Receipt => render_receipt(model, settings),
            DocumentKind::Ticket => render_ticket(model, settings),
            DocumentKind::Tags => render_tags(model, settings),
            DocumentKind::CreditNote => render_credit_note(model, settings),
            DocumentKind::ZReport => Err(not_an_order_document(self)),
        }
    }

    /// Render this kind of document as ESC/POS bytes for a thermal or label
    /// printer: receipts, job tickets and tags (invoices and packing slips
    /// are pages, never a roll).
    pub fn render_escpos(
        self,
        model: &DocumentModel,
        settings: &DocumentSettings,
    ) -> Result<Vec<u8>, DocumentError> {
        match self {
            DocumentKind::Receipt => render_receipt_escpos(model, settings),
            DocumentKind::Ticket => render_ticket_escpos(model, settings),
            DocumentKind::Tags => render_tags_escpos(model, settings),
            DocumentKind::Invoice | DocumentKind::PackingSlip | DocumentKind::CreditNote => {
                Err(DocumentError::Invalid(format!(
                    "a {} is not printed on a thermal printer",
                    self.name()
                )))
            }
            DocumentKind::ZReport => Err(not_an_order_document(self)),
        }
    }
}

/// A kind that is not a document of an order (a Z report).
fn not_an_order_document(kind: DocumentKind) -> DocumentError {
    DocumentError::Invalid(format!(
        "a {} is not a document of an order: print it from Reports",
        kind.name()
    ))
}

/// "Save as PDF": write rendered bytes to `path` (through a temporary file in
/// the same directory, so a half-written PDF never replaces a good one).
pub fn save_pdf(bytes: &[u8], path: &Path) -> Result<(), DocumentError> {
    let io_err = |e: std::io::Error| DocumentError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document.pdf".to_string());
    let tmp = path.with_file_name(format!(".{file_name}.tmp"));
    std::fs::write(&tmp, bytes).map_err(io_err)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_err(e)
    })
}
