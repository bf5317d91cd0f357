//! The journal's verification at start-up, in the background: the core
//! verifies (`Till::verify_journal`), the result waits here for the window
//! (`journal_status`), which shows a warning banner when it failed.

use std::sync::Mutex;

use tauri::{AppHandle, Manager};
use tillflow::staff::{Actor, SYSTEM};

use crate::contract::journal::JournalStatus;
use crate::till::Shop;

/// Managed state: the last verification.
pub struct JournalCheck(Mutex<JournalStatus>);

impl Default for JournalCheck {
    fn default() -> Self {
        JournalCheck(Mutex::new(JournalStatus::checking()))
    }
}

impl JournalCheck {
    pub fn get(&self) -> JournalStatus {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn set(&self, status: JournalStatus) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = status;
    }
}

/// Verifies the journal on a thread of its own; the app does not wait.
pub fn start(app: AppHandle) {
    let spawned = std::thread::Builder::new()
        .name("tillflow-journal".into())
        .spawn(move || {
            let shop = app.state::<Shop>();
            let result = tauri::async_runtime::block_on(async {
                let till = shop.till().await.map_err(|e| e.message)?;
                till.verify_journal(&Actor::trusted(SYSTEM))
                    .await
                    .map_err(|e| e.to_string())
            });
            if let Ok(r) = &result {
                if !r.ok {
                    eprintln!(
                        "tillflow: the journal does not verify: {} problem(s), first bad entry {}",
                        r.problem_count,
                        r.first_bad.as_deref().unwrap_or("-")
                    );
                }
            }
            app.state::<JournalCheck>().set(JournalStatus::of(result));
        });
    if let Err(e) = spawned {
        eprintln!("tillflow: cannot start the journal check: {e}");
    }
}
