//! Backup and restore at the SQLite level: consistent copies with
//! `VACUUM INTO` (never a file copy of a live WAL database), checking a
//! copy, knowing whether the live file changed, and making sure nothing
//! else has a database open before it is replaced.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteLockingMode};
use sqlx::{ConnectOptions, Connection, SqliteConnection};

use super::Store;
use crate::backup::{self, BackupInfo, BackupReason};
use crate::error::{Error, Result};
use crate::machine::MachineSettings;

/// What checking a database file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// `PRAGMA integrity_check`'s answer: `ok` for a sound file.
    pub integrity: String,
    pub orders: i64,
    /// The newest schema migration applied to it (0 for none).
    pub schema_version: i64,
    /// The newest order's number (none for no orders).
    pub last_order: Option<String>,
}

fn options(path: &Path) -> Result<SqliteConnectOptions> {
    Ok(SqliteConnectOptions::from_str("sqlite://")?
        .filename(path)
        .busy_timeout(Duration::from_secs(5)))
}

/// Writes a consistent copy of the database at `from` into `dest` (which
/// must not exist) through `conn`.
async fn vacuum_into(conn: &mut SqliteConnection, dest: &Path) -> Result<()> {
    let dest = dest
        .to_str()
        .ok_or_else(|| Error::invalid("file", "the backup path is not valid text"))?;
    sqlx::query("VACUUM INTO ?")
        .bind(dest)
        .execute(conn)
        .await?;
    Ok(())
}

impl Store {
    /// A consistent copy of the live database in `dest` (which must not
    /// exist), taken on a connection of its own: writers go on meanwhile,
    /// and the copy holds exactly what was committed when it started.
    pub async fn backup_into(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(Error::conflict(format!(
                "{} already exists: a backup never overwrites a file",
                dest.display()
            )));
        }
        let mut conn = options(&self.path)?.read_only(true).connect().await?;
        let result = vacuum_into(&mut conn, dest).await;
        let _ = conn.close().await;
        result
    }

    /// The orders in the live database and the newest one's number (what a
    /// restore would replace).
    pub async fn order_tally(&self) -> Result<(i64, Option<String>)> {
        let orders: i64 = sqlx::query_scalar("SELECT count(*) FROM orders")
            .fetch_one(self.reader())
            .await?;
        let last: Option<String> =
            sqlx::query_scalar("SELECT number FROM orders ORDER BY id DESC LIMIT 1")
                .fetch_optional(self.reader())
                .await?;
        Ok((orders, last))
    }

    /// Records a change that is not to the settings model (machine
    /// settings, a restore) in the settings history, in a transaction of
    /// its own.
    pub async fn record_note(&self, at: DateTime<Utc>, actor: &str, summary: &str) -> Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("INSERT INTO settings_changes (at, actor, summary) VALUES (?, ?, ?)")
            .bind(super::ts(at))
            .bind(actor)
            .bind(summary)
            .execute(tx.conn().await?)
            .await?;
        let changed = crate::journal::Payload::new().with("summary", summary);
        let kind = crate::journal::EntryKind::SettingsChanged;
        tx.append_journal(kind, &changed, actor, at).await?;
        tx.commit().await
    }

    /// The newest notes of the settings history that start with `prefix`,
    /// newest first: `(at, actor, summary)`.
    pub async fn notes(&self, prefix: &str, limit: i64) -> Result<Vec<(String, String, String)>> {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT at, actor, summary FROM settings_changes WHERE substr(summary, 1, length(?1)) = ?1 ORDER BY id DESC LIMIT ?2",
        )
        .bind(prefix)
        .bind(limit)
        .fetch_all(self.reader())
        .await?;
        Ok(rows)
    }

    /// The database file this store has open.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Checks a database file without changing it: integrity, orders, schema.
pub async fn inspect(path: &Path) -> Result<Inspection> {
    if !path.is_file() {
        return Err(Error::not_found("backup file", path.display().to_string()));
    }
    let mut conn = options(path)?
        .read_only(true)
        .immutable(true)
        .connect()
        .await
        .map_err(|e| Error::invalid("file", format!("not a database: {e}")))?;
    let result = async {
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut conn)
            .await
            .map_err(|e| Error::invalid("file", format!("not a database: {e}")))?;
        let has_orders: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'orders'",
        )
        .fetch_one(&mut conn)
        .await?;
        if has_orders == 0 {
            return Err(Error::invalid(
                "file",
                "not a Tillflow database (no orders table)",
            ));
        }
        let orders: i64 = sqlx::query_scalar("SELECT count(*) FROM orders")
            .fetch_one(&mut conn)
            .await?;
        let last_order: Option<String> =
            sqlx::query_scalar("SELECT number FROM orders ORDER BY id DESC LIMIT 1")
                .fetch_optional(&mut conn)
                .await?;
        let schema_version: i64 =
            sqlx::query_scalar("SELECT coalesce(max(version), 0) FROM _sqlx_migrations")
                .fetch_one(&mut conn)
                .await
                .unwrap_or(0);
        Ok(Inspection {
            integrity,
            orders,
            schema_version,
            last_order,
        })
    }
    .await;
    let _ = conn.close().await;
    result
}

/// A token of the database file's state: it changes with every commit
/// (the WAL file or, after a checkpoint, the database file is written).
/// A checkpoint alone changes it too: at worst one backup too many.
pub fn change_marker(db: &Path) -> String {
    let stat = |p: PathBuf| {
        std::fs::metadata(&p)
            .ok()
            .map(|m| {
                let at = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!("{}@{}", m.len(), at)
            })
            .unwrap_or_else(|| "-".into())
    };
    let mut wal = db.as_os_str().to_os_string();
    wal.push("-wal");
    format!("{}/{}", stat(db.to_path_buf()), stat(PathBuf::from(wal)))
}

/// The database at `path` held so that no other connection (another
/// program, the app) can have it open: `locking_mode=EXCLUSIVE` and an
/// exclusive transaction. Refused with `conflict` while anything else has it
/// open.
pub struct ExclusiveHold {
    conn: SqliteConnection,
}

pub async fn hold_exclusive(path: &Path) -> Result<ExclusiveHold> {
    let busy = || {
        Error::conflict(format!(
            "{} is open in another program (the app or a command): close it first",
            path.display()
        ))
    };
    let mut conn = options(path)?
        .busy_timeout(Duration::from_millis(200))
        .locking_mode(SqliteLockingMode::Exclusive)
        .connect()
        .await
        .map_err(|_| busy())?;
    if sqlx::query("BEGIN EXCLUSIVE")
        .execute(&mut conn)
        .await
        .is_err()
    {
        let _ = conn.close().await;
        return Err(busy());
    }
    sqlx::query("COMMIT").execute(&mut conn).await?;
    Ok(ExclusiveHold { conn })
}

impl ExclusiveHold {
    /// A consistent copy of the held database into `dest`.
    pub async fn backup_into(&mut self, dest: &Path) -> Result<()> {
        vacuum_into(&mut self.conn, dest).await
    }

    /// Lets the database go (the WAL is checkpointed into the file).
    pub async fn release(self) -> Result<()> {
        self.conn.close().await?;
        Ok(())
    }
}

/// Whether the database at `path` exists with an older schema than this
/// build's migrations (opening it would upgrade it).
pub(super) async fn needs_migration(conn: &mut SqliteConnection, latest: i64) -> Result<bool> {
    let has_table: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(&mut *conn)
    .await?;
    if has_table == 0 {
        return Ok(false);
    }
    let applied: i64 = sqlx::query_scalar("SELECT coalesce(max(version), 0) FROM _sqlx_migrations")
        .fetch_one(&mut *conn)
        .await?;
    Ok(applied > 0 && applied < latest)
}

/// Takes the pre-migration backup through the writer connection, before
/// anything is changed, into this machine's backup folder (encrypted if its
/// settings say so; the time is the machine's: this runs before any
/// business logic).
pub(super) async fn before_migration(conn: &mut SqliteConnection, db: &Path) -> Result<()> {
    let machine = MachineSettings::load(db).unwrap_or_default();
    let dir = machine.folder(db);
    std::fs::create_dir_all(&dir)?;
    let taken_at = chrono::Utc::now();
    let marker = change_marker(db);
    let file = backup::file_for(&dir, taken_at, BackupReason::PreMigration);
    let part = file.with_extension("part");
    let _ = std::fs::remove_file(&part);
    vacuum_into(conn, &part).await?;
    let found = inspect(&part).await?;
    let mut info = BackupInfo {
        size_bytes: std::fs::metadata(&part)?.len(),
        file: file.clone(),
        taken_at,
        reason: BackupReason::PreMigration,
        orders: found.orders,
        integrity: found.integrity,
        marker,
        last_order: found.last_order,
        encrypted: false,
    };
    match machine.sealing() {
        None => std::fs::rename(&part, &file)?,
        Some(passphrase) => {
            let sealed = backup::sealed_name(&file);
            let done = backup::seal(&part, &sealed, passphrase, None);
            let _ = std::fs::remove_file(&part);
            done?;
            info.size_bytes = std::fs::metadata(&sealed)?.len();
            info.file = sealed;
            info.encrypted = true;
        }
    }
    backup::describe(&info)
}
