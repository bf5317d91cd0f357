//! Inventory across sites, allocation, shipments and the fulfillment state,
//! on a real SQLite file with exact expected numbers.

mod common;

use common::{d, retail, row, Shop};
use serde_json::json;
use tillflow::documents::DocumentKind;
use tillflow::fulfillment::FulfillmentState;
use tillflow::inventory::{Site, SiteKind};
use tillflow::shipments::{DeliveryMethod, LineQty, ShipmentInput};

fn site(key: &str, kind: SiteKind, home: bool) -> Site {
    Site {
        key: key.into(),
        name: key.to_uppercase(),
        kind,
        home,
    }
}

/// Sites store (this store), wh-a, wh-b; MUG 2/5/3, TSHIRT-BLK 0/1/4.
async fn stocked() -> Shop {
    let shop = Shop::demo().await;
    let t = &shop.till;
    t.add_site(
        &site("wh-b", SiteKind::Warehouse, false),
        &tillflow::staff::Actor::trusted("anna"),
        shop.now(),
    )
    .await
    .unwrap();
    t.add_site(
        &site("store", SiteKind::Store, true),
        &tillflow::staff::Actor::trusted("anna"),
        shop.now(),
    )
    .await
    .unwrap();
    t.add_site(
        &site("wh-a", SiteKind::Warehouse, false),
        &tillflow::staff::Actor::trusted("anna"),
        shop.now(),
    )
    .await
    .unwrap();
    for (s, sku, q) in [
        ("store", "MUG", "2"),
        ("wh-a", "MUG", "5"),
        ("wh-b", "MUG", "3"),
        ("wh-a", "TSHIRT-BLK", "1"),
        ("wh-b", "TSHIRT-BLK", "4"),
    ] {
        t.receive_stock(
            s,
            sku,
            d(q),
            Some("delivery"),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap();
    }
    shop
}

/// (site, on hand, allocated, available) of one SKU.
async fn levels(shop: &Shop, sku: &str) -> Vec<(String, String, String, String)> {
    shop.till
        .stock_levels(Some(sku))
        .await
        .unwrap()
        .into_iter()
        .map(|l| {
            (
                l.site,
                l.on_hand.to_string(),
                l.allocated.to_string(),
                l.available.to_string(),
            )
        })
        .collect()
}

async fn state(shop: &Shop, n: &str) -> FulfillmentState {
    shop.till
        .order_at(n, shop.now())
        .await
        .unwrap()
        .fulfillment_state
        .unwrap()
}

fn carrier(lines: &[(i64, &str)]) -> ShipmentInput {
    ShipmentInput {
        method: DeliveryMethod::Carrier,
        carrier: Some("DHL".into()),
        tracking: Some("TRK-1".into()),
        lines: lines
            .iter()
            .map(|(l, q)| LineQty {
                line: *l,
                qty: d(q),
            })
            .collect(),
    }
}

async fn big_order(shop: &Shop) -> String {
    let input = retail(
        json!([{"sku": "MUG", "qty": "6"}, {"sku": "TSHIRT-BLK", "qty": "2"}]),
        json!([{"method": "card", "amount": "96.80"}]),
    );
    shop.till
        .create_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap()
        .number
}

#[tokio::test]
async fn allocation_takes_this_store_first_then_the_site_that_ships_most() {
    let shop = stocked().await;
    let avail = shop.till.availability("TSHIRT-BLK").await.unwrap();
    let a: Vec<(&str, String)> = avail
        .iter()
        .map(|l| (l.site.as_str(), l.available.to_string()))
        .collect();
    assert_eq!(
        a,
        vec![
            ("store", "0".into()),
            ("wh-a", "1".into()),
            ("wh-b", "4".into())
        ]
    );

    let n = big_order(&shop).await;
    assert_eq!(state(&shop, &n).await, FulfillmentState::Open);
    let c = shop
        .till
        .confirm_order(&n, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap();
    let got: Vec<(i64, &str, &str, String)> = c
        .allocations
        .iter()
        .map(|a| {
            (
                a.line_no,
                a.sku.as_str(),
                a.site.as_str(),
                a.qty.to_string(),
            )
        })
        .collect();
    // wh-a covers 5 MUG + 1 T-shirt = 6 of the order, wh-b 3 + 2 = 5: wh-a before wh-b.
    assert_eq!(
        got,
        vec![
            (0, "MUG", "store", "2".into()),
            (0, "MUG", "wh-a", "4".into()),
            (1, "TSHIRT-BLK", "wh-a", "1".into()),
            (1, "TSHIRT-BLK", "wh-b", "1".into()),
        ]
    );
    assert_eq!(
        levels(&shop, "MUG").await,
        vec![
            row("store", "2", "2", "0"),
            row("wh-a", "5", "4", "1"),
            row("wh-b", "3", "0", "3")
        ]
    );
    assert_eq!(
        levels(&shop, "TSHIRT-BLK").await,
        vec![row("wh-a", "1", "1", "0"), row("wh-b", "4", "1", "3")]
    );
    assert_eq!(state(&shop, &n).await, FulfillmentState::ReadyToShip);
    let o = shop.till.order(&n).await.unwrap();
    let last = o.history.last().unwrap();
    assert_eq!(last.event, "stock.allocated");
    assert_eq!(
        last.reason.as_deref(),
        Some("line 0: 2 MUG at store; line 0: 4 MUG at wh-a; line 1: 1 TSHIRT-BLK at wh-a; line 1: 1 TSHIRT-BLK at wh-b")
    );

    // Not enough anywhere, no backorders: typed error, nothing reserved or audited.
    let input = retail(json!([{"sku": "MUG", "qty": "10"}]), json!([]));
    let m = shop
        .till
        .create_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap()
        .number;
    let before = shop.till.order(&m).await.unwrap().history.len();
    let err = shop
        .till
        .confirm_order(&m, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert_eq!(shop.till.order(&m).await.unwrap().history.len(), before);
    assert_eq!(
        levels(&shop, "MUG").await,
        vec![
            row("store", "2", "2", "0"),
            row("wh-a", "5", "4", "1"),
            row("wh-b", "3", "0", "3")
        ]
    );
    // With backorders the missing 6 are reserved at this store (first in the rule).
    shop.till
        .set_backorder(&tillflow::staff::Actor::cli(), "MUG", true)
        .await
        .unwrap();
    let counted: Vec<(String, bool)> = (shop.till.stock_items().await.unwrap())
        .into_iter()
        .map(|i| (i.sku, i.allow_backorder))
        .collect();
    assert_eq!(
        counted,
        [("MUG".to_string(), true), ("TSHIRT-BLK".to_string(), false)]
    );
    shop.till
        .confirm_order(&m, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap();
    assert_eq!(
        levels(&shop, "MUG").await,
        vec![
            row("store", "2", "8", "-6"),
            row("wh-a", "5", "5", "0"),
            row("wh-b", "3", "3", "0")
        ]
    );
    // Canceling releases exactly what it reserved, with an audit row.
    shop.till
        .cancel(
            &m,
            "customer changed mind",
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(
        levels(&shop, "MUG").await,
        vec![
            row("store", "2", "2", "0"),
            row("wh-a", "5", "4", "1"),
            row("wh-b", "3", "0", "3")
        ]
    );
    let h = shop.till.order(&m).await.unwrap().history;
    assert_eq!(h.last().unwrap().event, "stock.released");
    assert_eq!(state(&shop, &m).await, FulfillmentState::Canceled);
}

#[tokio::test]
async fn stock_never_goes_below_zero_without_backorders() {
    let shop = stocked().await;
    let err = shop
        .till
        .adjust_stock(
            "store",
            "MUG",
            d("-3"),
            "breakage",
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    let err = shop
        .till
        .transfer_stock(
            "MUG",
            d("4"),
            "wh-b",
            "store",
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    let err = shop
        .till
        .receive_stock(
            "nowhere",
            "MUG",
            d("1"),
            None,
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
    let err = shop
        .till
        .receive_stock(
            "store",
            "MUG",
            d("0"),
            None,
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(shop.till.movements("MUG").await.unwrap().len(), 3);

    shop.till
        .transfer_stock(
            "MUG",
            d("2.5"),
            "wh-a",
            "store",
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap();
    shop.till
        .adjust_stock(
            "store",
            "MUG",
            d("-0.5"),
            "chipped",
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(
        levels(&shop, "MUG").await,
        vec![
            row("store", "4", "0", "4"),
            row("wh-a", "2.5", "0", "2.5"),
            row("wh-b", "3", "0", "3")
        ]
    );
    for (s, want) in [("store", "4"), ("wh-a", "2.5"), ("wh-b", "3")] {
        let ledger = shop.till.store().ledger_on_hand(s, "MUG").await.unwrap();
        assert_eq!(ledger.to_string(), want, "ledger sum at {s}");
    }
    let kinds: Vec<String> = shop
        .till
        .movements("MUG")
        .await
        .unwrap()
        .iter()
        .map(|m| format!("{}:{}:{}", m.kind.key(), m.site, m.qty))
        .collect();
    assert_eq!(
        kinds,
        vec![
            "receipt:store:2",
            "receipt:wh-a:5",
            "receipt:wh-b:3",
            "transfer:wh-a:-2.5",
            "transfer:store:2.5",
            "adjustment:store:-0.5"
        ]
    );
}

#[tokio::test]
async fn multi_shipment_order_walks_through_every_fulfillment_state() {
    let shop = stocked().await;
    let n = big_order(&shop).await;
    assert_eq!(
        shop.status(&n).await,
        ("fulfillment".into(), "picking".into())
    );
    shop.till
        .confirm_order(&n, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap();
    assert_eq!(state(&shop, &n).await, FulfillmentState::ReadyToShip);

    // A partial shipment, then deleted: its lines are shippable again.
    let s1 = shop
        .till
        .create_shipment(
            &n,
            &carrier(&[(0, "3")]),
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    let lines: Vec<(Option<String>, String)> = shop.till.shipments(&n).await.unwrap()[0]
        .lines
        .iter()
        .map(|l| (l.site.clone(), l.qty.to_string()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (Some("store".into()), "2".into()),
            (Some("wh-a".into()), "1".into())
        ]
    );
    assert_eq!(state(&shop, &n).await, FulfillmentState::ReadyToShip);
    let err = shop
        .till
        .create_shipment(
            &n,
            &carrier(&[(0, "4")]),
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(shop.till.shipments(&n).await.unwrap().len(), 1);
    shop.till
        .delete_shipment(
            &n,
            s1.shipment,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert!(shop.till.shipments(&n).await.unwrap().is_empty());
    let h = shop.till.order(&n).await.unwrap().history;
    assert_eq!(h.last().unwrap().event, "shipment.deleted");
    assert_eq!(
        h.last().unwrap().reason.as_deref(),
        Some(
            format!(
                "shipment #{}: line 0 × 2 from store, line 0 × 1 from wh-a",
                s1.shipment
            )
            .as_str()
        )
    );

    let s2 = shop
        .till
        .create_shipment(
            &n,
            &carrier(&[(0, "4"), (1, "1")]),
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    let r = shop.print(&n, DocumentKind::PackingSlip).await;
    assert_eq!(r.status, "packed");
    let r = shop
        .till
        .ship_shipment(
            &n,
            s2.shipment,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!((r.moved, r.status.as_str()), (true, "shipped"));
    assert_eq!(state(&shop, &n).await, FulfillmentState::PartiallyShipped);
    assert_eq!(
        levels(&shop, "MUG").await,
        vec![
            row("store", "0", "0", "0"),
            row("wh-a", "3", "2", "1"),
            row("wh-b", "3", "0", "3")
        ]
    );
    let err = shop
        .till
        .ship_shipment(
            &n,
            s2.shipment,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    let err = shop
        .till
        .delete_shipment(
            &n,
            s2.shipment,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "conflict");

    // The rest is picked up in store.
    let pickup = ShipmentInput {
        method: DeliveryMethod::Pickup,
        carrier: None,
        tracking: None,
        lines: vec![
            LineQty {
                line: 0,
                qty: d("2"),
            },
            LineQty {
                line: 1,
                qty: d("1"),
            },
        ],
    };
    let s3 = shop
        .till
        .create_shipment(
            &n,
            &pickup,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    let r = shop
        .till
        .deliver_shipment(
            &n,
            s2.shipment,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!((r.stage.as_str(), r.status.as_str()), ("done", "completed"));
    assert_eq!(state(&shop, &n).await, FulfillmentState::PartiallyClosed);
    shop.till
        .deliver_shipment(
            &n,
            s3.shipment,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(state(&shop, &n).await, FulfillmentState::Closed);
    assert_eq!(
        levels(&shop, "MUG").await,
        vec![
            row("store", "0", "0", "0"),
            row("wh-a", "1", "0", "1"),
            row("wh-b", "3", "0", "3")
        ]
    );
    assert_eq!(
        levels(&shop, "TSHIRT-BLK").await,
        vec![row("wh-a", "0", "0", "0"), row("wh-b", "3", "0", "3")]
    );
    let sales: Vec<String> = shop
        .till
        .movements("MUG")
        .await
        .unwrap()
        .iter()
        .filter(|m| m.kind.key() == "sale")
        .map(|m| format!("{}:{}:{}", m.site, m.qty, m.order.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        sales,
        vec![
            format!("store:-2:{n}"),
            format!("wh-a:-2:{n}"),
            format!("wh-a:-2:{n}")
        ]
    );

    let o = shop.till.order(&n).await.unwrap();
    assert_eq!(o.fulfillment_state, Some(FulfillmentState::Closed));
    let events: Vec<(&str, bool)> = o
        .history
        .iter()
        .map(|h| (h.event.as_str(), h.moved))
        .collect();
    assert_eq!(
        events,
        vec![
            ("order.created", true),
            ("payment.captured", false),
            ("order.paid_in_full", true),
            ("stock.allocated", false),
            ("shipment.recorded", false),
            ("shipment.created", false),
            ("shipment.deleted", false),
            ("shipment.recorded", false),
            ("shipment.created", false),
            ("packing_slip.printed", true),
            ("shipment.shipped", true),
            ("shipment.recorded", false),
            ("shipment.created", false),
            ("shipment.delivered", true),
            ("shipment.shipped", false),
            ("shipment.delivered", false),
        ]
    );
}

#[tokio::test]
async fn failed_delivery_and_abandoned_intake() {
    let shop = stocked().await;
    let n = big_order(&shop).await;
    shop.till
        .confirm_order(&n, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap();
    let s = shop
        .till
        .create_shipment(
            &n,
            &carrier(&[(0, "6"), (1, "2")]),
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    let err = shop
        .till
        .deliver_shipment(
            &n,
            s.shipment,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    shop.till
        .ship_shipment(
            &n,
            s.shipment,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    shop.till
        .fail_shipment(
            &n,
            s.shipment,
            "address unknown",
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(state(&shop, &n).await, FulfillmentState::Failed);

    // Unpaid retail order left at intake.
    let input = retail(json!([{"sku": "MUG", "qty": "1"}]), json!([]));
    let at = shop.now();
    let m = shop
        .till
        .create_order(&input, &tillflow::staff::Actor::trusted("anna"), at)
        .await
        .unwrap()
        .number;
    let before = levels(&shop, "MUG").await;
    shop.till
        .confirm_order(&m, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap();
    let s = shop
        .till
        .create_shipment(
            &m,
            &carrier(&[(0, "1")]),
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    shop.till
        .cancel(
            &m,
            "no payment",
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap();
    let err = shop
        .till
        .ship_shipment(
            &m,
            s.shipment,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert_eq!(levels(&shop, "MUG").await, before);
    let input = retail(json!([{"sku": "MUG", "qty": "1"}]), json!([]));
    let at = shop.now();
    let m = shop
        .till
        .create_order(&input, &tillflow::staff::Actor::trusted("anna"), at)
        .await
        .unwrap()
        .number;
    let view = |h: i64| shop.till.order_at(&m, at + chrono::Duration::hours(h));
    assert_eq!(
        view(71).await.unwrap().fulfillment_state,
        Some(FulfillmentState::Open)
    );
    assert_eq!(
        view(73).await.unwrap().fulfillment_state,
        Some(FulfillmentState::Abandoned)
    );
}

#[tokio::test]
async fn shipments_and_returns_apply_to_goods_orders_only() {
    let shop = stocked().await;
    // A laundry ticket: services, a plan without shipment steps.
    let laundry = shop.laundry(json!([])).await;
    let f = shop
        .till
        .order_fulfillment(&laundry, shop.now())
        .await
        .unwrap();
    assert!(!f.goods, "a laundry ticket has no shipments panel");
    // A retail order: counted goods on a plan that ships.
    let n = big_order(&shop).await;
    let f = shop.till.order_fulfillment(&n, shop.now()).await.unwrap();
    assert!(f.goods);
}
