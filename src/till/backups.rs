//! Backups and restore of the shop's database (see [`crate::backup`]).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Till;
use crate::backup::{self, BackupInfo, BackupReason, Retention};
use crate::error::{Error, Result};
use crate::storage::{self, Durability};

/// What a restore did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Restored {
    /// The backup now in force.
    pub restored: BackupInfo,
    /// The copy of the database it replaced (none when there was none).
    pub replaced: Option<BackupInfo>,
}

/// Checks a finished copy: sound, or removed and refused.
async fn checked(
    file: PathBuf,
    taken_at: DateTime<Utc>,
    reason: BackupReason,
    marker: String,
) -> Result<BackupInfo> {
    let found = match storage::inspect(&file).await {
        Ok(f) if f.integrity == "ok" => f,
        Ok(f) => {
            let _ = std::fs::remove_file(&file);
            return Err(Error::Storage(format!(
                "the backup failed its integrity check: {}",
                f.integrity
            )));
        }
        Err(e) => {
            let _ = std::fs::remove_file(&file);
            return Err(e);
        }
    };
    Ok(BackupInfo {
        size_bytes: std::fs::metadata(&file)?.len(),
        file,
        taken_at,
        reason,
        orders: found.orders,
        integrity: found.integrity,
        marker,
    })
}

impl Till {
    /// A checked copy of the database in `file` (which must not exist).
    pub async fn backup_to_file(
        &self,
        file: &Path,
        reason: BackupReason,
        now: DateTime<Utc>,
    ) -> Result<BackupInfo> {
        let marker = storage::change_marker(self.store().path());
        self.store().backup_into(file).await?;
        checked(file.to_path_buf(), now, reason, marker).await
    }

    /// A backup into the folder `dir` (created if needed), described there
    /// and followed by rotation (`keep`).
    pub async fn backup(
        &self,
        dir: &Path,
        reason: BackupReason,
        keep: Retention,
        now: DateTime<Utc>,
    ) -> Result<BackupInfo> {
        std::fs::create_dir_all(dir).map_err(|e| Error::Io(format!("{}: {e}", dir.display())))?;
        let file = backup::file_for(dir, now, reason);
        // Written under another name first: a backup cut short by a crash
        // or a full disk is never listed as one.
        let part = file.with_extension("part");
        let _ = std::fs::remove_file(&part);
        let mut info = self.backup_to_file(&part, reason, now).await?;
        std::fs::rename(&part, &file)?;
        info.file = file;
        backup::describe(&info)?;
        for old in backup::to_remove(&backup::list(dir)?, keep) {
            backup::remove(&old)?;
        }
        Ok(info)
    }

    /// The scheduled backup: taken only when the database changed since the
    /// newest backup in `dir`.
    pub async fn backup_if_changed(
        &self,
        dir: &Path,
        reason: BackupReason,
        keep: Retention,
        now: DateTime<Utc>,
    ) -> Result<Option<BackupInfo>> {
        let marker = storage::change_marker(self.store().path());
        if backup::list(dir)?
            .first()
            .is_some_and(|b| b.marker == marker)
        {
            return Ok(None);
        }
        self.backup(dir, reason, keep, now).await.map(Some)
    }
}

/// Replaces the database at `db` with the backup `file`. Nothing may have
/// `db` open (refused with `conflict` otherwise); the database it replaces is
/// backed up into `dir` first. The backup is checked before anything is
/// touched, and the restored database is opened once (an older one is
/// upgraded, with its own pre-migration backup).
pub async fn restore(db: &Path, file: &Path, dir: &Path, now: DateTime<Utc>) -> Result<Restored> {
    let found = storage::inspect(file).await?;
    if found.integrity != "ok" {
        return Err(Error::invalid(
            "file",
            format!("the backup is damaged: {}", found.integrity),
        ));
    }
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(db, file) {
        return Err(Error::invalid("file", "that is the database itself"));
    }
    let replaced = if db.exists() {
        let mut hold = storage::hold_exclusive(db).await?;
        std::fs::create_dir_all(dir).map_err(|e| Error::Io(format!("{}: {e}", dir.display())))?;
        let safety = backup::file_for(dir, now, BackupReason::PreRestore);
        let marker = storage::change_marker(db);
        let taken = hold.backup_into(&safety).await;
        hold.release().await?;
        taken?;
        let info = checked(safety, now, BackupReason::PreRestore, marker).await?;
        backup::describe(&info)?;
        Some(info)
    } else {
        None
    };
    // Copied beside the database, flushed, then renamed over it: the
    // database is the old one or the new one, never half of each.
    let tmp = db.with_extension("restoring");
    std::fs::copy(file, &tmp).map_err(|e| Error::Io(format!("{}: {e}", file.display())))?;
    std::fs::File::open(&tmp)?.sync_all()?;
    for suffix in ["-wal", "-shm"] {
        let mut side = db.as_os_str().to_os_string();
        side.push(suffix);
        match std::fs::remove_file(PathBuf::from(side)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    std::fs::rename(&tmp, db)?;
    if let Some(parent) = db.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(parent) {
            let _ = d.sync_all();
        }
    }
    let till = Till::open(db, Durability::Full).await?;
    till.close().await;
    let restored = BackupInfo {
        orders: found.orders,
        integrity: found.integrity,
        ..backup::description(file).unwrap_or(BackupInfo {
            file: file.to_path_buf(),
            taken_at: std::fs::metadata(file)
                .and_then(|m| m.modified())
                .map_or(now, DateTime::<Utc>::from),
            reason: BackupReason::Manual,
            size_bytes: std::fs::metadata(file)?.len(),
            orders: 0,
            integrity: String::new(),
            marker: String::new(),
        })
    };
    Ok(Restored { restored, replaced })
}
