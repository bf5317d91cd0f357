//! The job ticket: the workshop's copy of an order, receipt width. The
//! order number large and as a QR code to scan at the bench, the customer,
//! the due date, the wizard answers marked `ticket` (bike make, fault) and
//! the lines with their pieces — no prices.

use super::model::{DocumentModel, DocumentSettings};
use super::pdf::PdfBuilder;
use super::receipt::{rows_sheet, Row};
use super::tags::pieces;
use super::DocumentError;
use super::DocumentKind;

/// The rows of the job ticket of `model`.
pub(crate) fn ticket_rows(model: &DocumentModel) -> Vec<Row> {
    let center = |text: String, bold: bool, big: bool| Row::Center { text, bold, big };
    let pair = |left: &str, right: String, bold: bool, big: bool| Row::Pair {
        left: left.to_string(),
        right,
        bold,
        big,
    };
    let text = |text: String, indent: bool| Row::Text { text, indent };
    let format = model.format();

    let mut rows = vec![
        center("JOB TICKET".into(), true, false),
        center(model.shop.name.clone(), false, false),
        Row::Rule,
        center(model.order_number.clone(), true, true),
        Row::Qr(model.order_number.clone()),
    ];
    if !model.order_type.is_empty() {
        rows.push(pair("Order type", model.order_type.clone(), false, false));
    }
    rows.push(pair(
        "Taken in",
        format.date_time(model.created_at),
        false,
        false,
    ));
    match model.due_date {
        Some(due) => rows.push(pair("DUE", format.date(due), true, true)),
        None => rows.push(pair("Due", "no due date".into(), false, false)),
    }
    if let Some(customer) = &model.customer {
        rows.push(Row::Rule);
        rows.push(text(format!("Customer: {}", customer.name), false));
        if let Some(phone) = &customer.phone {
            rows.push(text(format!("Phone: {phone}"), false));
        }
    }
    let answers = model.answers_on(DocumentKind::Ticket);
    if !answers.is_empty() {
        rows.push(Row::Rule);
        for answer in answers {
            rows.push(text(answer, false));
        }
    }
    rows.push(Row::Rule);
    for line in &model.lines {
        rows.push(text(format!("{} x {}", line.qty, line.name), false));
        for modifier in &line.modifiers {
            rows.push(text(format!("+ {}", modifier.name), true));
        }
        if let Some(note) = &line.note {
            rows.push(text(format!("Note: {note}"), true));
        }
    }
    let count: usize = model.lines.iter().map(pieces).sum();
    rows.push(Row::Rule);
    rows.push(pair("Pieces", count.to_string(), true, false));
    rows
}

/// The job ticket's page (width, height) in mm: the roll's width and as
/// long as its content (the media a CUPS queue is told).
pub fn ticket_page_mm(
    model: &DocumentModel,
    settings: &DocumentSettings,
) -> Result<(f32, f32), DocumentError> {
    let typeface = super::typeface::typeface()?;
    let (_, paper, height) =
        rows_sheet(typeface, ticket_rows(model), settings.receipt_width, None)?;
    Ok((paper, height))
}

/// Render the job ticket of `model` as a PDF (receipt width, as tall as
/// its content).
pub fn render_ticket(
    model: &DocumentModel,
    settings: &DocumentSettings,
) -> Result<Vec<u8>, DocumentError> {
    let title = format!("Job ticket {}", model.order_number);
    let mut pdf = PdfBuilder::new(&title, &model.shop.name, model.created_at)?;
    let (sheet, paper, height) = rows_sheet(
        pdf.typeface,
        ticket_rows(model),
        settings.receipt_width,
        None,
    )?;
    pdf.push_page(paper, height, sheet);
    pdf.finish()
}
