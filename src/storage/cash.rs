//! Drawer sessions, cash movements and Z reports SQL (migration 0020).

use chrono::{DateTime, Utc};
use sqlx::{Row, SqliteConnection};

use super::{parse_ts, ts, Store, WriteTx};
use crate::error::{Error, Result};
use crate::payments::drawer::CashMovementKind;
use crate::payments::report::{CashMovement, RateLine, SessionFacts, SessionInfo, SessionPayment};

/// A stored Z report: its number, when, and the report as computed (JSON).
#[derive(Debug, Clone)]
pub struct ZRow {
    pub number: i64,
    pub session_id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub report: String,
    pub grand_total: i64,
}

impl WriteTx {
    /// The open session of `till`, if any.
    pub async fn open_session(&mut self, till: &str) -> Result<Option<i64>> {
        open_session(self.conn().await?, till).await
    }

    /// Opens a session of `till` with `float` (counted as `count`, JSON).
    pub async fn insert_session(
        &mut self,
        till: &str,
        float: i64,
        count: &str,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        if self.open_session(till).await?.is_some() {
            return Err(Error::conflict(format!(
                "till {till} already has an open session: close it (Z report) first"
            )));
        }
        let id = sqlx::query(
            "INSERT INTO till_sessions (till, opened_at, opened_by, float, float_count) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(till)
        .bind(ts(now))
        .bind(actor)
        .bind(float)
        .bind(count)
        .execute(self.conn().await?)
        .await?
        .last_insert_rowid();
        Ok(id)
    }

    /// Records that order `order_id` was taken in `session`.
    pub fn set_order_session(&mut self, order_id: i64, session: i64) -> Result<()> {
        self.defer(
            "UPDATE orders SET session_id = ? WHERE id = ?",
            [session.into(), order_id.into()],
        )
    }

    /// Records a cash movement (no-sale openings may have no session).
    pub async fn insert_movement(
        &mut self,
        session: Option<i64>,
        kind: CashMovementKind,
        amount: i64,
        reason: &str,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let id = sqlx::query(
            "INSERT INTO cash_movements (session_id, kind, amount, reason, at, actor) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(session)
        .bind(kind.key())
        .bind(amount)
        .bind(reason)
        .bind(ts(now))
        .bind(actor)
        .execute(self.conn().await?)
        .await?
        .last_insert_rowid();
        Ok(id)
    }

    /// What a report of `session` is computed from, as this transaction sees it.
    pub async fn session_facts(
        &mut self,
        session: i64,
        until: DateTime<Utc>,
    ) -> Result<SessionFacts> {
        session_facts(self.conn().await?, session, until).await
    }

    /// The next Z number of `till` (gap-free: taken in the closing's transaction).
    pub async fn next_z_number(&mut self, till: &str) -> Result<i64> {
        let last: Option<i64> =
            sqlx::query_scalar("SELECT MAX(number) FROM z_reports WHERE till = ?")
                .bind(till)
                .fetch_one(self.conn().await?)
                .await?;
        Ok(last.unwrap_or(0) + 1)
    }

    /// The Z report that closed the period order `order_id` was sold in,
    /// as (till, number): the first Z of the order's till taken at or after
    /// the order's creation. The order's till is its session's, or
    /// `this_till` for an order taken with no session open. `None`: the
    /// order's period is still open.
    pub async fn closing_z(
        &mut self,
        order_id: i64,
        this_till: &str,
    ) -> Result<Option<(String, i64)>> {
        Ok(sqlx::query_as(
            "SELECT z.till, z.number FROM orders o JOIN z_reports z \
             ON z.till = COALESCE((SELECT s.till FROM till_sessions s WHERE s.id = o.session_id), ?) \
             AND z.at >= o.created_at \
             WHERE o.id = ? ORDER BY z.number LIMIT 1",
        )
        .bind(this_till)
        .bind(order_id)
        .fetch_optional(self.conn().await?)
        .await?)
    }

    /// Seals `session` with its Z report.
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_z(
        &mut self,
        till: &str,
        number: i64,
        session: i64,
        report: &str,
        grand_total: i64,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.defer(
            "UPDATE till_sessions SET closed_at = ?, closed_by = ? WHERE id = ?",
            [ts(now).into(), actor.into(), session.into()],
        )?;
        self.defer(
            "INSERT INTO z_reports (till, number, session_id, at, actor, report, grand_total) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                till.into(),
                number.into(),
                session.into(),
                ts(now).into(),
                actor.into(),
                report.into(),
                grand_total.into(),
            ],
        )
    }
}

impl Store {
    /// The open session of `till`, if any.
    pub async fn current_session(&self, till: &str) -> Result<Option<i64>> {
        let mut conn = self.reader().acquire().await?;
        open_session(&mut conn, till).await
    }

    /// What a report of `session` is computed from (for an X report).
    pub async fn read_session_facts(
        &self,
        session: i64,
        until: DateTime<Utc>,
    ) -> Result<SessionFacts> {
        let mut conn = self.reader().acquire().await?;
        session_facts(&mut conn, session, until).await
    }

    /// The Z reports of `till`, newest first.
    pub async fn z_reports(&self, till: &str) -> Result<Vec<ZRow>> {
        let rows = sqlx::query(
            "SELECT number, session_id, at, actor, report, grand_total FROM z_reports \
             WHERE till = ? ORDER BY number DESC",
        )
        .bind(till)
        .fetch_all(self.reader())
        .await?;
        rows.iter().map(z_row).collect()
    }

    /// Z report `number` of `till`.
    pub async fn z_report(&self, till: &str, number: i64) -> Result<ZRow> {
        let row = sqlx::query(
            "SELECT number, session_id, at, actor, report, grand_total FROM z_reports \
             WHERE till = ? AND number = ?",
        )
        .bind(till)
        .bind(number)
        .fetch_optional(self.reader())
        .await?
        .ok_or_else(|| Error::not_found("Z report", number.to_string()))?;
        z_row(&row)
    }
}

fn z_row(r: &sqlx::sqlite::SqliteRow) -> Result<ZRow> {
    Ok(ZRow {
        number: r.get(0),
        session_id: r.get(1),
        at: parse_ts(r.get::<&str, _>(2))?,
        actor: r.get(3),
        report: r.get(4),
        grand_total: r.get(5),
    })
}

async fn open_session(conn: &mut SqliteConnection, till: &str) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM till_sessions WHERE till = ? AND closed_at IS NULL")
            .bind(till)
            .fetch_optional(conn)
            .await?,
    )
}

async fn session_facts(
    conn: &mut SqliteConnection,
    session: i64,
    until: DateTime<Utc>,
) -> Result<SessionFacts> {
    let row = sqlx::query(
        "SELECT id, till, opened_at, opened_by, float, closed_at FROM till_sessions WHERE id = ?",
    )
    .bind(session)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::not_found("session", session.to_string()))?;
    let till: String = row.get(1);
    let opened_at: String = row.get(2);
    let closed_at: Option<String> = row.get(5);
    let info = SessionInfo {
        id: row.get(0),
        till: till.clone(),
        opened_at: parse_ts(&opened_at)?,
        opened_by: row.get(3),
        float: row.get(4),
    };
    let payments = sqlx::query(
        "SELECT method, amount, change_given, rounding, actor FROM payments WHERE session_id = ? ORDER BY id",
    )
    .bind(session)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| SessionPayment {
        method: r.get(0),
        amount: r.get(1),
        change: r.get(2),
        rounding: r.get(3),
        actor: r.get(4),
    })
    .collect();
    let mut movements = Vec::new();
    for r in sqlx::query(
        "SELECT kind, amount, reason, at, actor FROM cash_movements WHERE session_id = ? ORDER BY id",
    )
    .bind(session)
    .fetch_all(&mut *conn)
    .await?
    {
        movements.push(CashMovement {
            kind: CashMovementKind::parse(r.get::<&str, _>(0))?,
            amount: r.get(1),
            reason: r.get(2),
            at: parse_ts(r.get::<&str, _>(3))?,
            actor: r.get(4),
        });
    }
    let (orders, sales): (i64, i64) = sqlx::query_as(
        // An order's sale as taken: its total before any later return,
        // exchange or refund without goods lowered it (those are refunds and
        // charges of their session; a void leaves the total as it was).
        "SELECT COUNT(*), COALESCE(SUM(o.total + COALESCE( \
            (SELECT SUM(CASE WHEN r.kind IN ('return', 'exchange') THEN r.refund - r.charge \
                             WHEN r.kind = 'refund' THEN r.adjust ELSE 0 END) \
             FROM returns r WHERE r.order_id = o.id), 0)), 0) \
         FROM orders o WHERE o.session_id = ?",
    )
    .bind(session)
    .fetch_one(&mut *conn)
    .await?;
    // Per rate: gross (tax added when prices exclude it) and tax.
    let rates = sqlx::query(
        "SELECT l.tax_rate, \
                SUM(CASE WHEN COALESCE(o.prices_include_tax, 0) = 1 THEN l.amount ELSE l.amount + l.tax END), \
                SUM(l.tax) \
         FROM order_lines l JOIN orders o ON o.id = l.order_id \
         WHERE o.session_id = ? GROUP BY l.tax_rate ORDER BY CAST(l.tax_rate AS REAL)",
    )
    .bind(session)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        let gross: i64 = r.get(1);
        let tax: i64 = r.get(2);
        RateLine {
            rate: r.get(0),
            net: gross - tax,
            tax,
        }
    })
    .collect();
    // Cancellations while the session was open (by time: the till's window).
    let until = closed_at.unwrap_or_else(|| ts(until));
    let (cancellations, canceled): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(o.total), 0) FROM orders o WHERE o.id IN \
         (SELECT order_id FROM order_events WHERE event = 'order.canceled' \
          AND at >= ? AND at <= ?)",
    )
    .bind(&opened_at)
    .bind(&until)
    .fetch_one(&mut *conn)
    .await?;
    let grand_total_before: Option<i64> = sqlx::query_scalar(
        "SELECT grand_total FROM z_reports WHERE till = ? ORDER BY number DESC LIMIT 1",
    )
    .bind(&till)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(SessionFacts {
        session: info,
        payments,
        movements,
        orders,
        sales,
        rates,
        cancellations,
        canceled,
        grand_total_before: grand_total_before.unwrap_or(0),
    })
}
