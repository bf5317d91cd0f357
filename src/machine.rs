//! Settings of this machine, not of the shop: where backups go, how often
//! they are taken while the app runs, and whether they are encrypted. They
//! live in `tillflow.machine.json` beside the database (mode 0600: it may
//! hold the backup passphrase), never in the shop's settings file, so
//! importing a settings file from another till cannot change them.
//! They also name the till itself (`till`, default `T1`): its journal
//! chain, and later its numbers, are per till.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::backup;
use crate::error::{Error, Result};

/// The longest interval between scheduled backups: one day.
pub const MAX_INTERVAL_MINUTES: u32 = 24 * 60;

/// The machine settings as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MachineSettings {
    /// The backup folder; none for the default (`backups/` beside the
    /// database, or `TILLFLOW_BACKUP_DIR`).
    #[serde(default)]
    pub backup_dir: Option<PathBuf>,
    /// Minutes between scheduled backups while the app runs.
    #[serde(default = "default_interval")]
    pub interval_minutes: u32,
    /// Whether backups are encrypted with `passphrase`.
    #[serde(default)]
    pub encrypt: bool,
    /// The backup passphrase (only here, on this machine).
    #[serde(default)]
    pub passphrase: Option<String>,
    /// The password of the SMTP server customer messages go out through
    /// (the server itself is in the shop's settings file; the password is
    /// kept here so that no settings export carries it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smtp_password: Option<String>,
    /// The API key (or auth token) of the SMS gateway, kept here for the
    /// same reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms_key: Option<String>,
    /// This till's code (`T1`): every journal entry it writes carries it,
    /// and each till has its own gap-free sequences.
    #[serde(default = "default_till")]
    pub till: String,
}

fn default_till() -> String {
    crate::journal::DEFAULT_TILL.to_string()
}

/// Only the till code of a machine file (read at every start, whatever the
/// rest of the file holds).
#[derive(Deserialize)]
struct TillOnly {
    #[serde(default = "default_till")]
    till: String,
}

/// The code of the till the database at `db` runs on: `till` in its
/// machine settings file, `T1` without one.
pub fn till_code(db: &Path) -> Result<String> {
    let file = file_for(db);
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(default_till()),
        Err(e) => return Err(Error::Io(format!("{}: {e}", file.display()))),
    };
    let only: TillOnly = serde_json::from_str(&text)
        .map_err(|e| Error::invalid("machine settings", format!("{}: {e}", file.display())))?;
    crate::journal::check_till_code(&only.till)?;
    Ok(only.till)
}

fn default_interval() -> u32 {
    backup::DEFAULT_INTERVAL_MINUTES
}

impl Default for MachineSettings {
    fn default() -> Self {
        MachineSettings {
            backup_dir: None,
            interval_minutes: default_interval(),
            encrypt: false,
            passphrase: None,
            smtp_password: None,
            sms_key: None,
            till: default_till(),
        }
    }
}

/// One change of the backup settings, as the Backups page sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupSettingsChange {
    /// The backup folder; empty for the default.
    pub folder: String,
    pub interval_minutes: u32,
    pub encrypt: bool,
    /// A new passphrase; empty keeps the one set before.
    pub passphrase: String,
}

/// The machine settings file of the database at `db`.
pub fn file_for(db: &Path) -> PathBuf {
    let dir = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    dir.join("tillflow.machine.json")
}

impl MachineSettings {
    /// The settings of the database at `db` (the defaults when there is no
    /// file yet).
    pub fn load(db: &Path) -> Result<MachineSettings> {
        let file = file_for(db);
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(MachineSettings::default())
            }
            Err(e) => return Err(Error::Io(format!("{}: {e}", file.display()))),
        };
        let settings: MachineSettings = serde_json::from_str(&text)
            .map_err(|e| Error::invalid("machine settings", format!("{}: {e}", file.display())))?;
        settings.check()?;
        Ok(settings)
    }

    /// Writes the settings beside the database (readable by its owner only),
    /// replacing the file whole.
    pub fn save(&self, db: &Path) -> Result<()> {
        self.check()?;
        let file = file_for(db);
        let text = serde_json::to_string_pretty(self)
            .map_err(|e| Error::Io(format!("machine settings: {e}")))?;
        let tmp = file.with_extension("json.part");
        let _ = std::fs::remove_file(&tmp);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let io = |e: std::io::Error| Error::Io(format!("{}: {e}", file.display()));
        {
            use std::io::Write;
            let mut f = options.open(&tmp).map_err(io)?;
            f.write_all(text.as_bytes()).map_err(io)?;
            f.write_all(b"\n").map_err(io)?;
            f.sync_all().map_err(io)?;
        }
        std::fs::rename(&tmp, &file).map_err(io)
    }

    /// The rules: an interval of 1 minute to a day; encryption only with a
    /// passphrase of at least 8 characters.
    pub fn check(&self) -> Result<()> {
        crate::journal::check_till_code(&self.till)?;
        if self.interval_minutes == 0 || self.interval_minutes > MAX_INTERVAL_MINUTES {
            return Err(Error::invalid(
                "interval_minutes",
                format!("between 1 and {MAX_INTERVAL_MINUTES} minutes"),
            ));
        }
        if self.encrypt {
            match &self.passphrase {
                Some(p) => backup::check_passphrase(p)?,
                None => {
                    return Err(Error::invalid(
                        "passphrase",
                        "encrypted backups need a passphrase",
                    ))
                }
            }
        }
        if let Some(dir) = &self.backup_dir {
            if !dir.is_absolute() {
                return Err(Error::invalid(
                    "folder",
                    "choose a full path for the backup folder (e.g. /media/usb/backups)",
                ));
            }
        }
        Ok(())
    }

    /// The settings with a change from the Backups page applied (checked).
    pub fn changed(&self, change: &BackupSettingsChange) -> Result<MachineSettings> {
        let folder = change.folder.trim();
        let next = MachineSettings {
            backup_dir: (!folder.is_empty()).then(|| PathBuf::from(folder)),
            interval_minutes: change.interval_minutes,
            encrypt: change.encrypt,
            passphrase: if change.passphrase.is_empty() {
                self.passphrase.clone()
            } else {
                backup::check_passphrase(&change.passphrase)?;
                Some(change.passphrase.clone())
            },
            ..self.clone()
        };
        next.check()?;
        Ok(next)
    }

    /// The settings with the SMTP password replaced (empty: removed).
    pub fn with_smtp_password(&self, password: &str) -> MachineSettings {
        MachineSettings {
            smtp_password: (!password.is_empty()).then(|| password.to_string()),
            ..self.clone()
        }
    }

    /// The settings with the SMS gateway's key replaced (empty: removed).
    pub fn with_sms_key(&self, key: &str) -> MachineSettings {
        MachineSettings {
            sms_key: (!key.is_empty()).then(|| key.to_string()),
            ..self.clone()
        }
    }

    /// The settings with this till's code replaced (checked).
    pub fn with_till(&self, code: &str) -> Result<MachineSettings> {
        crate::journal::check_till_code(code)?;
        Ok(MachineSettings {
            till: code.to_string(),
            ..self.clone()
        })
    }

    /// The backup folder for the database at `db`.
    pub fn folder(&self, db: &Path) -> PathBuf {
        self.backup_dir
            .clone()
            .unwrap_or_else(|| backup::default_dir(db))
    }

    /// The passphrase new backups are encrypted with (none: not encrypted).
    pub fn sealing(&self) -> Option<&str> {
        self.passphrase.as_deref().filter(|_| self.encrypt)
    }

    pub fn interval(&self) -> Duration {
        Duration::minutes(i64::from(self.interval_minutes))
    }
}

/// When the next scheduled backup is due: an interval after the newest
/// backup, or now when there is none.
pub fn next_due(
    last: Option<DateTime<Utc>>,
    interval: Duration,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    last.map_or(now, |t| t + interval)
}

/// Whether a scheduled backup is due at `now`.
pub fn is_due(last: Option<DateTime<Utc>>, interval: Duration, now: DateTime<Utc>) -> bool {
    next_due(last, interval, now) <= now
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_is_due_an_interval_after_the_last() {
        let t = DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        let i = Duration::minutes(15);
        assert!(is_due(None, i, t));
        assert!(!is_due(Some(t), i, t + Duration::minutes(14)));
        assert!(is_due(Some(t), i, t + Duration::minutes(15)));
    }

    #[test]
    fn settings_are_checked_and_kept_private() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("shop.db");
        assert_eq!(MachineSettings::load(&db)?, MachineSettings::default());
        let base = MachineSettings::default();
        let change = |interval, encrypt, pass: &str| BackupSettingsChange {
            folder: String::new(),
            interval_minutes: interval,
            encrypt,
            passphrase: pass.into(),
        };
        assert!(base.changed(&change(0, false, "")).is_err());
        assert!(base.changed(&change(15, true, "")).is_err());
        assert!(base.changed(&change(15, true, "short")).is_err());
        let set = base.changed(&change(30, true, "long enough pass"))?;
        set.save(&db)?;
        assert_eq!(MachineSettings::load(&db)?, set);
        // A later change without a passphrase keeps the one set.
        let kept = set.changed(&change(30, true, ""))?;
        assert_eq!(kept.sealing(), Some("long enough pass"));
        assert_eq!(till_code(&db)?, "T1");
        kept.with_till("FRONT-2")?.save(&db)?;
        assert_eq!(till_code(&db)?, "FRONT-2");
        assert!(kept.with_till("no spaces").is_err());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(file_for(&db))?.permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        Ok(())
    }
}
