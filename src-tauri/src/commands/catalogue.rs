//! The catalogue: item search (what an order type offers, or the whole
//! catalogue for the settings hub) and the catalogue CSV export.

use tauri::State;

use tillflow::settings::CatalogueItem;

use super::search::{export_path, io_error};
use crate::error::CommandResult;
use crate::session::Session;
use crate::till::Shop;

/// The items a search for `query` finds: for an order type, only those it
/// offers (active, in its categories); without one, the whole catalogue.
#[tauri::command(rename_all = "snake_case")]
pub async fn items_find(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    order_type: Option<String>,
    query: String,
) -> CommandResult<Vec<CatalogueItem>> {
    session.viewer()?;
    Ok(shop
        .till()
        .await?
        .find_items(order_type.as_deref(), &query)?)
}

/// Writes the catalogue CSV (the columns its import reads) to `file_name`
/// in the documents folder; returns the path written.
#[tauri::command(rename_all = "snake_case")]
pub async fn catalogue_export_csv(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    file_name: String,
) -> CommandResult<String> {
    let actor = session.actor(chrono::Utc::now())?;
    let dir = tillflow::till::default_documents_dir();
    let path = export_path(&dir, &file_name)?;
    std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
    let mut text = Vec::new();
    shop.till().await?.export_catalogue_csv(&actor, &mut text)?;
    std::fs::write(&path, text).map_err(|e| io_error(&path, e))?;
    Ok(path.display().to_string())
}
