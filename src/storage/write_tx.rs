//! The write transaction on the one writer connection.
//!
//! sqlx runs every statement on the connection's worker thread; each round
//! trip is a thread hand-off, which on an idle machine costs more than the
//! SQL of a small change. So a [`WriteTx`] sends as few messages as it can:
//! - `BEGIN IMMEDIATE` goes out with the transaction's first statement;
//! - writes whose result nobody needs (audit rows, lines, positions) are
//!   queued with [`WriteTx::defer`] and go out with the next statement, or
//!   with `COMMIT` — a trigger transition is two round trips: read the order
//!   (with `BEGIN`), then update + audit + `COMMIT`.
//!
//! Anything else reaches the connection through [`WriteTx::conn`], which
//! sends what is queued first, so statements always run in program order and
//! reads see earlier writes. A failing queued write fails the statement (or
//! the commit) it travels with; the transaction then rolls back as a whole.
//! Dropping a transaction that was not committed rolls it back.

use std::sync::Arc;

use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Arguments, Connection, SqliteConnection};
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::error::{Error, Result};

/// The writer connection, shared by every [`WriteTx`] of a store.
pub(crate) struct Writer {
    conn: Option<SqliteConnection>,
    /// A transaction was dropped without a runtime to roll it back on.
    rollback_first: bool,
}

pub(crate) type SharedWriter = Arc<Mutex<Writer>>;

pub(crate) fn shared(conn: SqliteConnection) -> SharedWriter {
    Arc::new(Mutex::new(Writer {
        conn: Some(conn),
        rollback_first: false,
    }))
}

impl Writer {
    fn conn(&mut self) -> Result<&mut SqliteConnection> {
        self.conn
            .as_mut()
            .ok_or_else(|| Error::Storage("the database is closed".into()))
    }

    /// Runs `sql` outside any transaction (maintenance statements).
    pub(crate) async fn execute(&mut self, sql: &str) -> Result<()> {
        let conn = self.conn()?;
        sqlx::query(sql).execute(conn).await?;
        Ok(())
    }

    /// Rolls back the open transaction ("no transaction is active", when
    /// what failed was `BEGIN`, is fine).
    async fn rollback(&mut self) {
        if let Some(conn) = self.conn.as_mut() {
            if sqlx::Executor::execute(conn, "ROLLBACK").await.is_ok() {
                self.rollback_first = false;
            }
        }
    }

    pub(crate) async fn close(&mut self) {
        if let Some(conn) = self.conn.take() {
            let _ = conn.close().await;
        }
    }
}

/// A value bound to a queued statement.
#[derive(Debug, Clone)]
pub(crate) enum SqlValue {
    Int(i64),
    Text(String),
    Null,
}

impl From<i64> for SqlValue {
    fn from(v: i64) -> Self {
        SqlValue::Int(v)
    }
}

impl From<bool> for SqlValue {
    fn from(v: bool) -> Self {
        SqlValue::Int(v.into())
    }
}

impl From<String> for SqlValue {
    fn from(v: String) -> Self {
        SqlValue::Text(v)
    }
}

impl From<&str> for SqlValue {
    fn from(v: &str) -> Self {
        SqlValue::Text(v.to_string())
    }
}

impl<T: Into<SqlValue>> From<Option<T>> for SqlValue {
    fn from(v: Option<T>) -> Self {
        v.map_or(SqlValue::Null, Into::into)
    }
}

/// `head VALUES (?, …), (?, …)`: `rows` rows of `columns` parameters.
pub(crate) fn values_sql(head: &str, columns: usize, rows: usize) -> String {
    let row = format!("({})", vec!["?"; columns].join(", "));
    format!("{head} VALUES {}", vec![row; rows].join(", "))
}

/// Statements waiting to be sent, with their arguments in order (SQLite
/// numbers plain `?` parameters across the statements of one query).
#[derive(Default)]
struct Batch {
    sql: String,
    args: SqliteArguments<'static>,
}

impl Batch {
    fn push(&mut self, sql: &str, values: impl IntoIterator<Item = SqlValue>) -> Result<()> {
        self.sql.push_str(sql);
        self.sql.push_str(";\n");
        for v in values {
            let added = match v {
                SqlValue::Int(i) => self.args.add(i),
                SqlValue::Text(t) => self.args.add(t),
                SqlValue::Null => self.args.add(Option::<i64>::None),
            };
            added.map_err(|e| Error::Storage(format!("binding a value: {e}")))?;
        }
        Ok(())
    }
}

/// A write transaction (`BEGIN IMMEDIATE` on the writer connection).
pub struct WriteTx {
    writer: Option<OwnedMutexGuard<Writer>>,
    /// The till this transaction writes for (its journal chain).
    till: Arc<str>,
    /// `BEGIN` has been sent (so dropping must roll back).
    begun: bool,
    batch: Batch,
}

impl WriteTx {
    /// Takes the writer; sends nothing yet.
    pub(crate) async fn start(writer: &SharedWriter, till: Arc<str>) -> Result<WriteTx> {
        let mut guard = writer.clone().lock_owned().await;
        if guard.rollback_first {
            guard.rollback().await;
            guard.rollback_first = false;
        }
        guard.conn()?;
        let mut batch = Batch::default();
        batch.sql.push_str("BEGIN IMMEDIATE;\n");
        Ok(WriteTx {
            writer: Some(guard),
            till,
            begun: false,
            batch,
        })
    }

    /// The code of the till this transaction writes for.
    pub fn till(&self) -> &str {
        &self.till
    }

    /// Queues a write whose result is not needed; it is sent with the next
    /// statement or with the commit.
    pub(crate) fn defer(
        &mut self,
        sql: &str,
        values: impl IntoIterator<Item = SqlValue>,
    ) -> Result<()> {
        self.batch.push(sql, values)
    }

    fn take_batch(&mut self) -> Batch {
        self.begun = true;
        std::mem::take(&mut self.batch)
    }

    fn connection(&mut self) -> Result<&mut SqliteConnection> {
        match self.writer.as_mut() {
            Some(w) => w.conn(),
            None => Err(Error::Storage("the transaction has ended".into())),
        }
    }

    /// The connection, after everything queued has been sent.
    pub(crate) async fn conn(&mut self) -> Result<&mut SqliteConnection> {
        if !self.batch.sql.is_empty() {
            let batch = self.take_batch();
            let conn = self.connection()?;
            sqlx::query_with(&batch.sql, batch.args)
                .execute(&mut *conn)
                .await?;
        }
        self.connection()
    }

    /// Sends what is queued followed by `sql` (a query returning at most
    /// one row), in one round trip; returns that row.
    pub(crate) async fn fetch_optional(
        &mut self,
        sql: &str,
        values: impl IntoIterator<Item = SqlValue>,
    ) -> Result<Option<SqliteRow>> {
        let mut batch = self.take_batch();
        batch.push(sql, values)?;
        let conn = self.connection()?;
        let row = sqlx::query_with(&batch.sql, batch.args)
            .fetch_optional(conn)
            .await?;
        Ok(row)
    }

    /// Sends what is queued and `COMMIT` in one round trip.
    pub async fn commit(mut self) -> Result<()> {
        let mut batch = self.take_batch();
        batch.sql.push_str("COMMIT;\n");
        let conn = self.connection()?;
        sqlx::query_with(&batch.sql, batch.args)
            .execute(conn)
            .await?;
        self.begun = false;
        Ok(())
    }
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        let Some(mut writer) = self.writer.take() else {
            return;
        };
        if !self.begun {
            return;
        }
        // Roll back on the runtime, holding the writer until it is done; with
        // no runtime, the next transaction rolls back first.
        writer.rollback_first = true;
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move { writer.rollback().await });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Durability, Store};
    use super::*;
    use sqlx::Row;

    async fn store(dir: &tempfile::TempDir) -> Store {
        Store::open(&dir.path().join("t.db"), Durability::Normal)
            .await
            .expect("open")
    }

    async fn counter(store: &Store, name: &str) -> Option<i64> {
        sqlx::query_scalar("SELECT value FROM counters WHERE name = ?")
            .bind(name)
            .fetch_optional(store.reader())
            .await
            .expect("read")
    }

    fn set(tx: &mut WriteTx, name: &str, value: i64) {
        tx.defer(
            "INSERT INTO counters (name, value) VALUES (?, ?) \
             ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            [name.into(), value.into()],
        )
        .expect("queue");
    }

    #[tokio::test]
    async fn queued_writes_run_in_order_and_reads_see_them() {
        let dir = tempfile::tempdir().expect("tmp");
        let store = store(&dir).await;
        let mut tx = store.begin().await.expect("begin");
        set(&mut tx, "a", 1);
        set(&mut tx, "a", 2);
        let seen = tx
            .fetch_optional("SELECT value FROM counters WHERE name = ?", ["a".into()])
            .await
            .expect("read")
            .map(|r| r.get::<i64, _>(0));
        assert_eq!(seen, Some(2));
        set(&mut tx, "b", 7);
        assert_eq!(counter(&store, "b").await, None, "not committed yet");
        tx.commit().await.expect("commit");
        assert_eq!(counter(&store, "a").await, Some(2));
        assert_eq!(counter(&store, "b").await, Some(7));
    }

    #[tokio::test]
    async fn a_failing_queued_write_fails_the_commit_and_writes_nothing() {
        let dir = tempfile::tempdir().expect("tmp");
        let store = store(&dir).await;
        let mut tx = store.begin().await.expect("begin");
        set(&mut tx, "kept", 1);
        tx.defer(
            "INSERT INTO order_events (order_id, at, actor, event, to_status, moved) VALUES (?, 'x', 'x', 'x', 'x', 0)",
            [424242.into()],
        )
        .expect("queue");
        let err = tx.commit().await.expect_err("foreign key");
        assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
        assert_eq!(counter(&store, "kept").await, None);
        // The writer is usable again and the earlier write is gone.
        let mut tx = store.begin().await.expect("begin again");
        set(&mut tx, "next", 3);
        tx.commit().await.expect("commit");
        assert_eq!(counter(&store, "next").await, Some(3));
        assert_eq!(counter(&store, "kept").await, None);
    }

    #[tokio::test]
    async fn dropping_a_begun_transaction_rolls_it_back() {
        let dir = tempfile::tempdir().expect("tmp");
        let store = store(&dir).await;
        let mut tx = store.begin().await.expect("begin");
        set(&mut tx, "dropped", 1);
        tx.conn().await.expect("sent");
        drop(tx);
        let mut tx = store.begin().await.expect("begin after drop");
        let seen = tx
            .fetch_optional(
                "SELECT value FROM counters WHERE name = ?",
                ["dropped".into()],
            )
            .await
            .expect("read");
        assert!(seen.is_none(), "the dropped write was rolled back");
        set(&mut tx, "after", 1);
        tx.commit().await.expect("commit");
        assert_eq!(counter(&store, "after").await, Some(1));
        assert_eq!(counter(&store, "dropped").await, None);
    }

    #[test]
    fn values_sql_repeats_the_row() {
        assert_eq!(
            values_sql("INSERT INTO t (a, b)", 2, 3),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?)"
        );
    }
}
