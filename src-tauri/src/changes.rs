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
            let mut watch = match tauri::async_runtime::block_on(shop.till.watch_changes()) {
                Ok(w) => w,
                Err(e) => {
                    eprintln!("tillflow: not watching for changes by other processes: {e}");
                    return;
                }
            };
            loop {
                std::thread::sleep(POLL);
                match tauri::async_runtime::block_on(watch.changed()) {
                    Ok(true) => broadcast(&app, ChangedKind::Order, None),
                    Ok(false) => {}
                    Err(e) => eprintln!("tillflow: reading the data version failed: {e}"),
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("tillflow: cannot start the change watch: {e}");
    }
}
