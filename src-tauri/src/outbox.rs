//! Customer messages while the app runs: a thread asks the core to send
//! what the outbox holds (queued, or failed and due for a retry) every few
//! seconds, or at once when kicked (Retry). The rules (claiming, backoff,
//! `customer.notified`) are the core's (`Till::send_due_messages`).

use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

use tauri::{AppHandle, Manager};

use crate::commands::{broadcast, ChangedKind};
use crate::till::Shop;

/// How often the outbox is looked at.
const TICK: Duration = Duration::from_secs(5);
/// Messages sent per pass.
const BATCH: u32 = 20;

/// Wakes the sender (managed state).
pub struct Kick(Mutex<Sender<()>>);

/// Starts the sender on its own thread; it ends with the app.
pub fn run(app: AppHandle) {
    let (tx, rx) = channel::<()>();
    app.manage(Kick(Mutex::new(tx)));
    let spawned = std::thread::Builder::new()
        .name("tillflow-outbox".into())
        .spawn(move || loop {
            match rx.recv_timeout(TICK) {
                Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            let shop = app.state::<Shop>();
            let sent = tauri::async_runtime::block_on(async {
                let till = shop.till().await.map_err(|e| e.message)?;
                till.send_due_messages(chrono::Utc::now(), BATCH)
                    .await
                    .map_err(|e| e.to_string())
            });
            match sent {
                Ok(r) if r.sent + r.failed > 0 => broadcast(&app, ChangedKind::Order, None),
                Ok(_) => {}
                Err(e) => eprintln!("tillflow: sending customer messages failed: {e}"),
            }
        });
    if let Err(e) = spawned {
        eprintln!("tillflow: cannot start the message sender: {e}");
    }
}

/// Asks the sender to look at the outbox now.
pub fn kick(app: &AppHandle) {
    if let Some(k) = app.try_state::<Kick>() {
        if let Ok(tx) = k.0.lock() {
            let _ = tx.send(());
        }
    }
}
