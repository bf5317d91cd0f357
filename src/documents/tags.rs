//! Tags: one label per piece of the order (2 × 1.5 inch, the size of
//! garment and parcel labels), each with the order number as a QR code and
//! in print, "3 of 5", the customer, the piece's line and the wizard
//! answers marked `tags`.

use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::model::{DocLine, DocumentModel, DocumentSettings};
use super::order_code::draw_qr;
use super::pdf::PdfBuilder;
use super::sheet::Align;
use super::typeface::{fit, Weight};
use super::{DocumentError, DocumentKind};

/// Label size (width, height) in millimetres: 2 × 1.5 inch.
pub const TAG_SIZE_MM: (f32, f32) = (50.8, 38.1);
/// Most labels one order prints (a typo of 10000 for 10 is not 10000 labels).
const MAX_TAGS: usize = 500;
const MARGIN: f32 = 2.5;
const QR: f32 = 17.0;

/// The pieces a line is: its quantity when it is a whole number of at
/// least one, else one (2.5 kg of washing is one bag).
pub fn pieces(line: &DocLine) -> usize {
    match Decimal::from_str(line.qty.trim()) {
        Ok(q) if q >= Decimal::ONE && q.fract().is_zero() => q.to_usize().unwrap_or(MAX_TAGS + 1),
        _ => 1,
    }
}

/// Render one label per piece of `model`'s lines as a PDF (one page each).
pub fn render_tags(
    model: &DocumentModel,
    _settings: &DocumentSettings,
) -> Result<Vec<u8>, DocumentError> {
    let total: usize = model.lines.iter().map(pieces).sum();
    if total == 0 {
        return Err(DocumentError::Invalid(format!(
            "order {} has no lines to tag",
            model.order_number
        )));
    }
    if total > MAX_TAGS {
        return Err(DocumentError::Invalid(format!(
            "order {} would print {total} tags; at most {MAX_TAGS}",
            model.order_number
        )));
    }
    let title = format!("Tags {}", model.order_number);
    let mut pdf = PdfBuilder::new(&title, &model.shop.name, model.created_at)?;
    let (width, height) = TAG_SIZE_MM;
    let answers = model.answers_on(DocumentKind::Tags);
    let customer = model.customer.as_ref().map(|c| c.name.as_str());
    let mut n = 0;
    for line in &model.lines {
        for _ in 0..pieces(line) {
            n += 1;
            let mut sheet = pdf.sheet();
            let regular = sheet.typeface.face(Weight::Regular);
            let bold = sheet.typeface.face(Weight::Bold);
            draw_qr(&mut sheet, MARGIN, MARGIN, QR, &model.order_number)?;
            let x = MARGIN + QR + 2.0;
            let room = width - x - MARGIN;
            let number = fit(bold, &model.order_number, 10.0, room);
            sheet.text(x, MARGIN + 4.5, 10.0, Weight::Bold, Align::Left, &number);
            let count = format!("{n} of {total}");
            sheet.text(x, MARGIN + 11.0, 14.0, Weight::Bold, Align::Left, &count);
            if let Some(name) = customer {
                let name = fit(regular, name, 7.5, room);
                sheet.text(x, MARGIN + 16.0, 7.5, Weight::Regular, Align::Left, &name);
            }
            let full = width - 2.0 * MARGIN;
            let mut y = MARGIN + QR + 4.0;
            let item = fit(bold, &line.name, 8.0, full);
            sheet.text(MARGIN, y, 8.0, Weight::Bold, Align::Left, &item);
            for answer in &answers {
                if y + 3.4 > height - MARGIN {
                    break;
                }
                y += 3.4;
                let text = fit(regular, answer, 7.0, full);
                sheet.text(MARGIN, y, 7.0, Weight::Regular, Align::Left, &text);
            }
            pdf.push_page(width, height, sheet);
        }
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(qty: &str) -> DocLine {
        DocLine {
            name: "Shirt".into(),
            sku: None,
            qty: qty.into(),
            unit_price_minor: 0,
            amount_minor: 0,
            tax_rate: "0".into(),
            modifiers: Vec::new(),
            note: None,
            delivery_method: None,
            discount: None,
        }
    }

    #[test]
    fn a_whole_quantity_is_that_many_pieces() {
        assert_eq!(pieces(&line("3")), 3);
        assert_eq!(pieces(&line("2.00")), 2);
        assert_eq!(pieces(&line("2.5")), 1);
        assert_eq!(pieces(&line("0.4")), 1);
    }
}
