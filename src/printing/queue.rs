//! The print queue: documents are printed after the order's transaction has
//! committed, one job at a time, on a background task. Submitting never
//! waits for a printer; every job ends in exactly one [`PrintReport`] on the
//! report channel — success (with the `*.printed` trigger to raise) or failure
//! (with the job itself, ready to [`PrintQueue::retry`]). Nothing is dropped.
//!
//! The caller (the core) persists jobs and reports if it wants them to survive
//! a restart, raises `invoice.printed` & co. from successful reports, and shows
//! failures to the cashier.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;

use super::thermal::{send_raw, ThermalTarget};
use super::{print_pdf, PrintError, PrintSettings};
use crate::documents::{save_pdf, DocumentKind};

/// Where a job's bytes go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrintDestination {
    /// A PDF to a system printer (`None` = the default printer).
    Printer(Option<String>),
    /// ESC/POS bytes to a thermal printer.
    Thermal(ThermalTarget),
    /// "Save as PDF": write the PDF to this path.
    File(PathBuf),
}

/// One document to print. Serialises without its payload (a persisted job is
/// re-rendered from its order with [`PrintJob::for_document`] after a restart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintJob {
    /// Assigned by the queue on submit (unique per queue).
    pub id: u64,
    pub order_number: String,
    pub kind: DocumentKind,
    pub destination: PrintDestination,
    /// The rendered document: PDF bytes, or ESC/POS bytes for a thermal destination.
    #[serde(skip)]
    pub payload: Vec<u8>,
    /// 1 for the first try, incremented by [`PrintQueue::retry`].
    pub attempt: u32,
    /// The page the document was drawn on, when the printer must be told
    /// (a receipt on a roll: else CUPS centres it on its default A4/Letter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<Media>,
    /// Who asked for the print: the order's history records them when the
    /// print raises a trigger (`invoice.printed`…). Set on submit.
    #[serde(default)]
    pub by: String,
}

/// A page size in tenths of a millimetre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Media {
    pub width_tenth_mm: u32,
    pub height_tenth_mm: u32,
}

impl Media {
    /// The page of `width` × `height` mm, rounded up to a tenth of a mm.
    pub fn from_mm(width: f32, height: f32) -> Media {
        let tenths = |mm: f32| (mm * 10.0).ceil().max(1.0) as u32;
        Media {
            width_tenth_mm: tenths(width),
            height_tenth_mm: tenths(height),
        }
    }

    /// The CUPS `media` option of this page (`Custom.80x151.3mm`).
    pub fn cups_media(&self) -> String {
        let mm = |t: u32| {
            if t.is_multiple_of(10) {
                format!("{}", t / 10)
            } else {
                format!("{}.{}", t / 10, t % 10)
            }
        };
        format!(
            "Custom.{}x{}mm",
            mm(self.width_tenth_mm),
            mm(self.height_tenth_mm)
        )
    }
}

impl PrintJob {
    /// A job ready to submit (id and attempt are set by the queue).
    pub fn new(
        order_number: impl Into<String>,
        kind: DocumentKind,
        destination: PrintDestination,
        payload: Vec<u8>,
    ) -> Self {
        PrintJob {
            id: 0,
            order_number: order_number.into(),
            kind,
            destination,
            payload,
            attempt: 0,
            media: None,
            by: String::new(),
        }
    }

    /// The title the spooler shows ("Invoice TF-1042").
    pub fn title(&self) -> String {
        let kind = match self.kind {
            DocumentKind::Invoice => "Invoice",
            DocumentKind::PackingSlip => "Packing slip",
            DocumentKind::Receipt => "Receipt",
            DocumentKind::Ticket => "Job ticket",
            DocumentKind::Tags => "Tags",
            DocumentKind::CreditNote => "Credit note",
            DocumentKind::ZReport => "Z report",
        };
        format!("{kind} {}", self.order_number)
    }
}

/// The outcome of one job.
#[derive(Debug, Clone, Serialize)]
pub struct PrintReport {
    pub job: PrintJob,
    /// The spooler's job reference or where the bytes went; or why it failed.
    pub outcome: Result<String, PrintError>,
    pub finished_at: DateTime<Utc>,
}

impl PrintReport {
    pub fn succeeded(&self) -> bool {
        self.outcome.is_ok()
    }

    /// The workflow trigger to raise for this report: `invoice.printed`,
    /// `packing_slip.printed` or `receipt.printed` when it printed (a "Save as
    /// PDF" is not a print and raises nothing).
    pub fn printed_event(&self) -> Option<&'static str> {
        match (&self.outcome, &self.job.destination) {
            (Ok(_), PrintDestination::File(_)) | (Err(_), _) => None,
            (Ok(_), _) => self.job.kind.printed_event(),
        }
    }
}

/// Delivers one job's bytes. The system implementation is [`SystemBackend`];
/// tests and the app may substitute their own.
pub trait PrintBackend: Send + Sync + 'static {
    /// Print the job; may block (it runs on a blocking thread).
    fn deliver(&self, job: &PrintJob) -> Result<String, PrintError>;
}

/// Prints through the operating system and thermal printers.
#[derive(Debug, Clone, Default)]
pub struct SystemBackend {
    pub settings: PrintSettings,
}

impl PrintBackend for SystemBackend {
    fn deliver(&self, job: &PrintJob) -> Result<String, PrintError> {
        match &job.destination {
            PrintDestination::Printer(name) => print_pdf(
                &job.payload,
                name.as_deref(),
                &job.title(),
                job.media,
                &self.settings,
            ),
            PrintDestination::Thermal(target) => send_raw(target, &job.payload, &self.settings),
            PrintDestination::File(path) => save_pdf(&job.payload, path)
                .map(|()| path.display().to_string())
                .map_err(|e| PrintError::Io {
                    path: path.display().to_string(),
                    message: e.to_string(),
                }),
        }
    }
}

/// Handle to the background print worker. Cheap to clone.
#[derive(Clone)]
pub struct PrintQueue {
    sender: mpsc::UnboundedSender<PrintJob>,
    next_id: Arc<AtomicU64>,
}

impl PrintQueue {
    /// Start the worker on the current tokio runtime. Reports arrive on the
    /// returned receiver, in the order jobs finish (jobs run one at a time, in
    /// submission order). The worker stops when every `PrintQueue` clone is
    /// dropped, after finishing the jobs already submitted.
    ///
    /// Must be called from within a tokio runtime.
    pub fn start(
        backend: Arc<dyn PrintBackend>,
    ) -> (PrintQueue, mpsc::UnboundedReceiver<PrintReport>) {
        let (sender, mut jobs) = mpsc::unbounded_channel::<PrintJob>();
        let (report_tx, reports) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Some(job) = jobs.recv().await {
                let worker_backend = Arc::clone(&backend);
                let worker_job = job.clone();
                let outcome =
                    tokio::task::spawn_blocking(move || worker_backend.deliver(&worker_job))
                        .await
                        .unwrap_or_else(|e| Err(PrintError::Worker(e.to_string())));
                let report = PrintReport {
                    job,
                    outcome,
                    finished_at: Utc::now(),
                };
                // Nobody listening is not a reason to stop printing.
                let _ = report_tx.send(report);
            }
        });
        let queue = PrintQueue {
            sender,
            next_id: Arc::new(AtomicU64::new(1)),
        };
        (queue, reports)
    }

    /// Queue a job; returns its id at once. Call it after the order's
    /// transaction has committed.
    pub fn submit(&self, mut job: PrintJob) -> Result<u64, PrintError> {
        job.id = self.next_id.fetch_add(1, Ordering::Relaxed);
        job.attempt = 1;
        let id = job.id;
        self.sender.send(job).map_err(|_| PrintError::QueueClosed)?;
        Ok(id)
    }

    /// Queue a failed (or already printed: a reprint) job again, keeping its id.
    pub fn retry(&self, mut job: PrintJob) -> Result<u64, PrintError> {
        job.attempt = job.attempt.saturating_add(1);
        let id = job.id;
        self.sender.send(job).map_err(|_| PrintError::QueueClosed)?;
        Ok(id)
    }
}
