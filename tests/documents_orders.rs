//! An order's documents end to end through the Till on a real SQLite file:
//! rendered, read back with `pdftotext -layout`, split by delivery method
//! (parts add up to the order), printed through the queue (the `*.printed`
//! trigger moves the order), failed prints reported and retried.

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};

use common::Shop;
use serde_json::json;
use tillflow::documents::{DocumentKind, DRAWER_KICK};
use tillflow::orders::OrderInput;
use tillflow::printing::{
    PrintBackend, PrintDestination, PrintError, PrintJob, PrintQueue, ReceiptPrinter, ThermalTarget,
};
use tillflow::settings::{Settings, Step, TaxRounding, Workflow};
use tillflow::triggers::Trigger;

fn text_of(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    text_of_file(&path)
}

fn text_of_file(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn retail(lines: serde_json::Value, payments: serde_json::Value) -> OrderInput {
    serde_json::from_value(json!({
        "type": "retail",
        "customer": {"name": "Grace Hopper", "phone": "+1 555 0100", "address": "1 Navy Way\nArlington"},
        "fields": {"delivery": "courier", "shipping_address": "Pier 4\nNorfolk VA"},
        "lines": lines,
        "payments": payments
    }))
    .expect("valid retail input")
}

fn mixed_lines() -> serde_json::Value {
    json!([
        {"sku": "BOOK", "qty": "3", "delivery_method": "post"},
        {"sku": "MUG", "qty": "2", "delivery_method": "courier", "note": "gift wrap"},
        {"sku": "TSHIRT-BLK", "qty": "1", "delivery_method": "courier"},
        {"sku": "BOOK", "qty": "1", "delivery_method": "pickup"},
        {"name": "Poster", "qty": "3", "unit_price": "0.33", "tax_rate": "7", "delivery_method": "post"}
    ])
}

#[tokio::test]
async fn invoice_packing_slip_and_receipt_show_the_order() {
    let shop = Shop::demo().await;
    let number = shop
        .laundry(json!([{"method": "cash", "amount": "10.00"}]))
        .await;
    let view = shop.till.order(&number).await.expect("order");

    for kind in [
        DocumentKind::Invoice,
        DocumentKind::PackingSlip,
        DocumentKind::Receipt,
    ] {
        let docs = shop
            .till
            .render_document(&number, kind, false)
            .await
            .expect("render");
        assert_eq!(docs.len(), 1);
        let text = text_of(&docs[0].pdf);
        assert!(text.contains(&number), "{kind:?} lacks {number}:\n{text}");
        assert!(text.contains("Tillflow Demo Shop"), "{text}");
        for name in ["Shirt, washed & pressed", "Curtain"] {
            assert!(text.contains(name), "{kind:?} lacks {name}:\n{text}");
        }
        if kind != DocumentKind::PackingSlip {
            // Totals as the order view (the one totals function) has them,
            // written as the demo shop (fr-FR) writes amounts.
            let fr = |amount: &str| amount.replace('.', ",");
            assert!(text.contains(&fr(&view.totals.total)), "{kind:?}:\n{text}");
            assert!(text.contains(&fr(&view.totals.tax)), "{kind:?}:\n{text}");
            assert!(
                text.contains(&fr(&view.totals.balance)),
                "{kind:?}:\n{text}"
            );
            assert!(text.contains("Starch"), "{text}");
        } else {
            assert!(!text.contains(&view.totals.total), "no prices on a slip");
        }
    }

    let invoice = text_of(
        &shop
            .till
            .render_document(&number, DocumentKind::Invoice, false)
            .await
            .expect("invoice")[0]
            .pdf,
    );
    assert!(invoice.contains("Marie Curie"), "{invoice}");
    assert!(invoice.contains("stain left corner"), "{invoice}");
    assert!(invoice.contains("FR12345678901"), "{invoice}");

    // "Save as PDF" writes the file; it raises no trigger.
    let before = shop.till.order(&number).await.expect("order").history.len();
    let path = shop.dir.path().join("saved.pdf");
    let written = shop
        .till
        .save_document(
            &tillflow::staff::Actor::cli(),
            &number,
            DocumentKind::Receipt,
            false,
            &path,
            chrono::Utc::now(),
        )
        .await
        .expect("save");
    assert_eq!(written, std::slice::from_ref(&path));
    assert!(text_of_file(&path).contains(&number));
    let after = shop.till.order(&number).await.expect("order").history.len();
    assert_eq!(before, after);

    let err = shop
        .till
        .render_document("TF-999999", DocumentKind::Invoice, false)
        .await
        .expect_err("unknown order");
    assert_eq!(err.code(), "not_found");
    let err = shop
        .till
        .render_document(&number, DocumentKind::Receipt, true)
        .await
        .expect_err("receipts are not split");
    assert_eq!(err.code(), "invalid");
}

async fn split_adds_up(shop: &Shop, payments: serde_json::Value) {
    let r = shop
        .till
        .create_order(
            &retail(mixed_lines(), payments),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("retail order");
    let model = shop.till.document_model(&r.number).await.expect("model");
    let docs = shop
        .till
        .render_document(&r.number, DocumentKind::Invoice, true)
        .await
        .expect("split");
    let methods: Vec<_> = docs
        .iter()
        .map(|d| d.delivery_method.clone().unwrap_or_default())
        .collect();
    assert_eq!(methods, ["post", "courier", "pickup"]);

    // The parts' models, totalled by the one totals function, add up.
    let snap = shop.till.snapshot().expect("settings");
    let pricing = tillflow::orders::pricing(&snap.settings);
    let parts = tillflow::orders::document::split_model(&model, pricing).expect("parts");
    let sum = |f: fn(&tillflow::documents::DocumentModel) -> i64| parts.iter().map(f).sum::<i64>();
    assert_eq!(sum(|p| p.total_minor), model.total_minor);
    assert_eq!(sum(|p| p.subtotal_minor + p.tax_minor), model.total_minor);
    assert_eq!(sum(|p| p.paid_minor), model.paid_minor);
    assert_eq!(sum(|p| p.balance_minor), model.balance_minor);
    for p in &parts {
        let rows: i64 = p.tax_breakdown.iter().map(|r| r.tax_minor).sum();
        assert_eq!(rows, p.tax_minor);
    }
    // Each PDF shows its own lines and its own total.
    for (doc, part) in docs.iter().zip(&parts) {
        let text = text_of(&doc.pdf);
        assert!(text.contains(&r.number));
        let total = tillflow::money::format_minor(part.total_minor, 2).replace('.', ",");
        assert!(text.contains(&total), "{total} not in\n{text}");
    }
    assert!(text_of(&docs[0].pdf).contains("Poster"));
    assert!(!text_of(&docs[0].pdf).contains("Mug"));
}

#[tokio::test]
async fn split_invoices_add_up_to_the_order() {
    let shop = Shop::demo().await;
    split_adds_up(&shop, json!([{"method": "card", "amount": "20.00"}])).await;

    // Per-document rounding, prices without tax: still adds up.
    let mut s = shop.till.settings().expect("settings");
    s.shop.tax_rounding = TaxRounding::PerDocument;
    s.shop.prices_include_tax = false;
    shop.till
        .import_settings(s, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .expect("import");
    split_adds_up(&shop, json!([])).await;
}

/// The demo with an order type whose intake waits for `invoice.printed`.
fn invoice_first() -> Settings {
    let mut s = Settings::demo();
    s.workflows.push(Workflow {
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
    let mut t = s.order_type("laundry").expect("laundry").clone();
    t.key = "invoiced".into();
    t.name = "Invoiced laundry".into();
    t.stages
        .insert("intake".into(), Some("invoice-first".into()));
    t.version = None;
    s.order_types.push(t);
    s
}

/// Records what it printed; fails while `fail` is set.
#[derive(Default)]
struct Recorder {
    fail: Mutex<bool>,
    printed: Mutex<Vec<PrintJob>>,
}

impl PrintBackend for Recorder {
    fn deliver(&self, job: &PrintJob) -> Result<String, PrintError> {
        if *self.fail.lock().expect("lock") {
            return Err(PrintError::Device {
                target: "front desk".into(),
                message: "out of paper".into(),
            });
        }
        self.printed.lock().expect("lock").push(job.clone());
        Ok(format!("job-{}", job.id))
    }
}

#[tokio::test]
async fn printing_raises_the_printed_trigger_and_failures_can_be_retried() {
    let shop = Shop::blank().await;
    shop.till
        .import_settings(
            invoice_first(),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("settings");
    let mut input = common::laundry_input(json!([]));
    input.order_type = "invoiced".into();
    let number = shop
        .till
        .create_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .expect("order")
        .number;
    assert_eq!(shop.status(&number).await.1, "received");

    let recorder = Arc::new(Recorder::default());
    *recorder.fail.lock().expect("lock") = true;
    let backend: Arc<dyn PrintBackend> = recorder.clone();

    // A failed print is an outcome: the order stays put, the job comes back.
    let jobs = shop
        .till
        .print_jobs(
            &tillflow::staff::Actor::trusted("anna"),
            &number,
            DocumentKind::Invoice,
            false,
            None,
            chrono::Utc::now(),
        )
        .await
        .expect("jobs");
    let outcomes = shop
        .till
        .print_and_wait(
            backend.clone(),
            jobs,
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("outcomes");
    assert_eq!(outcomes.len(), 1);
    assert!(!outcomes[0].printed());
    assert!(matches!(outcomes[0].error, Some(PrintError::Device { .. })));
    assert!(outcomes[0].event.is_none());
    assert_eq!(shop.status(&number).await.1, "received");

    // Retry through a running queue, as the app does.
    *recorder.fail.lock().expect("lock") = false;
    let (queue, mut reports) = PrintQueue::start(backend.clone());
    let queued = shop
        .till
        .submit_print(
            &queue,
            &tillflow::staff::Actor::trusted("anna"),
            &number,
            DocumentKind::Invoice,
            false,
            None,
            chrono::Utc::now(),
        )
        .await
        .expect("submit");
    let first = reports.recv().await.expect("report");
    assert_eq!(first.job.id, queued[0].id);
    let job = first.job.clone();
    assert!(first.succeeded());
    queue.retry(job).expect("retry (a reprint)");
    let second = reports.recv().await.expect("report");
    assert_eq!(second.job.attempt, 2);

    let outcome = shop.till.settle_print(first, shop.now()).await;
    let event = outcome.event.expect("invoice.printed raised");
    assert!(event.moved);
    assert_eq!(
        shop.status(&number).await,
        ("production".into(), "cleaning".into())
    );
    let history = shop.till.order(&number).await.expect("order").history;
    assert!(history
        .iter()
        .any(|h| h.event == "invoice.printed" && h.moved));

    // Saving as PDF is not printing: no trigger.
    let saved = PrintJob::save_as_pdf(
        DocumentKind::Invoice,
        &shop.till.document_model(&number).await.expect("model"),
        &Default::default(),
        shop.dir.path().join("x.pdf"),
    )
    .expect("job");
    let outcomes = shop
        .till
        .print_and_wait(
            backend.clone(),
            vec![saved],
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("saved");
    assert!(outcomes[0].printed() && outcomes[0].event.is_none());
    let printed = recorder.printed.lock().expect("lock");
    assert!(printed.iter().all(|j| j.kind == DocumentKind::Invoice));
}

#[tokio::test]
async fn thermal_receipt_is_escpos_with_a_drawer_kick_after_cash() {
    let shop = Shop::demo().await;
    let mut s = shop.till.settings().expect("settings");
    s.shop.printing.receipt_printer = ReceiptPrinter::Thermal(ThermalTarget::Network {
        host: "127.0.0.1".into(),
        port: 9100,
    });
    shop.till
        .import_settings(s, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .expect("settings");
    let cash = shop
        .laundry(json!([{"method": "cash", "amount": "5.00"}]))
        .await;
    let card = shop
        .laundry(json!([{"method": "card", "amount": "5.00"}]))
        .await;
    for (number, kick) in [(&cash, true), (&card, false)] {
        let jobs = shop
            .till
            .print_jobs(
                &tillflow::staff::Actor::cli(),
                number,
                DocumentKind::Receipt,
                false,
                None,
                chrono::Utc::now(),
            )
            .await
            .expect("jobs");
        assert!(matches!(jobs[0].destination, PrintDestination::Thermal(_)));
        let bytes = &jobs[0].payload;
        assert_eq!(&bytes[..2], b"\x1b@", "ESC/POS, not PDF");
        assert_eq!(bytes.ends_with(&DRAWER_KICK), kick, "{number}");
    }
    // --printer NAME overrides: a PDF for that system printer.
    let jobs = shop
        .till
        .print_jobs(
            &tillflow::staff::Actor::cli(),
            &cash,
            DocumentKind::Receipt,
            false,
            Some("Office"),
            chrono::Utc::now(),
        )
        .await
        .expect("jobs");
    assert_eq!(
        jobs[0].destination,
        PrintDestination::Printer(Some("Office".into()))
    );
    assert!(jobs[0].payload.starts_with(b"%PDF"));
}

#[tokio::test]
async fn document_and_printer_settings_are_optional_and_validated() {
    let shop = Shop::demo().await;
    let s = shop.till.settings().expect("settings");
    let text = s.to_json();
    assert!(
        !text.contains("\"documents\""),
        "defaults stay out of files"
    );
    assert!(!text.contains("\"printing\""));

    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["shop"]["documents"] = json!({"paper": "letter", "receipt_width": "58mm"});
    v["shop"]["printing"] = json!({
        "invoice_printer": "Front desk",
        "receipt_printer": {"thermal": {"network": {"host": "10.0.0.9", "port": 9100}}},
        "copies": 2
    });
    let parsed = Settings::from_json(&v.to_string()).expect("parses");
    let stored = shop
        .till
        .import_settings(parsed, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .expect("valid");
    assert_eq!(stored.shop.printing.copies, 2);
    assert_eq!(stored.shop.printing.timeout_secs, 30, "default kept");
    let round = Settings::from_json(&stored.to_json()).expect("round trip");
    assert_eq!(round.shop, stored.shop);

    for (field, bad) in [
        ("copies", json!({"copies": 0})),
        ("invoice_printer", json!({"invoice_printer": "  "})),
        (
            "receipt_printer",
            json!({"receipt_printer": {"thermal": {"network": {"host": "", "port": 9100}}}}),
        ),
        // A settings file is no way into the file system or other services.
        (
            "not a printer device",
            json!({"receipt_printer": {"thermal": {"device": "/etc/passwd"}}}),
        ),
        (
            "not a printer device",
            json!({"receipt_printer": {"thermal": {"device": shop.dir.path().join("shop.db")}}}),
        ),
        (
            "port 22 is not a raw printing port",
            json!({"receipt_printer": {"thermal": {"network": {"host": "127.0.0.1", "port": 22}}}}),
        ),
        (
            "windows_pdf_command",
            json!({"windows_pdf_command": "C:\\Windows\\System32\\cmd.exe"}),
        ),
        // The ticket and tag printers take the receipt printer's forms and checks.
        (
            "shop.printing.tag_printer",
            json!({"tag_printer": {"thermal": {"device": "/etc/passwd"}}}),
        ),
        (
            "shop.printing.ticket_printer",
            json!({"ticket_printer": {"thermal": {"network": {"host": "10.0.0.9", "port": 22}}}}),
        ),
        (
            "shop.printing.ticket_printer",
            json!({"ticket_printer": " "}),
        ),
    ] {
        let mut w = v.clone();
        w["shop"]["printing"] = bad;
        let s = Settings::from_json(&w.to_string()).expect("parses");
        let err = shop
            .till
            .import_settings(s, &tillflow::staff::Actor::trusted("anna"), shop.now())
            .await
            .expect_err("refused");
        assert!(err.to_string().contains(field), "{err}");
        assert_eq!(
            shop.till.settings().expect("settings").shop.printing.copies,
            2,
            "unchanged"
        );
    }

    // Older files name the ticket and tag printers by name: system printers.
    let mut w = v.clone();
    w["shop"]["printing"] = json!({"ticket_printer": "Workshop", "tag_printer": "Labels"});
    let s = Settings::from_json(&w.to_string()).expect("an older file parses");
    let stored = shop
        .till
        .import_settings(s, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .expect("an older file imports");
    assert_eq!(
        stored.shop.printing.ticket_printer,
        Some(ReceiptPrinter::System(Some("Workshop".into())))
    );
    let exported: serde_json::Value = serde_json::from_str(&stored.to_json()).expect("json");
    assert_eq!(
        exported["shop"]["printing"]["tag_printer"],
        json!({"system": "Labels"})
    );
    assert_eq!(
        exported["shop"]["documents"].get("tag_size"),
        None,
        "the default size stays out of files"
    );
    // A tag size: kept; out of range refused, naming it.
    for (size, ok) in [
        (json!({"width_mm": 62}), true),
        (json!({"width_mm": 50.8, "height_mm": 25.4}), true),
        (json!({"width_mm": 5, "height_mm": 25}), false),
        (json!({"width_mm": 50, "height_mm": 900}), false),
    ] {
        let mut w = v.clone();
        w["shop"]["documents"]["tag_size"] = size.clone();
        let s = Settings::from_json(&w.to_string()).expect("parses");
        let result = shop
            .till
            .import_settings(s, &tillflow::staff::Actor::trusted("anna"), shop.now())
            .await;
        match result {
            Ok(stored) => {
                assert!(ok, "{size} accepted");
                let back: serde_json::Value =
                    serde_json::from_str(&stored.to_json()).expect("json");
                let read = &back["shop"]["documents"]["tag_size"];
                assert_eq!(read["width_mm"].as_f64(), size["width_mm"].as_f64());
                assert_eq!(read["height_mm"].as_f64(), size["height_mm"].as_f64());
            }
            Err(e) => {
                assert!(!ok, "{size} refused: {e}");
                assert!(e.to_string().contains("shop.documents.tag_size"), "{e}");
            }
        }
    }

    // The logo is copied into the database when it is set: the file changing
    // afterwards changes nothing printed; a file that is not a PNG is
    // refused when set, naming the setting.
    let logo = shop.dir.path().join("logo.png");
    let png = tillflow::documents::ShopLogo {
        width_px: 2,
        height_px: 2,
        rgb8: vec![0; 12],
    }
    .to_png()
    .expect("png");
    std::fs::write(&logo, &png).expect("logo");
    let bytes = std::fs::read(&logo).expect("read");
    shop.till
        .set_logo(
            Some(&bytes),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("logo set");
    let number = shop.laundry(json!([])).await;
    std::fs::write(&logo, b"not an image").expect("logo");
    shop.till
        .render_document(&number, DocumentKind::Invoice, false)
        .await
        .expect("invoice with logo");
    let model = shop.till.document_model(&number).await.expect("model");
    assert_eq!(model.shop.logo.map(|l| l.width_px), Some(2));
    let err = shop
        .till
        .set_logo(
            Some(b"not an image"),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect_err("bad logo");
    assert!(err.to_string().contains("shop.documents.logo"), "{err}");
}
