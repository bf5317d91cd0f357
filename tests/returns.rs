//! Returns, exchanges, refunds, deposits and split tender, on a real SQLite
//! file with exact figures.

mod common;

use common::{d, laundry_input, Shop};
use serde_json::json;
use tillflow::fulfillment::FulfillmentState;
use tillflow::inventory::{Site, SiteKind};
use tillflow::orders::{LineInput, OrderFilter, OrderInput, PaymentInput};
use tillflow::payments::RefundTo;
use tillflow::returns::{ExchangeInput, ReturnInput};
use tillflow::shipments::{DeliveryMethod, LineQty, ShipmentInput};
use tillflow::triggers::Trigger;

fn lq(line: i64, q: &str) -> LineQty {
    LineQty { line, qty: d(q) }
}

/// One store ("store", this store) with MUG 5 and TSHIRT-BLK 2.
async fn store() -> Shop {
    let shop = Shop::demo().await;
    let site = Site {
        key: "store".into(),
        name: "Main street".into(),
        kind: SiteKind::Store,
        home: true,
    };
    shop.till
        .add_site(&site, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap();
    for (sku, q) in [("MUG", "5"), ("TSHIRT-BLK", "2")] {
        shop.till
            .receive_stock(
                "store",
                sku,
                d(q),
                None,
                &tillflow::staff::Actor::trusted("anna"),
                shop.now(),
            )
            .await
            .unwrap();
    }
    shop
}

fn retail(lines: serde_json::Value, payments: serde_json::Value) -> OrderInput {
    serde_json::from_value(json!({
        "type": "retail",
        "customer": {"name": "Ada Lovelace", "phone": "+44 20 7946 0000"},
        "fields": {"delivery": "pickup"},
        "lines": lines,
        "payments": payments
    }))
    .unwrap()
}

/// Creates, confirms and hands over the whole order at the counter (pickup).
async fn delivered(shop: &Shop, input: OrderInput) -> String {
    let t = &shop.till;
    let n = t
        .create_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap()
        .number;
    t.confirm_order(&n, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap();
    let lines = (0..input.lines.len() as i64)
        .map(|i| LineQty {
            line: i,
            qty: input.lines[i as usize].qty,
        })
        .collect();
    let pickup = ShipmentInput {
        method: DeliveryMethod::Pickup,
        carrier: None,
        tracking: None,
        lines,
    };
    let s = t
        .create_shipment(
            &n,
            &pickup,
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap();
    t.deliver_shipment(
        &n,
        s.shipment,
        &tillflow::staff::Actor::trusted("anna"),
        shop.now(),
    )
    .await
    .unwrap();
    n
}

async fn on_hand(shop: &Shop, sku: &str) -> (String, String) {
    let l = shop.till.stock_levels(Some(sku)).await.unwrap();
    (l[0].on_hand.to_string(), l[0].allocated.to_string())
}

async fn state(shop: &Shop, n: &str) -> FulfillmentState {
    shop.till
        .order_at(n, shop.now())
        .await
        .unwrap()
        .fulfillment_state
        .unwrap()
}

fn ret(lines: Vec<LineQty>, restock: Option<&str>, to: RefundTo) -> ReturnInput {
    ReturnInput {
        lines,
        restock: restock.map(String::from),
        refund_to: to,
        reason: "customer return".into(),
    }
}

fn events(o: &tillflow::orders::OrderView) -> Vec<String> {
    o.history
        .iter()
        .map(|h| h.event.key().to_string())
        .collect()
}

#[tokio::test]
async fn return_with_restock_refunds_the_card_and_keeps_the_order_paid() {
    let shop = store().await;
    let input = retail(
        json!([{"sku": "MUG", "qty": "2"}, {"sku": "BOOK", "qty": "1"}]),
        json!([{"method": "card", "amount": "31.00"}]),
    );
    let n = delivered(&shop, input).await;
    assert_eq!(on_hand(&shop, "MUG").await, ("3".into(), "0".into()));
    assert_eq!(state(&shop, &n).await, FulfillmentState::Closed);

    let r = shop
        .till
        .return_lines(
            &n,
            &ret(vec![lq(0, "1")], Some("store"), RefundTo::Original),
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!((r.refund.as_str(), r.charge.as_str()), ("9.50", "0.00"));
    assert_eq!((r.total.as_str(), r.balance.as_str()), ("21.50", "0.00"));
    assert_eq!(r.refunds.len(), 1);
    assert_eq!(
        (r.refunds[0].method.as_str(), r.refunds[0].amount.as_str()),
        ("card", "9.50")
    );
    assert_eq!(on_hand(&shop, "MUG").await, ("4".into(), "0".into()));
    let last = shop.till.movements("MUG").await.unwrap().pop().unwrap();
    assert_eq!(
        (last.kind.key(), last.qty.to_string()),
        ("return", "1".into())
    );

    let o = shop.till.order(&n).await.unwrap();
    assert_eq!(
        (
            o.totals.total.as_str(),
            o.totals.paid.as_str(),
            o.totals.balance.as_str()
        ),
        ("21.50", "21.50", "0.00")
    );
    let p = o.payments.last().unwrap();
    assert_eq!((p.method.as_str(), p.amount.as_str()), ("card", "-9.50"));
    let tail: Vec<_> = o
        .history
        .iter()
        .rev()
        .take(4)
        .map(|h| (h.event.key().to_string(), h.reason.clone()))
        .collect();
    // The return lowered the total: it corrects the invoice (issued with it).
    assert_eq!(
        tail,
        vec![
            (
                "credit_note.issued".to_string(),
                Some("CN-2026-000001 (corrects invoice INV-2026-000001)".to_string())
            ),
            (
                "invoice.issued".to_string(),
                Some("INV-2026-000001".to_string())
            ),
            (
                "refund.issued".to_string(),
                Some("9.50 to card".to_string())
            ),
            (
                "return.received".to_string(),
                Some("customer return".to_string())
            ),
        ]
    );
    assert_eq!(state(&shop, &n).await, FulfillmentState::Closed);

    // More than is left to return: typed error, nothing written.
    let before = shop.till.order(&n).await.unwrap().history.len();
    let err = shop
        .till
        .return_lines(
            &n,
            &ret(vec![lq(0, "2")], Some("store"), RefundTo::Original),
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    let err = shop
        .till
        .return_lines(
            &n,
            &ret(vec![lq(0, "1")], Some("attic"), RefundTo::Original),
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(shop.till.order(&n).await.unwrap().history.len(), before);
    assert_eq!(on_hand(&shop, "MUG").await, ("4".into(), "0".into()));

    // The rest comes back written off: the order is returned, nothing restocked.
    let r = shop
        .till
        .return_lines(
            &n,
            &ret(vec![lq(0, "1"), lq(1, "1")], None, RefundTo::Original),
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(
        (r.refund.as_str(), r.total.as_str(), r.balance.as_str()),
        ("21.50", "0.00", "0.00")
    );
    assert_eq!(on_hand(&shop, "MUG").await, ("4".into(), "0".into()));
    assert_eq!(state(&shop, &n).await, FulfillmentState::Returned);
}

#[tokio::test]
async fn units_not_handed_over_cannot_be_returned() {
    let shop = store().await;
    let input = retail(
        json!([{"sku": "MUG", "qty": "1"}]),
        json!([{"method": "card", "amount": "9.50"}]),
    );
    let n = shop
        .till
        .create_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap()
        .number;
    let err = shop
        .till
        .return_lines(
            &n,
            &ret(vec![lq(0, "1")], Some("store"), RefundTo::Original),
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
}

#[tokio::test]
async fn exchange_for_something_cheaper_refunds_the_difference() {
    let shop = store().await;
    let input = retail(
        json!([{"sku": "TSHIRT-BLK", "qty": "1"}]),
        json!([{"method": "cash", "amount": "19.90"}]),
    );
    let n = delivered(&shop, input).await;
    let x = ExchangeInput {
        ret: ret(vec![lq(0, "1")], Some("store"), RefundTo::Original),
        add: vec![LineInput {
            sku: Some("MUG".into()),
            qty: d("1"),
            ..Default::default()
        }],
        method: None,
    };
    let r = shop
        .till
        .exchange(&n, &x, &tillflow::staff::Actor::trusted("bob"), shop.now())
        .await
        .unwrap();
    assert_eq!((r.refund.as_str(), r.charge.as_str()), ("10.40", "0.00"));
    assert_eq!((r.total.as_str(), r.balance.as_str()), ("9.50", "0.00"));
    assert_eq!(on_hand(&shop, "TSHIRT-BLK").await, ("2".into(), "0".into()));
    assert_eq!(on_hand(&shop, "MUG").await, ("5".into(), "1".into()));
    let o = shop.till.order(&n).await.unwrap();
    assert_eq!(o.lines.len(), 2);
    assert_eq!(
        (o.lines[1].name.as_str(), o.lines[1].amount.as_str()),
        ("Mug", "9.50")
    );
    let e = events(&o);
    assert_eq!(
        e[e.len() - 6..].to_vec(),
        vec![
            "exchange.lines_added",
            "stock.allocated",
            "return.received",
            "refund.issued",
            "invoice.issued",
            "credit_note.issued"
        ]
    );
    assert_eq!(state(&shop, &n).await, FulfillmentState::PartiallyClosed);
    let pickup = ShipmentInput {
        method: DeliveryMethod::Pickup,
        carrier: None,
        tracking: None,
        lines: vec![lq(1, "1")],
    };
    let s = shop
        .till
        .create_shipment(
            &n,
            &pickup,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    shop.till
        .deliver_shipment(
            &n,
            s.shipment,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(state(&shop, &n).await, FulfillmentState::Closed);
    assert_eq!(on_hand(&shop, "MUG").await, ("4".into(), "0".into()));
}

#[tokio::test]
async fn exchange_for_something_dearer_charges_the_difference() {
    let shop = store().await;
    let input = retail(
        json!([{"sku": "MUG", "qty": "1"}]),
        json!([{"method": "card", "amount": "9.50"}]),
    );
    let n = delivered(&shop, input).await;
    let mut x = ExchangeInput {
        ret: ret(vec![lq(0, "1")], Some("store"), RefundTo::Original),
        add: vec![LineInput {
            sku: Some("TSHIRT-BLK".into()),
            qty: d("1"),
            ..Default::default()
        }],
        method: None,
    };
    let before = shop.till.order(&n).await.unwrap();
    let err = shop
        .till
        .exchange(&n, &x, &tillflow::staff::Actor::trusted("bob"), shop.now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    let after = shop.till.order(&n).await.unwrap();
    assert_eq!(
        (after.history.len(), after.lines.len()),
        (before.history.len(), 1)
    );
    assert_eq!(after.totals.total, "9.50");
    assert_eq!(on_hand(&shop, "MUG").await, ("4".into(), "0".into()));

    x.method = Some("card".into());
    let r = shop
        .till
        .exchange(&n, &x, &tillflow::staff::Actor::trusted("bob"), shop.now())
        .await
        .unwrap();
    assert_eq!((r.refund.as_str(), r.charge.as_str()), ("0.00", "10.40"));
    assert_eq!((r.total.as_str(), r.balance.as_str()), ("19.90", "0.00"));
    let o = shop.till.order(&n).await.unwrap();
    let pays: Vec<_> = o
        .payments
        .iter()
        .map(|p| (p.method.as_str(), p.amount.as_str()))
        .collect();
    assert_eq!(pays, vec![("card", "9.50"), ("card", "10.40")]);
    assert_eq!(on_hand(&shop, "MUG").await, ("5".into(), "0".into()));
    assert_eq!(on_hand(&shop, "TSHIRT-BLK").await, ("2".into(), "1".into()));
    assert!(events(&o).ends_with(&[
        "exchange.lines_added".into(),
        "stock.allocated".into(),
        "return.received".into(),
        "payment.captured".into()
    ]));
}

#[tokio::test]
async fn split_tender_meets_the_deposit_and_returns_keep_the_balance_right() {
    let shop = Shop::demo().await;
    let err = shop.set_laundry_deposit("130").await.unwrap_err();
    assert_eq!(err.code(), "invalid");
    shop.set_laundry_deposit("30").await.unwrap();
    let laundry = shop.till.settings().unwrap();
    assert_eq!(
        laundry.order_type("laundry").unwrap().deposit_percent,
        Some(d("30"))
    );

    // 40.50 × 30% = 12.15 is required; 12.00 is refused and nothing is written.
    let short = laundry_input(
        json!([{"method": "cash", "amount": "5.00"}, {"method": "card", "amount": "7.00"}]),
    );
    let err = shop
        .till
        .create_order(&short, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().contains("12.15"), "{err}");
    assert!(shop
        .till
        .list_orders(&OrderFilter::default())
        .await
        .unwrap()
        .is_empty());

    let ok = laundry_input(
        json!([{"method": "cash", "amount": "5.00"}, {"method": "card", "amount": "7.15"}]),
    );
    let n = shop
        .till
        .create_order(&ok, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap()
        .number;
    let o = shop.till.order(&n).await.unwrap();
    assert_eq!(
        (
            o.totals.total.as_str(),
            o.totals.paid.as_str(),
            o.totals.balance.as_str()
        ),
        ("40.50", "12.15", "28.35")
    );
    assert_eq!(o.payments.len(), 2);
    for t in [
        Trigger::ItemsTagged,
        Trigger::WorkCompleted,
        Trigger::OrderMarkedReady,
        Trigger::CustomerNotified,
        Trigger::OrderPickedUp,
    ] {
        shop.till
            .fire_event(&n, t, &tillflow::staff::Actor::trusted("bob"), shop.now())
            .await
            .unwrap();
    }
    assert_eq!(state(&shop, &n).await, FulfillmentState::PartiallyClosed);

    // A shirt back while 28.35 is still owed: it reduces what is owed, no refund.
    let r = shop
        .till
        .return_lines(
            &n,
            &ret(vec![lq(0, "1")], None, RefundTo::StoreCredit),
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(
        (r.refund.as_str(), r.total.as_str(), r.balance.as_str()),
        ("0.00", "36.50", "24.35")
    );
    assert_eq!(state(&shop, &n).await, FulfillmentState::PartiallyClosed);

    // Paid in full by split tender at intake, then a shirt back as store credit.
    let full = laundry_input(
        json!([{"method": "cash", "amount": "20.00"}, {"method": "card", "amount": "20.50"}]),
    );
    let n = shop
        .till
        .create_order(&full, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap()
        .number;
    for t in [
        Trigger::ItemsTagged,
        Trigger::WorkCompleted,
        Trigger::OrderMarkedReady,
        Trigger::CustomerNotified,
        Trigger::OrderPickedUp,
    ] {
        shop.till
            .fire_event(&n, t, &tillflow::staff::Actor::trusted("bob"), shop.now())
            .await
            .unwrap();
    }
    assert_eq!(state(&shop, &n).await, FulfillmentState::Closed);
    let r = shop
        .till
        .return_lines(
            &n,
            &ret(vec![lq(0, "1")], None, RefundTo::StoreCredit),
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(
        (r.refund.as_str(), r.total.as_str(), r.balance.as_str()),
        ("4.00", "36.50", "0.00")
    );
    let o = shop.till.order(&n).await.unwrap();
    let customer = o.customer.as_ref().unwrap().id;
    assert_eq!(shop.till.store_credit(customer).await.unwrap(), "4.00");
    let p = o.payments.last().unwrap();
    assert_eq!(
        (p.method.as_str(), p.amount.as_str()),
        ("store_credit", "-4.00")
    );
    assert_eq!(
        (o.totals.paid.as_str(), o.totals.balance.as_str()),
        ("36.50", "0.00")
    );
    assert_eq!(state(&shop, &n).await, FulfillmentState::Closed);

    // The credit pays part of the next order; more than the credit is refused.
    let too_much = laundry_input(
        json!([{"method": "store_credit", "amount": "4.01"}, {"method": "cash", "amount": "20.00"}]),
    );
    let err = shop
        .till
        .create_order(
            &too_much,
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(shop.till.store_credit(customer).await.unwrap(), "4.00");
    let next = laundry_input(
        json!([{"method": "store_credit", "amount": "4.00"}, {"method": "cash", "amount": "20.00"}]),
    );
    shop.till
        .create_order(&next, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap();
    assert_eq!(shop.till.store_credit(customer).await.unwrap(), "0.00");
    let none = laundry_input(json!([{"method": "cash", "amount": "20.00"}]));
    let m = shop
        .till
        .create_order(&none, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap()
        .number;
    let p = PaymentInput {
        method: "store_credit".into(),
        amount: d("1.00"),
        reference: None,
    };
    assert_eq!(
        shop.till
            .pay(&m, &p, &tillflow::staff::Actor::trusted("anna"), shop.now())
            .await
            .unwrap_err()
            .code(),
        "invalid"
    );
}

#[tokio::test]
async fn a_return_that_settles_the_balance_raises_paid_in_full() {
    let shop = Shop::demo().await;
    let n = shop
        .laundry(json!([{"method": "cash", "amount": "30.00"}]))
        .await;
    for t in [
        Trigger::ItemsTagged,
        Trigger::WorkCompleted,
        Trigger::OrderMarkedReady,
        Trigger::CustomerNotified,
        Trigger::OrderPickedUp,
    ] {
        shop.till
            .fire_event(&n, t, &tillflow::staff::Actor::trusted("bob"), shop.now())
            .await
            .unwrap();
    }
    // The 18.00 curtain back: 22.50 kept, 30.00 paid → 7.50 back in cash.
    let r = shop
        .till
        .return_lines(
            &n,
            &ret(vec![lq(2, "1")], None, RefundTo::Original),
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(
        (r.refund.as_str(), r.total.as_str(), r.balance.as_str()),
        ("7.50", "22.50", "0.00")
    );
    let e = events(&shop.till.order(&n).await.unwrap());
    assert_eq!(
        e[e.len() - 5..].to_vec(),
        vec![
            "return.received",
            "refund.issued",
            "order.paid_in_full",
            "invoice.issued",
            "credit_note.issued"
        ]
    );
}

#[tokio::test]
async fn a_failed_payment_fails_the_order_until_a_payment_succeeds() {
    let shop = store().await;
    let input = retail(json!([{"sku": "MUG", "qty": "1"}]), json!([]));
    let n = shop
        .till
        .create_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap()
        .number;
    let p = PaymentInput {
        method: "card".into(),
        amount: d("9.50"),
        reference: None,
    };
    shop.till
        .payment_failed(
            &n,
            &p,
            "card declined",
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(state(&shop, &n).await, FulfillmentState::Failed);
    let o = shop.till.order(&n).await.unwrap();
    assert_eq!(o.history.last().unwrap().event, "payment.failed");
    assert_eq!(o.totals.paid, "0.00");
    shop.till
        .pay(&n, &p, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap();
    assert_eq!(state(&shop, &n).await, FulfillmentState::Open);
    shop.till
        .confirm_order(&n, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap();
    assert_eq!(state(&shop, &n).await, FulfillmentState::ReadyToShip);
}

#[tokio::test]
async fn a_return_refunds_at_the_pricing_the_order_was_sold_under() {
    let shop = store().await;
    let input = retail(
        json!([{"sku": "MUG", "qty": "2"}, {"sku": "BOOK", "qty": "1"}]),
        json!([{"method": "card", "amount": "31.00"}]),
    );
    let n = delivered(&shop, input).await;
    // The shop moves to tax-exclusive prices after the sale.
    let mut s = shop.till.snapshot().unwrap().settings.shop.clone();
    assert!(s.prices_include_tax);
    s.prices_include_tax = false;
    shop.till
        .change_settings(
            tillflow::settings::SettingsChange::SaveShop { shop: s },
            &tillflow::staff::Actor::trusted("boss"),
            shop.now(),
        )
        .await
        .unwrap();
    let r = shop
        .till
        .return_lines(
            &n,
            &ret(vec![lq(0, "1")], Some("store"), RefundTo::Original),
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    // The same figures as before the change: the mug was sold at 9.50 with tax.
    assert_eq!((r.refund.as_str(), r.charge.as_str()), ("9.50", "0.00"));
    assert_eq!((r.total.as_str(), r.balance.as_str()), ("21.50", "0.00"));
}
