//! Order edit SQL: the order's answers, customer and due date, its lines
//! changed or removed (the later lines, their reservations, shipments and
//! returns renumbered), and reservations trimmed to a smaller quantity.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use sqlx::Row;

use super::inventory::{milli, qty};
use super::WriteTx;
use crate::error::{Error, Result};
use crate::inventory::Allocation;
use crate::orders::totals::Discount;
use crate::orders::Line;

/// A line's stored discount (JSON), `None` without one.
pub(super) fn discount_text(d: Option<Discount>) -> Result<Option<String>> {
    d.map(|d| serde_json::to_string(&d).map_err(|e| Error::Storage(e.to_string())))
        .transpose()
}

/// A line's discount as stored.
pub(super) fn discount_of(text: Option<String>) -> Result<Option<Discount>> {
    text.map(|t| serde_json::from_str(&t).map_err(|e| Error::Storage(e.to_string())))
        .transpose()
}

/// What an edit reads of the order besides its state.
pub struct OrderDetails {
    pub order_type: String,
    pub fields: Map<String, Value>,
    pub customer_id: Option<i64>,
    pub subtotal: i64,
    pub tax: i64,
}

impl WriteTx {
    /// The order's type, answers, customer and totals, read under the
    /// write lock.
    pub async fn order_details(&mut self, order_id: i64) -> Result<OrderDetails> {
        let r = sqlx::query(
            "SELECT fields, customer_id, order_type, subtotal, tax FROM orders WHERE id = ?",
        )
        .bind(order_id)
        .fetch_one(self.conn().await?)
        .await?;
        let fields: Map<String, Value> =
            serde_json::from_str(r.get::<&str, _>(0)).map_err(|e| Error::Storage(e.to_string()))?;
        Ok(OrderDetails {
            order_type: r.get(2),
            fields,
            customer_id: r.get(1),
            subtotal: r.get(3),
            tax: r.get(4),
        })
    }

    /// Quantity shipped or picked up per line so far: (line, qty), any
    /// shipment that is not a failed delivery.
    pub async fn shipped_by_line(&mut self, order_id: i64) -> Result<Vec<(i64, Decimal)>> {
        let rows = sqlx::query(
            "SELECT l.line_no, SUM(l.qty_milli) FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id \
             WHERE s.order_id = ? AND s.status <> 'failed' GROUP BY l.line_no ORDER BY l.line_no",
        )
        .bind(order_id)
        .fetch_all(self.conn().await?)
        .await?;
        Ok(rows.iter().map(|r| (r.get(0), qty(r.get(1)))).collect())
    }

    /// Stores the order's answers, due date and customer after an edit.
    pub async fn set_order_details(
        &mut self,
        order_id: i64,
        fields: &Map<String, Value>,
        due_date: Option<NaiveDate>,
        customer_id: Option<i64>,
    ) -> Result<()> {
        let fields = serde_json::to_string(fields).map_err(|e| Error::Storage(e.to_string()))?;
        sqlx::query("UPDATE orders SET fields = ?, due_date = ?, customer_id = ? WHERE id = ?")
            .bind(fields)
            .bind(due_date.map(|d| d.to_string()))
            .bind(customer_id)
            .bind(order_id)
            .execute(self.conn().await?)
            .await?;
        Ok(())
    }

    /// Replaces line `line_no` of the order.
    pub async fn replace_line(&mut self, order_id: i64, line_no: i64, l: &Line) -> Result<()> {
        let modifiers =
            serde_json::to_string(&l.modifiers).map_err(|e| Error::Storage(e.to_string()))?;
        sqlx::query(
            "UPDATE order_lines SET sku = ?, name = ?, qty = ?, unit_price = ?, modifiers = ?, \
             tax_rate = ?, note = ?, delivery_method = ?, amount = ?, tax = ?, discount = ?, \
             discount_reason = ? \
             WHERE order_id = ? AND line_no = ?",
        )
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
        .bind(discount_text(l.discount)?)
        .bind(&l.discount_reason)
        .bind(order_id)
        .bind(line_no)
        .execute(self.conn().await?)
        .await?;
        Ok(())
    }

    /// Releases what line `line_no` has reserved beyond `keep` (never what
    /// has shipped). Returns what it released.
    pub async fn trim_allocations(
        &mut self,
        order_id: i64,
        line_no: i64,
        keep: Decimal,
    ) -> Result<Vec<Allocation>> {
        let rows: Vec<_> = self
            .allocations(order_id)
            .await?
            .into_iter()
            .filter(|a| a.line_no == line_no)
            .collect();
        let mut excess = rows.iter().map(|a| a.qty).sum::<Decimal>() - keep;
        let mut released = Vec::new();
        // The last reserved site gives back first.
        for a in rows.iter().rev() {
            if excess <= Decimal::ZERO {
                break;
            }
            let take = (a.qty - a.shipped).min(excess);
            if take <= Decimal::ZERO {
                continue;
            }
            let m = milli(take)?;
            sqlx::query(
                "UPDATE allocations SET qty_milli = qty_milli - ? WHERE order_id = ? AND line_no = ? AND site = ?",
            )
            .bind(m)
            .bind(order_id)
            .bind(line_no)
            .bind(&a.site)
            .execute(self.conn().await?)
            .await?;
            self.bump_level(&a.site, &a.sku, 0, -m).await?;
            excess -= take;
            released.push(Allocation {
                line_no,
                sku: a.sku.clone(),
                site: a.site.clone(),
                qty: take,
            });
        }
        Ok(released)
    }

    /// Removes line `line_no` (nothing shipped or returned, its reservations
    /// released) and moves every later line up one, with its reservations,
    /// shipment and return rows. `count`: the lines the order has.
    pub async fn remove_line(&mut self, order_id: i64, line_no: i64, count: i64) -> Result<()> {
        sqlx::query("DELETE FROM allocations WHERE order_id = ? AND line_no = ?")
            .bind(order_id)
            .bind(line_no)
            .execute(self.conn().await?)
            .await?;
        sqlx::query("DELETE FROM order_lines WHERE order_id = ? AND line_no = ?")
            .bind(order_id)
            .bind(line_no)
            .execute(self.conn().await?)
            .await?;
        // One line at a time, upwards: no two rows ever share a number.
        for n in line_no + 1..count {
            for sql in [
                "UPDATE order_lines SET line_no = ?1 WHERE order_id = ?2 AND line_no = ?3",
                "UPDATE allocations SET line_no = ?1 WHERE order_id = ?2 AND line_no = ?3",
                "UPDATE shipment_lines SET line_no = ?1 WHERE line_no = ?3 AND shipment_id IN \
                 (SELECT id FROM shipments WHERE order_id = ?2)",
                "UPDATE return_lines SET line_no = ?1 WHERE line_no = ?3 AND return_id IN \
                 (SELECT id FROM returns WHERE order_id = ?2)",
            ] {
                sqlx::query(sql)
                    .bind(n - 1)
                    .bind(order_id)
                    .bind(n)
                    .execute(self.conn().await?)
                    .await?;
            }
        }
        Ok(())
    }

    /// Whether anything was ever reserved for the order (it was confirmed).
    pub async fn has_allocations(&mut self, order_id: i64) -> Result<bool> {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT EXISTS(SELECT 1 FROM allocations WHERE order_id = ?)",
        )
        .bind(order_id)
        .fetch_one(self.conn().await?)
        .await?
            != 0)
    }
}
