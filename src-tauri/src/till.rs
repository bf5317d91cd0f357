//! The core, opened once at start-up and managed by Tauri (`app.manage`).

use std::path::{Path, PathBuf};

use tauri::Manager;

use crate::error::CommandError;

/// Environment variable that points the app at another database (tests use it).
pub const DB_ENV: &str = "TILLFLOW_DB";

/// Managed state: the open core and where its database lives.
pub struct Shop {
    pub till: tillflow::Till,
    pub database: PathBuf,
}

/// `TILLFLOW_DB` when set, else `tillflow.db` in the platform data directory.
pub fn database_path(app: &tauri::AppHandle) -> Result<PathBuf, CommandError> {
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dir = app
        .path()
        .app_data_dir()
        .map_err(|e| CommandError::internal(format!("no data directory: {e}")))?;
    Ok(dir.join("tillflow.db"))
}

/// Opens (creating when needed) the database and loads the demo settings on
/// first start.
pub async fn open(path: &Path) -> Result<Shop, CommandError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            CommandError::new("io", format!("cannot create {}: {e}", dir.display()))
        })?;
    }
    let till = tillflow::Till::open(path, tillflow::storage::Durability::Full).await?;
    till.ensure_demo(chrono::Utc::now()).await?;
    Ok(Shop {
        till,
        database: path.to_path_buf(),
    })
}
