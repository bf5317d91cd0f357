//! Order reads on the read pool: one order in full, lists.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sqlx::Row;

use super::orders::decode_position;
use super::{parse_ts, Store};
use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::money::Currency;
use crate::orders::totals::Pricing;
use crate::orders::{
    Customer, HistoryEntry, Line, Modifier, OrderFilter, OrderRecord, OrderSummary, Payment,
};

fn decimal(text: &str) -> Result<Decimal> {
    text.parse()
        .map_err(|_| Error::Storage(format!("bad decimal '{text}'")))
}

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
}

impl Store {
    /// One order in full, with lines, payments and history.
    pub async fn order(&self, number: &str) -> Result<OrderRecord> {
        let pool = self.reader();
        let r = sqlx::query(
            "SELECT o.id, o.order_type, o.plan_id, o.stage, o.stage_index, o.step_index, o.fields, \
             o.subtotal, o.tax, o.total, o.paid, o.due_date, o.created_at, o.updated_at, \
             o.prices_include_tax, o.tax_rounding, \
             c.id AS cid, c.name, c.phone, c.email, c.address \
             FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE o.number = ?",
        )
        .bind(number)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| Error::not_found("order", number))?;
        let id: i64 = r.get(0);
        let customer = r.get::<Option<i64>, _>("cid").map(|cid| Customer {
            id: cid,
            name: r.get("name"),
            phone: r.get("phone"),
            email: r.get("email"),
            address: r.get("address"),
        });
        let mut lines = Vec::new();
        for l in sqlx::query(
            "SELECT sku, name, qty, unit_price, modifiers, tax_rate, note, delivery_method, amount, tax, \
             discount, discount_reason \
             FROM order_lines WHERE order_id = ? ORDER BY line_no",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        {
            lines.push(Line {
                sku: l.get(0),
                name: l.get(1),
                qty: decimal(l.get(2))?,
                unit_price: l.get(3),
                modifiers: serde_json::from_str::<Vec<Modifier>>(l.get(4))
                    .map_err(|e| Error::Storage(e.to_string()))?,
                tax_rate: decimal(l.get(5))?,
                note: l.get(6),
                delivery_method: l.get(7),
                amount: l.get(8),
                tax: l.get(9),
                discount: super::edits::discount_of(l.get(10))?,
                discount_reason: l.get(11),
            });
        }
        let mut payments = Vec::new();
        for p in sqlx::query("SELECT method, amount, reference, at, actor, change_given, rounding FROM payments WHERE order_id = ? ORDER BY id")
            .bind(id)
            .fetch_all(pool)
            .await?
        {
            payments.push(Payment {
                method: p.get(0),
                amount: p.get(1),
                reference: p.get(2),
                at: parse_ts(p.get(3))?,
                actor: p.get(4),
                change: p.get(5),
                rounding: p.get(6),
            });
        }
        let mut history = Vec::new();
        for h in sqlx::query(
            "SELECT at, event, from_status, to_status, moved, actor, reason FROM order_events \
             WHERE order_id = ? ORDER BY id",
        )
        .bind(id)
        .fetch_all(pool)
        .await?
        {
            let key: &str = h.get(1);
            let event = AuditEvent::parse(key).map_err(|e| Error::Storage(e.to_string()))?;
            history.push(HistoryEntry {
                at: parse_ts(h.get(0))?,
                event,
                label: event.label().to_string(),
                from_status: h.get(2),
                to_status: h.get(3),
                moved: h.get(4),
                actor: h.get(5),
                reason: h.get(6),
            });
        }
        Ok(OrderRecord {
            id,
            number: number.to_string(),
            order_type: r.get(1),
            plan_id: r.get(2),
            position: decode_position(r.get::<&str, _>(3), r.get(4), r.get(5)),
            customer,
            fields: serde_json::from_str(r.get::<&str, _>(6))
                .map_err(|e| Error::Storage(e.to_string()))?,
            lines,
            payments,
            history,
            subtotal: r.get(7),
            tax: r.get(8),
            total: r.get(9),
            paid: r.get(10),
            due_date: date(r.get(11)),
            created_at: parse_ts(r.get(12))?,
            updated_at: parse_ts(r.get(13))?,
            pricing: Pricing::from_stored(r.get(14), r.get(15)),
        })
    }

    /// Orders matching a filter: the first page of [`Store::search_orders`].
    pub async fn list_orders(
        &self,
        f: &OrderFilter,
        currency: &Currency,
    ) -> Result<Vec<OrderSummary>> {
        Ok(self.search_orders(f, currency).await?.orders)
    }
}
