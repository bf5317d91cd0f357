//! The core, opened at start-up and managed by Tauri (`app.manage`). The
//! open `Till` sits in a slot that a restore can swap: commands read it
//! for as long as they run, and a restore waits for them, closes it,
//! replaces the database file and opens the restored one in its place.

use std::path::{Path, PathBuf};

use tokio::sync::{Mutex, RwLock, RwLockReadGuard};

use crate::error::CommandError;
use tillflow::storage::ChangeWatch;
use tillflow::Till;

/// The open database: the core, and the change watch's connection to it
/// (kept here so that a restore can let both go).
pub struct Open {
    pub till: Till,
    pub watch: Mutex<Option<ChangeWatch>>,
}

/// Managed state: the open core and where its database lives.
pub struct Shop {
    slot: RwLock<Option<Open>>,
    pub database: PathBuf,
}

fn restoring() -> CommandError {
    CommandError::new(
        "conflict",
        "the database is being restored: try again in a moment",
    )
}

impl Shop {
    pub fn new(till: Till, database: PathBuf) -> Shop {
        Shop {
            slot: RwLock::new(Some(Open {
                till,
                watch: Mutex::new(None),
            })),
            database,
        }
    }

    /// The open database, held open while the guard lives.
    pub async fn open(&self) -> Result<RwLockReadGuard<'_, Open>, CommandError> {
        RwLockReadGuard::try_map(self.slot.read().await, Option::as_ref).map_err(|_| restoring())
    }

    /// The core, held open while the guard lives (a restore waits for it).
    pub async fn till(&self) -> Result<RwLockReadGuard<'_, Till>, CommandError> {
        RwLockReadGuard::try_map(self.slot.read().await, |o| o.as_ref().map(|o| &o.till))
            .map_err(|_| restoring())
    }

    /// The core without waiting (for code that cannot await): refused
    /// while a restore runs.
    pub fn till_now(&self) -> Result<RwLockReadGuard<'_, Till>, CommandError> {
        let guard = self.slot.try_read().map_err(|_| restoring())?;
        RwLockReadGuard::try_map(guard, |o| o.as_ref().map(|o| &o.till)).map_err(|_| restoring())
    }

    /// Closes the database, runs `replace` on its file (a restore), and
    /// opens it again, whether `replace` succeeded or not. Commands wait
    /// meanwhile.
    pub async fn swap<T, F, Fut>(&self, replace: F) -> Result<T, CommandError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = tillflow::Result<T>>,
    {
        let mut slot = self.slot.write().await;
        if let Some(open) = slot.take() {
            drop(open.watch.into_inner());
            open.till.close().await;
        }
        let done = replace().await;
        let reopened = open(&self.database).await;
        match reopened {
            Ok(till) => {
                *slot = Some(Open {
                    till,
                    watch: Mutex::new(None),
                })
            }
            Err(e) => {
                return Err(CommandError::new(
                    "storage",
                    format!("the database could not be opened again: {}", e.message),
                ))
            }
        }
        Ok(done?)
    }
}

/// `TILLFLOW_DB` when set, else `tillflow.db` in the platform data directory:
/// the same database the `tillflow` CLI uses by default.
pub fn database_path() -> PathBuf {
    tillflow::till::default_db_path()
}

/// Opens (creating when needed) the database. A new database has no
/// settings: the window shows the first-run set-up, unless `TILLFLOW_DEMO=1`
/// asks for the demo shop (what the end-to-end tests start from).
pub async fn open(path: &Path) -> Result<Till, CommandError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            CommandError::new("io", format!("cannot create {}: {e}", dir.display()))
        })?;
    }
    let till = Till::open(path, tillflow::storage::Durability::Full).await?;
    if std::env::var_os("TILLFLOW_DEMO").is_some_and(|v| v == "1") {
        till.ensure_demo(chrono::Utc::now()).await?;
    }
    Ok(till)
}
