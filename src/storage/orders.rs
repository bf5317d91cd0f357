//! Order writes. Each runs inside a [`WriteTx`]; the executor in `till`
//! groups them with their audit rows into one transaction.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use sqlx::Row;

use super::{ts, values_sql, SqlValue, WriteTx};
use crate::error::{Error, Result};
use crate::fulfillment::FulfillmentState;
use crate::orders::totals::Pricing;
use crate::orders::{CustomerInput, Line};
use crate::workflow::{AuditRow, Kept, Position, UndoPoint};

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
    /// System events kept for a later step.
    pub kept: Kept,
    /// Keys of the fields that have a value.
    pub filled: Vec<String>,
    /// Where a person's own last move found the order, and when it moved.
    pub undo: Option<UndoPoint>,
    pub moved_at: Option<DateTime<Utc>>,
}

/// What a change leaves of an order's workflow: the events kept, and, when
/// it moved, when, where a person's own move found it (to undo), and when
/// the new step's time target runs out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkflowMarks {
    pub kept: Kept,
    pub moved: Option<StepMove>,
}

/// A move's marks: when, where a person's own move found the order (to
/// undo), when the new step's time target runs out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepMove {
    pub at: DateTime<Utc>,
    pub undo: Option<UndoPoint>,
    pub due: Option<DateTime<Utc>>,
}

impl super::Store {
    /// What an order's workflow keeps (events kept for a later step) and
    /// where and when a person's own last move found it.
    pub async fn order_marks(
        &self,
        order_id: i64,
    ) -> Result<(Kept, Option<UndoPoint>, Option<DateTime<Utc>>)> {
        let r = sqlx::query("SELECT kept_events, undo_from, moved_at FROM orders WHERE id = ?")
            .bind(order_id)
            .fetch_one(self.reader())
            .await?;
        Ok((
            Kept::from_keys(r.try_get(0)?),
            r.try_get::<Option<&str>, _>(1)?
                .and_then(|u| serde_json::from_str(u).ok()),
            r.try_get::<Option<&str>, _>(2)?
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(&Utc)),
        ))
    }
}

/// Keys of the fields with a value (stored JSON).
fn filled_keys(fields: &str) -> Vec<String> {
    let map: Map<String, Value> = serde_json::from_str(fields).unwrap_or_default();
    crate::workflow::filled(&map)
}

/// Where an order is, as stored in its row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPosition<'a> {
    pub position: Position,
    pub stage: &'a str,
    pub status: &'a str,
}

pub(crate) fn phone_digits(phone: &str) -> String {
    crate::orders::contact::digits_of(phone)
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
    /// `None`: stored later in the transaction.
    pub fulfillment_state: Option<FulfillmentState>,
}

impl WriteTx {
    /// Takes the next order number: prefix + six digits.
    pub async fn next_order_number(&mut self, prefix: &str) -> Result<String> {
        let row = self
            .fetch_optional(
                "INSERT INTO counters (name, value) VALUES ('order', 1) \
                 ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
                [],
            )
            .await?
            .ok_or_else(|| Error::Storage("the order counter returned nothing".into()))?;
        let n: i64 = row.try_get(0)?;
        Ok(format!("{prefix}{n:06}"))
    }

    /// Finds the customer (by id, else by phone) or creates one.
    pub async fn resolve_customer(&mut self, c: &CustomerInput, now: DateTime<Utc>) -> Result<i64> {
        if let Some(id) = c.id {
            let found: Option<i64> = sqlx::query_scalar("SELECT id FROM customers WHERE id = ?")
                .bind(id)
                .fetch_optional(self.conn().await?)
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
            .fetch_optional(self.conn().await?)
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
                .execute(self.conn().await?)
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
        .fetch_one(self.conn().await?)
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
        let (include_tax, rounding) = o.pricing.to_stored();
        let row = self
            .fetch_optional(
                "INSERT INTO orders (number, order_type, plan_id, stage, status, stage_index, step_index, \
                 customer_id, fields, subtotal, tax, total, paid, due_date, created_at, updated_at, closed_at, \
                 prices_include_tax, tax_rounding, fulfillment_state) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [
                    o.number.into(),
                    o.order_type.into(),
                    o.plan_id.into(),
                    o.at.stage.into(),
                    o.at.status.into(),
                    stage_index.into(),
                    step_index.into(),
                    o.customer_id.into(),
                    fields.into(),
                    o.subtotal.into(),
                    o.tax.into(),
                    o.total.into(),
                    o.paid.into(),
                    o.due_date.map(|d| d.to_string()).into(),
                    at.clone().into(),
                    at.clone().into(),
                    o.at.position.is_terminal().then(|| at.clone()).into(),
                    include_tax.into(),
                    rounding.into(),
                    o.fulfillment_state.map(FulfillmentState::key).into(),
                ],
            )
            .await?
            .ok_or_else(|| Error::Storage("the new order returned no id".into()))?;
        let id: i64 = row.try_get(0)?;
        if lines.is_empty() {
            return Ok(id);
        }
        let mut values: Vec<SqlValue> = Vec::with_capacity(lines.len() * 14);
        for (i, l) in lines.iter().enumerate() {
            let modifiers =
                serde_json::to_string(&l.modifiers).map_err(|e| Error::Storage(e.to_string()))?;
            values.extend([
                id.into(),
                (i as i64).into(),
                l.sku.clone().into(),
                l.name.clone().into(),
                l.qty.to_string().into(),
                l.unit_price.into(),
                modifiers.into(),
                l.tax_rate.to_string().into(),
                l.note.clone().into(),
                l.delivery_method.clone().into(),
                l.amount.into(),
                l.tax.into(),
                super::edits::discount_text(l.discount)?.into(),
                l.discount_reason.clone().into(),
            ]);
        }
        let sql = values_sql(
            "INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price, modifiers, \
             tax_rate, note, delivery_method, amount, tax, discount, discount_reason)",
            14,
            lines.len(),
        );
        self.defer(&sql, values)?;
        Ok(id)
    }

    /// The engine's view of an order, read under the write lock (the first
    /// statement of a change: it carries the transaction's `BEGIN`).
    pub async fn order_state(&mut self, number: &str) -> Result<OrderState> {
        let r = self
            .fetch_optional(
                "SELECT id, plan_id, stage, stage_index, step_index, total, paid, prices_include_tax, \
                 tax_rounding, kept_events, fields, undo_from, moved_at FROM orders WHERE number = ?",
                [number.into()],
            )
            .await?
            .ok_or_else(|| Error::not_found("order", number))?;
        Ok(OrderState {
            id: r.try_get(0)?,
            plan_id: r.try_get(1)?,
            position: decode_position(r.try_get::<&str, _>(2)?, r.try_get(3)?, r.try_get(4)?),
            total: r.try_get(5)?,
            paid: r.try_get(6)?,
            pricing: Pricing::from_stored(r.try_get(7)?, r.try_get(8)?),
            kept: Kept::from_keys(r.try_get(9)?),
            filled: filled_keys(r.try_get(10)?),
            undo: r
                .try_get::<Option<&str>, _>(11)?
                .and_then(|u| serde_json::from_str(u).ok()),
            moved_at: r
                .try_get::<Option<&str>, _>(12)?
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(&Utc)),
        })
    }

    /// Stores what a change leaves of the order's workflow.
    pub fn set_workflow_marks(&mut self, order_id: i64, m: &WorkflowMarks) -> Result<()> {
        let kept = m.kept.to_keys();
        match &m.moved {
            None => self.defer(
                "UPDATE orders SET kept_events = ? WHERE id = ?",
                [kept.into(), order_id.into()],
            ),
            Some(StepMove { at, undo, due }) => {
                let undo = match undo {
                    Some(u) => {
                        Some(serde_json::to_string(u).map_err(|e| Error::Storage(e.to_string()))?)
                    }
                    None => None,
                };
                self.defer(
                    "UPDATE orders SET kept_events = ?, moved_at = ?, undo_from = ?, step_due_at = ? \
                     WHERE id = ?",
                    [
                        kept.into(),
                        ts(*at).into(),
                        undo.into(),
                        due.map(ts).into(),
                        order_id.into(),
                    ],
                )
            }
        }
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
        self.defer(
            "UPDATE orders SET stage = ?, status = ?, stage_index = ?, step_index = ?, updated_at = ?, \
             closed_at = CASE WHEN ? THEN ? ELSE NULL END WHERE id = ?",
            [
                at.stage.into(),
                at.status.into(),
                stage_index.into(),
                step_index.into(),
                now.clone().into(),
                at.position.is_terminal().into(),
                now.into(),
                order_id.into(),
            ],
        )
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
        let mut values: Vec<SqlValue> = Vec::with_capacity(rows.len() * 8);
        for r in rows {
            values.extend([
                order_id.into(),
                at.clone().into(),
                actor.into(),
                r.event.key().into(),
                r.from_status.clone().into(),
                r.to_status.clone().into(),
                r.moved.into(),
                r.reason.clone().into(),
            ]);
        }
        let sql = values_sql(
            "INSERT INTO order_events (order_id, at, actor, event, from_status, to_status, moved, reason)",
            8,
            rows.len(),
        );
        self.defer(&sql, values)
    }

    /// Records payments (method, amount, reference) taken in `session`;
    /// `tendered`, when not empty, gives each one's change and cash rounding.
    pub async fn insert_payments(
        &mut self,
        order_id: i64,
        payments: &[(String, i64, Option<String>)],
        tendered: &[crate::payments::Tendered],
        session: Option<i64>,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if payments.is_empty() {
            return Ok(());
        }
        let at = ts(now);
        let mut values: Vec<SqlValue> = Vec::with_capacity(payments.len() * 9);
        for (i, (method, amount, reference)) in payments.iter().enumerate() {
            let t = tendered.get(i).copied().unwrap_or_default();
            values.extend([
                order_id.into(),
                method.clone().into(),
                (*amount).into(),
                reference.clone().into(),
                at.clone().into(),
                actor.into(),
                session.into(),
                t.change.into(),
                t.rounding.into(),
            ]);
        }
        let sql = values_sql(
            "INSERT INTO payments (order_id, method, amount, reference, at, actor, session_id, change_given, rounding)",
            9,
            payments.len(),
        );
        self.defer(&sql, values)
    }

    /// Adds to what the order has been paid.
    pub async fn add_paid(&mut self, order_id: i64, amount: i64) -> Result<()> {
        self.defer(
            "UPDATE orders SET paid = paid + ? WHERE id = ?",
            [amount.into(), order_id.into()],
        )
    }
}

impl WriteTx {
    /// Marks an order as changed without moving it.
    pub async fn touch(&mut self, order_id: i64, now: DateTime<Utc>) -> Result<()> {
        self.defer(
            "UPDATE orders SET updated_at = ? WHERE id = ?",
            [ts(now).into(), order_id.into()],
        )
    }
}
