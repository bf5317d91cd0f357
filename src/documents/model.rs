//! The document model: everything a printed invoice, packing slip or receipt
//! shows, already computed. Rendering never does tax maths; the core fills
//! this model from an order and its one totals function.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::locale::{Locale, ShopFormat};

/// The shop as it appears at the top of every document (from settings).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopHeader {
    pub name: String,
    /// Postal address, one entry per printed line.
    pub address_lines: Vec<String>,
    /// VAT / tax registration number, printed as "Tax ID: …".
    pub tax_id: Option<String>,
    /// Free text printed at the bottom of every document ("Thank you!", bank details…).
    pub footer: Option<String>,
    /// Optional logo, already decoded to 8-bit RGB pixels.
    pub logo: Option<ShopLogo>,
    /// IANA time zone the shop's dates and times print in (empty: UTC).
    #[serde(default)]
    pub time_zone: String,
    /// BCP 47 tag of the shop's locale (`fr-FR`): how amounts and dates
    /// read (empty: the one the time zone or currency suggests).
    #[serde(default)]
    pub locale: String,
}

/// A decoded logo image: `rgb8.len() == width_px * height_px * 3`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopLogo {
    pub width_px: u32,
    pub height_px: u32,
    pub rgb8: Vec<u8>,
}

/// The customer of an order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocCustomer {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Billing address, one entry per printed line.
    pub address_lines: Vec<String>,
}

/// A price adjustment of a line ("extra starch", "+ gift wrap"), per unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocModifier {
    pub name: String,
    pub amount_minor: i64,
}

/// A line's discount as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDiscount {
    /// What it takes off the line, minor units (`amount_minor` is after it).
    pub minor: i64,
    /// "Discount 10 % (loyal customer)".
    pub label: String,
}

/// One order line as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocLine {
    pub name: String,
    pub sku: Option<String>,
    /// Quantity as the core formats it ("2", "1.5").
    pub qty: String,
    /// Unit price before modifiers, in minor units.
    pub unit_price_minor: i64,
    /// The line's amount as the core computed it (quantity × (unit price + modifiers)).
    pub amount_minor: i64,
    /// Tax rate in percent as a string ("20", "5.5").
    pub tax_rate: String,
    pub modifiers: Vec<DocModifier>,
    pub note: Option<String>,
    /// How this line leaves the shop ("pickup", "courier", "post"…).
    pub delivery_method: Option<String>,
    /// Its discount, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<DocDiscount>,
}

/// One row of the tax breakdown by rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxBreakdownRow {
    /// Tax rate in percent as a string.
    pub rate: String,
    pub net_minor: i64,
    pub tax_minor: i64,
    pub gross_minor: i64,
}

/// A payment received for the order. Never a card number: `reference` is the
/// terminal's or provider's reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocPayment {
    pub method: String,
    pub amount_minor: i64,
    pub reference: Option<String>,
    pub at: DateTime<Utc>,
    /// Cash given back (the customer handed amount + rounding + change).
    #[serde(default)]
    pub change_minor: i64,
    /// Cash rounding to the smallest coin.
    #[serde(default)]
    pub rounding_minor: i64,
}

/// The currency amounts are in: ISO code and number of minor digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocCurrency {
    pub code: String,
    pub exponent: u32,
}

impl Default for DocCurrency {
    fn default() -> Self {
        DocCurrency {
            code: "EUR".to_string(),
            exponent: 2,
        }
    }
}

/// Totals of a set of lines, as the core's one totals function computes them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocTotals {
    pub subtotal_minor: i64,
    pub tax_minor: i64,
    pub total_minor: i64,
    pub tax_breakdown: Vec<TaxBreakdownRow>,
}

/// Everything a document shows about one order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentModel {
    pub shop: ShopHeader,
    pub order_number: String,
    pub created_at: DateTime<Utc>,
    pub customer: Option<DocCustomer>,
    /// Where the goods go; printed on invoices and packing slips.
    pub shipping_address: Option<Vec<String>>,
    pub lines: Vec<DocLine>,
    pub tax_breakdown: Vec<TaxBreakdownRow>,
    pub subtotal_minor: i64,
    pub tax_minor: i64,
    pub total_minor: i64,
    pub paid_minor: i64,
    pub balance_minor: i64,
    pub payments: Vec<DocPayment>,
    pub currency: DocCurrency,
    /// Set on the parts of a split invoice ("Delivery: courier — part 1 of 2").
    pub part: Option<DocumentPart>,
    /// The order's due date (from the wizard's due-date field).
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    /// The order type's name ("Bike repair"), printed on job tickets.
    #[serde(default)]
    pub order_type: String,
    /// Wizard answers marked to print, each with the documents it goes on.
    #[serde(default)]
    pub answers: Vec<DocAnswer>,
    /// The number the document was issued under (an invoice or a credit
    /// note); none on documents that carry only the order number.
    #[serde(default)]
    pub issue: Option<DocIssue>,
    /// A later print of a document already printed: it says **COPY**.
    #[serde(default)]
    pub copy: bool,
}

/// An issued invoice or credit note: its own number, when it was issued
/// and, for a credit note, the invoice it corrects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocIssue {
    pub number: String,
    pub issued_at: DateTime<Utc>,
    #[serde(default)]
    pub corrects: Option<String>,
}

/// A wizard answer printed on documents as "Label: value".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocAnswer {
    pub label: String,
    pub value: String,
    /// The documents it is printed on.
    pub on: Vec<super::DocumentKind>,
}

impl DocAnswer {
    pub fn text(&self) -> String {
        format!("{}: {}", self.label, self.value)
    }
}

/// Marks one invoice of an order split by delivery method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentPart {
    pub delivery_method: String,
    pub index: usize,
    pub count: usize,
}

impl DocumentModel {
    /// The order's totals as carried by the model.
    pub fn totals(&self) -> DocTotals {
        DocTotals {
            subtotal_minor: self.subtotal_minor,
            tax_minor: self.tax_minor,
            total_minor: self.total_minor,
            tax_breakdown: self.tax_breakdown.clone(),
        }
    }

    /// The shop's one format of amounts and dates ([`ShopFormat`]) for this
    /// document: its locale, currency and time zone (UTC when the zone is
    /// empty or unknown; the suggested locale when none is named).
    pub fn format(&self) -> ShopFormat {
        shop_format(&self.shop, &self.currency)
    }

    /// `at` as the shop's wall clock shows it, in its locale and time zone
    /// (`25/11/2026 15:03`, `11/25/2026 3:03 PM`).
    pub fn local_time(&self, at: DateTime<Utc>) -> String {
        self.format().date_time(at)
    }

    /// The answers printed on `kind`, as "Label: value".
    pub fn answers_on(&self, kind: super::DocumentKind) -> Vec<String> {
        self.answers
            .iter()
            .filter(|a| a.on.contains(&kind))
            .map(DocAnswer::text)
            .collect()
    }

    /// Whether a payment was taken in cash (opens the drawer after the receipt).
    pub fn has_cash_payment(&self) -> bool {
        self.payments
            .iter()
            .any(|p| p.method.trim().eq_ignore_ascii_case("cash"))
    }
}

/// Paper size of invoices and packing slips.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum PaperSize {
    #[default]
    A4,
    Letter,
}

impl PaperSize {
    /// (width, height) in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            PaperSize::A4 => (210.0, 297.0),
            PaperSize::Letter => (215.9, 279.4),
        }
    }
}

/// Thermal receipt paper width.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ReceiptWidth {
    #[default]
    #[serde(rename = "80mm")]
    Mm80,
    #[serde(rename = "58mm")]
    Mm58,
}

impl ReceiptWidth {
    /// Paper width in millimetres.
    pub fn paper_mm(self) -> f32 {
        match self {
            ReceiptWidth::Mm80 => 80.0,
            ReceiptWidth::Mm58 => 58.0,
        }
    }

    /// Characters per line of font A on a typical ESC/POS printer.
    pub fn escpos_columns(self) -> usize {
        match self {
            ReceiptWidth::Mm80 => 48,
            ReceiptWidth::Mm58 => 32,
        }
    }
}

/// The size of one tag (label) in millimetres: the PDF page and CUPS media of
/// tags, and the ESC/POS layout on a label printer. `height_mm` absent (or
/// `null`) is a continuous roll: each tag is as long as its content.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TagSize {
    pub width_mm: f32,
    #[serde(default)]
    pub height_mm: Option<f32>,
}

// Sizes are validated finite (JSON has no NaN), so equality is total.
impl Eq for TagSize {}

impl Default for TagSize {
    /// 2 × 1.5 inch, the size tags always had.
    fn default() -> Self {
        TagSize::mm(50.8, Some(38.1))
    }
}

/// A common label size offered by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TagSizePreset {
    pub name: &'static str,
    pub size: TagSize,
}

impl TagSize {
    /// Narrowest and widest label, in mm (a 4-inch label printer's roll).
    pub const WIDTH_MM: (f32, f32) = (25.0, 104.0);
    /// Shortest and longest die-cut label, in mm.
    pub const HEIGHT_MM: (f32, f32) = (15.0, 200.0);

    pub const fn mm(width_mm: f32, height_mm: Option<f32>) -> Self {
        TagSize {
            width_mm,
            height_mm,
        }
    }

    /// Common label stock: garment and parcel labels in inches, the usual
    /// metric die-cut labels, and Brother's 62 mm continuous roll.
    pub const PRESETS: [TagSizePreset; 6] = [
        TagSizePreset {
            name: "2 × 1.5 in",
            size: TagSize::mm(50.8, Some(38.1)),
        },
        TagSizePreset {
            name: "2 × 1 in",
            size: TagSize::mm(50.8, Some(25.4)),
        },
        TagSizePreset {
            name: "57 × 32 mm",
            size: TagSize::mm(57.0, Some(32.0)),
        },
        TagSizePreset {
            name: "50 × 25 mm",
            size: TagSize::mm(50.0, Some(25.0)),
        },
        TagSizePreset {
            name: "4 × 6 in",
            size: TagSize::mm(101.6, Some(152.4)),
        },
        TagSizePreset {
            name: "62 mm continuous",
            size: TagSize::mm(62.0, None),
        },
    ];

    /// Why this size cannot be printed, if it cannot.
    pub fn problem(&self) -> Option<String> {
        let (min_w, max_w) = Self::WIDTH_MM;
        let (min_h, max_h) = Self::HEIGHT_MM;
        if !self.width_mm.is_finite() || !(min_w..=max_w).contains(&self.width_mm) {
            return Some(format!(
                "a tag is {min_w} to {max_w} mm wide (not {})",
                self.width_mm
            ));
        }
        match self.height_mm {
            Some(h) if !h.is_finite() || !(min_h..=max_h).contains(&h) => Some(format!(
                "a tag is {min_h} to {max_h} mm tall, or a continuous roll (no height); not {h}"
            )),
            _ => None,
        }
    }

    /// "50.8 × 38.1 mm", "62 mm continuous".
    pub fn label(&self) -> String {
        match self.height_mm {
            Some(h) => format!("{} × {} mm", self.width_mm, h),
            None => format!("{} mm continuous", self.width_mm),
        }
    }

    /// Characters per line of ESC/POS font A (12 dots at 8 dots/mm) across
    /// the label, 2 mm kept free each side, at most a 72 mm print head.
    pub fn escpos_columns(&self) -> usize {
        let printable = (self.width_mm - 4.0).clamp(12.0, 72.0);
        (printable * 8.0 / 12.0) as usize
    }

    /// Printable dots across the label (8 dots/mm).
    pub fn escpos_dots(&self) -> usize {
        ((self.width_mm - 4.0).clamp(12.0, 72.0) * 8.0) as usize
    }
}

/// How documents are laid out (from the shop's settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DocumentSettings {
    pub paper: PaperSize,
    pub receipt_width: ReceiptWidth,
    /// Print the order number as a QR code.
    pub order_qr: bool,
    /// Append the cash-drawer kick to ESC/POS receipts of orders paid in cash.
    pub drawer_kick_on_cash: bool,
    /// The size of one tag.
    pub tag_size: TagSize,
}

impl Default for DocumentSettings {
    fn default() -> Self {
        DocumentSettings {
            paper: PaperSize::A4,
            receipt_width: ReceiptWidth::Mm80,
            order_qr: true,
            drawer_kick_on_cash: true,
            tag_size: TagSize::default(),
        }
    }
}

/// The shop's one format of amounts and dates for a document of `shop` in
/// `currency`: its locale and time zone (UTC when the zone is empty or
/// unknown; the suggested locale when none is named).
pub fn shop_format(shop: &ShopHeader, currency: &DocCurrency) -> ShopFormat {
    let zone = shop.time_zone.parse::<chrono_tz::Tz>().ok();
    let locale = Locale::find(&shop.locale)
        .unwrap_or_else(|_| Locale::suggested(zone.map(|z| z.name()), &currency.code));
    ShopFormat::new(
        locale,
        &currency.code,
        currency.exponent,
        zone.unwrap_or(chrono_tz::Tz::UTC),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_preset_is_the_default_and_every_preset_is_printable() {
        assert_eq!(TagSize::PRESETS[0].size, TagSize::default());
        for preset in TagSize::PRESETS {
            assert_eq!(preset.size.problem(), None, "{}", preset.name);
        }
        assert!(TagSize::mm(10.0, Some(20.0)).problem().is_some());
        assert!(TagSize::mm(50.0, Some(f32::NAN)).problem().is_some());
        assert_eq!(TagSize::default().escpos_columns(), 31);
        assert_eq!(TagSize::mm(62.0, None).label(), "62 mm continuous");
    }
}
