//! CSV export of orders (and optionally their lines) matching an
//! [`OrderFilter`], streamed: each row is written as it is read. Money is a
//! decimal string in the shop currency ([`Currency::format`]), dates are ISO
//! 8601 (timestamps UTC, as stored). `Till::export_orders_csv` runs it.
//! And the catalogue, in the columns its import reads ([`write_catalogue`]).

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use crate::csv::{spreadsheet_text, CsvWriter};
use crate::error::Result;
use crate::import::{CATEGORY_SEPARATOR, ITEM_COLUMNS};
use crate::money::Currency;
use crate::settings::CatalogueItem;
use crate::storage::ExportRow;

pub const ORDER_COLUMNS: [&str; 14] = [
    "number",
    "created_at",
    "type",
    "stage",
    "status",
    "customer",
    "phone",
    "email",
    "due_date",
    "subtotal",
    "tax",
    "total",
    "paid",
    "balance",
];
pub const LINE_COLUMNS: [&str; 8] = [
    "line_no",
    "sku",
    "item",
    "qty",
    "unit_price",
    "line_amount",
    "line_tax",
    "line_note",
];

/// How far an export is: orders written, and how many match in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportProgress {
    pub done: u64,
    pub total: u64,
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    pub orders: u64,
    pub rows: u64,
}

/// Progress is reported about every hundredth of the orders, at least
/// every [`PROGRESS_MAX_STEP`] orders (and at the start and the end), so a
/// progress bar moves smoothly whatever the size of the export.
const PROGRESS_MAX_STEP: u64 = 10_000;

/// How many orders pass between two progress reports.
pub fn progress_step(total: u64) -> u64 {
    (total / 100).clamp(1, PROGRESS_MAX_STEP)
}

fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("")
}

/// The CSV fields of a row: text borrowed (made safe for spreadsheets),
/// money formatted.
pub(crate) fn record<'a>(r: &'a ExportRow, lines: bool, c: &Currency, out: &mut Vec<Cow<'a, str>>) {
    out.clear();
    out.extend(
        [
            r.number.as_str(),
            &r.created_at,
            &r.order_type,
            &r.stage,
            &r.status,
            opt(&r.customer),
            opt(&r.phone),
            opt(&r.email),
            opt(&r.due_date),
        ]
        .map(spreadsheet_text),
    );
    out.extend(
        [r.subtotal, r.tax, r.total, r.paid, r.total - r.paid].map(|m| Cow::Owned(c.format(m))),
    );
    if lines {
        match &r.line {
            Some(l) => out.extend([
                Cow::Owned((l.line_no + 1).to_string()),
                spreadsheet_text(opt(&l.sku)),
                spreadsheet_text(l.name.as_str()),
                Cow::Borrowed(l.qty.as_str()),
                Cow::Owned(c.format(l.unit_price)),
                Cow::Owned(c.format(l.amount)),
                Cow::Owned(c.format(l.tax)),
                spreadsheet_text(opt(&l.note)),
            ]),
            None => out.extend(std::iter::repeat_n(Cow::Borrowed(""), LINE_COLUMNS.len())),
        }
    }
}

/// Writes `items` as the catalogue CSV the import reads back
/// ([`ITEM_COLUMNS`]): prices in the shop currency, categories separated by
/// `|`, `active` as yes/no, text made safe for spreadsheets. Modifiers are
/// not part of the file. Returns the number of items written.
pub fn write_catalogue<W: Write>(items: &[CatalogueItem], c: &Currency, out: W) -> Result<usize> {
    let mut csv = CsvWriter::new(out);
    csv.write_record(&ITEM_COLUMNS)?;
    for item in items {
        let price = c.to_minor(item.price, &format!("catalogue[{}].price", item.sku))?;
        let categories = item.categories.join(&CATEGORY_SEPARATOR.to_string());
        csv.write_record(&[
            spreadsheet_text(&item.sku),
            spreadsheet_text(&item.name),
            Cow::Owned(c.format(price)),
            Cow::Owned(item.tax_rate.normalize().to_string()),
            spreadsheet_text(opt(&item.unit)),
            spreadsheet_text(opt(&item.barcode)),
            spreadsheet_text(&categories),
            Cow::Borrowed(if item.active { "yes" } else { "no" }),
        ])?;
    }
    csv.flush()?;
    Ok(items.len())
}

#[cfg(test)]
mod tests {
    use super::progress_step;

    #[test]
    fn progress_moves_by_about_a_hundredth() {
        assert_eq!(progress_step(0), 1);
        assert_eq!(progress_step(3), 1);
        assert_eq!(progress_step(250), 2);
        assert_eq!(progress_step(120_000), 1_200);
        assert_eq!(progress_step(5_000_000), 10_000);
    }
}
