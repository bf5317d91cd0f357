//! Order writes. Each runs inside a [`WriteTx`]; the executor in `till`
//! groups them with their audit rows into one transaction.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use sqlx::Row;

use super::{ts, WriteTx};
use crate::error::{Error, Result};
use crate::orders::totals::Pricing;
use crate::orders::{CustomerInput, Line};
use crate::workflow::{AuditRow, Position};

/// The parts of an order the engine needs, read inside the write transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderState {
    pub id: i64,
    pub plan_id: i64,
    pub position: Position,
    pub total: i64,
    pub paid: i64,
    /// `None` for orders from before pricing was stored.
    pub pricing: Option<Pricing>,
}

/// Where an order is, as stored in its row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPosition<'a> {
    pub position: Position,
    pub stage: &'a str,
    pub status: &'a str,
}

pub(crate) fn phone_digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

pub(crate) fn decode_position(stage: &str, stage_index: i64, step_index: i64) -> Position {
    match stage {
        "done" => Position::Completed,
        "canceled" => Position::Canceled,
        _ => Position::Step {
            stage: stage_index.max(0) as usize,
            step: step_index.max(0) as usize,
        },
    }
}

fn indexes(p: Position) -> (i64, i64) {
    match p {
        Position::Step { stage, step } => (stage as i64, step as i64),
        _ => (-1, -1),
    }
}

/// A new order row.
pub struct OrderRow<'a> {
    pub number: &'a str,
    pub order_type: &'a str,
    pub plan_id: i64,
    pub at: StoredPosition<'a>,
    pub customer_id: Option<i64>,
    pub fields: &'a Map<String, Value>,
    pub subtotal: i64,
    pub tax: i64,
    pub total: i64,
    pub paid: i64,
    pub due_date: Option<chrono::NaiveDate>,
    pub pricing: Pricing,
}

impl WriteTx {
    /// Takes the next order number: prefix + six digits.
    pub async fn next_order_number(&mut self, prefix: &str) -> Result<String> {
        let n: i64 = sqlx::query_scalar(
            "INSERT INTO counters (name, value) VALUES ('order', 1) \
             ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
        )
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(format!("{prefix}{n:06}"))
    }

    /// Finds the customer (by id, else by phone) or creates one.
    pub async fn resolve_customer(&mut self, c: &CustomerInput, now: DateTime<Utc>) -> Result<i64> {
        if let Some(id) = c.id {
            let found: Option<i64> = sqlx::query_scalar("SELECT id FROM customers WHERE id = ?")
                .bind(id)
                .fetch_optional(&mut *self.tx)
                .await?;
            return found
                .ok_or_else(|| Error::invalid("customer.id", format!("no customer #{id}")));
        }
        let digits = c.phone.as_deref().map(phone_digits);
        if let Some(d) = digits.as_deref().filter(|d| !d.is_empty()) {
            let found: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM customers WHERE phone_digits = ? ORDER BY id LIMIT 1",
            )
            .bind(d)
            .fetch_optional(&mut *self.tx)
            .await?;
            if let Some(id) = found {
                if c.email.is_none() && c.address.is_none() {
                    return Ok(id); // nothing new to keep
                }
                sqlx::query(
                    "UPDATE customers SET email = COALESCE(?, email), address = COALESCE(?, address) WHERE id = ?",
                )
                .bind(&c.email)
                .bind(&c.address)
                .bind(id)
                .execute(&mut *self.tx)
                .await?;
                return Ok(id);
            }
        }
        let name = c.name.as_deref().unwrap_or("Walk-in customer");
        let id = sqlx::query_scalar(
            "INSERT INTO customers (name, phone, phone_digits, email, address, created_at) \
             VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(name)
        .bind(&c.phone)
        .bind(digits)
        .bind(&c.email)
        .bind(&c.address)
        .bind(ts(now))
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(id)
    }

    pub async fn insert_order(
        &mut self,
        o: &OrderRow<'_>,
        lines: &[Line],
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let at = ts(now);
        let fields = serde_json::to_string(o.fields).map_err(|e| Error::Storage(e.to_string()))?;
        let (stage_index, step_index) = indexes(o.at.position);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO orders (number, order_type, plan_id, stage, status, stage_index, step_index, \
             customer_id, fields, subtotal, tax, total, paid, due_date, created_at, updated_at, closed_at, \
             prices_include_tax, tax_rounding) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(o.number)
        .bind(o.order_type)
        .bind(o.plan_id)
        .bind(o.at.stage)
        .bind(o.at.status)
        .bind(stage_index)
        .bind(step_index)
        .bind(o.customer_id)
        .bind(fields)
        .bind(o.subtotal)
        .bind(o.tax)
        .bind(o.total)
        .bind(o.paid)
        .bind(o.due_date.map(|d| d.to_string()))
        .bind(&at)
        .bind(&at)
        .bind(o.at.position.is_terminal().then(|| at.clone()))
        .bind(o.pricing.to_stored().0)
        .bind(o.pricing.to_stored().1)
        .fetch_one(&mut *self.tx)
        .await?;
        if !lines.is_empty() {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price, modifiers, \
                 tax_rate, note, delivery_method, amount, tax) ",
            );
            let mut err = None;
            q.push_values(lines.iter().enumerate(), |mut b, (i, l)| {
                let modifiers = serde_json::to_string(&l.modifiers).unwrap_or_else(|e| {
                    err = Some(e.to_string());
                    String::new()
                });
                b.push_bind(id)
                    .push_bind(i as i64)
                    .push_bind(l.sku.clone())
                    .push_bind(l.name.clone())
                    .push_bind(l.qty.to_string())
                    .push_bind(l.unit_price)
                    .push_bind(modifiers)
                    .push_bind(l.tax_rate.to_string())
                    .push_bind(l.note.clone())
                    .push_bind(l.delivery_method.clone())
                    .push_bind(l.amount)
                    .push_bind(l.tax);
            });
            if let Some(e) = err {
                return Err(Error::Storage(e));
            }
            q.build().execute(&mut *self.tx).await?;
        }
        Ok(id)
    }

    /// The engine's view of an order, read under the write lock.
    pub async fn order_state(&mut self, number: &str) -> Result<OrderState> {
        let r = sqlx::query(
            "SELECT id, plan_id, stage, stage_index, step_index, total, paid, prices_include_tax, \
             tax_rounding FROM orders WHERE number = ?",
        )
        .bind(number)
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or_else(|| Error::not_found("order", number))?;
        Ok(OrderState {
            id: r.get(0),
            plan_id: r.get(1),
            position: decode_position(r.get::<&str, _>(2), r.get(3), r.get(4)),
            total: r.get(5),
            paid: r.get(6),
            pricing: Pricing::from_stored(r.get(7), r.get(8)),
        })
    }

    /// Moves an order (closing it when the position is terminal).
    pub async fn set_position(
        &mut self,
        order_id: i64,
        at: &StoredPosition<'_>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let (stage_index, step_index) = indexes(at.position);
        let now = ts(now);
        sqlx::query(
            "UPDATE orders SET stage = ?, status = ?, stage_index = ?, step_index = ?, updated_at = ?, \
             closed_at = CASE WHEN ? THEN ? ELSE NULL END WHERE id = ?",
        )
        .bind(at.stage)
        .bind(at.status)
        .bind(stage_index)
        .bind(step_index)
        .bind(&now)
        .bind(at.position.is_terminal())
        .bind(&now)
        .bind(order_id)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Appends audit rows.
    pub async fn audit(
        &mut self,
        order_id: i64,
        rows: &[AuditRow],
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let at = ts(now);
        let mut q = sqlx::QueryBuilder::new(
            "INSERT INTO order_events (order_id, at, actor, event, from_status, to_status, moved, reason) ",
        );
        q.push_values(rows, |mut b, r| {
            b.push_bind(order_id)
                .push_bind(at.clone())
                .push_bind(actor.to_string())
                .push_bind(r.event.clone())
                .push_bind(r.from_status.clone())
                .push_bind(r.to_status.clone())
                .push_bind(r.moved)
                .push_bind(r.reason.clone());
        });
        q.build().execute(&mut *self.tx).await?;
        Ok(())
    }

    /// Records payments (method, amount, reference).
    pub async fn insert_payments(
        &mut self,
        order_id: i64,
        payments: &[(String, i64, Option<String>)],
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if payments.is_empty() {
            return Ok(());
        }
        let at = ts(now);
        let mut q = sqlx::QueryBuilder::new(
            "INSERT INTO payments (order_id, method, amount, reference, at, actor) ",
        );
        q.push_values(payments, |mut b, (method, amount, reference)| {
            b.push_bind(order_id)
                .push_bind(method.clone())
                .push_bind(*amount)
                .push_bind(reference.clone())
                .push_bind(at.clone())
                .push_bind(actor.to_string());
        });
        q.build().execute(&mut *self.tx).await?;
        Ok(())
    }

    /// Adds to what the order has been paid.
    pub async fn add_paid(&mut self, order_id: i64, amount: i64) -> Result<()> {
        sqlx::query("UPDATE orders SET paid = paid + ? WHERE id = ?")
            .bind(amount)
            .bind(order_id)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }
}

impl WriteTx {
    /// Marks an order as changed without moving it.
    pub async fn touch(&mut self, order_id: i64, now: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE orders SET updated_at = ? WHERE id = ?")
            .bind(ts(now))
            .bind(order_id)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }
}
