//! `tillflow order edit` and `tillflow order discount` end to end on a real
//! database file: JSON in and out, and refusals that exit non-zero and
//! write nothing.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn run(db: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tillflow"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("TILLFLOW_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn json(db: &str, args: &[&str], stdin: Option<&str>) -> Value {
    let mut a = vec!["--json"];
    a.extend_from_slice(args);
    let out = run(db, &a, stdin);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

const ORDER: &str = r#"{"type": "laundry", "customer": {"name": "Marie Curie", "phone": "0612345678"},
  "fields": {"due_date": "2026-12-01"},
  "lines": [{"sku": "SHIRT", "qty": "2"}, {"name": "Rug", "qty": "1.5", "unit_price": "10.00", "tax_rate": "20", "modifiers": [{"name": "Fringe care", "price": "1.00"}]}]}"#;

#[test]
fn edit_and_discount_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db").to_string_lossy().into_owned();
    assert!(run(&db, &["demo"], None).status.success());
    let o = json(&db, &["order", "create", "--input", "-"], Some(ORDER));
    assert_eq!(o["totals"]["total"], "23.50");

    // 3 shirts instead of 2 (+3.50), ready four days later.
    let edit =
        r#"{"fields": {"due_date": "2026-12-05"}, "change_lines": [{"line": 0, "qty": "3"}]}"#;
    let r = json(
        &db,
        &["order", "edit", "TF-000001", "--input", "-"],
        Some(edit),
    );
    assert_eq!(r["before"]["total"], "23.50");
    assert_eq!(r["after"]["total"], "27.00");
    assert_eq!(r["changes"][0], "Ready by: 2026-12-01 → 2026-12-05");
    assert_eq!(
        r["changes"][1],
        "Line 0 (Shirt, washed & pressed): qty 2 → 3"
    );
    let o = json(&db, &["order", "show", "TF-000001"], None);
    assert_eq!(o["due_date"], "2026-12-05");
    assert_eq!(
        o["history"].as_array().unwrap().last().unwrap()["event"],
        "order.updated"
    );

    // 10 % off the rug: 16.50 → 14.85, total 25.35.
    let r = json(
        &db,
        &[
            "order",
            "discount",
            "TF-000001",
            "--percent",
            "10",
            "--line",
            "1",
            "--reason",
            "regular",
        ],
        None,
    );
    assert_eq!(r["after"]["total"], "25.35");
    let o = json(&db, &["order", "show", "TF-000001"], None);
    assert_eq!(o["lines"][1]["amount"], "14.85");
    assert_eq!(o["lines"][1]["discount"], "1.65");

    // Refusals exit non-zero, name the problem and change nothing.
    let bad = r#"{"change_lines": [{"line": 7, "qty": "1"}]}"#;
    let out = run(
        &db,
        &["order", "edit", "TF-000001", "--input", "-"],
        Some(bad),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("change_lines[0].line"));
    let out = run(
        &db,
        &["order", "edit", "TF-000001", "--input", "-"],
        Some(r#"{"lines": []}"#),
    );
    assert!(!out.status.success());
    let out = run(
        &db,
        &[
            "order",
            "discount",
            "TF-000001",
            "--percent",
            "5",
            "--amount",
            "1.00",
            "--reason",
            "x",
        ],
        None,
    );
    assert!(!out.status.success());
    let out = run(
        &db,
        &[
            "order",
            "discount",
            "TF-000001",
            "--amount",
            "99.00",
            "--reason",
            "x",
        ],
        None,
    );
    assert!(!out.status.success());
    let after = json(&db, &["order", "show", "TF-000001"], None);
    assert_eq!(after, o, "nothing written by a refusal");
}
