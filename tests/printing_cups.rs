//! Printing through a REAL CUPS queue: the `TestPDF` virtual printer
//! (cups-pdf) that `.ci/cups.sh` sets up. Runs when `TILLFLOW_CUPS_TEST=1`
//! (`.ci/run` sets it) and then fails loudly if CUPS is not there; without the
//! variable it says so and does nothing.

mod documents_fixture;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use documents_fixture::model;
use tillflow::documents::{receipt_page_mm, render_invoice, DocumentKind, DocumentSettings};
use tillflow::printing::{
    list_printers, PrintDestination, PrintJob, PrintQueue, PrintSettings, ReceiptPrinter,
    SystemBackend,
};
use tillflow::settings::{Settings, Step, Workflow};
use tillflow::triggers::Trigger;

const QUEUE: &str = "TestPDF";

fn enabled() -> bool {
    if std::env::var("TILLFLOW_CUPS_TEST").as_deref() == Ok("1") {
        return true;
    }
    eprintln!("printing_cups: TILLFLOW_CUPS_TEST is not 1; run `bash .ci/cups.sh` and set it to print through CUPS");
    false
}

/// Where cups-pdf may put printed files: the `Out` line of cups-pdf.conf with
/// `${HOME}` taken from the environment and from the user's passwd entry
/// (cups-pdf uses the latter).
fn output_dirs() -> Vec<PathBuf> {
    let mut homes = Vec::new();
    if let Ok(home) = std::env::var("HOME") {
        homes.push(home);
    }
    if let Ok(out) = Command::new("sh")
        .args(["-c", "getent passwd \"$(id -un)\" | cut -d: -f6"])
        .output()
    {
        let home = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if !home.is_empty() && !homes.contains(&home) {
            homes.push(home);
        }
    }
    let out_line = std::fs::read_to_string("/etc/cups/cups-pdf.conf")
        .ok()
        .and_then(|conf| {
            conf.lines()
                .find_map(|l| l.strip_prefix("Out").map(|v| v.trim().to_string()))
        })
        .unwrap_or_else(|| "${HOME}/PDF".to_string());
    homes
        .iter()
        .map(|home| PathBuf::from(out_line.replace("${HOME}", home)))
        .collect()
}

fn pdfs_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
                .collect()
        })
        .unwrap_or_default()
}

/// `pdfinfo` fields of a PDF file.
fn info(path: &Path) -> Option<(String, usize)> {
    let out = Command::new("pdfinfo").arg(path).output().ok()?;
    if !out.status.success() {
        return None; // still being written
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
    };
    Some((field("Title:")?, field("Pages:")?.parse().ok()?))
}

/// Wait up to 30 s for a new PDF in `dirs` whose title contains `title`; returns its page count.
///
/// cups-pdf re-distils what it prints through Ghostscript (fonts become Type 3
/// glyphs without a text layer), so the printed file is identified by the job
/// title CUPS gives it and checked by its page count and rendering, not its text.
fn wait_for_printed(dirs: &[PathBuf], before: &[PathBuf], title: &str) -> (PathBuf, usize) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let fresh = dirs
            .iter()
            .flat_map(|d| pdfs_in(d))
            .filter(|p| !before.contains(p));
        for path in fresh {
            if let Some((found, pages)) = info(&path) {
                if found.contains(title) {
                    return (path, pages);
                }
            }
        }
        assert!(
            Instant::now() < deadline,
            "no printed PDF titled {title:?} appeared in {dirs:?} (cups-pdf output)"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// The first page's size in points, from `pdfinfo`.
fn page_size_pts(path: &Path) -> (f32, f32) {
    let out = Command::new("pdfinfo").arg(path).output().expect("pdfinfo");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .expect("page size");
    let mut n = line
        .split_whitespace()
        .filter_map(|w| w.parse::<f32>().ok());
    (n.next().expect("width"), n.next().expect("height"))
}

/// The first page rendered at low resolution has ink on it (not a blank page).
fn has_ink(path: &Path) -> bool {
    let out = Command::new("pdftoppm")
        .args(["-r", "20", "-f", "1", "-l", "1", "-gray"])
        .arg(path)
        .output()
        .expect("pdftoppm");
    // PGM: a short header, then 8-bit grey samples; count the dark ones.
    out.stdout.iter().skip(20).filter(|&&b| b < 128).count() > 100
}

#[tokio::test]
async fn prints_invoice_and_receipt_through_cups_pdf() {
    if !enabled() {
        return;
    }
    let settings = PrintSettings::default();
    let printers =
        list_printers(&settings).expect("lpstat must work: is cupsd running? (.ci/cups.sh)");
    assert!(
        printers.iter().any(|p| p.name == QUEUE),
        "CUPS queue {QUEUE} missing (run .ci/cups.sh); printers: {printers:?}"
    );

    let dirs = output_dirs();
    let before: Vec<PathBuf> = dirs.iter().flat_map(|d| pdfs_in(d)).collect();
    let mut m = model(25);
    m.order_number = format!("CUPS-{}", std::process::id());
    let invoice = render_invoice(&m, &DocumentSettings::default()).expect("invoice");

    let (queue, mut reports) = PrintQueue::start(Arc::new(SystemBackend { settings }));
    let printer = PrintDestination::Printer(Some(QUEUE.to_string()));
    queue
        .submit(PrintJob::new(
            &m.order_number,
            DocumentKind::Invoice,
            printer,
            invoice,
        ))
        .expect("submit invoice");
    // Routed as the app routes it: a receipt to a system printer carries its
    // page, so CUPS prints it on an 80 mm roll page instead of centring it on A4.
    let receipt_job = PrintJob::for_document(
        DocumentKind::Receipt,
        &m,
        &DocumentSettings::default(),
        &PrintSettings {
            receipt_printer: ReceiptPrinter::System(Some(QUEUE.to_string())),
            ..PrintSettings::default()
        },
    )
    .expect("receipt job");
    assert!(receipt_job.payload.starts_with(b"%PDF"));
    queue.submit(receipt_job).expect("submit receipt");
    let mut events = Vec::new();
    for _ in 0..2 {
        let report = tokio::time::timeout(Duration::from_secs(60), reports.recv())
            .await
            .expect("report in time")
            .expect("queue alive");
        let job_ref = report.outcome.clone().expect("lp accepted the job");
        assert!(job_ref.starts_with(QUEUE), "{job_ref}");
        events.push(report.printed_event());
    }
    assert_eq!(events, [Some("invoice.printed"), Some("receipt.printed")]);

    let invoice_title = format!("Invoice {}", m.order_number);
    let (invoice_file, pages) = wait_for_printed(&dirs, &before, &invoice_title);
    assert_eq!(pages, 2, "the printed 25-line invoice has both pages");
    assert!(
        has_ink(&invoice_file),
        "{} is blank",
        invoice_file.display()
    );
    let receipt_title = format!("Receipt {}", m.order_number);
    let (receipt_file, pages) = wait_for_printed(&dirs, &before, &receipt_title);
    assert_eq!(pages, 1);
    let (w, h) = receipt_page_mm(&m, &DocumentSettings::default()).expect("size");
    let size = page_size_pts(&receipt_file);
    let pts = |mm: f32| mm / 25.4 * 72.0;
    assert!(
        (size.0 - pts(w)).abs() < 2.0 && (size.1 - pts(h)).abs() < 3.0,
        "printed receipt page {size:?} pt, drawn on {w} x {h} mm"
    );
    assert!(
        has_ink(&receipt_file),
        "{} is blank",
        receipt_file.display()
    );
}

fn tillflow(db: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_tillflow"))
        .arg("--db")
        .arg(db)
        .arg("--json")
        .args(args)
        .env_remove("TILLFLOW_DB")
        .output()
        .expect("run tillflow");
    assert!(
        out.status.success(),
        "tillflow {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json output")
}

/// The CLI prints an invoice on the cups-pdf queue and the order, whose
/// intake step waits for `invoice.printed`, moves on.
#[test]
fn cli_prints_invoice_through_cups_and_the_order_moves_on() {
    if !enabled() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cups.db");

    // A settings file: the demo shop plus an order type whose intake waits for the invoice.
    let mut settings = Settings::demo();
    settings.workflows.push(Workflow {
        key: "invoice-first".into(),
        name: "Invoice first".into(),
        kind: "intake".into(),
        steps: vec![Step {
            status: "received".into(),
            trigger: Trigger::InvoicePrinted,
            roles: Default::default(),
            guards: Vec::new(),
            target: None,
        }],
        version: None,
    });
    let mut order_type = settings.order_type("laundry").expect("laundry").clone();
    order_type.key = "invoiced".into();
    order_type.name = "Invoiced laundry".into();
    order_type.version = None;
    order_type
        .stages
        .insert("intake".into(), Some("invoice-first".into()));
    settings.order_types.push(order_type);
    settings.shop.printing.invoice_printer = Some(QUEUE.to_string());
    let file = dir.path().join("settings.json");
    std::fs::write(&file, settings.to_json()).expect("settings file");
    tillflow(&db, &["settings", "import", &file.to_string_lossy()]);

    let input = dir.path().join("order.json");
    std::fs::write(
        &input,
        serde_json::json!({
            "type": "invoiced",
            "customer": {"name": "Marie Curie", "phone": "+33 6 12 34 56 78"},
            "fields": {"due_date": "2026-03-05"},
            "lines": [{"sku": "SHIRT", "qty": "3"}, {"sku": "DUVET", "qty": "1"}]
        })
        .to_string(),
    )
    .expect("order file");
    let order = tillflow(
        &db,
        &["order", "create", "--input", &input.to_string_lossy()],
    );
    let number = order["number"].as_str().expect("number").to_string();
    assert_eq!(order["status"], "received");

    let dirs = output_dirs();
    let before: Vec<PathBuf> = dirs.iter().flat_map(|d| pdfs_in(d)).collect();
    // No --printer: the settings file names TestPDF as the invoice printer.
    let report = tillflow(&db, &["print", "invoice", &number]);
    let printed = &report["printed"][0];
    assert!(printed["error"].is_null(), "{report}");
    assert!(
        printed["reference"]
            .as_str()
            .is_some_and(|r| r.starts_with(QUEUE)),
        "{report}"
    );
    assert_eq!(printed["event"]["moved"], true, "{report}");
    assert_eq!(printed["event"]["status"], "cleaning");

    let shown = tillflow(&db, &["order", "show", &number]);
    assert_eq!(shown["status"], "cleaning");
    let history = shown["history"].as_array().expect("history");
    assert!(history
        .iter()
        .any(|h| h["event"] == "invoice.printed" && h["moved"] == true));

    let (file, pages) = wait_for_printed(&dirs, &before, &format!("Invoice {number}"));
    assert_eq!(pages, 1);
    assert!(has_ink(&file), "{} is blank", file.display());
}
