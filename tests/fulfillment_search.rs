//! Searching by fulfillment state: the state each change stores (and the
//! `abandoned` rule judged in SQL) selects exactly the orders whose state,
//! computed from their facts, is that state — after every kind of change,
//! after an item starts being counted, and for orders from before the
//! state was stored. On a real SQLite file.

mod common;

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use common::{d, laundry_input, t0, Shop};
use serde_json::json;
use tillflow::fulfillment::FulfillmentState;
use tillflow::inventory::{Site, SiteKind};
use tillflow::orders::{OrderFilter, OrderInput, PaymentInput};
use tillflow::payments::RefundTo;
use tillflow::returns::ReturnInput;
use tillflow::shipments::{DeliveryMethod, LineQty, ShipmentInput};
use tillflow::storage::Durability;
use tillflow::Till;

fn retail(sku: &str, qty: &str, paid: &str) -> OrderInput {
    serde_json::from_value(json!({
        "type": "retail",
        "customer": {"name": "Ada Lovelace", "phone": "+44 20 7946 0000"},
        "fields": {"delivery": "courier"},
        "lines": [{"sku": sku, "qty": qty}],
        "payments": [{"method": "card", "amount": paid}]
    }))
    .expect("valid retail input")
}

fn one_line(qty: &str) -> Vec<LineQty> {
    vec![LineQty {
        line: 0,
        qty: d(qty),
    }]
}

fn by_carrier(qty: &str) -> ShipmentInput {
    ShipmentInput {
        method: DeliveryMethod::Carrier,
        carrier: Some("DHL".into()),
        tracking: None,
        lines: one_line(qty),
    }
}

/// When the checks look: ten days on, so untouched intake orders are abandoned.
fn as_of() -> DateTime<Utc> {
    t0() + Duration::days(10)
}

/// Every order's state computed from its facts, by number.
async fn computed(till: &Till, numbers: &[String]) -> BTreeMap<String, FulfillmentState> {
    let mut out = BTreeMap::new();
    for n in numbers {
        let o = till.order_at(n, as_of()).await.expect("order");
        out.insert(n.clone(), o.fulfillment_state.expect("state"));
    }
    out
}

/// For every state, search selects exactly the orders in that state.
async fn search_agrees(till: &Till, numbers: &[String]) -> BTreeMap<String, FulfillmentState> {
    let states = computed(till, numbers).await;
    for s in FulfillmentState::ALL {
        let filter = OrderFilter {
            fulfillment_state: Some(s),
            as_of: Some(as_of()),
            ..OrderFilter::default()
        };
        let mut found: Vec<String> = till
            .search_orders(&filter)
            .await
            .expect("search")
            .orders
            .into_iter()
            .map(|o| o.number)
            .collect();
        found.sort();
        let want: Vec<String> = states
            .iter()
            .filter(|(_, st)| **st == s)
            .map(|(n, _)| n.clone())
            .collect();
        assert_eq!(found, want, "orders in state {s:?}");
        assert_eq!(
            till.count_orders(&filter).await.expect("count"),
            want.len() as i64
        );
    }
    states
}

async fn shop_in_every_state() -> (Shop, Vec<String>) {
    let shop = Shop::demo().await;
    let t = &shop.till;
    for (key, kind, home) in [
        ("store", SiteKind::Store, true),
        ("wh", SiteKind::Warehouse, false),
    ] {
        let site = Site {
            key: key.into(),
            name: key.to_uppercase(),
            kind,
            home,
        };
        t.add_site(&site, &tillflow::staff::Actor::trusted("anna"), shop.now())
            .await
            .expect("site");
    }
    t.receive_stock(
        "store",
        "MUG",
        d("6"),
        None,
        &tillflow::staff::Actor::trusted("anna"),
        shop.now(),
    )
    .await
    .expect("mugs");
    let mut numbers = Vec::new();
    let create = |input: OrderInput| {
        let shop = &shop;
        async move {
            shop.till
                .create_confirmed_order(
                    &input,
                    &tillflow::staff::Actor::trusted("anna"),
                    shop.now(),
                )
                .await
                .expect("created")
                .result
                .number
        }
    };
    // Untouched at intake: abandoned ten days on.
    numbers.push(create(laundry_input(json!([]))).await);
    // Part paid: open.
    let part = create(laundry_input(json!([]))).await;
    let pay = PaymentInput {
        method: "cash".into(),
        amount: d("5.00"),
        reference: None,
    };
    t.pay(
        &part,
        &pay,
        &tillflow::staff::Actor::trusted("anna"),
        shop.now(),
    )
    .await
    .expect("paid");
    numbers.push(part);
    // Paid, stock reserved: ready to ship.
    numbers.push(create(retail("MUG", "1", "9.50")).await);
    // One of two shipped: partially shipped.
    let two = create(retail("MUG", "2", "19.00")).await;
    let s = t
        .create_shipment(
            &two,
            &by_carrier("1"),
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .expect("shipment");
    t.ship_shipment(
        &two,
        s.shipment,
        &tillflow::staff::Actor::trusted("bob"),
        shop.now(),
    )
    .await
    .expect("shipped");
    numbers.push(two);
    // Shipped and delivered: closed; then returned: returned.
    for returned in [false, true] {
        let n = create(retail("MUG", "1", "9.50")).await;
        let s = t
            .create_shipment(
                &n,
                &by_carrier("1"),
                &tillflow::staff::Actor::trusted("bob"),
                shop.now(),
            )
            .await
            .expect("shipment");
        t.ship_shipment(
            &n,
            s.shipment,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .expect("shipped");
        t.deliver_shipment(
            &n,
            s.shipment,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .expect("delivered");
        if returned {
            let back = ReturnInput {
                lines: one_line("1"),
                restock: Some("store".into()),
                refund_to: RefundTo::Original,
                reason: "changed mind".into(),
            };
            t.return_lines(
                &n,
                &back,
                &tillflow::staff::Actor::trusted("bob"),
                shop.now(),
            )
            .await
            .expect("returned");
        }
        numbers.push(n);
    }
    // Canceled.
    let c = create(laundry_input(json!([]))).await;
    t.cancel(
        &c,
        "no longer wanted",
        &tillflow::staff::Actor::trusted("anna"),
        shop.now(),
    )
    .await
    .expect("canceled");
    numbers.push(c);
    // A declined card: failed.
    let f = create(laundry_input(json!([]))).await;
    let card = PaymentInput {
        method: "card".into(),
        amount: d("5.00"),
        reference: None,
    };
    t.payment_failed(
        &f,
        &card,
        "declined",
        &tillflow::staff::Actor::trusted("anna"),
        shop.now(),
    )
    .await
    .expect("recorded");
    numbers.push(f);
    // Paid T-shirts while their stock is not counted: ready to ship, until
    // the first delivery of T-shirts makes them counted and unreserved.
    numbers.push(create(retail("TSHIRT-BLK", "1", "19.90")).await);
    (shop, numbers)
}

#[tokio::test]
async fn search_by_fulfillment_state_finds_exactly_the_orders_in_it() {
    let (shop, numbers) = shop_in_every_state().await;
    let states = search_agrees(&shop.till, &numbers).await;
    let tshirts = numbers.last().expect("t-shirt order").clone();
    assert_eq!(states[&tshirts], FulfillmentState::ReadyToShip);
    let mut seen: Vec<FulfillmentState> = states.values().copied().collect();
    seen.sort_by_key(|s| s.key());
    seen.dedup();
    assert_eq!(
        seen,
        [
            FulfillmentState::Abandoned,
            FulfillmentState::Canceled,
            FulfillmentState::Closed,
            FulfillmentState::Failed,
            FulfillmentState::Open,
            FulfillmentState::PartiallyShipped,
            FulfillmentState::ReadyToShip,
            FulfillmentState::Returned,
        ]
    );

    shop.till
        .receive_stock(
            "wh",
            "TSHIRT-BLK",
            d("3"),
            None,
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("t-shirts");
    let states = search_agrees(&shop.till, &numbers).await;
    assert_eq!(
        states[&tshirts],
        FulfillmentState::Open,
        "now it needs stock"
    );
    shop.till
        .confirm_order(
            &tshirts,
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("reserved");
    let states = search_agrees(&shop.till, &numbers).await;
    assert_eq!(states[&tshirts], FulfillmentState::ReadyToShip);

    // Before ten days have passed nothing is abandoned yet.
    let early = OrderFilter {
        fulfillment_state: Some(FulfillmentState::Abandoned),
        as_of: Some(t0() + Duration::hours(1)),
        ..OrderFilter::default()
    };
    assert_eq!(shop.till.count_orders(&early).await.expect("count"), 0);
}

#[tokio::test]
async fn orders_from_before_the_stored_state_get_it_when_the_till_opens() {
    let (shop, numbers) = shop_in_every_state().await;
    let before = search_agrees(&shop.till, &numbers).await;
    shop.till.close().await;
    let path = shop.dir.path().join("shop.db");
    let raw = rusqlite::Connection::open(&path).expect("open raw");
    let cleared = raw
        .execute("UPDATE orders SET fulfillment_state = NULL", [])
        .expect("clear");
    assert_eq!(cleared, numbers.len());
    drop(raw);
    let till = Till::open(&path, Durability::Normal).await.expect("reopen");
    assert_eq!(search_agrees(&till, &numbers).await, before);
    till.close().await;
}
