//! Document commands: printers, "Save as PDF" and printing through the queue.

use std::path::PathBuf;

use tauri::State;

use super::required;
use tillflow::documents::{DocumentKind, TagSize, TagSizePreset};
use tillflow::printing::Printer;

use crate::contract::printing::{QueuedPrint, SavedDocument};
use crate::error::{CommandError, CommandResult};
use crate::print_desk::{queued, PrintDesk};
use crate::session::Session;
use crate::till::Shop;

/// The system's printers (for the settings hub).
#[tauri::command(rename_all = "snake_case")]
pub async fn list_printers(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
) -> CommandResult<Vec<Printer>> {
    session.viewer()?;
    let settings = shop.till().await?.system_printer()?.settings;
    let printers =
        tauri::async_runtime::spawn_blocking(move || tillflow::printing::list_printers(&settings))
            .await
            .map_err(|e| CommandError::internal(e.to_string()))?
            .map_err(tillflow::Error::from)?;
    Ok(printers)
}

/// The common label sizes the Printing settings offer for tags (the first
/// is the default size).
#[tauri::command(rename_all = "snake_case")]
pub async fn tag_size_presets(session: State<'_, Session>) -> CommandResult<Vec<TagSizePreset>> {
    session.viewer()?;
    Ok(TagSize::PRESETS.to_vec())
}

/// "Save as PDF" without a dialog: writes the document into the user's
/// Downloads (or Documents) folder and returns the files written. `number`
/// is the order's, or a credit note's own for `credit_note`.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_document_pdf(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    number: String,
    kind: DocumentKind,
    split_by_delivery: bool,
) -> CommandResult<SavedDocument> {
    let now = chrono::Utc::now();
    let actor = session.actor(now)?;
    let number = required("number", &number)?;
    let dir = tillflow::till::default_documents_dir();
    std::fs::create_dir_all(&dir)
        .map_err(|e| CommandError::new("io", format!("cannot create {}: {e}", dir.display())))?;
    let name = tillflow::till::RenderedDocument::default_file_name(kind, &number);
    let files = shop
        .till()
        .await?
        .save_document(
            &actor,
            &number,
            kind,
            split_by_delivery,
            &dir.join(name),
            now,
        )
        .await?;
    Ok(SavedDocument {
        files: files
            .iter()
            .map(|f: &PathBuf| f.display().to_string())
            .collect(),
    })
}

/// Renders the document for its configured printer and queues it; returns
/// at once. The outcome arrives as a `tillflow://print` event.
#[tauri::command(rename_all = "snake_case")]
pub async fn print_document(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    desk: State<'_, PrintDesk>,
    number: String,
    kind: DocumentKind,
    split_by_delivery: bool,
) -> CommandResult<Vec<QueuedPrint>> {
    let now = chrono::Utc::now();
    let actor = session.actor(now)?;
    let number = required("number", &number)?;
    let jobs = shop
        .till()
        .await?
        .submit_print(
            &desk.queue,
            &actor,
            &number,
            kind,
            split_by_delivery,
            None,
            now,
        )
        .await?;
    Ok(jobs.iter().map(queued).collect())
}

/// Queues a failed print job again.
#[tauri::command(rename_all = "snake_case")]
pub async fn print_retry(
    session: State<'_, Session>,
    desk: State<'_, PrintDesk>,
    job_id: u32,
) -> CommandResult<QueuedPrint> {
    // The retried job keeps who first asked for it.
    session
        .actor(chrono::Utc::now())?
        .require(tillflow::staff::Permission::Print)?;
    let mut job = desk.take_failed(u64::from(job_id))?;
    if let Err(e) = desk.queue.retry(job.clone()) {
        desk.keep_failed(job);
        return Err(tillflow::Error::from(e).into());
    }
    job.attempt = job.attempt.saturating_add(1);
    Ok(queued(&job))
}
