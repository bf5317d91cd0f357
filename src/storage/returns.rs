//! Return, exchange and refund SQL.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sqlx::Row;

use super::inventory::{milli, qty};
use super::{ts, WriteTx};
use crate::error::{Error, Result};
use crate::orders::Line;

/// A return's header.
pub struct ReturnRow<'a> {
    pub order_id: i64,
    pub kind: &'a str,
    pub refund: i64,
    pub charge: i64,
    /// What it took off the order's total besides returned goods (a
    /// refund without goods on an order that is not canceled); 0 otherwise.
    pub adjust: i64,
    pub reason: &'a str,
}

impl WriteTx {
    /// Returned quantity per line so far: (line, qty).
    pub async fn returned(&mut self, order_id: i64) -> Result<Vec<(i64, Decimal)>> {
        let rows = sqlx::query(
            "SELECT l.line_no, SUM(l.qty_milli) FROM return_lines l JOIN returns r ON r.id = l.return_id \
             WHERE r.order_id = ? GROUP BY l.line_no ORDER BY l.line_no",
        )
        .bind(order_id)
        .fetch_all(self.conn().await?)
        .await?;
        Ok(rows.iter().map(|r| (r.get(0), qty(r.get(1)))).collect())
    }

    /// The order's payment rows (refunds negative), oldest first.
    pub async fn payment_amounts(&mut self, order_id: i64) -> Result<Vec<(String, i64)>> {
        Ok(
            sqlx::query_as("SELECT method, amount FROM payments WHERE order_id = ? ORDER BY id")
                .bind(order_id)
                .fetch_all(self.conn().await?)
                .await?,
        )
    }

    pub async fn order_customer(&mut self, order_id: i64) -> Result<Option<i64>> {
        Ok(
            sqlx::query_scalar("SELECT customer_id FROM orders WHERE id = ?")
                .bind(order_id)
                .fetch_one(self.conn().await?)
                .await?,
        )
    }

    /// Records a return with its lines: (line, qty, restock site).
    pub async fn insert_return(
        &mut self,
        r: &ReturnRow<'_>,
        lines: &[(i64, Decimal, Option<String>)],
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO returns (order_id, kind, refund, charge, adjust, reason, at, actor) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(r.order_id)
        .bind(r.kind)
        .bind(r.refund)
        .bind(r.charge)
        .bind(r.adjust)
        .bind(r.reason)
        .bind(ts(now))
        .bind(actor)
        .fetch_one(self.conn().await?)
        .await?;
        for (line, q, site) in lines {
            sqlx::query(
                "INSERT INTO return_lines (return_id, line_no, qty_milli, restock_site) VALUES (?, ?, ?, ?)",
            )
            .bind(id)
            .bind(line)
            .bind(milli(*q)?)
            .bind(site)
            .execute(self.conn().await?)
            .await?;
        }
        Ok(id)
    }

    /// Appends lines to an order, numbered from `first`.
    pub async fn append_lines(&mut self, order_id: i64, first: i64, lines: &[Line]) -> Result<()> {
        for (i, l) in lines.iter().enumerate() {
            let modifiers =
                serde_json::to_string(&l.modifiers).map_err(|e| Error::Storage(e.to_string()))?;
            sqlx::query(
                "INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price, modifiers, \
                 tax_rate, note, delivery_method, amount, tax, discount, discount_reason) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(order_id)
            .bind(first + i as i64)
            .bind(&l.sku)
            .bind(&l.name)
            .bind(l.qty.to_string())
            .bind(l.unit_price)
            .bind(modifiers)
            .bind(l.tax_rate.to_string())
            .bind(&l.note)
            .bind(&l.delivery_method)
            .bind(l.amount)
            .bind(l.tax)
            .bind(super::edits::discount_text(l.discount)?)
            .bind(&l.discount_reason)
            .execute(self.conn().await?)
            .await?;
        }
        Ok(())
    }

    /// Sets the order's totals (after a return or exchange).
    pub async fn set_totals(
        &mut self,
        order_id: i64,
        subtotal: i64,
        tax: i64,
        total: i64,
    ) -> Result<()> {
        sqlx::query("UPDATE orders SET subtotal = ?, tax = ?, total = ? WHERE id = ?")
            .bind(subtotal)
            .bind(tax)
            .bind(total)
            .bind(order_id)
            .execute(self.conn().await?)
            .await?;
        Ok(())
    }
}
