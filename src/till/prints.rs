//! Printing an order's documents. Jobs are rendered from the committed order
//! and go through the [`PrintQueue`], so printing never holds a transaction
//! or blocks a sale. A successful print raises the document's `*.printed`
//! trigger (a system trigger, raised here and never by hand; one transaction
//! with its audit row),
//! so a workflow step waiting for `invoice.printed` moves on. A failed print
//! is reported with its job, ready to retry.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::change::EventResult;
use super::Till;
use crate::documents::DocumentKind;
use crate::error::Result;
use crate::printing::{PrintBackend, PrintError, PrintJob, PrintQueue, PrintReport, SystemBackend};
use crate::staff::{Actor, Permission, SYSTEM};
use crate::triggers::Trigger;

/// What became of one print job.
#[derive(Debug, Clone, Serialize)]
pub struct PrintOutcome {
    /// The job (without its payload): order, kind, destination, attempt.
    pub job: PrintJob,
    /// The spooler's job reference or where the bytes went, when it printed.
    pub reference: Option<String>,
    /// Why it did not print.
    pub error: Option<PrintError>,
    /// The order after its `*.printed` trigger, when it printed.
    pub event: Option<EventResult>,
    /// Why the trigger could not be recorded although the document printed.
    pub event_error: Option<String>,
}

impl PrintOutcome {
    pub fn printed(&self) -> bool {
        self.error.is_none()
    }
}

impl Till {
    /// The printer backend of the shop's settings (`shop.printing`).
    pub fn system_printer(&self) -> Result<SystemBackend> {
        Ok(SystemBackend {
            settings: self.snapshot()?.settings.shop.printing.clone(),
        })
    }

    /// Print jobs for `kind` of order `number` (of credit note `number`),
    /// rendered for the printer the settings name (ESC/POS for a thermal
    /// receipt, ticket or tag printer, with the drawer kick after a cash
    /// payment), or as a PDF for the system printer `printer` when given.
    /// With `split_by_delivery`, one invoice job per delivery method.
    /// Rendering a print issues it: the order's invoice gets its number the
    /// first time, and a later print of an invoice, credit note or receipt
    /// says COPY.
    pub async fn print_jobs(
        &self,
        actor: &Actor,
        number: &str,
        kind: DocumentKind,
        split_by_delivery: bool,
        printer: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Vec<PrintJob>> {
        let by = actor.acting(Permission::Print)?;
        let snap = self.snapshot()?;
        let layout = snap.settings.shop.documents.layout();
        let mut printing = snap.settings.shop.printing.clone();
        if let Some(name) = printer.map(str::trim).filter(|n| !n.is_empty()) {
            let name = Some(name.to_string());
            printing.invoice_printer = name.clone();
            printing.packing_slip_printer = name.clone();
            let system = crate::printing::ReceiptPrinter::System(name.clone());
            printing.ticket_printer = Some(system.clone());
            printing.tag_printer = Some(system.clone());
            printing.receipt_printer = system;
        }
        let models = self
            .issue_models(&by, number, kind, split_by_delivery, now)
            .await?;
        models
            .iter()
            .map(|m| Ok(PrintJob::for_document(kind, m, &layout, &printing)?))
            .collect()
    }

    /// Renders and queues `kind` of order `number` (see [`Till::print_jobs`]).
    /// Call it after the order's change has committed; returns the queued
    /// jobs (with their ids) at once.
    #[allow(clippy::too_many_arguments)]
    pub async fn submit_print(
        &self,
        queue: &PrintQueue,
        actor: &Actor,
        number: &str,
        kind: DocumentKind,
        split_by_delivery: bool,
        printer: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Vec<PrintJob>> {
        let by = actor.acting(Permission::Print)?;
        let jobs = self
            .print_jobs(actor, number, kind, split_by_delivery, printer, now)
            .await?;
        let mut queued = Vec::with_capacity(jobs.len());
        for mut job in jobs {
            job.by = by.clone();
            job.id = queue.submit(job.clone())?;
            job.attempt = 1;
            job.payload.clear();
            queued.push(job);
        }
        Ok(queued)
    }

    /// Records a finished job: when it printed, raises its `*.printed`
    /// trigger on the order. Failed prints and "Save as PDF" raise nothing.
    pub async fn record_print(
        &self,
        report: &PrintReport,
        now: DateTime<Utc>,
    ) -> Result<Option<EventResult>> {
        let tagged = report.succeeded()
            && report.job.kind == DocumentKind::Tags
            && !matches!(
                report.job.destination,
                crate::printing::PrintDestination::File(_)
            )
            && self
                .snapshot()?
                .settings
                .shop
                .printing
                .tags_raise_items_tagged;
        let key = match report.printed_event() {
            Some(key) => key,
            None if tagged => Trigger::ItemsTagged.key(),
            None => return Ok(None),
        };
        let trigger = Trigger::parse(key)?;
        let by = match report.job.by.as_str() {
            "" => SYSTEM,
            by => by,
        };
        self.raise_event(&report.job.order_number, trigger, by, now)
            .await
            .map(Some)
    }

    /// A report as an outcome, raising the trigger when it printed.
    pub async fn settle_print(&self, report: PrintReport, now: DateTime<Utc>) -> PrintOutcome {
        let (event, event_error) = match self.record_print(&report, now).await {
            Ok(event) => (event, None),
            Err(e) => (None, Some(e.to_string())),
        };
        let (reference, error) = match report.outcome {
            Ok(r) => (Some(r), None),
            Err(e) => (None, Some(e)),
        };
        let mut job = report.job;
        job.payload.clear();
        PrintOutcome {
            job,
            reference,
            error,
            event,
            event_error,
        }
    }

    /// Prints now and waits: queues the jobs on `backend`, waits for every
    /// report and raises the triggers of what printed (the CLI and tests; the
    /// app keeps one queue running instead). A failure is an outcome, not an
    /// error: the order is untouched and the job can be printed again.
    pub async fn print_and_wait(
        &self,
        backend: Arc<dyn PrintBackend>,
        jobs: Vec<PrintJob>,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Vec<PrintOutcome>> {
        let by = actor.acting(Permission::Print)?;
        let (queue, mut reports) = PrintQueue::start(backend);
        let count = jobs.len();
        for mut job in jobs {
            job.by = by.clone();
            queue.submit(job)?;
        }
        drop(queue);
        let mut outcomes = Vec::with_capacity(count);
        while let Some(report) = reports.recv().await {
            outcomes.push(self.settle_print(report, now).await);
        }
        if outcomes.len() != count {
            return Err(PrintError::QueueClosed.into());
        }
        Ok(outcomes)
    }
}
