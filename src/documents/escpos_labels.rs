//! The job ticket and the tags as ESC/POS bytes, for a thermal or label
//! printer, from the same model as their PDFs: the order number as a
//! CODE128 barcode (a QR code when the number is not plain ASCII or too
//! long for the paper), and on each tag its piece count ("3 of 5"), then a
//! cut between tags.

use super::escpos::EscPos;
use super::model::{DocumentModel, DocumentSettings};
use super::tags::tag_list;
use super::ticket::ticket_rows;
use super::{DocumentError, DocumentKind};

/// Dots per millimetre of a 203 dpi print head.
const DOTS_PER_MM: f32 = 8.0;
/// Line spacing set for tags (`ESC 3 30`), in dots.
const LINE: usize = 30;
/// Space kept free at the top and bottom of a tag, in dots (2 mm).
const TAG_MARGIN: usize = 16;

/// Render the job ticket of `model` as ESC/POS bytes for
/// `settings.receipt_width` paper: the ticket's rows, its order code as a
/// barcode, then a cut.
pub fn render_ticket_escpos(
    model: &DocumentModel,
    settings: &DocumentSettings,
) -> Result<Vec<u8>, DocumentError> {
    let columns = settings.receipt_width.escpos_columns();
    let dots = columns * 12;
    let mut out = EscPos::new();
    out.rows(ticket_rows(model), columns, Some(dots))?;
    out.cut();
    Ok(out.bytes)
}

/// Render one tag per piece of `model` as ESC/POS bytes for
/// `settings.tag_size` labels. Each tag: the order number as a barcode with
/// its text below, "n of total" large, then the customer, the item and the
/// answers marked `tags` as far as the label's height allows (all of them
/// on a continuous roll); a fixed-height tag is fed to its height; a cut
/// follows every tag.
pub fn render_tags_escpos(
    model: &DocumentModel,
    settings: &DocumentSettings,
) -> Result<Vec<u8>, DocumentError> {
    let size = settings.tag_size;
    let columns = size.escpos_columns();
    let dots = size.escpos_dots();
    // The label's printable height in dots; `None` = continuous.
    let room = size
        .height_mm
        .map(|h| ((h * DOTS_PER_MM) as usize).saturating_sub(2 * TAG_MARGIN));
    let bar_height = room.map_or(64, |r| (r / 4).clamp(32, 80));
    let answers = model.answers_on(DocumentKind::Tags);
    let customer = model.customer.as_ref().map(|c| c.name.clone());
    let mut out = EscPos::new();
    out.line_spacing(LINE as u8);
    for (n, total, line) in tag_list(model)? {
        out.align(1);
        // The barcode and its text below, or a QR code (about 25 mm).
        let mut used = if out.code128(&model.order_number, bar_height as u8, dots) {
            out.bytes.push(b'\n');
            bar_height + LINE
        } else {
            out.qr(&model.order_number)?;
            out.line(&model.order_number);
            200 + LINE
        };
        out.style(true, true);
        out.line(&clip(&format!("{n} of {total}"), columns / 2));
        out.style(false, false);
        used += 2 * LINE;
        let mut rest: Vec<(String, bool)> = Vec::new();
        if let Some(name) = &customer {
            rest.push((name.clone(), false));
        }
        rest.push((line.name.clone(), true));
        rest.extend(answers.iter().map(|a| (a.clone(), false)));
        for (text, bold) in rest {
            if room.is_some_and(|r| used + LINE > r) {
                break;
            }
            out.style(bold, false);
            out.line(&clip(&text, columns));
            used += LINE;
        }
        out.style(false, false);
        out.align(0);
        if let Some(r) = room {
            out.feed_dots(r.saturating_sub(used));
        }
        out.cut();
    }
    Ok(out.bytes)
}

/// `text` cut to `columns` characters.
fn clip(text: &str, columns: usize) -> String {
    text.chars().take(columns.max(1)).collect()
}
