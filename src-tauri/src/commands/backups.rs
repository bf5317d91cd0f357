//! The Backups page: the list and settings, back up now, and restore (the
//! open database is swapped for the restored one; every window reloads).

use std::path::PathBuf;

use tauri::{AppHandle, Manager, State};
use tillflow::backup::BackupInfo;
use tillflow::machine::BackupSettingsChange;
use tillflow::till::{BackupsView, RestorePreview, RestoreRequest, Restored};

use super::{broadcast, required, ChangedKind};
use crate::error::CommandResult;
use crate::session::Session;
use crate::till::Shop;

#[tauri::command(rename_all = "snake_case")]
pub async fn backups_view(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
) -> CommandResult<BackupsView> {
    session.viewer()?;
    Ok(shop.till().await?.backups_view(chrono::Utc::now()).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn backup_settings_save(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    change: BackupSettingsChange,
) -> CommandResult<BackupsView> {
    let actor = session.actor(chrono::Utc::now())?;
    Ok(shop
        .till()
        .await?
        .save_backup_settings(&change, &actor, chrono::Utc::now())
        .await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn backup_now(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
) -> CommandResult<BackupInfo> {
    let actor = session.actor(chrono::Utc::now())?;
    Ok(shop
        .till()
        .await?
        .back_up_now(&actor, chrono::Utc::now())
        .await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn restore_preview(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    file: String,
) -> CommandResult<RestorePreview> {
    session.viewer()?;
    let file = PathBuf::from(required("file", &file)?);
    Ok(shop.till().await?.restore_preview(&file).await?)
}

/// Replaces the database with a backup: the current one is backed up first
/// (`pre-restore`), the restore is recorded in the restored database, and
/// every window is told to reload.
#[tauri::command(rename_all = "snake_case")]
pub async fn backup_restore(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    file: String,
    passphrase: String,
) -> CommandResult<Restored> {
    let actor = session.actor(chrono::Utc::now())?;
    let file = PathBuf::from(required("file", &file)?);
    let machine = shop.till().await?.machine()?;
    let db = shop.database.clone();
    let dir = machine.folder(&db);
    let done = shop
        .swap(|| async {
            let request = RestoreRequest {
                file: &file,
                passphrase: Some(passphrase.as_str()).filter(|p| !p.is_empty()),
                actor: &actor,
                dir: &dir,
                sealing: machine.sealing(),
            };
            tillflow::till::restore_with(&db, request, chrono::Utc::now()).await
        })
        .await?;
    // The restored database's journal is verified afresh.
    app.state::<crate::journal_check::JournalCheck>()
        .set(crate::contract::journal::JournalStatus::checking());
    crate::journal_check::start(app.clone());
    broadcast(&app, ChangedKind::Settings, None);
    broadcast(&app, ChangedKind::Order, None);
    Ok(done)
}
