//! Closed periods on a real database file: once a Z report is taken, an
//! order sold before it (in the closed session, or with no session open)
//! can no longer be edited or discounted — a typed `conflict` saying to
//! refund or credit instead, nothing written — while an order of the open
//! period still can, and a return (with its credit note) still corrects a
//! closed one (docs/tills-day.md "Closed periods").

mod common;

use std::collections::BTreeMap;

use common::{table_rows, Shop};
use serde_json::json;
use tillflow::orders::discount::DiscountInput;
use tillflow::orders::edit::OrderEdit;
use tillflow::payments::RefundTo;
use tillflow::returns::ReturnInput;
use tillflow::shipments::LineQty;
use tillflow::staff::Actor;
use tillflow::till::CashCount;

fn anna() -> Actor {
    Actor::trusted("anna")
}

fn db(shop: &Shop) -> rusqlite::Connection {
    rusqlite::Connection::open(shop.dir.path().join("shop.db")).expect("db opens")
}

fn one_more_shirt() -> OrderEdit {
    serde_json::from_value(json!({"change_lines": [{"line": 0, "qty": "4"}]})).expect("edit")
}

fn ten_percent() -> DiscountInput {
    DiscountInput {
        percent: Some("10".parse().unwrap()),
        amount: None,
        line: None,
        reason: "loyal customer".into(),
    }
}

/// Closes the till with `cash` counted: the Z report.
async fn close(shop: &Shop, cash: &str) -> i64 {
    let counted: BTreeMap<String, CashCount> = [(
        "cash".to_string(),
        CashCount {
            total: Some(cash.into()),
            pieces: Vec::new(),
        },
    )]
    .into();
    let z = shop
        .till
        .close_session(&counted, &anna(), shop.now())
        .await
        .expect("closed");
    z.z_number.expect("a Z number")
}

/// Edit and discount of `number` are both refused as a closed period of Z
/// `z`, and write nothing.
async fn refused(shop: &Shop, number: &str, z: i64) {
    let rows = table_rows(&db(shop));
    let e = shop
        .till
        .edit_order(number, &one_more_shirt(), &anna(), shop.now())
        .await
        .expect_err("a closed period is not edited");
    assert_eq!(e.code(), "conflict", "{e}");
    let text = e.to_string();
    assert!(
        text.contains("closed period")
            && text.contains(&format!("Z report {z} of till T1"))
            && text.contains("refund or credit it instead"),
        "{text}"
    );
    let preview = shop
        .till
        .preview_order_edit(number, &one_more_shirt())
        .await
        .expect_err("nor previewed as if it could be");
    assert_eq!(preview.code(), "conflict");
    let d = shop
        .till
        .give_discount(number, &ten_percent(), &anna(), shop.now())
        .await
        .expect_err("a closed period is not discounted");
    assert_eq!(d.code(), "conflict", "{d}");
    assert!(d.to_string().contains("cannot be discounted"), "{d}");
    assert_eq!(table_rows(&db(shop)), rows, "nothing written by a refusal");
}

#[tokio::test]
async fn a_z_report_closes_its_orders_to_edits_and_discounts() {
    let shop = Shop::demo().await;
    // Sold in session 1, paid by card; then the till is closed (Z 1).
    let sold = shop
        .laundry(json!([{"method": "card", "amount": "10.00"}]))
        .await;
    shop.till
        .edit_order(&sold, &one_more_shirt(), &anna(), shop.now())
        .await
        .expect("the open period is edited");
    assert_eq!(close(&shop, "100.00").await, 1);
    refused(&shop, &sold, 1).await;

    // Sold with no session open (card only): its period is open until the
    // next Z of this till.
    let between = shop.laundry(json!([])).await;
    shop.till
        .give_discount(&between, &ten_percent(), &anna(), shop.now())
        .await
        .expect("the open period is discounted");
    shop.open_drawer("50.00").await;
    let today = shop.laundry(json!([])).await;
    shop.till
        .edit_order(&today, &one_more_shirt(), &anna(), shop.now())
        .await
        .expect("an order of the open session is edited");
    assert_eq!(close(&shop, "50.00").await, 2);
    refused(&shop, &between, 2).await;
    refused(&shop, &today, 2).await;
    // The first order stays closed by its own Z.
    refused(&shop, &sold, 1).await;

    // A correction goes through a return: its credit note credits the
    // order (refunded on the card it was paid with: no drawer needed).
    let balance = shop.till.order(&sold).await.unwrap().totals.balance;
    let card = tillflow::orders::PaymentInput {
        method: "card".into(),
        amount: balance.parse().unwrap(),
        reference: None,
    };
    shop.till
        .pay(&sold, &card, &anna(), shop.now())
        .await
        .expect("the balance is paid in the open period");
    shop.pick_up(&sold).await;
    let back = ReturnInput {
        lines: vec![LineQty {
            line: 0,
            qty: "1".parse().unwrap(),
        }],
        restock: None,
        refund_to: RefundTo::Original,
        reason: "a shirt was not ours".into(),
    };
    let r = shop
        .till
        .return_lines(&sold, &back, &anna(), shop.now())
        .await
        .expect("a closed order is still credited");
    assert!(r.credit_note.is_some(), "{r:?}");
    let report = shop.till.verify_journal(&anna()).await.expect("verify");
    assert!(report.ok, "{report:#?}");
}
