//! `tillflow backup`, `tillflow restore` and `tillflow check`.

use std::path::{Path, PathBuf};
use tillflow::staff::{Actor, Permission};

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use tillflow::backup::{self, BackupInfo, BackupReason, Retention};
use tillflow::machine::MachineSettings;
use tillflow::till::RestoreRequest;
use tillflow::{Error, Result, Till};

use super::output::Out;

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    /// Write the backup to this file (which must not exist) instead of the
    /// backup folder.
    #[arg(long)]
    out: Option<PathBuf>,
    /// The backup folder (default: TILLFLOW_BACKUP_DIR, else `backups/`
    /// beside the database).
    #[arg(long, global = true)]
    dir: Option<PathBuf>,
    /// Encrypt the backup with the passphrase in this environment variable
    /// (`….db.age`; default: as this machine's backup settings say).
    #[arg(long, value_name = "VAR")]
    passphrase_env: Option<String>,
    #[command(subcommand)]
    cmd: Option<BackupCmd>,
}

#[derive(Subcommand, Debug)]
enum BackupCmd {
    /// The backups in the backup folder, newest first.
    List,
}

#[derive(Args, Debug)]
pub struct RestoreArgs {
    /// The backup file to restore.
    file: PathBuf,
    /// Where the database being replaced is backed up first (default as for
    /// `backup`).
    #[arg(long)]
    dir: Option<PathBuf>,
    /// The passphrase of an encrypted backup (`….db.age`), read from this
    /// environment variable.
    #[arg(long, value_name = "VAR")]
    passphrase_env: Option<String>,
}

/// The passphrase in the environment variable `var`.
fn passphrase(var: Option<&str>) -> Result<Option<String>> {
    let Some(var) = var else {
        return Ok(None);
    };
    match std::env::var(var) {
        Ok(p) if !p.is_empty() => Ok(Some(p)),
        _ => Err(Error::invalid(
            "passphrase_env",
            format!("the environment variable {var} holds no passphrase"),
        )),
    }
}

fn folder(dir: Option<PathBuf>, machine: &MachineSettings, db: &Path) -> PathBuf {
    dir.unwrap_or_else(|| machine.folder(db))
}

fn describe(b: &BackupInfo) -> String {
    format!(
        "{}  {:<24} {:>8} orders {:>10} bytes  {}",
        b.taken_at.format("%Y-%m-%d %H:%M:%S UTC"),
        b.reason.label(),
        b.orders,
        b.size_bytes,
        b.file.display()
    )
}

pub async fn backup(
    till: &Till,
    args: BackupArgs,
    actor: &Actor,
    out: &Out,
    now: DateTime<Utc>,
    db: &Path,
) -> Result<()> {
    actor.require(Permission::Backups)?;
    let machine = MachineSettings::load(db)?;
    let dir = folder(args.dir, &machine, db);
    let given = passphrase(args.passphrase_env.as_deref())?;
    let sealing = given.as_deref().or(machine.sealing());
    if let Some(BackupCmd::List) = args.cmd {
        let all = backup::list(&dir)?;
        let text = if all.is_empty() {
            format!("No backups in {}", dir.display())
        } else {
            all.iter().map(describe).collect::<Vec<_>>().join("\n")
        };
        out.message(&all, &text);
        return Ok(());
    }
    let info = match args.out {
        Some(file) => match sealing {
            None => {
                till.backup_to_file(&file, BackupReason::Manual, now)
                    .await?
            }
            Some(pass) => {
                if file.exists() {
                    return Err(Error::conflict(format!(
                        "{} already exists: a backup never overwrites a file",
                        file.display()
                    )));
                }
                let part = file.with_extension("part");
                let _ = std::fs::remove_file(&part);
                let mut info = till
                    .backup_to_file(&part, BackupReason::Manual, now)
                    .await?;
                let sealed = backup::seal(&part, &file, pass, None);
                let _ = std::fs::remove_file(&part);
                sealed?;
                info.file = file;
                info.encrypted = true;
                info.size_bytes = std::fs::metadata(&info.file)?.len();
                info
            }
        },
        None => {
            till.backup_sealed(
                &dir,
                BackupReason::Manual,
                Retention::default(),
                sealing,
                now,
            )
            .await?
        }
    };
    out.message(&info, &format!("Backed up: {}", describe(&info)));
    Ok(())
}

/// Runs with the database closed: a restore replaces it.
pub async fn restore(
    args: RestoreArgs,
    actor: &Actor,
    out: &Out,
    now: DateTime<Utc>,
    db: &Path,
) -> Result<()> {
    let machine = MachineSettings::load(db)?;
    let dir = folder(args.dir, &machine, db);
    let given = passphrase(args.passphrase_env.as_deref())?;
    let request = RestoreRequest {
        file: &args.file,
        passphrase: given.as_deref(),
        actor,
        dir: &dir,
        sealing: machine.sealing(),
    };
    let done = tillflow::till::restore_with(db, request, now).await?;
    let mut text = format!(
        "Restored {} into {}",
        describe(&done.restored),
        db.display()
    );
    if let Some(r) = &done.replaced {
        text.push_str(&format!(
            "\nThe database it replaced was backed up first: {}",
            r.file.display()
        ));
    }
    out.message(&done, &text);
    Ok(())
}

/// Prints the broken invariants (none: all hold); fails when there are any.
pub async fn check(till: &Till, out: &Out) -> Result<()> {
    let found = till.store().violations().await?;
    let text = if found.is_empty() {
        "All invariants hold.".to_string()
    } else {
        found
            .iter()
            .map(|v| format!("{} ({}): {}", v.check, v.count, v.examples.join("; ")))
            .collect::<Vec<_>>()
            .join("\n")
    };
    out.message(&found, &text);
    if found.is_empty() {
        Ok(())
    } else {
        Err(Error::Storage(format!(
            "{} invariant(s) broken",
            found.len()
        )))
    }
}
