//! Inventory SQL: sites, the stock ledger, maintained levels, allocations.
//! Quantities are stored as INTEGER thousandths (see migration 0002).

use chrono::{DateTime, Utc};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::{parse_ts, ts, Store, WriteTx};
use crate::error::{Error, Result};
use crate::inventory::{
    Allocation, AllocationRow, CountedItem, Level, Movement, MovementKind, Site, SiteKind,
    StockItem,
};

/// Exact quantity to thousandths.
pub(crate) fn milli(q: Decimal) -> Result<i64> {
    let m = q * Decimal::from(1000);
    if m.fract() != Decimal::ZERO {
        return Err(Error::invalid("qty", "a quantity has at most 3 decimals"));
    }
    m.to_i64()
        .ok_or_else(|| Error::invalid("qty", "quantity out of range"))
}

/// Thousandths to an exact quantity.
pub(crate) fn qty(m: i64) -> Decimal {
    Decimal::new(m, 3).normalize()
}

fn site_row(r: &SqliteRow) -> Result<Site> {
    Ok(Site {
        key: r.get(0),
        name: r.get(1),
        kind: SiteKind::parse(r.get::<&str, _>(2))
            .map_err(|_| Error::Storage("bad site kind".into()))?,
        home: r.get(3),
    })
}

fn level_row(r: &SqliteRow) -> Level {
    Level::new(r.get(0), r.get(1), qty(r.get(2)), qty(r.get(3)))
}

const SITES: &str = "SELECT key, name, kind, home FROM sites ORDER BY key";
const LEVELS: &str = "SELECT site, sku, on_hand_milli, allocated_milli FROM stock_levels";

async fn allocations(conn: &mut SqliteConnection, order_id: i64) -> Result<Vec<AllocationRow>> {
    let rows = sqlx::query(
        "SELECT line_no, site, sku, qty_milli, shipped_milli FROM allocations \
         WHERE order_id = ? ORDER BY line_no, id",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| AllocationRow {
            line_no: r.get(0),
            site: r.get(1),
            sku: r.get(2),
            qty: qty(r.get(3)),
            shipped: qty(r.get(4)),
        })
        .collect())
}

async fn sites(conn: &mut SqliteConnection) -> Result<Vec<Site>> {
    sqlx::query(SITES)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(site_row)
        .collect()
}

impl Store {
    pub async fn sites(&self) -> Result<Vec<Site>> {
        let mut conn = self.reader().acquire().await?;
        sites(&mut conn).await
    }

    /// Levels, by SKU then site; one SKU when given.
    pub async fn stock_levels(&self, sku: Option<&str>) -> Result<Vec<Level>> {
        let rows = match sku {
            Some(s) => {
                sqlx::query(&format!("{LEVELS} WHERE sku = ? ORDER BY sku, site"))
                    .bind(s)
                    .fetch_all(self.reader())
                    .await?
            }
            None => {
                sqlx::query(&format!("{LEVELS} ORDER BY sku, site"))
                    .fetch_all(self.reader())
                    .await?
            }
        };
        Ok(rows.iter().map(level_row).collect())
    }

    /// The items whose stock is counted, by SKU.
    pub async fn stock_items(&self) -> Result<Vec<CountedItem>> {
        let rows = sqlx::query("SELECT sku, allow_backorder FROM stock_items ORDER BY sku")
            .fetch_all(self.reader())
            .await?;
        Ok(rows
            .iter()
            .map(|r| CountedItem {
                sku: r.get(0),
                allow_backorder: r.get(1),
            })
            .collect())
    }

    /// The ledger of one SKU, oldest first.
    pub async fn movements(&self, sku: &str) -> Result<Vec<Movement>> {
        let rows = sqlx::query(
            "SELECT m.id, m.site, m.sku, m.kind, m.qty_milli, o.number, m.note, m.at, m.actor \
             FROM stock_movements m LEFT JOIN orders o ON o.id = m.order_id \
             WHERE m.sku = ? ORDER BY m.id",
        )
        .bind(sku)
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Movement {
                    id: r.get(0),
                    site: r.get(1),
                    sku: r.get(2),
                    kind: MovementKind::parse(r.get::<&str, _>(3))?,
                    qty: qty(r.get(4)),
                    order: r.get(5),
                    note: r.get(6),
                    at: parse_ts(r.get::<&str, _>(7))?,
                    actor: r.get(8),
                })
            })
            .collect()
    }

    /// An order's reservations (the order screen's stock panel).
    pub async fn order_allocations(&self, order_id: i64) -> Result<Vec<AllocationRow>> {
        let mut conn = self.reader().acquire().await?;
        allocations(&mut conn, order_id).await
    }

    /// On hand recomputed from the ledger (for checks and audits).
    pub async fn ledger_on_hand(&self, site: &str, sku: &str) -> Result<Decimal> {
        let m: Option<i64> = sqlx::query_scalar(
            "SELECT SUM(qty_milli) FROM stock_movements WHERE site = ? AND sku = ?",
        )
        .bind(site)
        .bind(sku)
        .fetch_one(self.reader())
        .await?;
        Ok(qty(m.unwrap_or(0)))
    }
}

impl WriteTx {
    pub async fn sites(&mut self) -> Result<Vec<Site>> {
        sites(self.conn().await?).await
    }

    pub async fn insert_site(&mut self, s: &Site, actor: &str, now: DateTime<Utc>) -> Result<()> {
        if s.home {
            sqlx::query("UPDATE sites SET home = 0 WHERE home = 1")
                .execute(self.conn().await?)
                .await?;
        }
        let done = sqlx::query(
            "INSERT INTO sites (key, name, kind, home, created_at, actor) VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT(key) DO NOTHING",
        )
        .bind(&s.key)
        .bind(&s.name)
        .bind(s.kind.key())
        .bind(s.home)
        .bind(ts(now))
        .bind(actor)
        .execute(self.conn().await?)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::conflict(format!("site '{}' already exists", s.key)));
        }
        Ok(())
    }

    /// The stock item, if its stock is counted.
    pub async fn stock_item(&mut self, sku: &str) -> Result<Option<StockItem>> {
        let r: Option<bool> =
            sqlx::query_scalar("SELECT allow_backorder FROM stock_items WHERE sku = ?")
                .bind(sku)
                .fetch_optional(self.conn().await?)
                .await?;
        Ok(r.map(|allow_backorder| StockItem { allow_backorder }))
    }

    /// Starts counting an item's stock (no-op if counted), optionally setting backorders.
    pub async fn upsert_stock_item(&mut self, sku: &str, backorder: Option<bool>) -> Result<()> {
        sqlx::query(
            "INSERT INTO stock_items (sku, allow_backorder) VALUES (?, COALESCE(?, 0)) \
             ON CONFLICT(sku) DO UPDATE SET allow_backorder = COALESCE(?, allow_backorder)",
        )
        .bind(sku)
        .bind(backorder)
        .bind(backorder)
        .execute(self.conn().await?)
        .await?;
        Ok(())
    }

    /// Levels of some SKUs at every site that has a row.
    pub async fn levels(&mut self, skus: &[String]) -> Result<Vec<Level>> {
        let mut out = Vec::new();
        for sku in skus {
            let rows = sqlx::query(&format!("{LEVELS} WHERE sku = ? ORDER BY site"))
                .bind(sku)
                .fetch_all(self.conn().await?)
                .await?;
            out.extend(rows.iter().map(level_row));
        }
        Ok(out)
    }

    pub async fn level(&mut self, site: &str, sku: &str) -> Result<Level> {
        let r = sqlx::query(&format!("{LEVELS} WHERE site = ? AND sku = ?"))
            .bind(site)
            .bind(sku)
            .fetch_optional(self.conn().await?)
            .await?;
        Ok(r.as_ref()
            .map(level_row)
            .unwrap_or_else(|| Level::new(site, sku, Decimal::ZERO, Decimal::ZERO)))
    }

    pub(super) async fn bump_level(
        &mut self,
        site: &str,
        sku: &str,
        on_hand: i64,
        allocated: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO stock_levels (site, sku, on_hand_milli, allocated_milli) VALUES (?, ?, ?, ?) \
             ON CONFLICT(site, sku) DO UPDATE SET on_hand_milli = on_hand_milli + excluded.on_hand_milli, \
             allocated_milli = allocated_milli + excluded.allocated_milli",
        )
        .bind(site)
        .bind(sku)
        .bind(on_hand)
        .bind(allocated)
        .execute(self.conn().await?)
        .await?;
        Ok(())
    }

    /// Appends a ledger row and moves the maintained on-hand with it.
    #[allow(clippy::too_many_arguments)]
    pub async fn record_movement(
        &mut self,
        site: &str,
        sku: &str,
        kind: MovementKind,
        delta: Decimal,
        order_id: Option<i64>,
        note: Option<&str>,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let m = milli(delta)?;
        sqlx::query(
            "INSERT INTO stock_movements (site, sku, kind, qty_milli, order_id, note, at, actor) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(site)
        .bind(sku)
        .bind(kind.key())
        .bind(m)
        .bind(order_id)
        .bind(note)
        .bind(ts(now))
        .bind(actor)
        .execute(self.conn().await?)
        .await?;
        self.bump_level(site, sku, m, 0).await
    }

    /// Reserves stock for order lines.
    pub async fn insert_allocations(&mut self, order_id: i64, allocs: &[Allocation]) -> Result<()> {
        for a in allocs {
            let m = milli(a.qty)?;
            sqlx::query(
                "INSERT INTO allocations (order_id, line_no, site, sku, qty_milli) VALUES (?, ?, ?, ?, ?) \
                 ON CONFLICT(order_id, line_no, site) DO UPDATE SET qty_milli = qty_milli + excluded.qty_milli",
            )
            .bind(order_id)
            .bind(a.line_no)
            .bind(&a.site)
            .bind(&a.sku)
            .bind(m)
            .execute(self.conn().await?)
            .await?;
            self.bump_level(&a.site, &a.sku, 0, m).await?;
        }
        Ok(())
    }

    /// An order's allocations: (line, site, sku, reserved, shipped).
    pub async fn allocations(&mut self, order_id: i64) -> Result<Vec<AllocationRow>> {
        allocations(self.conn().await?, order_id).await
    }

    /// Releases everything reserved and not shipped (cancel). Returns the
    /// released rows (line, site, sku, qty).
    pub async fn release_allocations(&mut self, order_id: i64) -> Result<Vec<Allocation>> {
        let mut released = Vec::new();
        for a in self.allocations(order_id).await? {
            let open = a.qty - a.shipped;
            if open > Decimal::ZERO {
                self.bump_level(&a.site, &a.sku, 0, -milli(open)?).await?;
                released.push(Allocation {
                    line_no: a.line_no,
                    sku: a.sku,
                    site: a.site,
                    qty: open,
                });
            }
        }
        sqlx::query("UPDATE allocations SET qty_milli = shipped_milli WHERE order_id = ?")
            .bind(order_id)
            .execute(self.conn().await?)
            .await?;
        Ok(released)
    }

    /// Consumes reserved stock when it ships: the allocation's shipped part
    /// grows, the level's allocated shrinks, and a `sale` movement is written.
    #[allow(clippy::too_many_arguments)]
    pub async fn consume_allocation(
        &mut self,
        order_id: i64,
        line_no: i64,
        site: &str,
        sku: &str,
        q: Decimal,
        note: &str,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let m = milli(q)?;
        sqlx::query(
            "UPDATE allocations SET shipped_milli = shipped_milli + ? \
             WHERE order_id = ? AND line_no = ? AND site = ?",
        )
        .bind(m)
        .bind(order_id)
        .bind(line_no)
        .bind(site)
        .execute(self.conn().await?)
        .await?;
        self.bump_level(site, sku, 0, -m).await?;
        self.record_movement(
            site,
            sku,
            MovementKind::Sale,
            -q,
            Some(order_id),
            Some(note),
            actor,
            now,
        )
        .await
    }
}
