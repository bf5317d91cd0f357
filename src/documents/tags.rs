//! Tags: one label per piece of the order (the shop's tag size, 2 × 1.5
//! inch unless set), each with the order number as a QR code and in print,
//! "3 of 5", the customer, the piece's line and the wizard answers marked
//! `tags` (as many as the label holds). The ESC/POS tags are in
//! [`super::escpos_labels`].

use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::model::{DocLine, DocumentModel, DocumentSettings, TagSize};
use super::order_code::draw_qr;
use super::pdf::PdfBuilder;
use super::sheet::Align;
use super::typeface::{fit, Weight};
use super::{DocumentError, DocumentKind};

/// Most labels one order prints (a typo of 10000 for 10 is not 10000 labels).
const MAX_TAGS: usize = 500;
const MARGIN: f32 = 2.5;
/// The QR code's side on a label with room for it.
const QR: f32 = 17.0;
/// Line step of the item and answers.
const STEP: f32 = 3.4;

/// The pieces a line is: its quantity when it is a whole number of at
/// least one, else one (2.5 kg of washing is one bag).
pub fn pieces(line: &DocLine) -> usize {
    match Decimal::from_str(line.qty.trim()) {
        Ok(q) if q >= Decimal::ONE && q.fract().is_zero() => q.to_usize().unwrap_or(MAX_TAGS + 1),
        _ => 1,
    }
}

/// Every tag of `model`: (piece number from 1, total, its line). Refuses an
/// order with no lines or more than [`MAX_TAGS`] pieces.
pub(crate) fn tag_list(
    model: &DocumentModel,
) -> Result<Vec<(usize, usize, &DocLine)>, DocumentError> {
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
    let each = model
        .lines
        .iter()
        .flat_map(|line| std::iter::repeat_n(line, pieces(line)));
    Ok(each
        .enumerate()
        .map(|(i, line)| (i + 1, total, line))
        .collect())
}

/// Where things go on one tag, in mm.
struct Layout {
    width: f32,
    height: f32,
    qr: f32,
    /// The item and answers fit beneath the QR code (else they follow the
    /// customer beside it).
    below: bool,
}

impl Layout {
    fn new(size: TagSize, answers: usize) -> Layout {
        let qr = QR.min(size.width_mm * 0.4);
        match size.height_mm {
            Some(height) => {
                let qr = qr.min(height - 2.0 * MARGIN);
                Layout {
                    width: size.width_mm,
                    height,
                    qr,
                    below: MARGIN + qr + 4.0 <= height - MARGIN,
                }
            }
            None => Layout {
                width: size.width_mm,
                height: 2.0 * MARGIN + qr + 4.0 + STEP * answers as f32,
                qr,
                below: true,
            },
        }
    }
}

/// One tag's page (width, height) in mm: the shop's tag size, or for a
/// continuous roll as long as the content (the media a CUPS queue is told).
pub fn tag_page_mm(model: &DocumentModel, settings: &DocumentSettings) -> (f32, f32) {
    let layout = Layout::new(
        settings.tag_size,
        model.answers_on(DocumentKind::Tags).len(),
    );
    (layout.width, layout.height)
}

/// Render one label per piece of `model`'s lines as a PDF (one page each,
/// `settings.tag_size`).
pub fn render_tags(
    model: &DocumentModel,
    settings: &DocumentSettings,
) -> Result<Vec<u8>, DocumentError> {
    let tags = tag_list(model)?;
    let title = format!("Tags {}", model.order_number);
    let mut pdf = PdfBuilder::new(&title, &model.shop.name, model.created_at)?;
    let answers = model.answers_on(DocumentKind::Tags);
    let layout = Layout::new(settings.tag_size, answers.len());
    let (width, height) = (layout.width, layout.height);
    let customer = model.customer.as_ref().map(|c| c.name.as_str());
    let bottom = height - MARGIN;
    for (n, total, line) in tags {
        let mut sheet = pdf.sheet();
        let regular = sheet.typeface.face(Weight::Regular);
        let bold = sheet.typeface.face(Weight::Bold);
        draw_qr(&mut sheet, MARGIN, MARGIN, layout.qr, &model.order_number)?;
        let x = MARGIN + layout.qr + 2.0;
        let room = width - x - MARGIN;
        let number = fit(bold, &model.order_number, 10.0, room);
        sheet.text(x, MARGIN + 4.5, 10.0, Weight::Bold, Align::Left, &number);
        let count = format!("{n} of {total}");
        sheet.text(x, MARGIN + 11.0, 14.0, Weight::Bold, Align::Left, &count);
        let mut y = MARGIN + 16.0;
        if let Some(name) = customer.filter(|_| y <= bottom) {
            let name = fit(regular, name, 7.5, room);
            sheet.text(x, y, 7.5, Weight::Regular, Align::Left, &name);
        }
        let (left, full) = if layout.below {
            y = MARGIN + layout.qr + 4.0;
            (MARGIN, width - 2.0 * MARGIN)
        } else {
            y += STEP + 0.4;
            (x, room)
        };
        if y <= bottom {
            let item = fit(bold, &line.name, 8.0, full);
            sheet.text(left, y, 8.0, Weight::Bold, Align::Left, &item);
        }
        for answer in &answers {
            if y + STEP > bottom {
                break;
            }
            y += STEP;
            let text = fit(regular, answer, 7.0, full);
            sheet.text(left, y, 7.0, Weight::Regular, Align::Left, &text);
        }
        pdf.push_page(width, height, sheet);
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
