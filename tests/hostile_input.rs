//! Issue 9's hostile input, one test per defect: amounts beyond the one
//! bound, lenient decimal syntax, unbounded text, control characters, too
//! many lines, CSV cells a spreadsheet would evaluate. Each is a typed
//! `invalid` error naming the field, and nothing is written.

mod common;

use common::Shop;
use serde_json::{json, Value};
use tillflow::money::{Currency, MAX_MINOR};
use tillflow::orders::totals::{compute, PricedLine, Pricing};
use tillflow::orders::{OrderFilter, OrderInput, PaymentInput};
use tillflow::settings::TaxRounding;

/// Rows in every table of the database file.
pub fn rows(shop: &Shop) -> Vec<(String, i64)> {
    let db = rusqlite::Connection::open(shop.dir.path().join("shop.db")).unwrap();
    common::table_rows(&db)
}

fn input(v: Value) -> OrderInput {
    serde_json::from_value(v).expect("input shape")
}

fn curtain(price: &str, qty: &str) -> Value {
    json!({"name": "Curtain", "qty": qty, "unit_price": price, "tax_rate": "20"})
}

fn order(lines: Vec<Value>) -> Value {
    json!({
        "type": "laundry",
        "customer": {"name": "Ada", "phone": "0612345678"},
        "fields": {"due_date": "2026-03-05"},
        "lines": lines,
    })
}

/// Creates `v`, expects an `invalid` error whose field starts with `field`,
/// and checks nothing was written.
async fn refused(shop: &Shop, v: Value, field: &str) -> String {
    let before = rows(shop);
    let err = match serde_json::from_value::<OrderInput>(v.clone()) {
        Err(e) => return e.to_string(),
        Ok(i) => shop
            .till
            .create_order(&i, &tillflow::staff::Actor::trusted("anna"), shop.now())
            .await
            .expect_err(&format!("refused: {v}")),
    };
    assert_eq!(err.code(), "invalid", "{err}");
    assert!(err.to_string().starts_with(field), "{field}: {err}");
    assert_eq!(rows(shop), before, "nothing written by {err}");
    err.to_string()
}

#[test]
fn defect1_amounts_beyond_the_bound_are_invalid_not_a_panic() {
    let eur = Currency::from_code("EUR").unwrap();
    assert_eq!(MAX_MINOR, 10_000_000_000_000);
    assert_eq!(eur.parse("100000000000.00", "amount").unwrap(), MAX_MINOR);
    assert_eq!(eur.parse("-100000000000", "amount").unwrap(), -MAX_MINOR);
    for text in [
        "100000000000.01",
        "92233720368547758.07",
        "123456789012345678901234567",
        "1234567890123456789012345678",
        "12345678901234567890123456789",
        "99999999999999999999999999999999999999.5",
    ] {
        let err = eur.parse(text, "amount").unwrap_err();
        assert_eq!(err.code(), "invalid", "{text}");
        assert!(err.to_string().starts_with("amount: "), "{err}");
    }
    let jpy = Currency::from_code("JPY").unwrap();
    assert!(jpy.parse("10000000000000", "amount").is_ok());
    assert!(jpy.parse("10000000000001", "amount").is_err());
}

#[test]
fn defect1_totals_refuse_to_wrap() {
    let pricing = Pricing {
        prices_include_tax: false,
        rounding: TaxRounding::PerLine,
    };
    let line = |unit: i64| PricedLine {
        qty: "3".parse().unwrap(),
        unit_price: unit,
        modifiers: 0,
        tax_rate: "20".parse().unwrap(),
        discount: None,
    };
    let err = compute(&[line(i64::MAX / 2)], pricing).unwrap_err();
    assert_eq!(err.code(), "invalid");
    let err = compute(&vec![line(MAX_MINOR / 3); 2], pricing).unwrap_err();
    assert!(err.to_string().starts_with("total"), "{err}");
    let ok = compute(&[line(MAX_MINOR / 4)], pricing).unwrap();
    assert_eq!(ok.subtotal, MAX_MINOR / 4 * 3);
}

#[tokio::test]
async fn defect1_intake_refuses_amounts_that_would_wrap() {
    let shop = Shop::demo().await;
    // Three lines at the largest i64 price: the total used to wrap.
    let huge = "92233720368547758.07";
    refused(
        &shop,
        order(vec![curtain(huge, "1"); 3]),
        "lines[0].unit_price",
    )
    .await;
    // Inside the bound per unit, beyond it as a line.
    refused(
        &shop,
        order(vec![curtain("100000000000.00", "2")]),
        "lines[0]",
    )
    .await;
    // Lines inside the bound, the order beyond it.
    refused(
        &shop,
        order(vec![curtain("60000000000.00", "1"); 2]),
        "total",
    )
    .await;
    // The largest price plus a modifier is out of range, not "negative".
    let mut l = curtain("100000000000.00", "1");
    l["modifiers"] = json!([{"name": "Extra", "price": "0.01"}]);
    let err = refused(&shop, order(vec![l]), "lines[0]").await;
    assert!(!err.contains("negative"), "{err}");
    // A payment beyond the bound.
    let mut v = order(vec![curtain("10.00", "1")]);
    v["payments"] = json!([{"method": "cash", "amount": "100000000000.01"}]);
    refused(&shop, v, "payments[0].amount").await;
    // The bound itself is an order.
    let ok = input(order(vec![curtain("100000000000.00", "1")]));
    let mut ok = ok;
    ok.lines[0].tax_rate = Some("0".parse().unwrap());
    let created = shop
        .till
        .create_order(&ok, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await;
    assert!(created.is_ok(), "{created:?}");
    shop.till.close().await;
}

#[tokio::test]
async fn defect2_intake_takes_only_strict_decimals() {
    let shop = Shop::demo().await;
    for bad in [
        "1e9", "1E-2", "1_000", "+3", "3.", ".5", " 1 2", "0x10", "1,5",
    ] {
        for key in ["unit_price", "qty", "tax_rate"] {
            let mut l = curtain("10.00", "1");
            l[key] = json!(bad);
            let before = rows(&shop);
            let result = serde_json::from_value::<OrderInput>(order(vec![l.clone()]));
            match result {
                Err(e) => assert!(e.to_string().contains("decimal"), "{key}={bad}: {e}"),
                Ok(i) => {
                    let r = shop
                        .till
                        .create_order(&i, &tillflow::staff::Actor::trusted("anna"), shop.now())
                        .await;
                    panic!("{key}={bad} accepted as {:?}: {r:?}", i.lines[0]);
                }
            }
            assert_eq!(rows(&shop), before);
        }
        let mut v = order(vec![curtain("10.00", "1")]);
        v["payments"] = json!([{"method": "cash", "amount": bad}]);
        assert!(
            serde_json::from_value::<OrderInput>(v).is_err(),
            "payment {bad}"
        );
    }
    // Strict is not stricter than it says: these are fine.
    for (price, qty) in [("10", "2"), ("0.5", "0.250"), ("10.00", "1")] {
        let i = input(order(vec![curtain(price, qty)]));
        shop.till
            .create_order(&i, &tillflow::staff::Actor::trusted("anna"), shop.now())
            .await
            .unwrap();
    }
    shop.till.close().await;
}

#[tokio::test]
async fn defect2_a_failed_payment_cannot_be_above_the_balance() {
    let shop = Shop::demo().await;
    let number = shop.laundry(json!([])).await;
    let before = rows(&shop);
    let balance = shop.till.order(&number).await.unwrap().totals.balance;
    let p = PaymentInput {
        method: "card".into(),
        amount: "99999.00".parse().unwrap(),
        reference: None,
    };
    let err = shop
        .till
        .payment_failed(
            &number,
            &p,
            "declined",
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect_err("above the balance");
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().starts_with("payment.amount"), "{err}");
    assert_eq!(rows(&shop), before);
    let p = PaymentInput {
        amount: balance.parse().unwrap(),
        ..p
    };
    shop.till
        .payment_failed(
            &number,
            &p,
            "declined",
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("the balance itself may fail");
    shop.till.close().await;
}

#[tokio::test]
async fn defect3_text_is_bounded_and_free_of_control_characters() {
    let shop = Shop::demo().await;
    let ten_mb = "A".repeat(10 * 1024 * 1024);
    let nul = "Ada\u{0}Lovelace";
    let line_with = |key: &str, text: &str| {
        let mut l = curtain("10.00", "1");
        l[key] = json!(text);
        order(vec![l])
    };
    let with_customer = |key: &str, text: &str| {
        let mut v = order(vec![curtain("10.00", "1")]);
        v["customer"][key] = json!(text);
        v
    };
    for text in [ten_mb.as_str(), nul, "bell\u{7}"] {
        refused(&shop, with_customer("name", text), "customer.name").await;
        refused(&shop, with_customer("address", text), "customer.address").await;
        refused(&shop, line_with("name", text), "lines[0].name").await;
        refused(&shop, line_with("note", text), "lines[0].note").await;
        let mut v = order(vec![curtain("10.00", "1")]);
        v["fields"]["notes"] = json!(text);
        refused(&shop, v, "notes").await;
        let mut v = order(vec![curtain("10.00", "1")]);
        v["payments"] = json!([{"method": "cash", "amount": "1.00", "reference": text}]);
        refused(&shop, v, "payments[0].reference").await;
        let mut l = curtain("10.00", "1");
        l["modifiers"] = json!([{"name": text, "price": "1.00"}]);
        refused(&shop, order(vec![l]), "lines[0].modifiers").await;
    }
    refused(
        &shop,
        with_customer("email", &format!("{}@x.de", "a".repeat(300))),
        "customer.email",
    )
    .await;
    refused(
        &shop,
        with_customer("phone", &"1".repeat(21)),
        "customer.phone",
    )
    .await;
    // A note may have several lines.
    let mut v = order(vec![curtain("10.00", "1")]);
    v["fields"]["notes"] = json!("first line\nsecond line\ttabbed");
    shop.till
        .create_order(
            &input(v),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("a multi-line note");
    // A reason too long or with a NUL.
    let number = shop.laundry(json!([])).await;
    for reason in [ten_mb.as_str(), "no\u{0}"] {
        let err = shop
            .till
            .cancel(
                &number,
                reason,
                &tillflow::staff::Actor::trusted("anna"),
                shop.now(),
            )
            .await
            .expect_err("reason refused");
        assert!(err.to_string().starts_with("reason"), "{err}");
    }
    shop.till.close().await;
}

#[tokio::test]
async fn defect3_too_many_lines_is_a_validation_error_not_storage() {
    let shop = Shop::demo().await;
    let err = refused(&shop, order(vec![curtain("1.00", "1"); 2731]), "lines").await;
    assert!(!err.contains("SQL"), "{err}");
    refused(
        &shop,
        order(vec![curtain("1.00", "1"); tillflow::limits::MAX_LINES + 1]),
        "lines",
    )
    .await;
    let i = input(order(vec![
        curtain("1.00", "1");
        tillflow::limits::MAX_LINES
    ]));
    shop.till
        .create_order(&i, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .expect("the most lines an order may have");
    shop.till.close().await;
}

#[tokio::test]
async fn defect3_settings_text_is_bounded_and_free_of_control_characters() {
    let shop = Shop::demo().await;
    let before = rows(&shop);
    for text in ["Suds\u{0}".to_string(), "S".repeat(100_000)] {
        let mut s = shop.till.settings().unwrap();
        s.shop.name = text.clone();
        let err = shop
            .till
            .import_settings(s, &tillflow::staff::Actor::trusted("anna"), shop.now())
            .await
            .expect_err("refused");
        assert!(err.to_string().contains("shop.name"), "{err}");
        let mut s = shop.till.settings().unwrap();
        s.catalogue[0].name = text;
        let err = shop
            .till
            .import_settings(s, &tillflow::staff::Actor::trusted("anna"), shop.now())
            .await
            .expect_err("refused");
        assert!(err.to_string().contains("catalogue"), "{err}");
    }
    assert_eq!(rows(&shop), before);
    shop.till.close().await;
}

#[tokio::test]
async fn defect8_csv_cells_a_spreadsheet_could_evaluate_are_guarded() {
    let shop = Shop::demo().await;
    for name in ["x;=cmd|' /C calc'!A0", "-2+3", "+1+1", "@SUM(A1)", "=1+1"] {
        let mut v = order(vec![curtain("10.00", "1")]);
        v["customer"]["name"] = json!(name);
        v["customer"]["phone"] = Value::Null;
        shop.till
            .create_order(
                &input(v),
                &tillflow::staff::Actor::trusted("anna"),
                shop.now(),
            )
            .await
            .unwrap();
    }
    let mut out = Vec::new();
    shop.till
        .export_orders_csv(
            &tillflow::staff::Actor::cli(),
            &OrderFilter::default(),
            false,
            &mut out,
            |_| {},
        )
        .await
        .unwrap();
    let text = String::from_utf8(out).unwrap();
    // Whatever a spreadsheet splits on (`,`, `;`, tab), no cell starts
    // with a formula character.
    for delimiter in [b',', b';', b'\t'] {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(true)
            .flexible(true)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                if cell.parse::<f64>().is_ok() {
                    continue;
                }
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{}: {cell:?}",
                    delimiter as char
                );
            }
        }
    }
    shop.till.close().await;
}

#[test]
fn defect2_cli_amounts_take_only_strict_decimals() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let run = |args: &[&str], stdin: Option<&str>| {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tillflow"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("TILLFLOW_DB")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(s) = stdin {
            child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
        }
        drop(child.stdin.take());
        child.wait_with_output().unwrap()
    };
    assert!(run(&["demo"], None).status.success());
    let order = order(vec![curtain("100.00", "1")]).to_string();
    assert!(run(&["order", "create", "--input", "-"], Some(&order))
        .status
        .success());
    for amount in [
        "1_0",
        "1E-2",
        "1e9",
        "+5",
        ".5",
        "5.",
        "1234567890123456789012345678",
    ] {
        for cmd in ["pay", "payment-failed"] {
            let flag = format!("--amount={amount}");
            let mut args = vec![
                "--json",
                "order",
                cmd,
                "TF-000001",
                &flag,
                "--method",
                "cash",
            ];
            if cmd == "payment-failed" {
                args.extend(["--reason", "declined"]);
            }
            let out = run(&args, None);
            assert_eq!(out.status.code(), Some(2), "{cmd} {amount}");
            let err: Value = serde_json::from_slice(&out.stderr).unwrap();
            assert_eq!(err["code"], "invalid", "{cmd} {amount}: {err}");
            assert!(
                err["message"].as_str().unwrap().starts_with("amount: "),
                "{err}"
            );
        }
    }
    let shown = run(&["--json", "order", "show", "TF-000001"], None);
    let o: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(o["totals"]["paid"], "0.00");
}
