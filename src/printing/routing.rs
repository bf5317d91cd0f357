//! Which printer a document goes to, and in which format, per the settings.

use super::queue::{Media, PrintDestination, PrintJob};
use super::{PrintSettings, ReceiptPrinter};
use crate::documents::{
    receipt_page_mm, tag_page_mm, ticket_page_mm, DocumentError, DocumentKind, DocumentModel,
    DocumentSettings,
};

/// Where `kind` goes under `settings`: invoices to the invoice printer,
/// packing slips to theirs (or the invoice printer), receipts to the receipt
/// printer — a system printer or a thermal one —, job tickets to theirs
/// (system or thermal; else the named system receipt printer, else the
/// invoice printer), tags to the tag printer (system or a label printer
/// speaking ESC/POS; else the invoice printer).
pub fn destination_for(kind: DocumentKind, settings: &PrintSettings) -> PrintDestination {
    match kind {
        DocumentKind::Invoice | DocumentKind::CreditNote => {
            PrintDestination::Printer(settings.invoice_printer.clone())
        }
        DocumentKind::PackingSlip => PrintDestination::Printer(
            settings
                .packing_slip_printer
                .clone()
                .or_else(|| settings.invoice_printer.clone()),
        ),
        DocumentKind::Receipt | DocumentKind::ZReport => to(&settings.receipt_printer),
        DocumentKind::Ticket => match &settings.ticket_printer {
            Some(printer) => to(printer),
            None => PrintDestination::Printer(match &settings.receipt_printer {
                ReceiptPrinter::System(Some(name)) => Some(name.clone()),
                _ => settings.invoice_printer.clone(),
            }),
        },
        DocumentKind::Tags => match &settings.tag_printer {
            Some(printer) => to(printer),
            None => PrintDestination::Printer(settings.invoice_printer.clone()),
        },
    }
}

/// A system printer gets the PDF, a thermal one the ESC/POS bytes.
fn to(printer: &ReceiptPrinter) -> PrintDestination {
    match printer {
        ReceiptPrinter::System(name) => PrintDestination::Printer(name.clone()),
        ReceiptPrinter::Thermal(target) => PrintDestination::Thermal(target.clone()),
    }
}

impl PrintJob {
    /// Render `kind` for its configured printer — PDF, or ESC/POS for a thermal
    /// receipt, ticket or tag printer — as a job ready to
    /// [`super::PrintQueue::submit`]. A system printer is told the page size
    /// of receipts, tickets and tags (the shop's tag size) as its media.
    pub fn for_document(
        kind: DocumentKind,
        model: &DocumentModel,
        documents: &DocumentSettings,
        printing: &PrintSettings,
    ) -> Result<PrintJob, DocumentError> {
        let destination = destination_for(kind, printing);
        let payload = match destination {
            PrintDestination::Thermal(_) => kind.render_escpos(model, documents)?,
            _ => kind.render_pdf(model, documents)?,
        };
        let media = match (&destination, kind) {
            (PrintDestination::Printer(_), DocumentKind::Receipt) => {
                let (width, height) = receipt_page_mm(model, documents)?;
                Some(Media::from_mm(width, height))
            }
            (PrintDestination::Printer(_), DocumentKind::Ticket) => {
                let (width, height) = ticket_page_mm(model, documents)?;
                Some(Media::from_mm(width, height))
            }
            (PrintDestination::Printer(_), DocumentKind::Tags) => {
                let (width, height) = tag_page_mm(model, documents);
                Some(Media::from_mm(width, height))
            }
            _ => None,
        };
        let mut job = PrintJob::new(model.order_number.clone(), kind, destination, payload);
        job.media = media;
        Ok(job)
    }

    /// "Save as PDF": render `kind` as a PDF job writing to `path`.
    pub fn save_as_pdf(
        kind: DocumentKind,
        model: &DocumentModel,
        documents: &DocumentSettings,
        path: std::path::PathBuf,
    ) -> Result<PrintJob, DocumentError> {
        Ok(PrintJob::new(
            model.order_number.clone(),
            kind,
            PrintDestination::File(path),
            kind.render_pdf(model, documents)?,
        ))
    }
}
