//! The journal on a real SQLite file: every write it records appends its
//! entry in the same transaction, the chain verifies, the triggers refuse
//! edits, and `verify` catches raw edits of either the journal or the rows
//! it describes.

mod common;

use common::Shop;
use serde_json::json;
use tillflow::journal::{EntryKind, GENESIS};
use tillflow::orders::PaymentInput;
use tillflow::staff::Actor;

/// The journal as stored: (till, seq, kind, actor, payload, prev_hash, hash).
type Row = (String, i64, String, String, String, String, String);

fn entries(shop: &Shop) -> Vec<Row> {
    let conn = rusqlite::Connection::open(shop.dir.path().join("shop.db")).expect("open");
    let mut stmt = conn
        .prepare("SELECT till, seq, kind, actor, payload, prev_hash, hash FROM journal ORDER BY till, seq")
        .expect("prepare");
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ))
    })
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("rows")
}

fn kinds(rows: &[Row]) -> Vec<&str> {
    rows.iter().map(|r| r.2.as_str()).collect()
}

fn raw(shop: &Shop, sql: &str) -> rusqlite::Result<usize> {
    let conn = rusqlite::Connection::open(shop.dir.path().join("shop.db"))?;
    conn.execute_batch("PRAGMA foreign_keys = OFF")?;
    conn.execute(sql, [])
}

fn owner() -> Actor {
    Actor::trusted("anna")
}

#[tokio::test]
async fn a_payment_appends_its_entry_in_the_same_transaction() {
    let shop = Shop::demo().await;
    let number = shop.laundry(json!([])).await;
    let before = entries(&shop);
    assert_eq!(
        kinds(&before),
        ["settings_changed", "session_opened", "sale"],
        "the demo settings, the drawer opened, then the sale"
    );
    assert_eq!(before[0].5, GENESIS);
    assert_eq!(before[1].5, before[0].6, "chained to the entry before");
    assert_eq!(before[2].5, before[1].6, "chained to the entry before");

    let pay = PaymentInput {
        method: "cash".into(),
        amount: common::d("5.00"),
        reference: None,
    };
    shop.till
        .pay(&number, &pay, &owner(), shop.now())
        .await
        .expect("paid");
    let after = entries(&shop);
    assert_eq!(after.len(), 4);
    let p = &after[3];
    assert_eq!(
        (p.0.as_str(), p.1, p.2.as_str(), p.3.as_str()),
        ("T1", 4, "payment", "anna")
    );
    let payload: serde_json::Value = serde_json::from_str(&p.4).expect("json");
    assert_eq!(
        payload,
        json!({"order": number, "method": "cash", "amount": 500, "reference": null})
    );
    let canonical =
        format!(r#"{{"amount":500,"method":"cash","order":"{number}","reference":null}}"#);
    assert_eq!(p.4, canonical, "stored as canonical JSON");

    // A refused payment writes nothing: no entry, no gap (a card above
    // the balance; cash above it gives change).
    let too_much = PaymentInput {
        method: "card".into(),
        amount: common::d("99999.00"),
        reference: None,
    };
    assert!(shop
        .till
        .pay(&number, &too_much, &owner(), shop.now())
        .await
        .is_err());
    assert_eq!(entries(&shop).len(), 4);

    let report = shop.till.verify_journal(&owner()).await.expect("verified");
    assert!(report.ok, "{report:#?}");
    assert_eq!(report.entries, 4);
    assert_eq!(report.tills[0].last_seq, 4);
}

#[tokio::test]
async fn the_database_refuses_to_change_or_delete_an_entry() {
    let shop = Shop::demo().await;
    shop.laundry(json!([{"method": "card", "amount": "10.00"}]))
        .await;
    let upd =
        raw(&shop, "UPDATE journal SET actor = 'mallory' WHERE seq = 2").expect_err("refused");
    assert!(upd.to_string().contains("append-only"), "{upd}");
    let del = raw(&shop, "DELETE FROM journal WHERE seq = 2").expect_err("refused");
    assert!(del.to_string().contains("append-only"), "{del}");
}

#[tokio::test]
async fn every_write_the_issue_lists_is_journaled_and_verifies() {
    let shop = Shop::demo().await;
    let a = shop
        .laundry(json!([{"method": "card", "amount": "10.00"}]))
        .await;
    let b = shop.laundry(json!([])).await;
    shop.till
        .cancel(&b, "customer changed their mind", &owner(), shop.now())
        .await
        .expect("canceled");
    let who = shop
        .till
        .add_first_owner("Olga", "482913", shop.now())
        .await
        .expect("owner");
    let olga = shop
        .till
        .sign_in(&who.name, "482913", shop.now())
        .await
        .expect("signed in");
    shop.till
        .sign_out(&olga, shop.now())
        .await
        .expect("signed out");
    let rows = entries(&shop);
    let ks = kinds(&rows);
    for k in [
        EntryKind::SettingsChanged,
        EntryKind::SessionOpened,
        EntryKind::Sale,
        EntryKind::Payment,
        EntryKind::Cancellation,
        EntryKind::StaffSignedIn,
        EntryKind::StaffSignedOut,
    ] {
        assert!(ks.contains(&k.key()), "{k} in {ks:?}");
    }
    let cancel = rows.iter().find(|r| r.2 == "cancellation").expect("cancel");
    assert!(cancel.4.contains(&b) && cancel.4.contains("changed their mind"));
    let report = shop.till.verify_journal(&owner()).await.expect("verified");
    assert!(report.ok, "{report:#?}");
    assert!(rows.iter().all(|r| r.0 == "T1"));
    // The sale of order a records its totals in minor units.
    let sale = rows
        .iter()
        .find(|r| r.2 == "sale" && r.4.contains(&a))
        .expect("sale");
    let v: serde_json::Value = serde_json::from_str(&sale.4).expect("json");
    assert!(v["total"].is_i64() && v["lines"].as_array().is_some_and(|l| l.len() == 3));
}

/// How long `verify` takes over `JOURNAL_ENTRIES` entries (default
/// 100,000) written straight into the file with their real hashes:
/// `cargo test --test journal -- --ignored --nocapture verify_speed`.
#[tokio::test]
#[ignore = "a measurement: run by hand"]
async fn verify_speed() {
    let n: u64 = std::env::var("JOURNAL_ENTRIES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let shop = Shop::demo().await;
    let start = entries(&shop).len() as u64;
    let last = entries(&shop)
        .last()
        .map(|r| r.6.clone())
        .expect("an entry");
    {
        let mut conn = rusqlite::Connection::open(shop.dir.path().join("shop.db")).expect("open");
        let tx = conn.transaction().expect("tx");
        let mut prev = last;
        for seq in start + 1..=start + n {
            let at = format!(
                "2026-12-02T10:{:02}:{:02}.{:06}Z",
                (seq / 60) % 60,
                seq % 60,
                seq % 1_000_000
            );
            let payload = format!(r#"{{"role":"cashier","staff_id":{}}}"#, seq % 7);
            let hash = tillflow::journal::entry_hash(
                &prev,
                "T1",
                seq,
                "staff_signed_in",
                &at,
                "Olga",
                &payload,
            )
            .expect("hash");
            tx.execute(
                "INSERT INTO journal VALUES ('T1', ?1, 'staff_signed_in', ?2, 'Olga', ?3, ?4, ?5)",
                rusqlite::params![seq as i64, at, payload, prev, hash],
            )
            .expect("insert");
            prev = hash;
        }
        tx.execute(
            "UPDATE journal_head SET seq = ?1, hash = ?2 WHERE till = 'T1'",
            rusqlite::params![(start + n) as i64, prev],
        )
        .expect("head");
        tx.commit().expect("commit");
    }
    let t = std::time::Instant::now();
    let report = shop.till.verify_journal(&owner()).await.expect("verified");
    let took = t.elapsed();
    assert!(report.ok, "{:?}", report.problems.first());
    println!(
        "verify: {} entries in {took:.2?} ({:.1} µs an entry)",
        report.entries,
        took.as_secs_f64() * 1e6 / report.entries as f64
    );
}

fn cli(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tillflow"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("TILLFLOW_DB")
        .output()
        .expect("run the CLI")
}

#[tokio::test]
async fn the_cli_verifies_exports_and_checks_an_archive_elsewhere() {
    let shop = Shop::demo().await;
    for _ in 0..3 {
        shop.laundry(json!([{"method": "cash", "amount": "5.00"}]))
            .await;
    }
    let db = shop.dir.path().join("shop.db");
    shop.till.close().await;

    let ok = cli(&db, &["journal", "verify"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("The journal verifies: 8 entries"));

    // The fixed clock is in March 2026: the whole month, in the shop's zone.
    let archive = shop.dir.path().join("march.journal");
    let out = cli(
        &db,
        &[
            "--json",
            "journal",
            "export",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--out",
        ],
    );
    assert!(!out.status.success(), "--out needs its file");
    let mut args = vec![
        "--json",
        "journal",
        "export",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--out",
    ];
    let path = archive.to_string_lossy().to_string();
    args.push(&path);
    let out = cli(&db, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let done: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        done["entries"], 8,
        "the demo set-up, the drawer opened, three sales and their payments"
    );
    let april = shop.dir.path().join("april.journal");
    let april_path = april.to_string_lossy().to_string();
    let out = cli(
        &db,
        &[
            "--json",
            "journal",
            "export",
            "--from",
            "2026-04-01",
            "--to",
            "2026-04-30",
            "--out",
            &april_path,
        ],
    );
    let none: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(none["entries"], 0, "nothing was written in April");

    // Checked on "another machine": no database at all.
    let nowhere = shop.dir.path().join("no-such-dir").join("none.db");
    let checked = cli(
        &nowhere,
        &["--json", "journal", "verify", "--archive", &path],
    );
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&checked.stdout).expect("json");
    assert_eq!(report["ok"], true);
    assert!(!nowhere.exists(), "no database was created");

    // One amount changed in the archive: named, exit 1.
    let text = std::fs::read_to_string(&archive).expect("read");
    let tampered = text.replacen(r#"\"amount\":500"#, r#"\"amount\":50"#, 1);
    assert_ne!(text, tampered);
    std::fs::write(&archive, tampered).expect("write");
    let bad = cli(
        &nowhere,
        &["--json", "journal", "verify", "--archive", &path],
    );
    assert_eq!(bad.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&bad.stdout).expect("json");
    assert_eq!(report["ok"], false);
    assert!(report["first_bad"]
        .as_str()
        .is_some_and(|s| s.starts_with("T1#")));

    // And the database itself, edited with sqlite: exit 1, first bad entry named.
    raw_file(&db, "DROP TRIGGER journal_no_update");
    raw_file(&db, "UPDATE payments SET amount = 400 WHERE id = 2");
    let bad = cli(&db, &["--json", "journal", "verify"]);
    assert_eq!(bad.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&bad.stdout).expect("json");
    assert_eq!(report["ok"], false);
    let err: serde_json::Value = serde_json::from_slice(&bad.stderr).expect("json error");
    assert!(err["message"]
        .as_str()
        .is_some_and(|m| m.contains("journal verification failed")));
}

fn raw_file(db: &std::path::Path, sql: &str) {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.execute_batch(sql).expect("sql");
}

/// The checks that found problems in a verification of `shop`.
async fn failing_checks(shop: &Shop) -> Vec<String> {
    let report = shop.till.verify_journal(&owner()).await.expect("verify");
    let mut checks: Vec<String> = report.problems.into_iter().map(|p| p.check).collect();
    checks.dedup();
    checks
}

#[tokio::test]
async fn a_sessions_float_or_closing_edited_behind_the_tills_back_is_caught() {
    let shop = Shop::demo().await;
    assert!(failing_checks(&shop).await.is_empty());
    // The morning's float lowered with sqlite.
    raw(&shop, "UPDATE till_sessions SET float = 1").expect("an open session is not sealed");
    assert_eq!(failing_checks(&shop).await, ["session openings"]);
    raw(&shop, "UPDATE till_sessions SET float = 10000").expect("put back");
    assert!(failing_checks(&shop).await.is_empty());

    // A closed session reopened (its seal dropped first).
    let counted = [(
        "cash".to_string(),
        tillflow::till::CashCount {
            total: Some(common::FLOAT.into()),
            pieces: Vec::new(),
        },
    )]
    .into();
    shop.till
        .close_session(&counted, &owner(), shop.now())
        .await
        .expect("closed");
    assert!(failing_checks(&shop).await.is_empty());
    raw(&shop, "DROP TRIGGER till_sessions_sealed").expect("seal dropped");
    raw(&shop, "UPDATE till_sessions SET closed_at = NULL").expect("reopened");
    assert_eq!(failing_checks(&shop).await, ["session closings"]);
}
