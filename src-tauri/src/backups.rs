//! Backups while the app runs: a thread asks the core every half minute
//! whether a scheduled backup is due (the interval from this machine's
//! settings, skipped when nothing changed), and one is taken when the app
//! closes. The rules are the core's (`Till::scheduled_backup`).

use std::time::Duration;

use tauri::{AppHandle, Manager};
use tillflow::backup::BackupReason;

use crate::till::Shop;

/// How often the schedule is looked at.
const TICK: Duration = Duration::from_secs(30);

/// Starts the schedule on its own thread; it ends with the app.
pub fn schedule(app: AppHandle) {
    let spawned = std::thread::Builder::new()
        .name("tillflow-backups".into())
        .spawn(move || loop {
            std::thread::sleep(TICK);
            let shop = app.state::<Shop>();
            let taken = tauri::async_runtime::block_on(async {
                let till = shop.till().await.map_err(|e| e.message)?;
                till.scheduled_backup(chrono::Utc::now())
                    .await
                    .map_err(|e| e.to_string())
            });
            if let Err(e) = taken {
                eprintln!("tillflow: the scheduled backup failed: {e}");
            }
        });
    if let Err(e) = spawned {
        eprintln!("tillflow: cannot start the backup schedule: {e}");
    }
}

/// The backup at closing (skipped when nothing changed since the last).
pub fn at_close(app: &AppHandle) {
    let Some(shop) = app.try_state::<Shop>() else {
        return;
    };
    let taken = tauri::async_runtime::block_on(async {
        let till = shop.till().await.map_err(|e| e.message)?;
        till.back_up_when_changed(BackupReason::Close, chrono::Utc::now())
            .await
            .map_err(|e| e.to_string())
    });
    if let Err(e) = taken {
        eprintln!("tillflow: the backup at closing failed: {e}");
    }
}
