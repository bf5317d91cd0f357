//! `tillflow stock`, `ship`, `return`, `exchange` end to end on a real file:
//! JSON out with decimal strings, typed errors with exit code 2.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tillflow"))
            .arg("--db")
            .arg(self.dir.path().join("cli.db"))
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
        child.wait_with_output().unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        self.json_in(args, None)
    }

    fn json_in(&self, args: &[&str], stdin: Option<&str>) -> Value {
        let out = self.run(args, stdin);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// The demo shop, its drawer opened with a float (it takes no cash
    /// before).
    fn demo(&self) {
        self.json(&["demo"]);
        self.json(&["session", "open", "--float", "100.00"]);
    }

    fn error(&self, args: &[&str]) -> Value {
        let out = self.run(args, None);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?} should fail with a typed error"
        );
        serde_json::from_slice(&out.stderr).unwrap()
    }
}

#[test]
fn stock_ship_return_exchange_from_the_command_line() {
    let cli = Cli {
        dir: tempfile::tempdir().unwrap(),
    };
    cli.demo();
    cli.json(&[
        "stock",
        "site-add",
        "store",
        "--name",
        "Main street",
        "--kind",
        "store",
        "--home",
    ]);
    cli.json(&["stock", "site-add", "wh", "--name", "Warehouse"]);
    cli.json(&["stock", "receive", "MUG", "2", "--site", "store"]);
    cli.json(&["stock", "receive", "MUG", "10", "--site", "wh"]);
    let l = cli.json(&[
        "stock", "adjust", "MUG", "-1.5", "--site", "wh", "--reason", "broken",
    ]);
    assert_eq!(l[0]["on_hand"], "8.5");
    let l = cli.json(&[
        "stock", "transfer", "MUG", "0.5", "--from", "wh", "--to", "store",
    ]);
    assert_eq!(
        (&l[0]["on_hand"], &l[1]["on_hand"]),
        (&json!("8"), &json!("2.5"))
    );

    let order = json!({
        "type": "retail",
        "customer": {"name": "Ada Lovelace"},
        "fields": {"delivery": "post"},
        "lines": [{"sku": "MUG", "qty": "4"}],
        "payments": [{"method": "card", "amount": "20.00"}, {"method": "cash", "amount": "18.00"}]
    });
    let o = cli.json_in(
        &["order", "create", "--input", "-"],
        Some(&order.to_string()),
    );
    assert_eq!(o["fulfillment_state"], "open");
    let n = o["number"].as_str().unwrap().to_string();
    let c = cli.json(&["stock", "allocate", &n]);
    assert_eq!(
        c["allocations"],
        json!([
            {"line_no": 0, "sku": "MUG", "site": "store", "qty": "2.5"},
            {"line_no": 0, "sku": "MUG", "site": "wh", "qty": "1.5"}
        ])
    );
    assert_eq!(
        cli.json(&["order", "show", &n])["fulfillment_state"],
        "ready_to_ship"
    );

    let e = cli.error(&["ship", &n, "create", "--line", "0:5", "--carrier", "DHL"]);
    assert_eq!(e["code"], "invalid");
    let s = cli.json(&[
        "ship",
        &n,
        "create",
        "--line",
        "0:4",
        "--carrier",
        "DHL",
        "--tracking",
        "JD01",
    ]);
    let id = s["shipment"].to_string();
    cli.json(&["ship", &n, "shipped", &id]);
    assert_eq!(
        cli.json(&["order", "show", &n])["fulfillment_state"],
        "partially_shipped"
    );
    cli.json(&["ship", &n, "delivered", &id]);
    assert_eq!(
        cli.json(&["order", "show", &n])["fulfillment_state"],
        "closed"
    );
    let list = cli.json(&["ship", &n, "list"]);
    assert_eq!(list[0]["status"], "delivered");

    // 1 mug back to the store: 28.50 kept of 38.00 paid → 9.50 to cash (paid last).
    let r = cli.json(&[
        "return",
        &n,
        "--line",
        "0:1",
        "--restock",
        "store",
        "--reason",
        "chipped",
    ]);
    assert_eq!(
        (&r["refund"], &r["total"], &r["balance"]),
        (&json!("9.50"), &json!("28.50"), &json!("0.00"))
    );
    assert_eq!(r["refunds"], json!([{"method": "cash", "amount": "9.50"}]));
    // A mug for a T-shirt: 19.90 − 9.50 = 10.40 more, paid by card.
    let x = cli.json(&[
        "exchange",
        &n,
        "--line",
        "0:1",
        "--add",
        "TSHIRT-BLK:1",
        "--method",
        "card",
        "--reason",
        "gift",
    ]);
    assert_eq!(
        (&x["charge"], &x["total"], &x["balance"]),
        (&json!("10.40"), &json!("38.90"), &json!("0.00"))
    );
    let levels = cli.json(&["stock", "show", "MUG"]);
    assert_eq!(
        levels,
        json!([
            {"site": "store", "sku": "MUG", "on_hand": "1", "allocated": "0", "available": "1"},
            {"site": "wh", "sku": "MUG", "on_hand": "6.5", "allocated": "0", "available": "6.5"}
        ])
    );
    let e = cli.error(&["return", &n, "--line", "0:9", "--reason", "x"]);
    assert_eq!(e["code"], "invalid");
}

#[test]
fn a_failed_payment_from_the_command_line_fails_the_order_until_a_payment_succeeds() {
    let cli = Cli {
        dir: tempfile::tempdir().unwrap(),
    };
    cli.demo();
    let order = json!({
        "type": "retail",
        "customer": {"name": "Grace Hopper"},
        "fields": {"delivery": "post"},
        "lines": [{"sku": "MUG", "qty": "2"}]
    });
    let o = cli.json_in(
        &["order", "create", "--input", "-"],
        Some(&order.to_string()),
    );
    let n = o["number"].as_str().unwrap().to_string();
    let total = o["totals"]["total"].as_str().unwrap().to_string();

    let e = cli.error(&[
        "order",
        "payment-failed",
        &n,
        "--amount",
        "ten",
        "--method",
        "card",
        "--reason",
        "declined",
    ]);
    assert_eq!(e["code"], "invalid");
    let e = cli.error(&[
        "order",
        "payment-failed",
        &n,
        "--amount",
        &total,
        "--method",
        "card",
        "--reason",
        " ",
    ]);
    assert_eq!(e["code"], "invalid");

    let r = cli.json(&[
        "order",
        "payment-failed",
        &n,
        "--amount",
        &total,
        "--method",
        "card",
        "--reason",
        "declined",
    ]);
    assert_eq!(r["moved"], false);
    let shown = cli.json(&["order", "show", &n]);
    assert_eq!(shown["fulfillment_state"], "failed");
    assert_eq!(shown["totals"]["paid"], "0.00");
    let last = shown["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["event"], "payment.failed");
    let failed = cli.json(&["orders", "search", "--fulfillment", "failed"]);
    let numbers: Vec<&str> = failed["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, [n.as_str()]);
    let e = cli.error(&["orders", "search", "--fulfillment", "lost"]);
    assert_eq!(e["code"], "invalid");

    cli.json(&["order", "pay", &n, "--amount", &total, "--method", "cash"]);
    let shown = cli.json(&["order", "show", &n]);
    assert_eq!(shown["totals"]["balance"], "0.00");
    // MUG is not counted in stock here, so nothing waits for a reservation.
    assert_eq!(shown["fulfillment_state"], "ready_to_ship");
    let failed = cli.json(&["orders", "search", "--fulfillment", "failed"]);
    assert_eq!(failed["orders"], json!([]));
}
