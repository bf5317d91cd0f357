//! The core, opened once at start-up and managed by Tauri (`app.manage`).

use std::path::{Path, PathBuf};

use crate::error::CommandError;

/// Managed state: the open core and where its database lives.
pub struct Shop {
    pub till: tillflow::Till,
    pub database: PathBuf,
}

/// `TILLFLOW_DB` when set, else `tillflow.db` in the platform data directory:
/// the same database the `tillflow` CLI uses by default.
pub fn database_path() -> PathBuf {
    tillflow::till::default_db_path()
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
