//! Harnesses with real processes on a real database file:
//! - **kill -9**: cycles of CLI commands (orders, payments, events, cancels,
//!   stock) killed with SIGKILL at a random moment; after every cycle the
//!   database's invariants hold (`Store::violations`: integrity, full-text
//!   indexes, lines, paid = payments, history, gap-free numbers, stock =
//!   ledger; the journal verifies) and every command that reported success
//!   is still there.
//!   `TILLFLOW_CRASH_CYCLES` (default 100) and `TILLFLOW_CRASH_SECONDS`
//!   (default 120) bound it.
//! - **concurrency**: 8 writer processes and a reader at once; no "database
//!   is locked", nothing lost or duplicated.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crash::{kill_window, run_killed, Lcg};
use tillflow::storage::{Durability, Store};

mod crash;

fn cli() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tillflow"));
    c.env_remove("TILLFLOW_DB")
        .env_remove("TILLFLOW_BACKUP_DIR");
    c
}

fn order_json(i: u64) -> String {
    format!(
        r#"{{"type": "laundry", "customer": {{"name": "Crash Test {i}", "phone": "06123{:05}"}},
  "fields": {{"due_date": "2026-12-09"}},
  "lines": [{{"sku": "SHIRT", "qty": "2"}}, {{"sku": "WASH-KG", "qty": "1.5"}}],
  "payments": [{{"method": "cash", "amount": "2.00"}}]}}"#,
        i % 100_000
    )
}

fn setup(db: &Path) {
    let ok = |args: &[&str]| {
        let out = cli().arg("--db").arg(db).args(args).output().expect("cli");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ok(&["demo"]);
    // The drawer is open: the orders take cash.
    ok(&["session", "open", "--float", "100.00"]);
    ok(&["stock", "site-add", "store", "--name", "Store"]);
    ok(&["stock", "receive", "MUG", "1000", "--site", "store"]);
}

async fn violations(db: &Path) -> Vec<tillflow::storage::Violation> {
    let store = Store::open(db, Durability::Full)
        .await
        .expect("open after crash");
    let v = store.violations().await.expect("checks run");
    store.close().await;
    v
}

/// Whether the journal verifies: its chain gap-free and matching every
/// row, whatever moment a kill landed at (entries commit with their change).
async fn journal_problems(db: &Path) -> Vec<String> {
    let store = Store::open(db, Durability::Full).await.expect("open");
    let r = store.verify_journal().await.expect("journal verify runs");
    store.close().await;
    r.problems.into_iter().map(|p| p.message).collect()
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::test]
async fn kill_9_at_random_moments_breaks_no_invariant() {
    let cycles = env_or("TILLFLOW_CRASH_CYCLES", 100);
    let budget = Duration::from_secs(env_or("TILLFLOW_CRASH_SECONDS", 120));
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("crash.db");
    setup(&db);
    let input = dir.path().join("order.json");
    // How long one command takes here: kills are spread over twice that.
    std::fs::write(&input, order_json(0)).expect("input");
    let path = input.display().to_string();
    let window = kill_window(&db, &["order", "create", "--input", &path]);
    let mut rng = Lcg(0x5eed);
    let started = Instant::now();
    let (mut killed, mut finished, mut done_cycles) = (0u64, 0u64, 0u64);
    let mut confirmed: Vec<String> = vec!["TF-000001".into()];
    while done_cycles < cycles && started.elapsed() < budget {
        std::fs::write(&input, order_json(done_cycles)).expect("input");
        let known = confirmed.len() as u64;
        let some_order = |rng: &mut Lcg| format!("TF-{:06}", 1 + rng.next(known.max(1)));
        let args: Vec<String> = match rng.next(6) {
            0 | 1 => vec![
                "order".into(),
                "create".into(),
                "--input".into(),
                input.display().to_string(),
            ],
            2 => vec![
                "order".into(),
                "pay".into(),
                some_order(&mut rng),
                "--amount".into(),
                "1.00".into(),
                "--method".into(),
                "card".into(),
            ],
            3 => vec![
                "order".into(),
                "event".into(),
                some_order(&mut rng),
                "items.tagged".into(),
            ],
            4 => vec![
                "order".into(),
                "cancel".into(),
                some_order(&mut rng),
                "--reason".into(),
                "crash test".into(),
            ],
            _ => vec![
                "stock".into(),
                "adjust".into(),
                "MUG".into(),
                "-1".into(),
                "--site".into(),
                "store".into(),
                "--reason".into(),
                "count".into(),
            ],
        };
        // Most of a command's life is start-up; the window is wide enough
        // for kills to land before, during and after its transaction.
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = run_killed(&db, &argv, &mut rng, window);
        killed += u64::from(run.killed);
        if let Some(v) = run.answer {
            finished += 1;
            if args[1] == "create" {
                confirmed.push(v["number"].as_str().expect("number").to_string());
            }
        }
        let broken = violations(&db).await;
        assert!(
            broken.is_empty(),
            "cycle {done_cycles} ({args:?}): {broken:#?}"
        );
        let journal = journal_problems(&db).await;
        assert!(
            journal.is_empty(),
            "cycle {done_cycles} ({args:?}): the journal: {journal:#?}"
        );
        done_cycles += 1;
    }
    // Every order a command confirmed survived every later kill.
    let store = Store::open(&db, Durability::Full).await.expect("open");
    let filter = tillflow::orders::OrderFilter {
        limit: Some(tillflow::orders::MAX_PAGE),
        ..Default::default()
    };
    let currency = tillflow::money::Currency::from_code("EUR").expect("EUR");
    let have: Vec<String> = store
        .list_orders(&filter, &currency)
        .await
        .expect("list")
        .into_iter()
        .map(|o| o.number)
        .collect();
    for n in &confirmed {
        assert!(have.contains(n), "{n} was confirmed and is gone");
    }
    store.close().await;
    eprintln!(
        "kill -9 harness: {done_cycles} cycles in {:.1} s, {killed} killed mid-way, {finished} finished, \
         {} orders confirmed and kept, 0 broken invariants",
        started.elapsed().as_secs_f64(),
        confirmed.len()
    );
    assert!(done_cycles >= cycles.min(20), "ran {done_cycles} cycles");
    assert!(
        killed > 0 && finished > 0,
        "kills landed both mid-way and after: {killed}/{finished}"
    );
}

#[tokio::test]
async fn eight_writer_processes_and_a_reader_lose_nothing() {
    const WRITERS: u64 = 8;
    let per_writer = env_or("TILLFLOW_CONCURRENT_WRITES", 12);
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("busy.db");
    setup(&db);
    let db_arg = db.display().to_string();
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let input = dir.path().join(format!("w{w}.json"));
            std::fs::write(&input, order_json(w)).expect("input");
            let script = format!(
                "for i in $(seq {per_writer}); do \"$0\" --db \"$1\" --json order create --input \"$2\" || exit 1; done"
            );
            Command::new("sh")
                .args(["-c", &script, env!("CARGO_BIN_EXE_tillflow"), &db_arg])
                .arg(&input)
                .env_remove("TILLFLOW_DB")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("writer")
        })
        .collect();
    let reader = Command::new("sh")
        .args([
            "-c",
            "for i in $(seq 40); do \"$0\" --db \"$1\" --json orders search --text crash --limit 5 >/dev/null || exit 1; done",
            env!("CARGO_BIN_EXE_tillflow"),
            &db_arg,
        ])
        .env_remove("TILLFLOW_DB")
        .stderr(Stdio::piped())
        .spawn()
        .expect("reader");
    let mut numbers = Vec::new();
    for w in writers {
        let out = w.wait_with_output().expect("writer ends");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && !err.contains("locked"),
            "a writer failed: {err}"
        );
        for doc in
            serde_json::Deserializer::from_slice(&out.stdout).into_iter::<serde_json::Value>()
        {
            numbers.push(
                doc.expect("json")["number"]
                    .as_str()
                    .expect("number")
                    .to_string(),
            );
        }
    }
    let out = reader.wait_with_output().expect("reader ends");
    assert!(
        out.status.success(),
        "the reader failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let total = (WRITERS * per_writer) as usize;
    assert_eq!(numbers.len(), total);
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), total, "no number given twice");
    let expected: Vec<String> = (1..=total).map(|n| format!("TF-{n:06}")).collect();
    assert_eq!(numbers, expected, "gap-free");
    let broken = violations(&db).await;
    assert!(broken.is_empty(), "{broken:#?}");
}

#[tokio::test]
async fn the_invariant_checks_catch_each_kind_of_damage() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("damaged.db");
    setup(&db);
    let input = dir.path().join("o.json");
    std::fs::write(&input, order_json(1)).expect("input");
    for _ in 0..2 {
        let out = cli()
            .arg("--db")
            .arg(&db)
            .args(["order", "create", "--input"])
            .arg(&input)
            .output()
            .expect("cli");
        assert!(out.status.success());
    }
    assert!(violations(&db).await.is_empty());
    let damage = [
        (
            "UPDATE orders SET paid = paid + 1 WHERE id = 1",
            "paid is the sum of the order's payments",
        ),
        (
            "DELETE FROM order_lines WHERE order_id = 2",
            "every order has its lines",
        ),
        (
            "DELETE FROM order_events WHERE order_id = 1",
            "every order's creation is in its history",
        ),
        (
            "UPDATE counters SET value = value + 1 WHERE name = 'order'",
            "order numbers are gap-free",
        ),
        (
            "UPDATE stock_levels SET on_hand_milli = on_hand_milli + 1",
            "stock on hand is the sum of its ledger",
        ),
        (
            "UPDATE stock_levels SET allocated_milli = allocated_milli + 1",
            "stock allocated is the sum of open reservations",
        ),
        (
            "UPDATE unpaid_tally SET balance = balance + 1",
            "the unpaid tally is the orders' balances",
        ),
        (
            "UPDATE open_tally SET orders = orders + 1",
            "the open tally counts the open orders",
        ),
        (
            "DELETE FROM open_tally",
            "the open tally counts the open orders",
        ),
    ];
    for (sql, check) in damage {
        let copy = dir.path().join("copy.db");
        let _ = std::fs::remove_file(&copy);
        let store = Store::open(&db, Durability::Full).await.expect("open");
        store.backup_into(&copy).await.expect("copy");
        store.close().await;
        {
            use sqlx::ConnectOptions;
            let mut c = sqlx::sqlite::SqliteConnectOptions::new()
                .filename(&copy)
                .connect()
                .await
                .expect("raw");
            sqlx::query(sql).execute(&mut c).await.expect(sql);
        }
        let found = violations(&copy).await;
        assert_eq!(
            found.iter().map(|v| v.check).collect::<Vec<_>>(),
            [check],
            "{sql}"
        );
    }
}
