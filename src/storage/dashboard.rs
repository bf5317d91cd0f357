//! The dashboard's and the board's figures: SQL aggregates over indexes
//! (overdue, a week of intake) and the tallies kept by triggers (unpaid:
//! migration 0007; open orders by type, stage and status: 0013), read in
//! one snapshot.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::pages::summary;
use super::{ts, StatusCount, Store};
use crate::error::Result;
use crate::money::Currency;
use crate::orders::OrderSummary;

/// Everything the dashboard counts, as stored (money in minor units).
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardFigures {
    /// Open orders by stage and status.
    pub by_status: Vec<StatusCount>,
    /// Open orders due before `today`.
    pub overdue: i64,
    /// Orders with a balance left (completed ones included), and its sum.
    pub unpaid: i64,
    pub unpaid_minor: i64,
    /// Orders created in each interval `[bounds[i], bounds[i + 1])`.
    pub created: Vec<i64>,
    /// The first overdue orders, earliest due first.
    pub overdue_orders: Vec<OrderSummary>,
    /// The largest unpaid balances first.
    pub unpaid_orders: Vec<OrderSummary>,
}

const LIST_COLUMNS: &str = "SELECT o.id, o.number, o.order_type, o.stage, o.status, o.total, \
     o.paid, o.due_date, o.created_at, c.name AS customer, c.phone AS phone \
     FROM orders o LEFT JOIN customers c ON c.id = o.customer_id";

async fn open_by_status(
    c: &mut SqliteConnection,
    order_type: Option<&str>,
) -> Result<Vec<StatusCount>> {
    let rows = match order_type {
        None => {
            sqlx::query(
                "SELECT stage, status, SUM(orders) FROM open_tally WHERE orders > 0 \
                 GROUP BY stage, status",
            )
            .fetch_all(&mut *c)
            .await?
        }
        Some(t) => {
            sqlx::query(
                "SELECT stage, status, SUM(orders) FROM open_tally WHERE orders > 0 \
                 AND order_type = ? GROUP BY stage, status",
            )
            .bind(t)
            .fetch_all(&mut *c)
            .await?
        }
    };
    Ok(rows
        .iter()
        .map(|r: &SqliteRow| StatusCount {
            stage: r.get(0),
            status: r.get(1),
            count: r.get(2),
        })
        .collect())
}

/// The first `list` orders `WHERE <criteria and order>` (one optional text
/// parameter), as summaries.
async fn first_orders(
    c: &mut SqliteConnection,
    criteria_and_order: &str,
    param: Option<&str>,
    list: u32,
    currency: &Currency,
) -> Result<Vec<OrderSummary>> {
    let sql = format!("{LIST_COLUMNS} WHERE {criteria_and_order} LIMIT ?");
    let mut q = sqlx::query(&sql);
    if let Some(p) = param {
        q = q.bind(p);
    }
    Ok(q.bind(i64::from(list))
        .fetch_all(&mut *c)
        .await?
        .iter()
        .map(|r| summary(r, currency))
        .collect())
}

impl Store {
    /// The dashboard's figures: `today` (the shop's local day) decides what
    /// is overdue, `bounds` (instants, ascending) the days counted, `list`
    /// how many overdue and unpaid orders to list.
    pub async fn dashboard_figures(
        &self,
        today: NaiveDate,
        bounds: &[DateTime<Utc>],
        list: u32,
        currency: &Currency,
    ) -> Result<DashboardFigures> {
        // One read transaction: every figure from the same snapshot.
        let mut tx = self.reader().begin().await?;
        let by_status = open_by_status(&mut tx, None).await?;
        let today = today.format("%Y-%m-%d").to_string();
        let overdue: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM orders INDEXED BY orders_open_due \
             WHERE closed_at IS NULL AND due_date < ?",
        )
        .bind(&today)
        .fetch_one(&mut *tx)
        .await?;
        let (unpaid, unpaid_minor): (i64, i64) =
            sqlx::query_as("SELECT orders, balance FROM unpaid_tally WHERE id = 1")
                .fetch_optional(&mut *tx)
                .await?
                .unwrap_or((0, 0));
        let mut created = Vec::with_capacity(bounds.len().saturating_sub(1));
        for w in bounds.windows(2) {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM orders WHERE created_at >= ? AND created_at < ?",
            )
            .bind(ts(w[0]))
            .bind(ts(w[1]))
            .fetch_one(&mut *tx)
            .await?;
            created.push(n);
        }
        let overdue_orders = first_orders(
            &mut tx,
            "o.closed_at IS NULL AND o.due_date < ? ORDER BY o.due_date, o.id",
            Some(&today),
            list,
            currency,
        )
        .await?;
        let unpaid_orders = first_orders(
            &mut tx,
            "o.total > o.paid ORDER BY (o.total - o.paid) DESC, o.id DESC",
            None,
            list,
            currency,
        )
        .await?;
        tx.commit().await?;
        Ok(DashboardFigures {
            by_status,
            overdue,
            unpaid,
            unpaid_minor,
            created,
            overdue_orders,
            unpaid_orders,
        })
    }

    /// Open orders past their step's time target at `now` (counted), and
    /// the first `list` of them, longest over first (the earliest target).
    pub async fn over_target(
        &self,
        now: DateTime<Utc>,
        list: u32,
        currency: &Currency,
    ) -> Result<(i64, Vec<OrderSummary>)> {
        let mut tx = self.reader().begin().await?;
        let now = ts(now);
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM orders INDEXED BY orders_open_step_due \
             WHERE closed_at IS NULL AND step_due_at IS NOT NULL AND step_due_at < ?",
        )
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        let orders = first_orders(
            &mut tx,
            "o.closed_at IS NULL AND o.step_due_at IS NOT NULL AND o.step_due_at < ? \
             ORDER BY o.step_due_at, o.id",
            Some(&now),
            list,
            currency,
        )
        .await?;
        tx.commit().await?;
        Ok((n, orders))
    }

    /// Open orders (of one type, or all) counted by stage and status: the
    /// board's columns.
    pub async fn open_status_counts(&self, order_type: Option<&str>) -> Result<Vec<StatusCount>> {
        let mut c = self.reader().acquire().await?;
        open_by_status(&mut c, order_type).await
    }
}
