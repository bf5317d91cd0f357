//! Reads for the fulfillment state and views: an order's lines with what was
//! reserved, shipped, delivered and returned of each; its shipments; failed
//! payments. Also store credit and payment-failure writes.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sqlx::{Row, SqliteConnection};

use super::inventory::qty;
use super::shipments::{order_lines, shipments};
use super::{ts, SqlValue, Store, WriteTx};
use crate::error::{Error, Result};
use crate::fulfillment::{FulfillmentState, LineFacts};
use crate::shipments::{Shipment, ShipmentStatus};

/// What the fulfillment state needs beyond the order record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FulfillmentRecord {
    pub lines: Vec<LineFacts>,
    pub shipments: Vec<Shipment>,
    pub payment_failed: bool,
}

/// What the fulfillment state needs beyond the order row, read on `conn`.
async fn fulfillment_record(
    conn: &mut SqliteConnection,
    order_id: i64,
) -> Result<FulfillmentRecord> {
    let lines = order_lines(conn, order_id).await?;
    let ships = shipments(conn, order_id).await?;
    let counted: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT i.sku FROM stock_items i JOIN order_lines l ON l.sku = i.sku WHERE l.order_id = ?",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut reserved: HashMap<i64, Decimal> = HashMap::new();
    for r in sqlx::query(
        "SELECT line_no, SUM(qty_milli) FROM allocations WHERE order_id = ? GROUP BY line_no",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await?
    {
        reserved.insert(r.get(0), qty(r.get(1)));
    }
    let mut returned: HashMap<i64, Decimal> = HashMap::new();
    for r in sqlx::query(
        "SELECT l.line_no, SUM(l.qty_milli) FROM return_lines l JOIN returns r ON r.id = l.return_id \
         WHERE r.order_id = ? GROUP BY l.line_no",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await?
    {
        returned.insert(r.get(0), qty(r.get(1)));
    }
    let last_failure: Option<String> =
        sqlx::query_scalar("SELECT MAX(at) FROM payment_failures WHERE order_id = ?")
            .bind(order_id)
            .fetch_one(&mut *conn)
            .await?;
    let last_payment: Option<String> =
        sqlx::query_scalar("SELECT MAX(at) FROM payments WHERE order_id = ? AND amount > 0")
            .bind(order_id)
            .fetch_one(&mut *conn)
            .await?;
    let payment_failed = match (last_failure, last_payment) {
        (Some(f), Some(p)) => f > p,
        (Some(_), None) => true,
        _ => false,
    };
    let facts = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let n = i as i64;
            let sum = |f: &dyn Fn(ShipmentStatus) -> bool| -> Decimal {
                ships
                    .iter()
                    .filter(|s| f(s.status))
                    .flat_map(|s| &s.lines)
                    .filter(|x| x.line == n)
                    .map(|x| x.qty)
                    .sum()
            };
            LineFacts {
                ordered: l.qty,
                counted: l.sku.as_ref().is_some_and(|s| counted.contains(s)),
                reserved: reserved.get(&n).copied().unwrap_or_default(),
                shipped: sum(&|s| s != ShipmentStatus::Created),
                delivered: sum(&|s| s == ShipmentStatus::Delivered),
                returned: returned.get(&n).copied().unwrap_or_default(),
            }
        })
        .collect();
    Ok(FulfillmentRecord {
        lines: facts,
        shipments: ships,
        payment_failed,
    })
}

impl Store {
    async fn order_id(&self, number: &str) -> Result<i64> {
        sqlx::query_scalar("SELECT id FROM orders WHERE number = ?")
            .bind(number)
            .fetch_optional(self.reader())
            .await?
            .ok_or_else(|| Error::not_found("order", number))
    }

    pub async fn order_shipments(&self, number: &str) -> Result<Vec<Shipment>> {
        let id = self.order_id(number).await?;
        let mut conn = self.reader().acquire().await?;
        shipments(&mut conn, id).await
    }

    pub async fn fulfillment_record(&self, order_id: i64) -> Result<FulfillmentRecord> {
        let mut conn = self.reader().acquire().await?;
        fulfillment_record(&mut conn, order_id).await
    }

    /// A customer's store credit balance (minor units).
    pub async fn store_credit(&self, customer_id: i64) -> Result<i64> {
        let v: Option<i64> =
            sqlx::query_scalar("SELECT SUM(amount) FROM store_credit WHERE customer_id = ?")
                .bind(customer_id)
                .fetch_one(self.reader())
                .await?;
        Ok(v.unwrap_or(0))
    }
}

impl WriteTx {
    pub async fn record_payment_failure(
        &mut self,
        order_id: i64,
        method: &str,
        amount: i64,
        reason: &str,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO payment_failures (order_id, method, amount, reason, at, actor) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(order_id)
        .bind(method)
        .bind(amount)
        .bind(reason)
        .bind(ts(now))
        .bind(actor)
        .execute(self.conn().await?)
        .await?;
        Ok(())
    }

    /// A customer's store credit balance, read under the write lock.
    pub async fn store_credit_balance(&mut self, customer_id: i64) -> Result<i64> {
        let v: Option<i64> =
            sqlx::query_scalar("SELECT SUM(amount) FROM store_credit WHERE customer_id = ?")
                .bind(customer_id)
                .fetch_one(self.conn().await?)
                .await?;
        Ok(v.unwrap_or(0))
    }

    /// Adds (or, negative, spends) store credit.
    pub async fn add_store_credit(
        &mut self,
        customer_id: i64,
        amount: i64,
        order_id: i64,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO store_credit (customer_id, amount, order_id, at, actor) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(customer_id)
        .bind(amount)
        .bind(order_id)
        .bind(ts(now))
        .bind(actor)
        .execute(self.conn().await?)
        .await?;
        Ok(())
    }
}

impl WriteTx {
    /// What the fulfillment state needs beyond the order row, as this
    /// transaction sees it.
    pub async fn fulfillment_record(&mut self, order_id: i64) -> Result<FulfillmentRecord> {
        fulfillment_record(self.conn().await?, order_id).await
    }

    /// The order's stage key (`done`, `canceled` or a workflow type), total
    /// and paid (minor units).
    pub async fn order_stage_and_money(&mut self, order_id: i64) -> Result<(String, i64, i64)> {
        let r = self
            .fetch_optional(
                "SELECT stage, total, paid FROM orders WHERE id = ?",
                [order_id.into()],
            )
            .await?
            .ok_or_else(|| Error::not_found("order", format!("#{order_id}")))?;
        Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))
    }

    /// Stores the order's fulfillment state (sent with the next statement).
    pub fn set_fulfillment_state(&mut self, order_id: i64, state: FulfillmentState) -> Result<()> {
        self.defer(
            "UPDATE orders SET fulfillment_state = ? WHERE id = ?",
            [SqlValue::from(state.key()), order_id.into()],
        )
    }

    /// Orders with a line of `sku` whose state turns on whether their counted
    /// lines are reserved (`open`, `ready_to_ship`).
    pub async fn orders_awaiting_stock(&mut self, sku: &str) -> Result<Vec<i64>> {
        let ids = sqlx::query_scalar(
            "SELECT DISTINCT o.id FROM order_lines l JOIN orders o ON o.id = l.order_id \
             WHERE l.sku = ? AND o.fulfillment_state IN ('open', 'ready_to_ship')",
        )
        .bind(sku)
        .fetch_all(self.conn().await?)
        .await?;
        Ok(ids)
    }
}

impl Store {
    /// Up to `limit` orders whose fulfillment state was never stored (from
    /// before migration 0006).
    pub async fn orders_without_fulfillment_state(&self, limit: i64) -> Result<Vec<i64>> {
        let ids = sqlx::query_scalar(
            "SELECT id FROM orders WHERE fulfillment_state IS NULL ORDER BY id LIMIT ?",
        )
        .bind(limit)
        .fetch_all(self.reader())
        .await?;
        Ok(ids)
    }
}
