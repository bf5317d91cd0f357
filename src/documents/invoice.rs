//! The invoice: A4 or Letter, as many pages as the lines need, header and
//! column titles repeated on every page, totals on the last.

use printpdf::XObjectId;

use super::letterhead::{PageFrame, MARGIN};
use super::model::{DocLine, DocumentModel, DocumentSettings};
use super::pagination::paginate;
use super::pdf::PdfBuilder;
use super::sheet::{Align, Sheet};
use super::typeface::{typeface, wrap, Typeface, Weight};
use super::{DocumentError, DocumentKind};

const BODY: f32 = 9.0;
const SMALL: f32 = 8.0;
const ROW: f32 = 4.8;
const SUB_ROW: f32 = 4.0;
const TABLE_HEAD: f32 = 7.0;

/// Render the invoice of `model` as a PDF.
pub fn render_invoice(
    model: &DocumentModel,
    settings: &DocumentSettings,
) -> Result<Vec<u8>, DocumentError> {
    render(Sort::Invoice, model, settings)
}

/// Render the credit note of `model` as a PDF: laid out as the invoice, its
/// lines what is credited, its totals the correction of the invoice it
/// names (`model.issue.corrects`).
pub fn render_credit_note(
    model: &DocumentModel,
    settings: &DocumentSettings,
) -> Result<Vec<u8>, DocumentError> {
    if model
        .issue
        .as_ref()
        .and_then(|i| i.corrects.as_ref())
        .is_none()
    {
        return Err(DocumentError::Invalid(
            "a credit note names the invoice it corrects".to_string(),
        ));
    }
    render(Sort::CreditNote, model, settings)
}

/// Which of the two full-page sale documents is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    Invoice,
    CreditNote,
}

impl Sort {
    fn title(self) -> &'static str {
        match self {
            Sort::Invoice => "INVOICE",
            Sort::CreditNote => "CREDIT NOTE",
        }
    }
}

fn render(
    sort: Sort,
    model: &DocumentModel,
    settings: &DocumentSettings,
) -> Result<Vec<u8>, DocumentError> {
    let name = match (sort, &model.issue) {
        (Sort::CreditNote, Some(issue)) => format!("Credit note {}", issue.number),
        (Sort::Invoice, Some(issue)) => format!("Invoice {}", issue.number),
        (_, None) => format!("Invoice {}", model.order_number),
    };
    let title = match &model.part {
        Some(part) => format!(
            "{name} ({} {}/{})",
            part.delivery_method, part.index, part.count
        ),
        None => name,
    };
    let title = if model.copy {
        format!("{title} (copy)")
    } else {
        title
    };
    let mut pdf = PdfBuilder::new(&title, &model.shop.name, model.created_at)?;
    let logo = model.shop.logo.as_ref().and_then(|l| pdf.add_logo(l));
    let (width, height) = settings.paper.size_mm();
    for sheet in invoice_sheets(pdf.typeface, sort, model, settings, logo.as_ref())? {
        pdf.push_page(width, height, sheet);
    }
    pdf.finish()
}

/// The first page of the invoice of `model` as SVG (an on-screen preview,
/// drawn by the same code as the PDF).
pub fn invoice_first_page_svg(
    model: &DocumentModel,
    settings: &DocumentSettings,
) -> Result<String, DocumentError> {
    let logo = model.shop.logo.as_ref();
    let id = logo.map(|_| XObjectId("logo".to_string()));
    let (width, height) = settings.paper.size_mm();
    let first = invoice_sheets(typeface()?, Sort::Invoice, model, settings, id.as_ref())?
        .into_iter()
        .next()
        .ok_or_else(|| DocumentError::Pdf("document has no pages".to_string()))?;
    first.into_svg(width, height, logo)
}

/// The pages of the invoice, drawn.
fn invoice_sheets(
    typeface: &'static Typeface,
    sort: Sort,
    model: &DocumentModel,
    settings: &DocumentSettings,
    logo: Option<&XObjectId>,
) -> Result<Vec<Sheet<'static>>, DocumentError> {
    let (width, height) = settings.paper.size_mm();
    let frame = PageFrame {
        model,
        settings,
        title: sort.title(),
        width,
        height,
        logo,
    };
    let columns = Columns::new(&frame);

    // Measure: header height is the same on every page.
    let mut probe = Sheet::new(typeface);
    let content_top = frame.header(&mut probe)?;
    let rows: Vec<Vec<String>> = model
        .lines
        .iter()
        .map(|line| wrap_name(typeface, line, columns.item_width()))
        .collect();
    let heights: Vec<f32> = model
        .lines
        .iter()
        .zip(&rows)
        .map(|(line, name)| line_height(line, name))
        .collect();
    let body = frame.bottom() - content_top - TABLE_HEAD;
    let first = body - frame.parties_height(true) - frame.answers_height(DocumentKind::Invoice);
    let pages = paginate(&heights, first, body, totals_height(model));

    let count = pages.len();
    let mut sheets = Vec::with_capacity(count);
    for (index, page_lines) in pages.iter().enumerate() {
        let mut sheet = Sheet::new(typeface);
        let mut y = frame.header(&mut sheet)?;
        if index == 0 {
            y = frame.parties(&mut sheet, y, true);
            y = frame.answers(&mut sheet, y, DocumentKind::Invoice);
        }
        if !page_lines.is_empty() {
            y = columns.head(&mut sheet, y);
            for &i in page_lines {
                y = columns.line(&mut sheet, y, model, &model.lines[i], &rows[i]);
            }
        }
        if index + 1 == count {
            draw_totals(&mut sheet, &frame, sort, y + 4.0);
        }
        frame.footer(&mut sheet, index + 1, count);
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// x positions of the invoice table's columns.
struct Columns {
    item: f32,
    sku: f32,
    qty: f32,
    unit: f32,
    tax: f32,
    amount: f32,
}

impl Columns {
    fn new(frame: &PageFrame<'_>) -> Self {
        let amount = frame.right();
        let tax = amount - 30.0;
        let unit = tax - 16.0;
        let qty = unit - 26.0;
        let sku = qty - 40.0;
        Columns {
            item: MARGIN,
            sku,
            qty,
            unit,
            tax,
            amount,
        }
    }

    fn item_width(&self) -> f32 {
        self.sku - self.item - 3.0
    }

    fn head(&self, sheet: &mut Sheet<'_>, y: f32) -> f32 {
        sheet.fill(MARGIN, y - 4.2, self.amount - MARGIN, 6.0, 0.9);
        let b = Weight::Bold;
        sheet.text(self.item + 1.0, y, SMALL, b, Align::Left, "Item");
        sheet.text(self.sku, y, SMALL, b, Align::Left, "SKU");
        sheet.text(self.qty, y, SMALL, b, Align::Right, "Qty");
        sheet.text(self.unit, y, SMALL, b, Align::Right, "Unit price");
        sheet.text(self.tax, y, SMALL, b, Align::Right, "Tax");
        sheet.text(self.amount - 1.0, y, SMALL, b, Align::Right, "Amount");
        y + TABLE_HEAD
    }

    fn line(
        &self,
        sheet: &mut Sheet<'_>,
        y: f32,
        model: &DocumentModel,
        line: &DocLine,
        name: &[String],
    ) -> f32 {
        let format = model.format();
        let r = Weight::Regular;
        let mut y = y;
        let first = y;
        for part in name {
            sheet.text(self.item + 1.0, y, BODY, r, Align::Left, part);
            y += ROW;
        }
        if let Some(sku) = &line.sku {
            sheet.text(self.sku, first, SMALL, r, Align::Left, sku);
        }
        sheet.text(self.qty, first, BODY, r, Align::Right, &line.qty);
        let unit = format.number(line.unit_price_minor);
        sheet.text(self.unit, first, BODY, r, Align::Right, &unit);
        let tax = format!("{}%", line.tax_rate);
        sheet.text(self.tax, first, BODY, r, Align::Right, &tax);
        let off = line.discount.as_ref().map_or(0, |d| d.minor);
        let amount = format.number(line.amount_minor + off);
        sheet.text(self.amount - 1.0, first, BODY, r, Align::Right, &amount);
        if let Some(d) = &line.discount {
            y -= 0.8;
            sheet.text(self.item + 4.0, y, SMALL, r, Align::Left, &d.label);
            let off = format.number(-d.minor);
            sheet.text(self.amount - 1.0, y, SMALL, r, Align::Right, &off);
            y += SUB_ROW + 0.8;
        }
        for modifier in &line.modifiers {
            y -= 0.8;
            let text = format!("+ {}", modifier.name);
            sheet.text(self.item + 4.0, y, SMALL, r, Align::Left, &text);
            let sign = if modifier.amount_minor < 0 { "" } else { "+" };
            let price = format!("{sign}{}", format.number(modifier.amount_minor));
            sheet.text(self.unit, y, SMALL, r, Align::Right, &price);
            y += SUB_ROW + 0.8;
        }
        if let Some(note) = &line.note {
            y -= 0.8;
            let text = format!("Note: {note}");
            sheet.text(self.item + 4.0, y, SMALL, r, Align::Left, &text);
            y += SUB_ROW + 0.8;
        }
        sheet.rule(MARGIN, y - 3.6, self.amount, y - 3.6, 0.3, 0.8);
        y + 0.6
    }
}

fn wrap_name(typeface: &Typeface, line: &DocLine, width: f32) -> Vec<String> {
    let mut lines = wrap(typeface.face(Weight::Regular), &line.name, BODY, width);
    lines.truncate(3);
    lines
}

fn line_height(line: &DocLine, name: &[String]) -> f32 {
    let notes = usize::from(line.note.is_some());
    ROW * name.len() as f32 + SUB_ROW * (line.modifiers.len() + notes) as f32 + 0.6
}

const TOTAL_ROW: f32 = 5.2;
const SMALL_ROW: f32 = 4.2;

fn totals_height(model: &DocumentModel) -> f32 {
    let breakdown = if model.tax_breakdown.is_empty() {
        0.0
    } else {
        SMALL_ROW * (model.tax_breakdown.len() + 1) as f32 + 4.0
    };
    let payments = if model.payments.is_empty() {
        0.0
    } else {
        SMALL_ROW * (model.payments.len() + 1) as f32
    };
    4.0 + (breakdown + payments).max(TOTAL_ROW * 5.0 + 1.0) + 4.0
}

/// Tax breakdown and payments on the left, the totals column on the right.
fn draw_totals(sheet: &mut Sheet<'_>, frame: &PageFrame<'_>, sort: Sort, top: f32) {
    let model = frame.model;
    let format = model.format();
    let r = Weight::Regular;
    let b = Weight::Bold;
    let left = MARGIN + 1.0;

    let mut y = top + 4.0;
    if !model.tax_breakdown.is_empty() {
        let cols = [left + 40.0, left + 62.0, left + 84.0];
        sheet.text(left, y, SMALL, b, Align::Left, "Tax rate");
        for (x, label) in cols.iter().zip(["Net", "Tax", "Gross"]) {
            sheet.text(*x, y, SMALL, b, Align::Right, label);
        }
        for row in &model.tax_breakdown {
            y += SMALL_ROW;
            let rate = format!("{}%", row.rate);
            sheet.text(left, y, SMALL, r, Align::Left, &rate);
            let values = [row.net_minor, row.tax_minor, row.gross_minor];
            for (x, value) in cols.iter().zip(values) {
                sheet.text(*x, y, SMALL, r, Align::Right, &format.number(value));
            }
        }
        y += 4.0 + SMALL_ROW;
    }
    if !model.payments.is_empty() {
        let heading = match sort {
            Sort::Invoice => "Payments",
            Sort::CreditNote => "Refunds",
        };
        sheet.text(left, y, SMALL, b, Align::Left, heading);
        for p in &model.payments {
            y += SMALL_ROW;
            let mut text = format!("{}  {}", format.date_time(p.at), p.method);
            if let Some(reference) = &p.reference {
                text.push_str(&format!("  ref {reference}"));
            }
            sheet.text(left, y, SMALL, r, Align::Left, &text);
            let amount = format.number(p.amount_minor);
            sheet.text(left + 84.0, y, SMALL, r, Align::Right, &amount);
        }
    }

    let right = frame.right() - 1.0;
    let label_x = right - 62.0;
    let row = |sheet: &mut Sheet<'_>, y: f32, label: &str, value: i64, weight, size| {
        sheet.text(label_x, y, size, weight, Align::Left, label);
        let text = format.money(value);
        sheet.text(right, y, size, weight, Align::Right, &text);
    };
    let mut y = top + 4.0;
    row(sheet, y, "Subtotal", model.subtotal_minor, r, BODY);
    y += TOTAL_ROW;
    row(sheet, y, "Tax", model.tax_minor, r, BODY);
    y += 2.0;
    sheet.rule(label_x, y, frame.right(), y, 0.6, 0.0);
    y += TOTAL_ROW;
    match sort {
        Sort::Invoice => {
            row(sheet, y, "Total", model.total_minor, b, 11.0);
            y += TOTAL_ROW;
            row(sheet, y, "Paid", model.paid_minor, r, BODY);
            y += TOTAL_ROW;
            row(sheet, y, "Balance due", model.balance_minor, b, BODY);
        }
        Sort::CreditNote => {
            row(sheet, y, "Total credited", model.total_minor, b, 11.0);
            y += TOTAL_ROW;
            row(sheet, y, "Refunded", model.paid_minor, r, BODY);
        }
    }
}
