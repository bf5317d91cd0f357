//! The parts shared by full-page documents (invoice, packing slip): the shop
//! header repeated on every page, the bill-to / ship-to block of the first
//! page and the footer with "Page X of Y".

use printpdf::XObjectId;

use super::model::{DocumentModel, DocumentSettings, ShopLogo};
use super::order_code::draw_qr;
use super::sheet::{Align, Sheet};
use super::typeface::Weight;
use super::{DocumentError, DocumentKind};

/// Page margin on all sides, mm.
pub(crate) const MARGIN: f32 = 15.0;
/// Space reserved at the bottom of every page for the footer, mm.
pub(crate) const FOOTER: f32 = 10.0;
const QR_SIZE: f32 = 22.0;
const LOGO_HEIGHT: f32 = 16.0;

/// The page being drawn and what it belongs to.
pub(crate) struct PageFrame<'m> {
    pub(crate) model: &'m DocumentModel,
    pub(crate) settings: &'m DocumentSettings,
    pub(crate) title: &'m str,
    pub(crate) width: f32,
    pub(crate) height: f32,
    pub(crate) logo: Option<&'m XObjectId>,
}

impl PageFrame<'_> {
    /// Right edge of the content area.
    pub(crate) fn right(&self) -> f32 {
        self.width - MARGIN
    }

    /// Lowest y rows may reach.
    pub(crate) fn bottom(&self) -> f32 {
        self.height - MARGIN - FOOTER
    }

    /// Draw the header; returns the y where content starts.
    pub(crate) fn header(&self, sheet: &mut Sheet<'_>) -> Result<f32, DocumentError> {
        let shop = &self.model.shop;
        let top = MARGIN;
        let mut left_x = MARGIN;
        let mut bottom = top;
        if let (Some(id), Some(logo)) = (self.logo, shop.logo.as_ref()) {
            let w = logo_width(logo);
            sheet.image(id.clone(), MARGIN, top, w, LOGO_HEIGHT, logo.width_px);
            left_x += w + 4.0;
            bottom = top + LOGO_HEIGHT;
        }
        let mut y = top + 5.0;
        sheet.text(left_x, y, 14.0, Weight::Bold, Align::Left, &shop.name);
        y += 1.5;
        for line in &shop.address_lines {
            y += 3.8;
            sheet.text(left_x, y, 8.5, Weight::Regular, Align::Left, line);
        }
        if let Some(tax_id) = &shop.tax_id {
            y += 3.8;
            let text = format!("Tax ID: {tax_id}");
            sheet.text(left_x, y, 8.5, Weight::Regular, Align::Left, &text);
        }
        bottom = bottom.max(y + 2.0);

        let mut rx = self.right();
        if self.settings.order_qr {
            draw_qr(sheet, rx - QR_SIZE, top, QR_SIZE, &self.model.order_number)?;
            rx -= QR_SIZE + 4.0;
            bottom = bottom.max(top + QR_SIZE);
        }
        sheet.text(rx, top + 6.0, 16.0, Weight::Bold, Align::Right, self.title);
        if self.model.copy {
            let middle = self.width / 2.0;
            sheet.text(middle, top + 6.0, 16.0, Weight::Bold, Align::Center, "COPY");
        }
        let mut y = top + 12.0;
        for (size, weight, text) in self.reference_lines() {
            sheet.text(rx, y, size, weight, Align::Right, &text);
            bottom = bottom.max(y + 1.5);
            y += 4.5;
        }

        let rule_y = bottom + 3.0;
        sheet.rule(MARGIN, rule_y, self.right(), rule_y, 0.8, 0.0);
        Ok(rule_y + 6.0)
    }

    /// The lines under the title: the document's own number (an invoice
    /// or credit note, with the invoice a credit note corrects), the order
    /// number, the date (of issue, else of the order) in the shop's time
    /// zone, and the part of a split invoice.
    fn reference_lines(&self) -> Vec<(f32, Weight, String)> {
        let model = self.model;
        let format = model.format();
        let mut lines = Vec::new();
        match &model.issue {
            Some(issue) => {
                let label = match issue.corrects {
                    Some(_) => "Credit note",
                    None => "Invoice",
                };
                lines.push((10.0, Weight::Bold, format!("{label} {}", issue.number)));
                if let Some(invoice) = &issue.corrects {
                    lines.push((9.0, Weight::Regular, format!("Corrects invoice {invoice}")));
                }
                let order = format!("Order {}", model.order_number);
                lines.push((9.0, Weight::Regular, order));
                let date = format!("Date {}", format.date_time(issue.issued_at));
                lines.push((9.0, Weight::Regular, date));
            }
            None => {
                let order = format!("Order {}", model.order_number);
                lines.push((10.0, Weight::Bold, order));
                let date = format!("Date {}", format.date_time(model.created_at));
                lines.push((9.0, Weight::Regular, date));
            }
        }
        if let Some(part) = &model.part {
            lines.push((
                9.0,
                Weight::Regular,
                format!(
                    "Delivery: {} ({} of {})",
                    part.delivery_method, part.index, part.count
                ),
            ));
        }
        lines
    }

    /// Draw the "Bill to" / "Ship to" block; returns the y below it.
    pub(crate) fn parties(&self, sheet: &mut Sheet<'_>, y: f32, bill_to: bool) -> f32 {
        let half = (self.right() - MARGIN) / 2.0;
        let mut blocks: Vec<(&str, Vec<String>)> = Vec::new();
        if bill_to {
            if let Some(customer) = &self.model.customer {
                let mut lines = vec![customer.name.clone()];
                lines.extend(customer.address_lines.iter().cloned());
                lines.extend(customer.phone.iter().map(|p| format!("Phone: {p}")));
                lines.extend(customer.email.iter().map(|e| format!("Email: {e}")));
                blocks.push(("Bill to", lines));
            }
        } else if let Some(customer) = &self.model.customer {
            let mut lines = vec![customer.name.clone()];
            lines.extend(customer.phone.iter().map(|p| format!("Phone: {p}")));
            blocks.push(("Customer", lines));
        }
        if let Some(address) = &self.model.shipping_address {
            blocks.push(("Ship to", address.clone()));
        }
        let mut bottom = y;
        for (column, (label, lines)) in blocks.iter().enumerate() {
            let x = MARGIN + half * column as f32;
            sheet.text(x, y, 8.0, Weight::Bold, Align::Left, &label.to_uppercase());
            let mut ly = y + 1.0;
            for (i, line) in lines.iter().enumerate() {
                ly += 4.3;
                let weight = if i == 0 {
                    Weight::Bold
                } else {
                    Weight::Regular
                };
                sheet.text(x, ly, 9.5, weight, Align::Left, line);
            }
            bottom = bottom.max(ly);
        }
        if blocks.is_empty() {
            y
        } else {
            bottom + 8.0
        }
    }

    /// Height the parties block takes (same arithmetic as [`PageFrame::parties`]).
    pub(crate) fn parties_height(&self, bill_to: bool) -> f32 {
        let customer_lines = self.model.customer.as_ref().map(|c| {
            if bill_to {
                1 + c.address_lines.len() + c.phone.iter().count() + c.email.iter().count()
            } else {
                1 + c.phone.iter().count()
            }
        });
        let ship_lines = self.model.shipping_address.as_ref().map(Vec::len);
        match customer_lines.into_iter().chain(ship_lines).max() {
            Some(n) => 1.0 + 4.3 * n as f32 + 8.0,
            None => 0.0,
        }
    }

    /// Draw the wizard answers marked for `kind` ("Bike make: Gazelle"),
    /// two to a row; returns the y below them.
    pub(crate) fn answers(&self, sheet: &mut Sheet<'_>, y: f32, kind: DocumentKind) -> f32 {
        let answers = self.model.answers_on(kind);
        if answers.is_empty() {
            return y;
        }
        let half = (self.right() - MARGIN) / 2.0;
        let face = sheet.typeface.face(Weight::Regular);
        let mut ly = y - 4.3;
        for (i, text) in answers.iter().enumerate() {
            if i % 2 == 0 {
                ly += 4.3;
            }
            let x = MARGIN + half * (i % 2) as f32;
            let text = super::typeface::fit(face, text, 9.0, half - 4.0);
            sheet.text(x, ly, 9.0, Weight::Regular, Align::Left, &text);
        }
        ly + 7.0
    }

    /// Height the answers block takes (same arithmetic as [`PageFrame::answers`]).
    pub(crate) fn answers_height(&self, kind: DocumentKind) -> f32 {
        match self.model.answers_on(kind).len() {
            0 => 0.0,
            n => 4.3 * (n.div_ceil(2) as f32 - 1.0) + 7.0,
        }
    }

    /// Draw the footer: the shop's footer text and "Page X of Y".
    pub(crate) fn footer(&self, sheet: &mut Sheet<'_>, page: usize, pages: usize) {
        let rule_y = self.height - MARGIN - FOOTER + 3.0;
        sheet.rule(MARGIN, rule_y, self.right(), rule_y, 0.4, 0.6);
        let baseline = rule_y + 5.0;
        let page_text = format!("Page {page} of {pages}");
        sheet.text(
            self.right(),
            baseline,
            8.0,
            Weight::Regular,
            Align::Right,
            &page_text,
        );
        if let Some(footer) = &self.model.shop.footer {
            let room = self.right() - MARGIN - sheet.width(&page_text, 8.0, Weight::Regular) - 6.0;
            let face = sheet.typeface.face(Weight::Regular);
            let text = super::typeface::fit(face, footer, 8.0, room);
            sheet.text(MARGIN, baseline, 8.0, Weight::Regular, Align::Left, &text);
        }
    }
}

/// Printed logo width for the fixed logo height, capped at 50 mm.
fn logo_width(logo: &ShopLogo) -> f32 {
    let ratio = logo.width_px as f32 / logo.height_px.max(1) as f32;
    (LOGO_HEIGHT * ratio).min(50.0)
}
