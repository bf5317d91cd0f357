//! The till receipt. Its content is one list of rows ([`receipt_rows`]) that
//! both the PDF (80 / 58 mm wide, as tall as the content) and the ESC/POS
//! renderer print, so the two never disagree.

use printpdf::XObjectId;

use super::model::{DocumentModel, DocumentSettings, ReceiptWidth, ShopLogo};
use super::order_code::draw_qr;
use super::pdf::PdfBuilder;
use super::sheet::{Align, Sheet};
use super::typeface::{fit, typeface, wrap, Typeface, Weight};
use super::{DocumentError, DocumentKind};

/// One row of a receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Row {
    /// Centred text; `big` is the shop name / total size.
    Center { text: String, bold: bool, big: bool },
    /// Text left, amount right on the same line.
    Pair {
        left: String,
        right: String,
        bold: bool,
        big: bool,
    },
    /// Left-aligned text, wrapped to the paper width; `indent` for sub-rows.
    Text { text: String, indent: bool },
    /// A horizontal separator.
    Rule,
    /// The order number as a QR code.
    Qr(String),
}

/// The rows of the receipt of `model`.
pub(crate) fn receipt_rows(model: &DocumentModel, settings: &DocumentSettings) -> Vec<Row> {
    let format = model.format();
    let money = |minor: i64| format.number(minor);
    let center = |text: String, bold: bool, big: bool| Row::Center { text, bold, big };
    let pair = |left: String, right: String, bold: bool| Row::Pair {
        left,
        right,
        bold,
        big: false,
    };
    let text = |text: String, indent: bool| Row::Text { text, indent };
    let signed = |minor: i64| {
        let sign = if minor < 0 { "" } else { "+" };
        format!("{sign}{}", money(minor))
    };

    let mut rows = vec![center(model.shop.name.clone(), true, true)];
    for line in &model.shop.address_lines {
        rows.push(center(line.clone(), false, false));
    }
    if let Some(tax_id) = &model.shop.tax_id {
        rows.push(center(format!("Tax ID: {tax_id}"), false, false));
    }
    rows.push(Row::Rule);
    if model.copy {
        rows.push(center("COPY".into(), true, true));
    }
    // The date and time under the number: a locale's clock ("11/25/2026
    // 3:03 PM") does not fit beside it on a 58 mm roll.
    rows.push(pair(
        format!("Receipt {}", model.order_number),
        String::new(),
        true,
    ));
    rows.push(text(format.date_time(model.created_at), false));
    if let Some(customer) = &model.customer {
        rows.push(text(format!("Customer: {}", customer.name), false));
    }
    for answer in model.answers_on(DocumentKind::Receipt) {
        rows.push(text(answer, false));
    }
    rows.push(Row::Rule);
    for line in &model.lines {
        rows.push(text(line.name.clone(), false));
        for modifier in &line.modifiers {
            rows.push(text(
                format!("+ {} ({})", modifier.name, signed(modifier.amount_minor)),
                true,
            ));
        }
        // The unit price as charged: base price plus the modifiers' adjustments.
        let unit =
            line.unit_price_minor + line.modifiers.iter().map(|m| m.amount_minor).sum::<i64>();
        let off = line.discount.as_ref().map_or(0, |d| d.minor);
        rows.push(pair(
            format!("  {} x {}", line.qty, money(unit)),
            money(line.amount_minor + off),
            false,
        ));
        if let Some(d) = &line.discount {
            rows.push(pair(format!("  {}", d.label), money(-d.minor), false));
        }
        if let Some(note) = &line.note {
            rows.push(text(format!("Note: {note}"), true));
        }
    }
    rows.push(Row::Rule);
    rows.push(pair("Subtotal".into(), money(model.subtotal_minor), false));
    for tax in &model.tax_breakdown {
        rows.push(pair(
            format!("Tax {}% on {}", tax.rate, money(tax.net_minor)),
            money(tax.tax_minor),
            false,
        ));
    }
    if model.tax_breakdown.is_empty() {
        rows.push(pair("Tax".into(), money(model.tax_minor), false));
    }
    rows.push(Row::Pair {
        left: "TOTAL".into(),
        right: format.money(model.total_minor),
        bold: true,
        big: true,
    });
    for payment in &model.payments {
        rows.push(pair(
            format!("Paid {}", payment.method),
            money(payment.amount_minor),
            false,
        ));
        // When it was paid, under "Paid …" (a deposit may be weeks older).
        let mut when = format.date_time(payment.at);
        if let Some(reference) = &payment.reference {
            when.push_str(&format!("  Ref: {reference}"));
        }
        rows.push(text(when, true));
        if payment.change_minor != 0 || payment.rounding_minor != 0 {
            let handed = payment.amount_minor + payment.rounding_minor + payment.change_minor;
            if payment.rounding_minor != 0 {
                rows.push(pair(
                    "  Rounding".into(),
                    signed(payment.rounding_minor),
                    false,
                ));
            }
            rows.push(pair("  Tendered".into(), money(handed), false));
            rows.push(Row::Pair {
                left: "CHANGE".into(),
                right: format.money(payment.change_minor),
                bold: true,
                big: true,
            });
        }
    }
    if model.balance_minor > 0 {
        rows.push(pair("Balance due".into(), money(model.balance_minor), true));
    } else if model.balance_minor < 0 {
        rows.push(pair("Change".into(), money(-model.balance_minor), true));
    }
    rows.push(Row::Rule);
    if settings.order_qr {
        rows.push(Row::Qr(model.order_number.clone()));
        rows.push(center(model.order_number.clone(), true, false));
    }
    if let Some(footer) = &model.shop.footer {
        for line in footer.lines() {
            rows.push(center(line.to_string(), false, false));
        }
    }
    rows
}

/// Paper geometry of a receipt width: (paper width, side margin, body font size).
fn geometry(width: ReceiptWidth) -> (f32, f32, f32) {
    match width {
        ReceiptWidth::Mm80 => (80.0, 4.0, 8.5),
        ReceiptWidth::Mm58 => (58.0, 3.0, 7.0),
    }
}

/// Render the receipt of `model` as a PDF whose height follows its content.
pub fn render_receipt(
    model: &DocumentModel,
    settings: &DocumentSettings,
) -> Result<Vec<u8>, DocumentError> {
    let title = format!("Receipt {}", model.order_number);
    let mut pdf = PdfBuilder::new(&title, &model.shop.name, model.created_at)?;
    let logo = model.shop.logo.as_ref().and_then(|l| pdf.add_logo(l));
    let (sheet, paper, height) = receipt_sheet(pdf.typeface, model, settings, logo.as_ref())?;
    pdf.push_page(paper, height, sheet);
    pdf.finish()
}

/// The receipt's page (width, height) in mm: the paper roll's width and as
/// long as its content, so the queue can be told the media to print it on.
pub fn receipt_page_mm(
    model: &DocumentModel,
    settings: &DocumentSettings,
) -> Result<(f32, f32), DocumentError> {
    let id = model
        .shop
        .logo
        .as_ref()
        .map(|_| XObjectId("logo".to_string()));
    let (_, paper, height) = receipt_sheet(typeface()?, model, settings, id.as_ref())?;
    Ok((paper, height))
}

/// The receipt of `model` as SVG (an on-screen preview, drawn by the same
/// code as the PDF).
pub fn receipt_svg(
    model: &DocumentModel,
    settings: &DocumentSettings,
) -> Result<String, DocumentError> {
    let logo = model.shop.logo.as_ref();
    let id = logo.map(|_| XObjectId("logo".to_string()));
    let (sheet, paper, height) = receipt_sheet(typeface()?, model, settings, id.as_ref())?;
    sheet.into_svg(paper, height, logo)
}

/// The receipt drawn on one sheet: (sheet, paper width, height), in mm.
fn receipt_sheet(
    typeface: &'static Typeface,
    model: &DocumentModel,
    settings: &DocumentSettings,
    logo: Option<&XObjectId>,
) -> Result<(Sheet<'static>, f32, f32), DocumentError> {
    rows_sheet(
        typeface,
        receipt_rows(model, settings),
        settings.receipt_width,
        logo.zip(model.shop.logo.as_ref()),
    )
}

/// `rows` drawn on one roll of `width` paper, under the logo when given:
/// (sheet, paper width, height), in mm.
pub(crate) fn rows_sheet(
    typeface: &'static Typeface,
    rows: Vec<Row>,
    receipt_width: ReceiptWidth,
    logo: Option<(&XObjectId, &ShopLogo)>,
) -> Result<(Sheet<'static>, f32, f32), DocumentError> {
    rows_on(typeface, rows, geometry(receipt_width), logo)
}

/// `rows` drawn on paper of `(width, side margin, body font size)` (a
/// receipt roll, or an A4 page for the till report): (sheet, width, height).
pub(crate) fn rows_on(
    typeface: &'static Typeface,
    rows: Vec<Row>,
    (paper, margin, size): (f32, f32, f32),
    logo: Option<(&XObjectId, &ShopLogo)>,
) -> Result<(Sheet<'static>, f32, f32), DocumentError> {
    let left = margin;
    let right = paper - margin;
    let width = right - left;
    let step = size * 0.3528 * 1.45;
    let big = size + 3.0;
    let qr_size = (width * 0.45).min(28.0);

    let mut sheet = Sheet::new(typeface);
    let face = typeface.face(Weight::Regular);
    let mut y = margin + 2.0;
    // The shop's logo, centred above its name: at most 60 % of the roll's
    // width and 18 mm tall, in its own proportions.
    if let Some((id, image)) = logo {
        let ratio = image.width_px as f32 / image.height_px.max(1) as f32;
        let h = (width * 0.6 / ratio).min(18.0);
        let w = h * ratio;
        sheet.image(id.clone(), (paper - w) / 2.0, y, w, h, image.width_px);
        y += h + step * 0.5;
    }
    for row in rows {
        match row {
            Row::Center {
                text,
                bold,
                big: is_big,
            } => {
                let (s, w) = style(bold, is_big, size, big);
                for part in wrap(sheet.typeface.face(w), &text, s, width) {
                    y += if is_big { step * 1.4 } else { step };
                    sheet.text(paper / 2.0, y, s, w, Align::Center, &part);
                }
            }
            Row::Pair {
                left: l,
                right: r,
                bold,
                big: is_big,
            } => {
                let (s, w) = style(bold, is_big, size, big);
                y += if is_big { step * 1.5 } else { step };
                let right_width = sheet.width(&r, s, w);
                let l = fit(sheet.typeface.face(w), &l, s, width - right_width - 2.0);
                sheet.text(left, y, s, w, Align::Left, &l);
                sheet.text(right, y, s, w, Align::Right, &r);
            }
            Row::Text { text, indent } => {
                let x = if indent { left + 2.0 } else { left };
                for part in wrap(face, &text, size, right - x) {
                    y += step;
                    sheet.text(x, y, size, Weight::Regular, Align::Left, &part);
                }
            }
            Row::Rule => {
                y += step * 0.7;
                sheet.rule(left, y, right, y, 0.5, 0.3);
                y += step * 0.3;
            }
            Row::Qr(text) => {
                y += step * 0.6;
                draw_qr(&mut sheet, (paper - qr_size) / 2.0, y, qr_size, &text)?;
                y += qr_size;
            }
        }
    }
    let height = y + margin + 4.0;
    Ok((sheet, paper, height))
}

fn style(bold: bool, big: bool, size: f32, big_size: f32) -> (f32, Weight) {
    let weight = if bold { Weight::Bold } else { Weight::Regular };
    (if big { big_size } else { size }, weight)
}
