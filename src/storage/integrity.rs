//! The database's invariants, checked from SQL: what must hold after any
//! crash, restore or concurrent use. `tillflow check` runs them, and so do
//! the crash and concurrency harnesses after every cycle.

use serde::Serialize;
use sqlx::Row;

use super::Store;
use crate::error::Result;

/// One broken invariant: which check, how many rows break it, and the first
/// few of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    pub check: &'static str,
    pub count: i64,
    pub examples: Vec<String>,
}

/// Checks whose violations are rows of one text column.
const ROW_CHECKS: &[(&str, &str)] = &[
    (
        "foreign keys",
        "SELECT \"table\" || ' row ' || coalesce(rowid, '?') || ' → ' || parent FROM pragma_foreign_key_check",
    ),
    (
        "every order has its lines",
        "SELECT o.number FROM orders o \
         WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)",
    ),
    (
        "paid is the sum of the order's payments",
        "SELECT o.number || ': paid ' || o.paid || ', payments ' || coalesce(p.sum, 0) \
         FROM orders o LEFT JOIN (SELECT order_id, sum(amount) AS sum FROM payments GROUP BY order_id) p \
           ON p.order_id = o.id \
         WHERE o.paid <> coalesce(p.sum, 0)",
    ),
    (
        "every order's creation is in its history",
        "SELECT o.number FROM orders o \
         WHERE NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.event = 'order.created')",
    ),
    (
        "order numbers are gap-free",
        "SELECT 'counter ' || coalesce((SELECT value FROM counters WHERE name = 'order'), 0) \
                || ', orders ' || (SELECT count(*) FROM orders) \
         WHERE coalesce((SELECT value FROM counters WHERE name = 'order'), 0) <> (SELECT count(*) FROM orders)",
    ),
    (
        "invoice numbers are gap-free",
        "SELECT 'invoices ' || count(*) || ', last number ' || max(seq) FROM invoices \
         HAVING count(*) <> coalesce(max(seq), 0)",
    ),
    (
        "credit-note numbers are gap-free",
        "SELECT 'credit notes ' || count(*) || ', last number ' || max(seq) FROM credit_notes \
         HAVING count(*) <> coalesce(max(seq), 0)",
    ),
    (
        "Z numbers are gap-free per till",
        "SELECT till || ': ' || count(*) || ' Z reports, last number ' || max(number) FROM z_reports \
         GROUP BY till HAVING count(*) <> max(number)",
    ),
    (
        "a session is closed exactly when it has its Z report",
        "SELECT 'session ' || s.id || (CASE WHEN s.closed_at IS NULL THEN ' is open with a Z report' \
                ELSE ' is closed without a Z report' END) FROM till_sessions s \
         WHERE (s.closed_at IS NULL) = EXISTS (SELECT 1 FROM z_reports z WHERE z.session_id = s.id)",
    ),
    (
        "every invoice and credit note is in its order's history",
        "SELECT i.number FROM invoices i WHERE NOT EXISTS (SELECT 1 FROM order_events e \
           WHERE e.order_id = i.order_id AND e.event = 'invoice.issued' AND e.reason = i.number) \
         UNION ALL SELECT c.number FROM credit_notes c WHERE NOT EXISTS (SELECT 1 FROM order_events e \
           WHERE e.order_id = c.order_id AND e.event = 'credit_note.issued' AND e.reason LIKE c.number || ' %')",
    ),
    (
        "every credit note corrects its order's invoice",
        "SELECT c.number FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id \
         WHERE i.order_id <> c.order_id",
    ),
    (
        "stock on hand is the sum of its ledger",
        "SELECT l.site || '/' || l.sku || ': on hand ' || l.on_hand_milli || ', ledger ' || coalesce(m.sum, 0) \
         FROM stock_levels l LEFT JOIN \
           (SELECT site, sku, sum(qty_milli) AS sum FROM stock_movements GROUP BY site, sku) m \
           ON m.site = l.site AND m.sku = l.sku \
         WHERE l.on_hand_milli <> coalesce(m.sum, 0)",
    ),
    (
        "stock allocated is the sum of open reservations",
        "SELECT l.site || '/' || l.sku || ': allocated ' || l.allocated_milli || ', reservations ' || coalesce(a.sum, 0) \
         FROM stock_levels l LEFT JOIN \
           (SELECT site, sku, sum(qty_milli - shipped_milli) AS sum FROM allocations GROUP BY site, sku) a \
           ON a.site = l.site AND a.sku = l.sku \
         WHERE l.allocated_milli <> coalesce(a.sum, 0)",
    ),
    (
        "the unpaid tally is the orders' balances",
        "SELECT 'tally ' || t.orders || ' orders ' || t.balance || ', orders ' || o.n || ' ' || o.sum \
         FROM (SELECT coalesce(sum(orders), 0) AS orders, coalesce(sum(balance), 0) AS balance FROM unpaid_tally) t, \
           (SELECT count(*) AS n, coalesce(sum(total - paid), 0) AS sum FROM orders WHERE total > paid) o \
         WHERE t.orders <> o.n OR t.balance <> o.sum",
    ),
    (
        "the open tally counts the open orders",
        "SELECT coalesce(t.order_type, o.order_type) || '/' || coalesce(t.stage, o.stage) || '/' \
                || coalesce(t.status, o.status) || ': tally ' || coalesce(t.orders, 0) || ', open ' || coalesce(o.n, 0) \
         FROM (SELECT * FROM open_tally WHERE orders <> 0) t FULL JOIN \
           (SELECT order_type, stage, status, count(*) AS n FROM orders WHERE closed_at IS NULL \
            GROUP BY order_type, stage, status) o \
           ON o.order_type = t.order_type AND o.stage = t.stage AND o.status = t.status \
         WHERE coalesce(t.orders, 0) <> coalesce(o.n, 0)",
    ),
];

/// How many examples a violation lists.
const EXAMPLES: usize = 5;

fn violation(check: &'static str, count: i64, examples: Vec<String>) -> Option<Violation> {
    (count > 0).then_some(Violation {
        check,
        count,
        examples,
    })
}

impl Store {
    /// Every invariant of the database; an empty list when all hold.
    pub async fn violations(&self) -> Result<Vec<Violation>> {
        let mut found = Vec::new();
        let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(self.reader())
            .await?;
        if integrity != ["ok"] {
            let count = integrity.len() as i64;
            found.extend(violation("SQLite integrity_check", count, integrity));
        }
        for (check, sql) in ROW_CHECKS {
            let count: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM ({sql})"))
                .fetch_one(self.reader())
                .await?;
            if count == 0 {
                continue;
            }
            let examples: Vec<String> = sqlx::query(&format!("{sql} LIMIT {EXAMPLES}"))
                .fetch_all(self.reader())
                .await?
                .iter()
                .map(|r| r.try_get::<String, _>(0).unwrap_or_default())
                .collect();
            found.extend(violation(check, count, examples));
        }
        found.extend(self.full_text_violations().await?);
        Ok(found)
    }

    /// FTS5's own integrity check of every full-text index. It is an
    /// `INSERT` that writes nothing, so it runs on the writer, in a
    /// transaction that is rolled back.
    async fn full_text_violations(&self) -> Result<Vec<Violation>> {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%' ORDER BY name",
        )
        .fetch_all(self.reader())
        .await?;
        let mut tx = self.begin().await?;
        let mut found = Vec::new();
        for t in tables {
            let sql = format!("INSERT INTO \"{t}\"(\"{t}\") VALUES ('integrity-check')");
            if let Err(e) = sqlx::query(&sql).execute(tx.conn().await?).await {
                found.push(Violation {
                    check: "full-text index matches its content",
                    count: 1,
                    examples: vec![format!("{t}: {e}")],
                });
            }
        }
        drop(tx);
        Ok(found)
    }
}
