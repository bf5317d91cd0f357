//! `tillflow session|cash|drawer|reports` and the over-tender of `order
//! pay` through the binary, on a real database file, all with `--json`.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

const ORDER: &str = r#"{"type": "laundry", "customer": {"name": "Marie Curie", "phone": "0612345678"},
  "fields": {"due_date": "2026-12-01"},
  "lines": [{"sku": "SHIRT", "qty": "2"}, {"name": "Rug", "qty": "1.5", "unit_price": "10.00", "tax_rate": "20", "modifiers": [{"name": "Fringe care", "price": "1.00"}]}],
  "payments": [{"method": "cash", "amount": "5.00"}]}"#;

/// Runs the binary on `db` with `--json`; (output, success).
fn run(db: &std::path::Path, args: &[&str], stdin: Option<&str>) -> (Value, bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tillflow"))
        .arg("--db")
        .arg(db)
        .arg("--json")
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
    let out = child.wait_with_output().unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        json,
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(db: &std::path::Path, args: &[&str], stdin: Option<&str>) -> Value {
    let (v, good, err) = run(db, args, stdin);
    assert!(good, "{args:?} failed: {err}");
    v
}

#[test]
fn a_till_day_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    ok(&db, &["demo"], None);
    let s = ok(&db, &["session", "status"], None);
    assert_eq!(s["session"], Value::Null);
    let (_, good, err) = run(&db, &["session", "x"], None);
    assert!(!good && err.contains("no drawer session"), "{err}");

    let s = ok(
        &db,
        &["session", "open", "--count", "20.00=4", "--count", "5.00=4"],
        None,
    );
    assert_eq!(s["session"]["float"], 10000);
    assert_eq!(s["expected_cash"], "100.00");
    let (_, good, _) = run(&db, &["session", "open", "--float", "10.00"], None);
    assert!(!good, "one open session per till");

    let o = ok(&db, &["order", "create", "--input", "-"], Some(ORDER));
    assert_eq!(o["totals"]["balance"], "18.50");
    // 20.00 cash for 18.50: the balance is paid, 1.50 is the change.
    let p = ok(
        &db,
        &[
            "order",
            "pay",
            "TF-000001",
            "--amount",
            "20.00",
            "--method",
            "cash",
        ],
        None,
    );
    assert_eq!(
        (p["paid"].as_str(), p["change"].as_str()),
        (Some("18.50"), Some("1.50"))
    );
    assert_eq!(p["tendered"], "20.00");
    assert_eq!(p["number"], "TF-000001");

    let m = ok(
        &db,
        &["cash", "out", "--amount", "4.20", "--reason", "milk"],
        None,
    );
    assert_eq!(
        (m["kind"].as_str(), m["amount"].as_str()),
        (Some("pay_out"), Some("4.20"))
    );
    ok(
        &db,
        &["cash", "in", "--amount", "10.00", "--reason", "coins"],
        None,
    );
    ok(
        &db,
        &["cash", "drop", "--amount", "50.00", "--reason", "safe"],
        None,
    );
    let d = ok(
        &db,
        &["drawer", "open", "--reason", "change for a customer"],
        None,
    );
    assert_eq!(d["kicked"], false, "no thermal printer is set");
    assert!(d["kick_error"].as_str().unwrap().contains("thermal"));

    // 100.00 + 25.00 − 1.50 − 4.20 + 10.00 − 50.00
    let x = ok(&db, &["session", "x"], None);
    assert_eq!(x["cash"]["expected"], 7930);
    assert_eq!(x["z_number"], Value::Null);
    let z = ok(
        &db,
        &["session", "close", "--counted", "cash=79.00", "card=0"],
        None,
    );
    assert_eq!(z["z_number"], 1);
    assert_eq!(z["cash"]["expected"], 7930);
    let cash = z["tenders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["method"] == "cash")
        .unwrap();
    assert_eq!(
        (cash["counted"].as_i64(), cash["variance"].as_i64()),
        (Some(7900), Some(-30))
    );
    assert_eq!(z["orders"], 1);
    assert_eq!(z["sales"], 2350);
    assert_eq!(z["cash"]["no_sales"], 1);

    let list = ok(&db, &["reports", "z", "list"], None);
    assert_eq!(list[0]["number"], 1);
    assert_eq!(list[0]["cash_variance"], "-0.30");
    let shown = ok(&db, &["reports", "z", "show", "1"], None);
    assert_eq!(shown, z);
    let pdf = dir.path().join("z-1.pdf");
    ok(
        &db,
        &["reports", "z", "print", "1", "--out", pdf.to_str().unwrap()],
        None,
    );
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Z report 1") && text.contains("79,30"),
        "{text}"
    );
    let (_, good, err) = run(&db, &["reports", "z", "show", "2"], None);
    assert!(!good && err.contains("not found"), "{err}");

    // On the thermal receipt printer, through the print queue: ESC/POS.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::env::set_var("TILLFLOW_RAW_PRINT_PORTS", port.to_string());
    let file = dir.path().join("settings.json");
    ok(
        &db,
        &["settings", "export", "--out", file.to_str().unwrap()],
        None,
    );
    let mut settings: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    settings["shop"]["printing"]["receipt_printer"] =
        serde_json::json!({"thermal": {"network": {"host": "127.0.0.1", "port": port}}});
    std::fs::write(&file, settings.to_string()).unwrap();
    ok(&db, &["settings", "import", file.to_str().unwrap()], None);
    let got = std::thread::spawn(move || {
        use std::io::Read;
        let (mut stream, _) = listener.accept().unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        bytes
    });
    let printed = ok(&db, &["reports", "z", "print", "1"], None);
    assert_eq!(printed["z"], 1);
    let bytes = got.join().unwrap();
    assert_eq!(&bytes[..2], b"\x1b@");
    let text: String = bytes
        .iter()
        .map(|b| tillflow::documents::decode_pc858(*b))
        .collect();
    assert!(
        text.contains("Z report 1") && text.contains("79,30"),
        "{text}"
    );
}
