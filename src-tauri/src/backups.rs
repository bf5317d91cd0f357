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
pub fn at_close<R: tauri::Runtime>(app: &AppHandle<R>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The backup `RunEvent::Exit` takes (the event itself is not raised
    /// here: closing the window over WebDriver does not end the app).
    #[test]
    fn closing_backs_up_what_changed_once() {
        let dir = std::env::temp_dir().join(format!("tillflow-close-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let db = dir.join("shop.db");
        let shop = crate::open_shop(&db).unwrap_or_else(|e| panic!("open: {e}"));
        let app = tauri::test::mock_app();
        app.manage(shop);
        let closes = || {
            std::fs::read_dir(dir.join("backups"))
                .map(|d| {
                    d.filter_map(|e| e.ok())
                        .filter(|e| e.file_name().to_string_lossy().ends_with("-close.db"))
                        .count()
                })
                .unwrap_or(0)
        };
        at_close(app.handle());
        assert_eq!(closes(), 1);
        // Nothing changed since: no second one.
        at_close(app.handle());
        assert_eq!(closes(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
