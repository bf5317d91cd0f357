//! Streaming reads for the export: rows arrive one at a time from a read
//! connection and are handed to the caller as they come; nothing is
//! collected, so memory stays flat however many orders match.

use futures_util::TryStreamExt;
use sqlx::Row;

use super::search::{build, Shape};
use super::Store;
use crate::error::Result;
use crate::orders::OrderFilter;

/// One exported order (or, with lines, one line of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRow {
    pub id: i64,
    pub number: String,
    pub created_at: String,
    pub order_type: String,
    pub stage: String,
    pub status: String,
    pub customer: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub due_date: Option<String>,
    pub subtotal: i64,
    pub tax: i64,
    pub total: i64,
    pub paid: i64,
    /// With lines: the line (none for an order without lines).
    pub line: Option<ExportLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportLine {
    pub line_no: i64,
    pub sku: Option<String>,
    pub name: String,
    pub qty: String,
    pub unit_price: i64,
    pub amount: i64,
    pub tax: i64,
    pub note: Option<String>,
}

impl Store {
    /// Calls `each` for every order matching `f` (every line, with `lines`),
    /// in `f.sort` order, ignoring paging.
    pub async fn export_orders(
        &self,
        f: &OrderFilter,
        lines: bool,
        mut each: impl FnMut(ExportRow) -> Result<()>,
    ) -> Result<()> {
        let mut q = build(f, Shape::Export { lines }, None);
        let mut rows = q.build().fetch(self.reader());
        while let Some(r) = rows.try_next().await? {
            let line = if lines {
                r.get::<Option<i64>, _>("line_no")
                    .map(|line_no| ExportLine {
                        line_no,
                        sku: r.get("sku"),
                        name: r.get("line_name"),
                        qty: r.get("qty"),
                        unit_price: r.get("unit_price"),
                        amount: r.get("line_amount"),
                        tax: r.get("line_tax"),
                        note: r.get("line_note"),
                    })
            } else {
                None
            };
            each(ExportRow {
                id: r.get("id"),
                number: r.get("number"),
                created_at: r.get("created_at"),
                order_type: r.get("order_type"),
                stage: r.get("stage"),
                status: r.get("status"),
                customer: r.get("customer"),
                phone: r.get("phone"),
                email: r.get("email"),
                due_date: r.get("due_date"),
                subtotal: r.get("subtotal"),
                tax: r.get("tax"),
                total: r.get("total"),
                paid: r.get("paid"),
                line,
            })?;
        }
        Ok(())
    }
}
