//! Gap-free Z numbers across crashes: CLI processes opening a drawer
//! session (`session open`) and closing it (`session close`: the Z report)
//! are killed with SIGKILL at random moments. After every cycle the
//! database's invariants hold (`Store::violations`: Z numbers 1..n per
//! till, every closed session with its one Z report and no open one with
//! a Z) and the journal verifies (each opening and each Z with its entry);
//! at the end every Z a command reported is there with its number.
//! `TILLFLOW_Z_CRASH_CYCLES` (default 60) bounds it.

mod crash;

use crash::{kill_window, ok, open, run_killed, Lcg};

#[tokio::test]
async fn kill_9_while_closing_the_till_leaves_no_gap_in_z_numbers() {
    let cycles = std::env::var("TILLFLOW_Z_CRASH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60u64);
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("z-crash.db");
    ok(&db, &["demo"], None);
    let till = ok(&db, &["session", "status"], None)["till"]
        .as_str()
        .expect("till code")
        .to_string();
    // A day with a cash sale, so a Z has figures; how long closing takes
    // here: kills are spread over twice that.
    ok(&db, &["session", "open", "--float", "50.00"], None);
    let sale = r#"{"type": "laundry", "customer": {"name": "Crash Test", "phone": "0612345678"},
        "fields": {"due_date": "2026-12-09"}, "lines": [{"sku": "SHIRT", "qty": "2"}],
        "payments": [{"method": "cash", "amount": "20.00"}]}"#;
    ok(&db, &["order", "create", "--input", "-"], Some(sale));
    let window = kill_window(&db, &["session", "close", "--counted", "cash=55.00"]);

    let mut rng = Lcg(0x2e70);
    let (mut killed, mut finished) = (0u64, 0u64);
    let mut reported = vec![1i64];
    for cycle in 0..cycles {
        let store = open(&db).await;
        let is_open = store
            .current_session(&till)
            .await
            .expect("status")
            .is_some();
        store.close().await;
        let args: &[&str] = if is_open {
            if rng.next(2) == 0 {
                ok(&db, &["order", "create", "--input", "-"], Some(sale));
            }
            &["session", "close", "--counted", "cash=60.00"]
        } else {
            &["session", "open", "--float", "50.00"]
        };
        let run = run_killed(&db, args, &mut rng, window);
        killed += u64::from(run.killed);
        if let Some(v) = run.answer {
            finished += 1;
            if is_open {
                reported.push(v["z_number"].as_i64().expect("a Z number"));
            }
        }
        let store = open(&db).await;
        let broken = store.violations().await.expect("checks run");
        let report = store.verify_journal().await.expect("verify");
        store.close().await;
        assert!(broken.is_empty(), "cycle {cycle} ({args:?}): {broken:#?}");
        assert!(report.ok, "cycle {cycle} ({args:?}): {report:?}");
    }

    let store = open(&db).await;
    let mut numbers: Vec<i64> = store
        .z_reports(&till)
        .await
        .expect("Z reports")
        .iter()
        .map(|z| z.number)
        .collect();
    store.close().await;
    numbers.reverse();
    let expected: Vec<i64> = (1..=numbers.len() as i64).collect();
    assert_eq!(numbers, expected, "Z numbers of till {till} are 1..n");
    for n in &reported {
        assert!(numbers.contains(n), "Z {n} was reported and is gone");
    }
    eprintln!(
        "Z kill -9 harness: {cycles} cycles, {killed} killed mid-way, {finished} finished; \
         {} Z reports on till {till}, numbered 1..n without a gap",
        numbers.len()
    );
    assert!(
        killed > 0 && finished > 0,
        "kills landed both mid-way and after: {killed}/{finished}"
    );
    assert!(numbers.len() > 1);
}
