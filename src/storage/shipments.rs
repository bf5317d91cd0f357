//! Shipment SQL, and the order lines as the fulfillment rules read them
//! inside a write transaction.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sqlx::{Row, SqliteConnection};

use super::inventory::{milli, qty};
use super::{parse_ts, ts, WriteTx};
use crate::error::{Error, Result};
use crate::orders::{Line, Modifier};
use crate::shipments::{DeliveryMethod, Shipment, ShipmentLine, ShipmentStatus};

fn decimal(text: &str) -> Result<Decimal> {
    text.parse()
        .map_err(|_| Error::Storage(format!("bad decimal '{text}'")))
}

fn opt_ts(t: Option<String>) -> Result<Option<DateTime<Utc>>> {
    t.as_deref().map(parse_ts).transpose()
}

pub(super) async fn order_lines(conn: &mut SqliteConnection, order_id: i64) -> Result<Vec<Line>> {
    let rows = sqlx::query(
        "SELECT sku, name, qty, unit_price, modifiers, tax_rate, note, delivery_method, amount, tax, \
         discount, discount_reason \
         FROM order_lines WHERE order_id = ? ORDER BY line_no",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|l| {
            Ok(Line {
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
            })
        })
        .collect()
}

pub(super) async fn shipments(conn: &mut SqliteConnection, order_id: i64) -> Result<Vec<Shipment>> {
    let heads = sqlx::query(
        "SELECT id, method, carrier, tracking, status, created_at, shipped_at, delivered_at \
         FROM shipments WHERE order_id = ? ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await?;
    let lines = sqlx::query(
        "SELECT l.shipment_id, l.line_no, l.site, l.qty_milli FROM shipment_lines l \
         JOIN shipments s ON s.id = l.shipment_id WHERE s.order_id = ? ORDER BY l.shipment_id, l.id",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await?;
    heads
        .iter()
        .map(|h| {
            let id: i64 = h.get(0);
            Ok(Shipment {
                id,
                method: DeliveryMethod::parse(h.get::<&str, _>(1))?,
                carrier: h.get(2),
                tracking: h.get(3),
                status: ShipmentStatus::parse(h.get::<&str, _>(4))?,
                lines: lines
                    .iter()
                    .filter(|l| l.get::<i64, _>(0) == id)
                    .map(|l| ShipmentLine {
                        line: l.get(1),
                        site: l.get(2),
                        qty: qty(l.get(3)),
                    })
                    .collect(),
                created_at: parse_ts(h.get::<&str, _>(5))?,
                shipped_at: opt_ts(h.get(6))?,
                delivered_at: opt_ts(h.get(7))?,
            })
        })
        .collect()
}

impl WriteTx {
    /// An order's lines, read under the write lock.
    pub async fn order_lines(&mut self, order_id: i64) -> Result<Vec<Line>> {
        order_lines(self.conn().await?, order_id).await
    }

    pub async fn shipments(&mut self, order_id: i64) -> Result<Vec<Shipment>> {
        shipments(self.conn().await?, order_id).await
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn insert_shipment(
        &mut self,
        order_id: i64,
        method: DeliveryMethod,
        carrier: Option<&str>,
        tracking: Option<&str>,
        lines: &[ShipmentLine],
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO shipments (order_id, method, carrier, tracking, status, created_at) \
             VALUES (?, ?, ?, ?, 'created', ?) RETURNING id",
        )
        .bind(order_id)
        .bind(method.key())
        .bind(carrier)
        .bind(tracking)
        .bind(ts(now))
        .fetch_one(self.conn().await?)
        .await?;
        for l in lines {
            sqlx::query(
                "INSERT INTO shipment_lines (shipment_id, line_no, site, qty_milli) VALUES (?, ?, ?, ?)",
            )
            .bind(id)
            .bind(l.line)
            .bind(&l.site)
            .bind(milli(l.qty)?)
            .execute(self.conn().await?)
            .await?;
        }
        Ok(id)
    }

    /// Sets a shipment's status (stamping shipped / delivered times).
    pub async fn set_shipment_status(
        &mut self,
        id: i64,
        status: ShipmentStatus,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let at = ts(now);
        sqlx::query(
            "UPDATE shipments SET status = ?, \
             shipped_at = CASE WHEN ? = 'shipped' THEN ? ELSE shipped_at END, \
             delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END WHERE id = ?",
        )
        .bind(status.key())
        .bind(status.key())
        .bind(&at)
        .bind(status.key())
        .bind(&at)
        .bind(id)
        .execute(self.conn().await?)
        .await?;
        Ok(())
    }

    pub async fn delete_shipment(&mut self, id: i64) -> Result<()> {
        sqlx::query("DELETE FROM shipment_lines WHERE shipment_id = ?")
            .bind(id)
            .execute(self.conn().await?)
            .await?;
        sqlx::query("DELETE FROM shipments WHERE id = ?")
            .bind(id)
            .execute(self.conn().await?)
            .await?;
        Ok(())
    }
}
