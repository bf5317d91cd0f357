//! Changes made by other processes (the CLI, later another till): the core
//! watches the database's data version; when it moves, every window gets
//! the same change event the app's own writes send, so open screens reload.

use std::time::Duration;

use tauri::{AppHandle, Manager};

use crate::commands::{broadcast, ChangedKind};
use crate::till::Shop;

/// How often the data version is read (changes show within this, plus the
/// screen's reload).
const POLL: Duration = Duration::from_millis(200);

/// Starts the watch on its own thread; it ends with the app.
pub fn watch(app: AppHandle) {
    let spawned = std::thread::Builder::new()
        .name("tillflow-changes".into())
        .spawn(move || {
            let shop = app.state::<Shop>();
            let mut warned = false;
            loop {
                std::thread::sleep(POLL);
                match tauri::async_runtime::block_on(changed(&shop)) {
                    Ok(true) => broadcast(&app, ChangedKind::Order, None),
                    Ok(false) => warned = false,
                    Err(e) if !warned => {
                        warned = true;
                        eprintln!("tillflow: reading the data version failed: {e}");
                    }
                    Err(_) => {}
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("tillflow: cannot start the change watch: {e}");
    }
}

/// Whether anything was committed since the last look. The watch lives
/// beside the open database (a restore drops it with the database and the
/// next look starts a new one).
async fn changed(shop: &Shop) -> Result<bool, String> {
    let open = shop.open().await.map_err(|e| e.message)?;
    let mut watch = open.watch.lock().await;
    if watch.is_none() {
        *watch = Some(open.till.watch_changes().await.map_err(|e| e.to_string())?);
    }
    match watch.as_mut() {
        Some(w) => w.changed().await.map_err(|e| e.to_string()),
        None => Ok(false),
    }
}
