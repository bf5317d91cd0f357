//! Document and printer settings of the shop (`shop.documents`,
//! `shop.printing` in the settings file). Both are optional: a settings file
//! without them imports with the defaults (A4, 80 mm receipts, the system
//! default printer, one copy).

use serde::{Deserialize, Serialize};

use super::{Logo, Shop};
use crate::documents::{DocumentSettings, NumberFormat, PaperSize, ReceiptWidth, TagSize};
use crate::error::{Error, Result};
use crate::printing::{ReceiptPrinter, ThermalTarget};

/// Whether a value is its type's default (keeps default sections out of exported files).
pub fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// How the shop's documents look (`shop.documents`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct DocumentOptions {
    /// Invoices and packing slips: `a4` or `letter`.
    pub paper: PaperSize,
    /// Receipts: `80mm` or `58mm`.
    pub receipt_width: ReceiptWidth,
    /// The logo printed left of the shop name: a PNG kept in the database
    /// (inline, base64, in a settings file; see [`Logo`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub logo: Option<Logo>,
    /// Print the order number as a QR code.
    pub order_qr: bool,
    /// Open the cash drawer after a thermal receipt of an order paid in cash.
    pub drawer_kick_on_cash: bool,
    /// The label stock in the tag printer (`{"width_mm": 50.8, "height_mm":
    /// 25.4}`; no height = a continuous roll). Absent = 2 × 1.5 in.
    #[serde(skip_serializing_if = "is_default")]
    #[cfg_attr(feature = "ts", ts(as = "Option<TagSize>", optional))]
    pub tag_size: TagSize,
    /// How invoice numbers read (`INV-{yyyy}-{seq:6}`; see
    /// [`crate::documents::NumberFormat`]).
    pub invoice_number: String,
    /// How credit-note numbers read (`CN-{yyyy}-{seq:6}`).
    pub credit_note_number: String,
}

/// The invoice number format of a shop that names none.
pub const DEFAULT_INVOICE_NUMBER: &str = "INV-{yyyy}-{seq:6}";
/// The credit-note number format of a shop that names none.
pub const DEFAULT_CREDIT_NOTE_NUMBER: &str = "CN-{yyyy}-{seq:6}";

impl Default for DocumentOptions {
    fn default() -> Self {
        let layout = DocumentSettings::default();
        DocumentOptions {
            paper: layout.paper,
            receipt_width: layout.receipt_width,
            logo: None,
            order_qr: layout.order_qr,
            drawer_kick_on_cash: layout.drawer_kick_on_cash,
            tag_size: layout.tag_size,
            invoice_number: DEFAULT_INVOICE_NUMBER.to_string(),
            credit_note_number: DEFAULT_CREDIT_NOTE_NUMBER.to_string(),
        }
    }
}

impl DocumentOptions {
    /// The renderers' layout settings.
    pub fn layout(&self) -> DocumentSettings {
        DocumentSettings {
            paper: self.paper,
            receipt_width: self.receipt_width,
            order_qr: self.order_qr,
            drawer_kick_on_cash: self.drawer_kick_on_cash,
            tag_size: self.tag_size,
        }
    }

    /// The invoice and credit-note number formats, checked: each is a
    /// valid format and numbers of the one can never equal numbers of the
    /// other. Errors name the field.
    pub fn number_formats(&self) -> Result<(NumberFormat, NumberFormat)> {
        let parse = |field: &str, text: &str| {
            NumberFormat::parse(text).map_err(|m| Error::invalid(field, m))
        };
        let invoice = parse("shop.documents.invoice_number", &self.invoice_number)?;
        let credit = parse(
            "shop.documents.credit_note_number",
            &self.credit_note_number,
        )?;
        if invoice.may_collide(&credit) {
            return Err(Error::invalid(
                "shop.documents.credit_note_number",
                "must start with other text than the invoice numbers (e.g. INV- and CN-), so the two can never be the same number",
            ));
        }
        Ok((invoice, credit))
    }
}

impl super::Settings {
    /// The number of the `seq`th invoice (or, with `credit_note`, credit
    /// note) issued at `now`: the shop's format, with the date of `now` in
    /// the shop's time zone.
    pub fn document_number(
        &self,
        credit_note: bool,
        seq: i64,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<String> {
        let (invoice, credit) = self.shop.documents.number_formats()?;
        let day = super::local_day(now, self.time_zone()?);
        let format = if credit_note { credit } else { invoice };
        Ok(format.number(seq, day))
    }
}

fn check_printer_name(field: &str, name: &Option<String>) -> Result<()> {
    match name {
        Some(n) if n.trim().is_empty() || n.len() > 127 || n.chars().any(char::is_control) => {
            Err(Error::invalid(
                field,
                "a printer name is 1 to 127 characters (leave it out for the system default)",
            ))
        }
        _ => Ok(()),
    }
}

/// Validates `shop.documents` and `shop.printing`.
pub(super) fn validate(shop: &Shop) -> Result<()> {
    shop.documents.number_formats()?;
    if let Some(logo) = &shop.documents.logo {
        super::logo::validate(logo)?;
        logo.inline_png()?;
    }
    let p = &shop.printing;
    check_printer_name("shop.printing.invoice_printer", &p.invoice_printer)?;
    check_printer_name(
        "shop.printing.packing_slip_printer",
        &p.packing_slip_printer,
    )?;
    if p.windows_pdf_command.is_some() {
        return Err(Error::invalid(
            "shop.printing.windows_pdf_command",
            "the program that prints PDFs is chosen on each Windows till (TILLFLOW_WINDOWS_PDF_COMMAND), never by a settings file",
        ));
    }
    if !(1..=20).contains(&p.copies) {
        return Err(Error::invalid("shop.printing.copies", "1 to 20 copies"));
    }
    if !(1..=600).contains(&p.timeout_secs) {
        return Err(Error::invalid(
            "shop.printing.timeout_secs",
            "1 to 600 seconds",
        ));
    }
    if let Some(problem) = shop.documents.tag_size.problem() {
        return Err(Error::invalid("shop.documents.tag_size", problem));
    }
    check_printer("shop.printing.receipt_printer", &p.receipt_printer)?;
    if let Some(ticket) = &p.ticket_printer {
        check_printer("shop.printing.ticket_printer", ticket)?;
    }
    if let Some(tags) = &p.tag_printer {
        check_printer("shop.printing.tag_printer", tags)?;
    }
    Ok(())
}

/// A system printer's name, or a thermal target a settings file may name.
fn check_printer(field: &str, printer: &ReceiptPrinter) -> Result<()> {
    match printer {
        ReceiptPrinter::System(name) => check_printer_name(field, name)?,
        ReceiptPrinter::Thermal(target @ ThermalTarget::Network { host, port }) => {
            if host.trim().is_empty() || *port == 0 {
                return Err(Error::invalid(
                    field,
                    "a network thermal printer needs a host and a port (usually 9100)",
                ));
            }
            target
                .check_allowed()
                .map_err(|m| Error::invalid(field, m))?;
        }
        ReceiptPrinter::Thermal(target @ ThermalTarget::Device(path)) => {
            if path.as_os_str().is_empty() {
                return Err(Error::invalid(field, "the device path is empty"));
            }
            target
                .check_allowed()
                .map_err(|m| Error::invalid(field, m))?;
        }
        ReceiptPrinter::Thermal(ThermalTarget::Queue(name)) => {
            check_printer_name(field, &Some(name.clone()))?
        }
    }
    Ok(())
}
