//! Backups of the shop's database: what a backup is, how its files are
//! named, and which ones rotation keeps. Taking, checking and restoring
//! them is storage's and the till's work; this module has no I/O but
//! reading and writing the small description file kept beside each backup.
//!
//! A backup is a consistent copy taken while the app runs (SQLite's
//! `VACUUM INTO`, never a file copy: a copy of a live WAL database loses
//! committed sales), checked with `integrity_check`, and described by a
//! JSON file of the same name (`….json`) with its time, reason, size and
//! order count, so listing backups opens none of them.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

mod sealed;
pub use sealed::{check_passphrase, is_sealed, seal, unseal};

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum BackupReason {
    /// The periodic backup while the app runs (skipped when nothing changed).
    Scheduled,
    /// When the app closes.
    Close,
    /// Asked for by someone (app or CLI).
    Manual,
    /// Before the database schema is upgraded.
    PreMigration,
    /// Before a settings file replaces the settings.
    PreImport,
    /// Of the database a restore is about to replace.
    PreRestore,
}

impl BackupReason {
    pub fn key(self) -> &'static str {
        match self {
            BackupReason::Scheduled => "scheduled",
            BackupReason::Close => "close",
            BackupReason::Manual => "manual",
            BackupReason::PreMigration => "pre-migration",
            BackupReason::PreImport => "pre-import",
            BackupReason::PreRestore => "pre-restore",
        }
    }

    /// Whether rotation may remove backups taken for this reason: the
    /// automatic ones. One taken by hand or before an upgrade, an import or
    /// a restore stays until someone deletes it.
    pub fn rotates(self) -> bool {
        matches!(self, BackupReason::Scheduled | BackupReason::Close)
    }

    pub fn label(self) -> &'static str {
        match self {
            BackupReason::Scheduled => "Automatic",
            BackupReason::Close => "At closing",
            BackupReason::Manual => "Taken by hand",
            BackupReason::PreMigration => "Before an upgrade",
            BackupReason::PreImport => "Before a settings import",
            BackupReason::PreRestore => "Before a restore",
        }
    }
}

/// One backup file and what is known about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupInfo {
    /// The backup database file.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub file: PathBuf,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub taken_at: DateTime<Utc>,
    pub reason: BackupReason,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size_bytes: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub orders: i64,
    /// What `PRAGMA integrity_check` said of the copy: `ok`.
    pub integrity: String,
    /// The state of the live database when the copy started (see
    /// `storage::change_marker`): equal markers mean nothing changed.
    #[serde(default)]
    pub marker: String,
    /// The newest order's number in the copy (none for no orders).
    #[serde(default)]
    pub last_order: Option<String>,
    /// Whether the file is encrypted with a passphrase (`….db.age`).
    #[serde(default)]
    pub encrypted: bool,
}

/// How many backups rotation keeps: the newest in each of the last
/// `hourly` hours, `daily` days and `monthly` months that have one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    pub hourly: usize,
    pub daily: usize,
    pub monthly: usize,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            hourly: 24,
            daily: 14,
            monthly: 12,
        }
    }
}

/// Minutes between two scheduled backups while the app runs.
pub const DEFAULT_INTERVAL_MINUTES: u32 = 15;

/// Where backups go unless another folder is chosen: `TILLFLOW_BACKUP_DIR`,
/// else `backups/` beside the database.
pub fn default_dir(db: &Path) -> PathBuf {
    if let Some(p) = std::env::var_os("TILLFLOW_BACKUP_DIR").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

/// The backup file for a time and reason: `tillflow-20261201T063000123Z-manual.db`
/// (sortable by name; milliseconds keep two backups in one second apart).
pub fn file_for(dir: &Path, taken_at: DateTime<Utc>, reason: BackupReason) -> PathBuf {
    dir.join(format!(
        "tillflow-{}-{}.db",
        taken_at.format("%Y%m%dT%H%M%S%3fZ"),
        reason.key()
    ))
}

/// The description file kept beside a backup file (`x.db` and `x.db.age`
/// are both described by `x.json`).
pub fn description_of(file: &Path) -> PathBuf {
    if is_sealed(file) {
        file.with_extension("").with_extension("json")
    } else {
        file.with_extension("json")
    }
}

/// The name of the encrypted form of a backup file: `x.db` → `x.db.age`.
pub fn sealed_name(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_os_string();
    name.push(".");
    name.push(sealed::EXTENSION);
    PathBuf::from(name)
}

/// Writes the description of a backup beside it.
pub fn describe(info: &BackupInfo) -> Result<()> {
    let text = serde_json::to_string_pretty(info)
        .map_err(|e| Error::Io(format!("backup description: {e}")))?;
    std::fs::write(description_of(&info.file), text + "\n")
        .map_err(|e| Error::Io(format!("{}: {e}", description_of(&info.file).display())))
}

/// The description kept beside a backup file, if it has one. Its `file` is
/// the one given (the folder may have moved: a USB stick mounted elsewhere).
pub fn description(file: &Path) -> Option<BackupInfo> {
    let text = std::fs::read_to_string(description_of(file)).ok()?;
    let mut info: BackupInfo = serde_json::from_str(&text).ok()?;
    info.file = file.to_path_buf();
    Some(info)
}

/// The backups in `dir` whose file and description are both there, newest
/// first. A missing folder has none.
pub fn list(dir: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::Io(format!("{}: {e}", dir.display()))),
    };
    let mut found = Vec::new();
    for entry in entries {
        let path = entry?.path();
        let is_description = path.extension().is_some_and(|e| e == "json")
            && path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("tillflow-"));
        if !is_description {
            continue;
        }
        let plain = path.with_extension("db");
        let file = if plain.is_file() {
            plain
        } else {
            sealed_name(&plain)
        };
        let Some(info) = description(&file) else {
            continue;
        };
        if info.file.is_file() {
            found.push(info);
        }
    }
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.file.cmp(&a.file)));
    Ok(found)
}

/// The backups rotation removes: of the automatic ones, all but the newest
/// of each of the `hourly` most recent hours, `daily` most recent days and
/// `monthly` most recent months that have backups; the newest is always
/// kept. `backups` newest first, as [`list`] gives them.
pub fn to_remove(backups: &[BackupInfo], keep: Retention) -> Vec<PathBuf> {
    let backups: Vec<&BackupInfo> = backups.iter().filter(|b| b.reason.rotates()).collect();
    let mut kept = vec![false; backups.len()];
    if let Some(first) = kept.first_mut() {
        *first = true;
    }
    type Bucket = fn(&DateTime<Utc>) -> (i32, u32, u32, u32);
    let buckets: [(usize, Bucket); 3] = [
        (keep.hourly, |t| (t.year(), t.month(), t.day(), t.hour())),
        (keep.daily, |t| (t.year(), t.month(), t.day(), 0)),
        (keep.monthly, |t| (t.year(), t.month(), 0, 0)),
    ];
    for (count, bucket) in buckets {
        let mut seen = Vec::new();
        for (i, b) in backups.iter().enumerate() {
            let key = bucket(&b.taken_at);
            if seen.contains(&key) {
                continue;
            }
            if seen.len() == count {
                break;
            }
            seen.push(key);
            kept[i] = true;
        }
    }
    backups
        .into_iter()
        .zip(kept)
        .filter(|(_, k)| !k)
        .map(|(b, _)| b.file.clone())
        .collect()
}

/// Removes a backup file and its description.
pub fn remove(file: &Path) -> Result<()> {
    for p in [file.to_path_buf(), description_of(file)] {
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::Io(format!("{}: {e}", p.display()))),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, m, 0)
            .single()
            .expect("time")
    }

    fn backup(t: DateTime<Utc>) -> BackupInfo {
        BackupInfo {
            file: file_for(Path::new("/b"), t, BackupReason::Scheduled),
            taken_at: t,
            reason: BackupReason::Scheduled,
            size_bytes: 1,
            orders: 0,
            integrity: "ok".into(),
            marker: String::new(),
            last_order: None,
            encrypted: false,
        }
    }

    #[test]
    fn rotation_keeps_the_newest_of_each_hour_day_and_month() {
        // Every 15 minutes for three days: 288 backups, newest first.
        let mut all: Vec<BackupInfo> = (0..288)
            .map(|i| backup(at(28, 0, 0) + chrono::Duration::minutes(15 * i)))
            .collect();
        all.reverse();
        let keep = Retention {
            hourly: 24,
            daily: 14,
            monthly: 12,
        };
        let removed = to_remove(&all, keep);
        let kept: Vec<&BackupInfo> = all.iter().filter(|b| !removed.contains(&b.file)).collect();
        // 24 hourly (the last day, each hour's :45) + the newest of the two
        // earlier days (23:45, already distinct hours) = 26.
        assert_eq!(kept.len(), 26, "{kept:?}");
        assert_eq!(kept[0].taken_at, all[0].taken_at);
        assert!(kept
            .iter()
            .all(|b| b.taken_at.format("%M").to_string() == "45"));
        assert_eq!(removed.len(), 288 - 26);
    }

    #[test]
    fn the_newest_backup_is_kept_even_with_nothing_to_keep() {
        let all = vec![backup(at(2, 10, 0)), backup(at(1, 10, 0))];
        let none = Retention {
            hourly: 0,
            daily: 0,
            monthly: 0,
        };
        assert_eq!(to_remove(&all, none), vec![all[1].file.clone()]);
    }

    #[test]
    fn backups_taken_for_a_reason_are_never_rotated_away() {
        let mut safety = backup(at(1, 9, 0));
        safety.reason = BackupReason::PreRestore;
        let all = vec![backup(at(1, 9, 30)), safety, backup(at(1, 8, 0))];
        let one = Retention {
            hourly: 1,
            daily: 1,
            monthly: 1,
        };
        assert_eq!(to_remove(&all, one), vec![all[2].file.clone()]);
    }

    #[test]
    fn file_names_sort_by_time() {
        let a = file_for(Path::new("/b"), at(1, 9, 5), BackupReason::Manual);
        let b = file_for(Path::new("/b"), at(1, 10, 0), BackupReason::Close);
        assert!(a < b);
        assert_eq!(
            a.file_name().and_then(|n| n.to_str()),
            Some("tillflow-20261101T090500000Z-manual.db")
        );
    }

    #[test]
    fn listing_reads_descriptions_and_skips_strays() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let mut info = backup(at(3, 8, 0));
        info.file = file_for(dir.path(), info.taken_at, info.reason);
        std::fs::write(&info.file, b"x")?;
        describe(&info)?;
        // A description without its file, and an unrelated file.
        let mut orphan = backup(at(3, 9, 0));
        orphan.file = file_for(dir.path(), orphan.taken_at, orphan.reason);
        describe(&orphan)?;
        std::fs::write(dir.path().join("notes.json"), b"{}")?;
        assert_eq!(list(dir.path())?, vec![info.clone()]);
        remove(&info.file)?;
        assert!(list(dir.path())?.is_empty());
        assert!(list(&dir.path().join("missing"))?.is_empty());
        Ok(())
    }
}
