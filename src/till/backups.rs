//! Backups and restore of the shop's database (see [`crate::backup`]).

use crate::staff::{Actor, Permission};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Till;
use crate::backup::{self, BackupInfo, BackupReason, Retention};
use crate::error::{Error, Result};
use crate::machine::{BackupSettingsChange, MachineSettings};
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
        last_order: found.last_order,
        encrypted: false,
    })
}

/// Moves a checked copy (`part`) to its place: `file`, or `file.age`
/// encrypted with `sealing` (the plain copy is removed). Returns the file
/// and its size, and marks `info` encrypted.
fn settle(part: &Path, file: &Path, sealing: Option<&str>, info: &mut BackupInfo) -> Result<()> {
    match sealing {
        None => {
            std::fs::rename(part, file)?;
            info.file = file.to_path_buf();
        }
        Some(passphrase) => {
            let sealed = backup::sealed_name(file);
            let sealed_part = sealed.with_extension("age-part");
            let _ = std::fs::remove_file(&sealed_part);
            let done = backup::seal(part, &sealed_part, passphrase, sealing_work_factor());
            let _ = std::fs::remove_file(part);
            done?;
            std::fs::rename(&sealed_part, &sealed)?;
            info.size_bytes = std::fs::metadata(&sealed)?.len();
            info.file = sealed;
            info.encrypted = true;
        }
    }
    Ok(())
}

/// scrypt's work factor for new encrypted backups: age's own choice (about
/// a second), unless `TILLFLOW_BACKUP_WORK_FACTOR` sets it (tests).
fn sealing_work_factor() -> Option<u8> {
    std::env::var("TILLFLOW_BACKUP_WORK_FACTOR")
        .ok()
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|n| (1..64).contains(n))
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
        self.backup_sealed(dir, reason, keep, None, now).await
    }

    /// As [`Till::backup`], encrypted with `sealing` when given (`….db.age`).
    pub async fn backup_sealed(
        &self,
        dir: &Path,
        reason: BackupReason,
        keep: Retention,
        sealing: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<BackupInfo> {
        std::fs::create_dir_all(dir).map_err(|e| Error::Io(format!("{}: {e}", dir.display())))?;
        let file = backup::file_for(dir, now, reason);
        // Written under another name first: a backup cut short by a crash
        // or a full disk is never listed as one.
        let part = file.with_extension("part");
        let _ = std::fs::remove_file(&part);
        let mut info = self.backup_to_file(&part, reason, now).await?;
        settle(&part, &file, sealing, &mut info)?;
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
        self.backup_sealed_if_changed(dir, reason, keep, None, now)
            .await
    }

    async fn backup_sealed_if_changed(
        &self,
        dir: &Path,
        reason: BackupReason,
        keep: Retention,
        sealing: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<BackupInfo>> {
        let marker = storage::change_marker(self.store().path());
        if backup::list(dir)?
            .first()
            .is_some_and(|b| b.marker == marker)
        {
            return Ok(None);
        }
        self.backup_sealed(dir, reason, keep, sealing, now)
            .await
            .map(Some)
    }
}

/// Where a restore comes from and who asks for it.
#[derive(Debug, Clone, Copy)]
pub struct RestoreRequest<'a> {
    /// The backup file (`.db`, or `.db.age` with `passphrase`).
    pub file: &'a Path,
    pub passphrase: Option<&'a str>,
    /// Who restores (needs `backups.manage`): recorded with the restore in
    /// the restored database's history.
    pub actor: &'a Actor,
    /// The folder the replaced database is backed up into first.
    pub dir: &'a Path,
    /// The passphrase that backup is encrypted with (none: plain).
    pub sealing: Option<&'a str>,
}

/// Replaces the database at `db` with a backup, plain or encrypted (see
/// [`restore`]), and records the restore in the restored database's
/// settings history.
pub async fn restore_with(
    db: &Path,
    request: RestoreRequest<'_>,
    now: DateTime<Utc>,
) -> Result<Restored> {
    request.actor.require(Permission::Backups)?;
    if !backup::is_sealed(request.file) {
        return restore_plain(db, request.file, request, now).await;
    }
    let passphrase = request
        .passphrase
        .filter(|p| !p.is_empty())
        .ok_or_else(|| {
            Error::invalid(
                "passphrase",
                "this backup is encrypted: give its passphrase",
            )
        })?;
    let plain = db.with_extension("unsealed");
    let _ = std::fs::remove_file(&plain);
    backup::unseal(request.file, &plain, passphrase)?;
    let done = restore_plain(db, &plain, request, now).await;
    let _ = std::fs::remove_file(&plain);
    done
}

/// Replaces the database at `db` with the backup `file`. Nothing may have
/// `db` open (refused with `conflict` otherwise); the database it replaces is
/// backed up into `dir` first. The backup is checked before anything is
/// touched, and the restored database is opened once (an older one is
/// upgraded, with its own pre-migration backup).
pub async fn restore(db: &Path, file: &Path, dir: &Path, now: DateTime<Utc>) -> Result<Restored> {
    let request = RestoreRequest {
        file,
        passphrase: None,
        actor: &Actor::trusted(crate::staff::SYSTEM),
        dir,
        sealing: None,
    };
    restore_with(db, request, now).await
}

/// The restore of a plain database file `plain` (the backup itself, or its
/// decrypted copy) described as `request.file`.
async fn restore_plain(
    db: &Path,
    plain: &Path,
    request: RestoreRequest<'_>,
    now: DateTime<Utc>,
) -> Result<Restored> {
    let (file, dir) = (request.file, request.dir);
    let found = storage::inspect(plain).await?;
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
        let part = safety.with_extension("part");
        let _ = std::fs::remove_file(&part);
        let marker = storage::change_marker(db);
        let taken = hold.backup_into(&part).await;
        hold.release().await?;
        taken?;
        let mut info = checked(part.clone(), now, BackupReason::PreRestore, marker).await?;
        settle(&part, &safety, request.sealing, &mut info)?;
        backup::describe(&info)?;
        Some(info)
    } else {
        None
    };
    // Copied beside the database, flushed, then renamed over it: the
    // database is the old one or the new one, never half of each.
    let tmp = db.with_extension("restoring");
    std::fs::copy(plain, &tmp).map_err(|e| Error::Io(format!("{}: {e}", file.display())))?;
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
    let restored = BackupInfo {
        orders: found.orders,
        integrity: found.integrity,
        last_order: found.last_order,
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
            last_order: None,
            encrypted: backup::is_sealed(file),
        })
    };
    // Opened once (an older backup is upgraded) and the restore recorded
    // in the restored database's own history.
    let till = Till::open(db, Durability::Full).await?;
    let mut note = format!(
        "{RESTORE_NOTE} {} (taken {}, {} orders)",
        file.display(),
        restored.taken_at.format("%Y-%m-%d %H:%M UTC"),
        restored.orders
    );
    if let Some(r) = &replaced {
        note.push_str(&format!(
            "; the replaced database ({} orders) was backed up to {}",
            r.orders,
            r.file.display()
        ));
    }
    let noted = till
        .store()
        .record_note(now, &request.actor.audit_name(), &note)
        .await;
    till.close().await;
    noted?;
    Ok(Restored { restored, replaced })
}

/// How a restore starts in the settings history.
pub const RESTORE_NOTE: &str = "backup restored:";
/// How a change of this machine's backup settings starts there.
pub const MACHINE_NOTE: &str = "machine settings:";

/// The Backups page: this machine's backup settings, the backups in its
/// folder and when the next scheduled one is due.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupsView {
    /// The backup folder in use.
    pub folder: String,
    /// Whether that is the default folder (none chosen).
    pub default_folder: bool,
    pub interval_minutes: u32,
    pub encrypt: bool,
    /// Whether a passphrase is set (it is never sent).
    pub has_passphrase: bool,
    /// Newest first.
    pub backups: Vec<BackupInfo>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub next_due: DateTime<Utc>,
    /// The latest restores and backup-setting changes, newest first.
    pub history: Vec<BackupHistoryEntry>,
}

/// A restore or a change of the backup settings, from the settings history.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupHistoryEntry {
    pub at: String,
    pub actor: String,
    pub summary: String,
}

/// What restoring a backup would replace.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RestorePreview {
    pub backup: BackupInfo,
    /// The orders in the database now, and the newest one's number.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub current_orders: i64,
    pub current_last_order: Option<String>,
    /// Orders in the database now that the backup does not have (by count).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub orders_lost: i64,
    /// Whether the restore needs the backup's passphrase.
    pub needs_passphrase: bool,
    /// One sentence naming what will be replaced.
    pub summary: String,
}

impl Till {
    /// This machine's settings (beside the database).
    pub fn machine(&self) -> Result<MachineSettings> {
        MachineSettings::load(self.store().path())
    }

    /// The Backups page.
    pub async fn backups_view(&self, now: DateTime<Utc>) -> Result<BackupsView> {
        let machine = self.machine()?;
        let folder = machine.folder(self.store().path());
        let backups = backup::list(&folder)?;
        let last = backups.first().map(|b| b.taken_at);
        let mut history = Vec::new();
        for prefix in [RESTORE_NOTE, MACHINE_NOTE] {
            for (at, actor, summary) in self.store().notes(prefix, 10).await? {
                history.push(BackupHistoryEntry { at, actor, summary });
            }
        }
        history.sort_by(|a, b| b.at.cmp(&a.at));
        history.truncate(10);
        Ok(BackupsView {
            folder: folder.display().to_string(),
            default_folder: machine.backup_dir.is_none(),
            interval_minutes: machine.interval_minutes,
            encrypt: machine.encrypt,
            has_passphrase: machine.passphrase.is_some(),
            backups,
            next_due: crate::machine::next_due(last, machine.interval(), now),
            history,
        })
    }

    /// Saves this machine's backup settings (checked; the folder is created
    /// and must be writable) and records the change.
    pub async fn save_backup_settings(
        &self,
        change: &BackupSettingsChange,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<BackupsView> {
        let actor = &actor.acting(Permission::Backups)?;
        let db = self.store().path();
        let before = self.machine()?;
        let next = before.changed(change)?;
        let folder = next.folder(db);
        std::fs::create_dir_all(&folder).map_err(|e| {
            Error::invalid("folder", format!("cannot use {}: {e}", folder.display()))
        })?;
        let probe = folder.join(".tillflow-write-test");
        std::fs::write(&probe, b"").map_err(|e| {
            Error::invalid(
                "folder",
                format!("cannot write to {}: {e}", folder.display()),
            )
        })?;
        let _ = std::fs::remove_file(&probe);
        next.save(db)?;
        let mut note = format!(
            "{MACHINE_NOTE} backups to {}, every {} min, {}",
            folder.display(),
            next.interval_minutes,
            if next.encrypt {
                "encrypted"
            } else {
                "not encrypted"
            }
        );
        if next.passphrase != before.passphrase && next.passphrase.is_some() {
            note.push_str(", passphrase changed");
        }
        self.store().record_note(now, actor, &note).await?;
        self.backups_view(now).await
    }

    /// A backup asked for by `actor` ("Back up now"), as this machine's
    /// settings say.
    pub async fn back_up_now(&self, actor: &Actor, now: DateTime<Utc>) -> Result<BackupInfo> {
        actor.require(Permission::Backups)?;
        self.back_up(BackupReason::Manual, now).await
    }

    /// A backup as this machine's settings say (folder, encryption), with
    /// rotation (the shop's own processes: scheduled, before an import).
    pub async fn back_up(&self, reason: BackupReason, now: DateTime<Utc>) -> Result<BackupInfo> {
        let machine = self.machine()?;
        let folder = machine.folder(self.store().path());
        self.backup_sealed(
            &folder,
            reason,
            Retention::default(),
            machine.sealing(),
            now,
        )
        .await
    }

    /// As [`Till::back_up`], skipped (none) when nothing changed since the
    /// newest backup.
    pub async fn back_up_when_changed(
        &self,
        reason: BackupReason,
        now: DateTime<Utc>,
    ) -> Result<Option<BackupInfo>> {
        let machine = self.machine()?;
        let folder = machine.folder(self.store().path());
        self.backup_sealed_if_changed(
            &folder,
            reason,
            Retention::default(),
            machine.sealing(),
            now,
        )
        .await
    }

    /// The scheduled backup: taken when the interval since the newest backup
    /// has passed and the database changed since it; none otherwise.
    pub async fn scheduled_backup(&self, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
        let machine = self.machine()?;
        let folder = machine.folder(self.store().path());
        let last = backup::list(&folder)?.first().map(|b| b.taken_at);
        if !crate::machine::is_due(last, machine.interval(), now) {
            return Ok(None);
        }
        self.back_up_when_changed(BackupReason::Scheduled, now)
            .await
    }

    /// What restoring `file` would replace.
    pub async fn restore_preview(&self, file: &Path) -> Result<RestorePreview> {
        let sealed = backup::is_sealed(file);
        let backup = if sealed {
            backup::description(file).ok_or_else(|| {
                Error::invalid(
                    "file",
                    "an encrypted backup without its description: restore it with `tillflow restore`",
                )
            })?
        } else {
            let found = storage::inspect(file).await?;
            let mut info = backup::description(file).unwrap_or(BackupInfo {
                file: file.to_path_buf(),
                taken_at: std::fs::metadata(file)
                    .and_then(|m| m.modified())
                    .map_or_else(|_| Utc::now(), DateTime::<Utc>::from),
                reason: BackupReason::Manual,
                size_bytes: std::fs::metadata(file)?.len(),
                orders: 0,
                integrity: String::new(),
                marker: String::new(),
                last_order: None,
                encrypted: false,
            });
            info.orders = found.orders;
            info.integrity = found.integrity;
            info.last_order = found.last_order;
            info
        };
        let (current_orders, current_last_order) = self.store().order_tally().await?;
        let orders_lost = (current_orders - backup.orders).max(0);
        let name = |n: &Option<String>| n.clone().unwrap_or_else(|| "none".into());
        let count = |n: i64| {
            if n == 1 {
                "1 order".to_string()
            } else {
                format!("{n} orders")
            }
        };
        let summary = format!(
            "The database now has {} (newest {}). It will be replaced by the backup taken {} with {} (newest {}){}. The current database is backed up first.",
            count(current_orders),
            name(&current_last_order),
            backup.taken_at.format("%Y-%m-%d %H:%M UTC"),
            count(backup.orders),
            name(&backup.last_order),
            if orders_lost > 0 {
                format!(": {} taken since will no longer be in the till", count(orders_lost))
            } else {
                String::new()
            }
        );
        Ok(RestorePreview {
            needs_passphrase: sealed,
            backup,
            current_orders,
            current_last_order,
            orders_lost,
            summary,
        })
    }
}
