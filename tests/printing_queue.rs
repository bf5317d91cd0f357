//! The print queue: never blocks the caller, reports every job, retries.

mod documents_fixture;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use documents_fixture::model;
use tillflow::documents::{render_invoice, DocumentKind, DocumentSettings};
use tillflow::printing::{
    PrintBackend, PrintDestination, PrintError, PrintJob, PrintQueue, PrintReport, SystemBackend,
};

/// Fails the first `failures` deliveries, then succeeds; each takes `delay`.
struct Flaky {
    failures: usize,
    calls: AtomicUsize,
    delay: Duration,
}

impl PrintBackend for Flaky {
    fn deliver(&self, job: &PrintJob) -> Result<String, PrintError> {
        std::thread::sleep(self.delay);
        let n = self.calls.fetch_add(1, Ordering::SeqCst);
        if n < self.failures {
            Err(PrintError::CommandFailed {
                program: "lp".into(),
                status: "exit status: 1".into(),
                stderr: "printer on fire".into(),
            })
        } else {
            Ok(format!("FAKE-{}", job.id))
        }
    }
}

struct Panics;

impl PrintBackend for Panics {
    fn deliver(&self, _job: &PrintJob) -> Result<String, PrintError> {
        panic!("driver crashed");
    }
}

fn job(kind: DocumentKind) -> PrintJob {
    PrintJob::new(
        "TF-1042",
        kind,
        PrintDestination::Printer(Some("Front".into())),
        b"%PDF".to_vec(),
    )
}

async fn next(reports: &mut tokio::sync::mpsc::UnboundedReceiver<PrintReport>) -> PrintReport {
    tokio::time::timeout(Duration::from_secs(10), reports.recv())
        .await
        .expect("report in time")
        .expect("queue alive")
}

#[tokio::test]
async fn failed_print_is_reported_and_retried() {
    let backend = Arc::new(Flaky {
        failures: 1,
        calls: AtomicUsize::new(0),
        delay: Duration::ZERO,
    });
    let (queue, mut reports) = PrintQueue::start(backend);
    let id = queue.submit(job(DocumentKind::Invoice)).expect("submit");
    let failed = next(&mut reports).await;
    assert_eq!(failed.job.id, id);
    assert!(!failed.succeeded());
    assert_eq!(failed.printed_event(), None);
    assert!(failed
        .outcome
        .as_ref()
        .expect_err("failed")
        .to_string()
        .contains("printer on fire"));

    // The report carries the whole job: retry it as is.
    assert_eq!(queue.retry(failed.job).expect("retry"), id);
    let printed = next(&mut reports).await;
    assert_eq!(printed.job.attempt, 2);
    assert_eq!(
        printed.outcome.as_deref(),
        Ok(format!("FAKE-{id}").as_str())
    );
    assert_eq!(printed.printed_event(), Some("invoice.printed"));
}

#[tokio::test]
async fn submitting_never_waits_for_the_printer() {
    let backend = Arc::new(Flaky {
        failures: 0,
        calls: AtomicUsize::new(0),
        delay: Duration::from_millis(300),
    });
    let (queue, mut reports) = PrintQueue::start(backend);
    let started = Instant::now();
    let ids: Vec<u64> = [
        DocumentKind::Invoice,
        DocumentKind::PackingSlip,
        DocumentKind::Receipt,
    ]
    .into_iter()
    .map(|kind| queue.submit(job(kind)).expect("submit"))
    .collect();
    assert!(
        started.elapsed() < Duration::from_millis(100),
        "{:?}",
        started.elapsed()
    );
    let mut events = Vec::new();
    for id in ids {
        let report = next(&mut reports).await;
        assert_eq!(report.job.id, id, "jobs finish in submission order");
        events.push(report.printed_event());
    }
    assert_eq!(
        events,
        [
            Some("invoice.printed"),
            Some("packing_slip.printed"),
            Some("receipt.printed")
        ]
    );
}

#[tokio::test]
async fn a_crashing_printer_driver_is_reported_and_the_queue_goes_on() {
    let (queue, mut reports) = PrintQueue::start(Arc::new(Panics));
    queue.submit(job(DocumentKind::Receipt)).expect("submit");
    queue.submit(job(DocumentKind::Receipt)).expect("submit");
    for _ in 0..2 {
        let report = next(&mut reports).await;
        assert!(
            matches!(report.outcome, Err(PrintError::Worker(_))),
            "{:?}",
            report.outcome
        );
    }
}

#[tokio::test]
async fn save_as_pdf_always_works_and_raises_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("TF-1042.pdf");
    let pdf = render_invoice(&model(3), &DocumentSettings::default()).expect("render");
    let (queue, mut reports) = PrintQueue::start(Arc::new(SystemBackend::default()));
    let job = PrintJob::new(
        "TF-1042",
        DocumentKind::Invoice,
        PrintDestination::File(path.clone()),
        pdf.clone(),
    );
    queue.submit(job).expect("submit");
    let report = next(&mut reports).await;
    assert!(report.succeeded(), "{:?}", report.outcome);
    assert_eq!(report.printed_event(), None);
    assert_eq!(std::fs::read(&path).expect("saved"), pdf);
}

#[tokio::test]
async fn an_unknown_system_printer_fails_with_a_report() {
    let (queue, mut reports) = PrintQueue::start(Arc::new(SystemBackend::default()));
    let job = PrintJob::new(
        "TF-1042",
        DocumentKind::Invoice,
        PrintDestination::Printer(Some("NoSuchPrinter-tillflow".into())),
        b"%PDF-1.7".to_vec(),
    );
    queue.submit(job).expect("submit");
    let report = next(&mut reports).await;
    assert!(!report.succeeded());
    assert_eq!(report.printed_event(), None);
}

#[test]
fn documents_are_routed_per_settings() {
    use tillflow::printing::{destination_for, PrintSettings, ReceiptPrinter, ThermalTarget};
    let thermal = ThermalTarget::Network {
        host: "10.0.0.9".into(),
        port: 9100,
    };
    let settings = PrintSettings {
        invoice_printer: Some("Office".into()),
        receipt_printer: ReceiptPrinter::Thermal(thermal.clone()),
        ..PrintSettings::default()
    };
    assert_eq!(
        destination_for(DocumentKind::PackingSlip, &settings),
        PrintDestination::Printer(Some("Office".into()))
    );
    let m = model(3);
    let docs = DocumentSettings::default();
    let receipt = PrintJob::for_document(DocumentKind::Receipt, &m, &docs, &settings).expect("job");
    assert_eq!(receipt.destination, PrintDestination::Thermal(thermal));
    assert_eq!(
        &receipt.payload[..2],
        &[0x1B, b'@'],
        "ESC/POS for a thermal printer"
    );
    let invoice = PrintJob::for_document(DocumentKind::Invoice, &m, &docs, &settings).expect("job");
    assert!(invoice.payload.starts_with(b"%PDF"));
    assert_eq!(invoice.title(), "Invoice TF-1042");
}
