//! Gap-free invoice and credit-note numbers across crashes: CLI processes
//! issuing invoices (`print invoice --out`) and credit notes (`return`, one
//! mug at a time) are killed with SIGKILL at random moments. After every
//! cycle the database's invariants hold (`Store::violations`: numbers 1..n
//! in each series, every number in its order's history, every credit note
//! against its order's invoice); at the end no number is missing or
//! duplicated, every invoice a command reported is there, and the journal
//! verifies. `TILLFLOW_INVOICE_CRASH_CYCLES` (default 60) bounds it.

mod crash;

use std::path::Path;

use crash::{kill_window, ok, open, run_killed, Lcg};
use tillflow::storage::Series;

const ORDERS: u64 = 12;

/// The demo shop with `ORDERS` orders of 4 mugs each, delivered (so every
/// mug may come back).
fn setup(db: &Path) {
    ok(db, &["demo"], None);
    ok(db, &["stock", "site-add", "store", "--name", "Store"], None);
    ok(
        db,
        &["stock", "receive", "MUG", "1000", "--site", "store"],
        None,
    );
    let order = r#"{"type": "retail", "customer": {"name": "Crash Test"},
        "fields": {"delivery": "post"}, "lines": [{"sku": "MUG", "qty": "4"}],
        "payments": [{"method": "card", "amount": "38.00"}]}"#;
    for _ in 0..ORDERS {
        let o = ok(db, &["order", "create", "--input", "-"], Some(order));
        let n = o["number"].as_str().expect("number").to_string();
        ok(db, &["stock", "allocate", &n], None);
        let s = ok(
            db,
            &["ship", &n, "create", "--line", "0:4", "--carrier", "DHL"],
            None,
        );
        let id = s["shipment"].to_string();
        ok(db, &["ship", &n, "shipped", &id], None);
        ok(db, &["ship", &n, "delivered", &id], None);
    }
}

/// Checks a series is exactly 1..n, each number once, in the default format.
fn gap_free(numbers: &[(i64, String)], prefix: &str) {
    for (i, (seq, number)) in numbers.iter().enumerate() {
        assert_eq!(*seq, i as i64 + 1, "a gap before {number}: {numbers:?}");
        assert!(
            number.starts_with(prefix) && number.ends_with(&format!("-{seq:06}")),
            "{number} is not number {seq} of {prefix}"
        );
    }
    let mut distinct: Vec<&String> = numbers.iter().map(|(_, n)| n).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), numbers.len(), "a number twice: {numbers:?}");
}

#[tokio::test]
async fn kill_9_while_issuing_leaves_no_gap_and_no_duplicate() {
    let cycles = std::env::var("TILLFLOW_INVOICE_CRASH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60u64);
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("crash.db");
    setup(&db);
    let number = |i: u64| format!("TF-{:06}", 1 + i % ORDERS);
    // How long one command takes here: kills are spread over twice that.
    let pdf = dir.path().join("first.pdf");
    let pdf = pdf.to_string_lossy().into_owned();
    let window = kill_window(&db, &["print", "invoice", &number(0), "--out", &pdf]);

    let mut rng = Lcg(0x1abe1);
    let (mut killed, mut finished) = (0u64, 0u64);
    let mut invoiced = vec![number(0)];
    let mut credited: Vec<String> = Vec::new();
    for cycle in 0..cycles {
        let order = number(rng.next(ORDERS));
        let out = dir.path().join(format!("doc-{cycle}.pdf"));
        let out = out.to_string_lossy().into_owned();
        let args: Vec<&str> = match rng.next(2) {
            0 => vec!["print", "invoice", &order, "--out", &out],
            _ => vec!["return", &order, "--line", "0:1", "--reason", "crash"],
        };
        let run = run_killed(&db, &args, &mut rng, window);
        killed += u64::from(run.killed);
        if let Some(v) = run.answer {
            finished += 1;
            if args[0] == "print" {
                invoiced.push(order.clone());
            } else if let Some(n) = v["credit_note"].as_str() {
                credited.push(n.to_string());
            }
        }
        let store = open(&db).await;
        let broken = store.violations().await.expect("checks run");
        store.close().await;
        assert!(broken.is_empty(), "cycle {cycle} ({args:?}): {broken:#?}");
    }

    let store = open(&db).await;
    let invoices = store
        .issued_numbers(Series::Invoice)
        .await
        .expect("invoices");
    let notes = store
        .issued_numbers(Series::CreditNote)
        .await
        .expect("credit notes");
    gap_free(&invoices, "INV-");
    gap_free(&notes, "CN-");
    for n in &invoiced {
        let rec = store.order(n).await.expect("order");
        let (invoice, _) = store.order_issues(rec.id).await.expect("issues");
        assert!(invoice.is_some(), "{n}'s invoice was reported and is gone");
    }
    for n in &credited {
        assert!(
            notes.iter().any(|(_, x)| x == n),
            "{n} was reported and is gone"
        );
    }
    let report = store.verify_journal().await.expect("verify");
    assert!(report.ok, "{report:?}");
    store.close().await;
    eprintln!(
        "invoice kill -9 harness: {cycles} cycles, {killed} killed mid-way, {finished} finished; \
         {} invoices and {} credit notes, numbered 1..n without a gap or a duplicate",
        invoices.len(),
        notes.len()
    );
    assert!(
        killed > 0 && finished > 0,
        "kills landed both mid-way and after: {killed}/{finished}"
    );
    assert!(!notes.is_empty() && invoices.len() > 1);
}
