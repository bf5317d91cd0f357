//! The app's print queue: one background worker for the whole app. Print
//! commands queue jobs and return at once; every finished job is reported to
//! the UI as a [`PRINT_EVENT`] (failures with a Retry), and a printed one
//! raises its `*.printed` trigger in the core.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tauri::{AppHandle, Emitter, Manager};
use tillflow::printing::{PrintBackend, PrintDestination, PrintError, PrintJob, PrintQueue};

use crate::commands::{broadcast, ChangedKind};
use crate::contract::printing::{PrintReport, QueuedPrint};
use crate::error::CommandError;
use crate::till::Shop;

/// Name of the event sent when a print job finishes.
pub const PRINT_EVENT: &str = "tillflow://print";

/// Managed state: the queue and the jobs that failed (kept for Retry).
pub struct PrintDesk {
    pub queue: PrintQueue,
    failed: Mutex<HashMap<u64, PrintJob>>,
}

impl PrintDesk {
    /// Takes a failed job back for a retry.
    pub fn take_failed(&self, id: u64) -> Result<PrintJob, CommandError> {
        self.failed
            .lock()
            .map_err(|_| CommandError::internal("print desk lock poisoned"))?
            .remove(&id)
            .ok_or_else(|| {
                CommandError::new(
                    "not_found",
                    format!("print job {id} is not waiting for a retry"),
                )
            })
    }

    pub fn keep_failed(&self, job: PrintJob) {
        if let Ok(mut failed) = self.failed.lock() {
            failed.insert(job.id, job);
        }
    }
}

/// Prints with the printer settings in force when the job runs.
struct LiveBackend(AppHandle);

impl PrintBackend for LiveBackend {
    fn deliver(&self, job: &PrintJob) -> Result<String, PrintError> {
        let backend = self
            .0
            .state::<Shop>()
            .till_now()
            .map_err(|e| PrintError::Worker(e.message))?
            .system_printer()
            .map_err(|e| PrintError::Worker(e.to_string()))?;
        backend.deliver(job)
    }
}

/// The printer a job goes to, as a cashier reads it.
pub fn printer_label(destination: &PrintDestination) -> String {
    match destination {
        PrintDestination::Printer(Some(name)) => name.clone(),
        PrintDestination::Printer(None) => "the default printer".into(),
        PrintDestination::Thermal(target) => target.to_string(),
        PrintDestination::File(path) => path.display().to_string(),
    }
}

pub fn queued(job: &PrintJob) -> QueuedPrint {
    QueuedPrint {
        job_id: u32::try_from(job.id).unwrap_or(u32::MAX),
        number: job.order_number.clone(),
        kind: job.kind,
        printer: printer_label(&job.destination),
        attempt: job.attempt,
    }
}

/// Starts the queue and its report loop (call from `setup`).
pub fn start(app: &AppHandle) -> PrintDesk {
    let backend = Arc::new(LiveBackend(app.clone()));
    let (queue, mut reports) =
        tauri::async_runtime::block_on(async move { PrintQueue::start(backend) });
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        while let Some(report) = reports.recv().await {
            let job = report.job.clone();
            let shop = handle.state::<Shop>();
            let Ok(till) = shop.till().await else {
                continue;
            };
            let outcome = till.settle_print(report, chrono::Utc::now()).await;
            drop(till);
            let message = match (&outcome.error, &outcome.event_error) {
                (Some(e), _) => e.to_string(),
                (None, Some(e)) => format!("printed, but the order was not updated: {e}"),
                (None, None) => outcome.reference.clone().unwrap_or_default(),
            };
            let ok = outcome.printed();
            if let Some(event) = &outcome.event {
                broadcast(&handle, ChangedKind::Order, Some(event.number.clone()));
            }
            let payload = PrintReport {
                job: queued(&job),
                ok,
                message,
                retryable: !ok,
            };
            if !ok {
                handle.state::<PrintDesk>().keep_failed(job);
            }
            if let Err(e) = handle.emit(PRINT_EVENT, payload) {
                eprintln!("tillflow: could not report a print job: {e}");
            }
        }
    });
    PrintDesk {
        queue,
        failed: Mutex::new(HashMap::new()),
    }
}
