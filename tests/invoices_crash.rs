//! Gap-free invoice and credit-note numbers across crashes: CLI processes
//! issuing invoices (`print invoice --out`) and credit notes (`return`, one
//! mug at a time) are killed with SIGKILL at random moments. After every
//! cycle the database's invariants hold (`Store::violations`: numbers 1..n
//! in each series, every number in its order's history, every credit note
//! against its order's invoice); at the end no number is missing or
//! duplicated, every invoice a command reported is there, and the journal
//! verifies. `TILLFLOW_INVOICE_CRASH_CYCLES` (default 60) bounds it.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use tillflow::storage::{Durability, Series, Store};

const ORDERS: u64 = 12;

fn cli(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tillflow"));
    c.env_remove("TILLFLOW_DB")
        .env_remove("TILLFLOW_BACKUP_DIR")
        .arg("--db")
        .arg(db)
        .arg("--json");
    c
}

fn ok(db: &Path, args: &[&str], input: Option<&str>) -> serde_json::Value {
    let mut c = cli(db);
    c.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    if input.is_some() {
        c.stdin(Stdio::piped());
    }
    let mut child = c.spawn().expect("cli");
    if let Some(text) = input {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(text.as_bytes()).expect("input");
    }
    let out: Output = child.wait_with_output().expect("cli");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null)
}

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

/// A small deterministic random source (no extra dependency).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}

async fn open(db: &Path) -> Store {
    Store::open(db, Durability::Full)
        .await
        .expect("open after crash")
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
    let timed = Instant::now();
    let pdf = dir.path().join("first.pdf");
    let pdf = pdf.to_string_lossy().into_owned();
    ok(&db, &["print", "invoice", &number(0), "--out", &pdf], None);
    let window = (timed.elapsed().as_micros() as u64 * 2).max(1000);

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
        let mut child = cli(&db)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_micros(rng.next(window)));
        let exited = child.try_wait().expect("wait").is_some();
        if !exited {
            child.kill().expect("kill -9");
            killed += 1;
        }
        let done = child.wait_with_output().expect("reaped");
        if exited && done.status.success() {
            finished += 1;
            let v: serde_json::Value = serde_json::from_slice(&done.stdout).expect("json");
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
