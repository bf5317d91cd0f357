//! Storage: all SQL lives here. SQLite through sqlx, WAL, one writer
//! connection taking `BEGIN IMMEDIATE` transactions, and a read pool.
//! Domain and engine code never see SQL; they call [`Store`] and [`WriteTx`].

mod backup;
mod bulk;
mod cash;
pub use cash::ZRow;
mod changes;
mod customer_changes;
mod customer_pages;
mod customers;
mod dashboard;
mod edits;
mod fulfillment;
mod integrity;
mod inventory;
mod invoices;
mod journal;
mod logos;
mod lookups;
mod orders;
mod outbox;
mod returns;
mod shipments;
mod staff;
pub use crate::inventory::AllocationRow;
pub use fulfillment::FulfillmentRecord;
pub use integrity::Violation;
pub use invoices::{CreditNoteRow, IssuedRow, NewIssue, Series};
pub use staff::{name_key, StaffRow};
mod export;
mod pages;
mod search;
pub use crate::orders::StatusCount;
pub use backup::{change_marker, hold_exclusive, inspect, ExclusiveHold, Inspection};
pub use bulk::{BulkCustomer, BulkEntry, BulkLine, BulkOrder, BulkPayment};
pub use changes::ChangeWatch;
pub use customer_changes::Moved;
pub use customer_pages::{CustomerFigures, CustomerRecord};
pub use dashboard::DashboardFigures;
pub use edits::OrderDetails;
pub use export::{ExportLine, ExportRow};
pub use orders::{OrderRow, OrderState, StepMove, StoredPosition, WorkflowMarks};
pub use outbox::{DueMessage, OrderContact};
pub use returns::ReturnRow;
mod settings;
mod write_tx;
pub use write_tx::WriteTx;
pub(crate) use write_tx::{values_sql, SqlValue};

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, SqlitePool};

use crate::error::{Error, Result};

/// How hard commits are pushed to disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// `synchronous=FULL`: a committed sale survives power loss (default).
    #[default]
    Full,
    /// `synchronous=NORMAL`: faster; a power cut may lose the last commits.
    Normal,
}

#[derive(Clone)]
pub struct Store {
    /// The one writer connection (see [`WriteTx`]).
    writer: write_tx::SharedWriter,
    reader: SqlitePool,
    path: PathBuf,
    /// The till this store writes for ([`WriteTx::till`]).
    till: std::sync::Arc<str>,
}

pub fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub(crate) fn parse_ts(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| Error::Storage(format!("bad timestamp '{text}': {e}")))
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it.
    pub async fn open(path: &Path, durability: Durability) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let sync = match durability {
            Durability::Full => SqliteSynchronous::Full,
            Durability::Normal => SqliteSynchronous::Normal,
        };
        let base = SqliteConnectOptions::from_str("sqlite://")?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(sync)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let mut writer = base.connect().await?;
        let migrator = sqlx::migrate!("./migrations");
        let latest = migrator.iter().map(|m| m.version).max().unwrap_or(0);
        if backup::needs_migration(&mut writer, latest).await? {
            backup::before_migration(&mut writer, path).await?;
        }
        migrator.run_direct(&mut writer).await?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(base.read_only(true))
            .await?;
        Ok(Store {
            writer: write_tx::shared(writer),
            reader,
            path: path.to_path_buf(),
            till: crate::journal::DEFAULT_TILL.into(),
        })
    }

    /// Starts a write transaction; the writer connection is exclusive until
    /// it commits or is dropped (rolled back).
    pub async fn begin(&self) -> Result<WriteTx> {
        WriteTx::start(&self.writer, self.till.clone()).await
    }

    /// The store writing for till `code` (checked): its journal entries
    /// go to that till's chain.
    pub fn for_till(mut self, code: &str) -> Result<Store> {
        crate::journal::check_till_code(code)?;
        self.till = code.into();
        Ok(self)
    }

    /// The code of the till this store writes for.
    pub fn till(&self) -> &str {
        &self.till
    }

    pub(crate) fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    pub async fn close(&self) {
        self.writer.lock().await.close().await;
        // sqlx 0.8.6's `Pool::close` can return with a connection still
        // open: one whose return to the pool (a spawned task, which pings
        // it first) was under way when `close` began lands in the idle list
        // after `close` last looked there, and stays open until the pool is
        // dropped (a restore right after `close` then finds the file in
        // use). Close again until none is left (bounded: a connection still
        // checked out by a caller is that caller's to give back).
        for _ in 0..200 {
            self.reader.close().await;
            if self.reader.size() == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    }
}
