//! The packing slip: what to pick and where it goes, without prices.

use super::letterhead::{PageFrame, MARGIN};
use super::model::{DocLine, DocumentModel, DocumentSettings};
use super::pagination::paginate;
use super::pdf::PdfBuilder;
use super::sheet::{Align, Sheet};
use super::typeface::{wrap, Weight};
use super::DocumentError;

const BODY: f32 = 10.0;
const SMALL: f32 = 8.0;
const ROW: f32 = 6.5;
const SUB_ROW: f32 = 4.2;
const TABLE_HEAD: f32 = 8.0;
const TAIL: f32 = 24.0;

/// Render the packing slip of `model` as a PDF.
pub fn render_packing_slip(
    model: &DocumentModel,
    settings: &DocumentSettings,
) -> Result<Vec<u8>, DocumentError> {
    let title = format!("Packing slip {}", model.order_number);
    let mut pdf = PdfBuilder::new(&title, &model.shop.name, model.created_at)?;
    let logo = model.shop.logo.as_ref().and_then(|l| pdf.add_logo(l));
    let (width, height) = settings.paper.size_mm();
    let frame = PageFrame {
        model,
        settings,
        title: "PACKING SLIP",
        width,
        height,
        logo: logo.as_ref(),
    };
    let columns = Columns::new(&frame);

    let mut probe = pdf.sheet();
    let content_top = frame.header(&mut probe)?;
    let face = pdf.typeface.face(Weight::Regular);
    let names: Vec<Vec<String>> = model
        .lines
        .iter()
        .map(|l| {
            let mut lines = wrap(face, &l.name, BODY, columns.item_width());
            lines.truncate(3);
            lines
        })
        .collect();
    let heights: Vec<f32> = model
        .lines
        .iter()
        .zip(&names)
        .map(|(line, name)| row_height(line, name))
        .collect();
    let body = frame.bottom() - content_top - TABLE_HEAD;
    let first = body - frame.parties_height(false);
    let pages = paginate(&heights, first, body, TAIL);

    let count = pages.len();
    for (index, page_lines) in pages.iter().enumerate() {
        let mut sheet = pdf.sheet();
        let mut y = frame.header(&mut sheet)?;
        if index == 0 {
            y = frame.parties(&mut sheet, y, false);
        }
        if !page_lines.is_empty() {
            y = columns.head(&mut sheet, y);
            for &i in page_lines {
                y = columns.line(&mut sheet, y, &model.lines[i], &names[i]);
            }
        }
        if index + 1 == count {
            draw_tail(&mut sheet, &frame, model, y + 6.0);
        }
        frame.footer(&mut sheet, index + 1, count);
        pdf.push_page(width, height, sheet);
    }
    pdf.finish()
}

struct Columns {
    tick: f32,
    qty: f32,
    item: f32,
    sku: f32,
    delivery: f32,
    right: f32,
}

impl Columns {
    fn new(frame: &PageFrame<'_>) -> Self {
        let right = frame.right();
        Columns {
            tick: MARGIN + 1.0,
            qty: MARGIN + 30.0,
            item: MARGIN + 36.0,
            sku: right - 62.0,
            delivery: right - 28.0,
            right,
        }
    }

    fn item_width(&self) -> f32 {
        self.sku - self.item - 3.0
    }

    fn head(&self, sheet: &mut Sheet<'_>, y: f32) -> f32 {
        sheet.fill(MARGIN, y - 4.2, self.right - MARGIN, 6.0, 0.9);
        let b = Weight::Bold;
        sheet.text(self.tick, y, SMALL, b, Align::Left, "Picked");
        sheet.text(self.qty, y, SMALL, b, Align::Right, "Qty");
        sheet.text(self.item, y, SMALL, b, Align::Left, "Item");
        sheet.text(self.sku, y, SMALL, b, Align::Left, "SKU");
        sheet.text(self.delivery, y, SMALL, b, Align::Left, "Delivery");
        y + TABLE_HEAD
    }

    fn line(&self, sheet: &mut Sheet<'_>, y: f32, line: &DocLine, name: &[String]) -> f32 {
        let r = Weight::Regular;
        let first = y;
        // The tick box a picker marks.
        sheet.outline(self.tick + 2.0, first - 3.6, 4.2, 4.2, 0.0);
        sheet.text(self.qty, first, BODY, Weight::Bold, Align::Right, &line.qty);
        let mut y = y;
        for part in name {
            sheet.text(self.item, y, BODY, r, Align::Left, part);
            y += ROW;
        }
        if let Some(sku) = &line.sku {
            sheet.text(self.sku, first, SMALL, r, Align::Left, sku);
        }
        if let Some(method) = &line.delivery_method {
            sheet.text(self.delivery, first, SMALL, r, Align::Left, method);
        }
        for modifier in &line.modifiers {
            y -= 1.5;
            let text = format!("+ {}", modifier.name);
            sheet.text(self.item + 3.0, y, SMALL, r, Align::Left, &text);
            y += SUB_ROW + 1.5;
        }
        if let Some(note) = &line.note {
            y -= 1.5;
            let text = format!("Note: {note}");
            sheet.text(self.item + 3.0, y, SMALL, r, Align::Left, &text);
            y += SUB_ROW + 1.5;
        }
        sheet.rule(MARGIN, y - 4.4, self.right, y - 4.4, 0.3, 0.8);
        y
    }
}

fn row_height(line: &DocLine, name: &[String]) -> f32 {
    let notes = usize::from(line.note.is_some());
    ROW * name.len() as f32 + SUB_ROW * (line.modifiers.len() + notes) as f32
}

/// Item count and the picker's / checker's signature lines.
fn draw_tail(sheet: &mut Sheet<'_>, frame: &PageFrame<'_>, model: &DocumentModel, y: f32) {
    let summary = format!(
        "{} line{} to pick",
        model.lines.len(),
        if model.lines.len() == 1 { "" } else { "s" }
    );
    sheet.text(MARGIN + 1.0, y, BODY, Weight::Bold, Align::Left, &summary);
    let sign_y = y + 14.0;
    let half = (frame.right() - MARGIN) / 2.0;
    for (i, label) in ["Picked by", "Checked by"].iter().enumerate() {
        let x = MARGIN + half * i as f32;
        sheet.text(x + 1.0, sign_y, SMALL, Weight::Regular, Align::Left, label);
        sheet.rule(
            x + 20.0,
            sign_y + 0.5,
            x + half - 8.0,
            sign_y + 0.5,
            0.4,
            0.0,
        );
    }
}
