//! CSV import of customers and catalogue items: a dry run first (every
//! row's problem), then the import (all rows or none).

use tauri::{AppHandle, State};

use super::{broadcast, ChangedKind};
use tillflow::import::ImportReport;

use crate::contract::import::ImportKind;
use crate::error::{CommandError, CommandResult};
use crate::session::Session;
use crate::till::Shop;

#[tauri::command(rename_all = "snake_case")]
pub async fn csv_import(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    kind: ImportKind,
    text: String,
    dry_run: bool,
) -> CommandResult<ImportReport> {
    let actor = session.actor(chrono::Utc::now())?;
    if text.trim().is_empty() {
        return Err(CommandError::invalid(
            "text",
            "Choose or paste a CSV file first",
        ));
    }
    let now = chrono::Utc::now();
    let report = match kind {
        ImportKind::Customers => {
            shop.till()
                .await?
                .import_customers(&actor, text.as_bytes(), dry_run, now)
                .await?
        }
        ImportKind::Items => {
            shop.till()
                .await?
                .import_items(text.as_bytes(), dry_run, &actor, now)
                .await?
        }
    };
    if report.written {
        let what = match kind {
            ImportKind::Customers => ChangedKind::Customers,
            ImportKind::Items => ChangedKind::Settings,
        };
        broadcast(&app, what, None);
    }
    Ok(report)
}
