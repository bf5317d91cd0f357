//! Intake that reserves stock in the same transaction as it creates the
//! order (`Till::create_confirmed_order`, what the app's POS does), and the
//! order screen's fulfillment view and return preview, on a real SQLite file.

mod common;

use common::{d, retail, row, Shop};
use rust_decimal::Decimal;
use serde_json::json;
use tillflow::fulfillment::FulfillmentState;
use tillflow::inventory::{Site, SiteKind};
use tillflow::orders::OrderFilter;
use tillflow::payments::RefundTo;
use tillflow::returns::ReturnInput;
use tillflow::shipments::{DeliveryMethod, LineQty, ShipmentInput};

/// Sites store (this store) and wh (a warehouse); MUG 2 / 5, BOOK counted
/// with no stock but backorders allowed; TSHIRT-BLK not counted.
async fn stocked() -> Shop {
    let shop = Shop::demo().await;
    let t = &shop.till;
    for (key, kind, home) in [
        ("wh", SiteKind::Warehouse, false),
        ("store", SiteKind::Store, true),
    ] {
        let s = Site {
            key: key.into(),
            name: key.to_uppercase(),
            kind,
            home,
        };
        t.add_site(&s, &tillflow::staff::Actor::trusted("anna"), shop.now())
            .await
            .unwrap();
    }
    t.receive_stock(
        "store",
        "MUG",
        d("2"),
        None,
        &tillflow::staff::Actor::trusted("anna"),
        shop.now(),
    )
    .await
    .unwrap();
    t.receive_stock(
        "wh",
        "MUG",
        d("5"),
        None,
        &tillflow::staff::Actor::trusted("anna"),
        shop.now(),
    )
    .await
    .unwrap();
    t.set_backorder(&tillflow::staff::Actor::cli(), "BOOK", true)
        .await
        .unwrap();
    shop
}

/// (site, on hand, allocated, available) of MUG.
async fn mugs(shop: &Shop) -> Vec<(String, String, String, String)> {
    shop.till
        .availability("MUG")
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

#[tokio::test]
async fn a_confirmed_intake_reserves_its_stock_in_the_same_transaction() {
    let shop = stocked().await;
    let input = retail(
        json!([{"sku": "MUG", "qty": "3"}, {"sku": "TSHIRT-BLK", "qty": "1"}]),
        json!([{"method": "card", "amount": "48.40"}]),
    );
    let c = shop
        .till
        .create_confirmed_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap();
    // This store first (2), the rest from the warehouse (1); the T-shirt's
    // stock is not counted and reserves nothing.
    let got: Vec<(i64, String, String)> = c
        .allocations
        .iter()
        .map(|a| (a.line_no, a.site.clone(), a.qty.to_string()))
        .collect();
    assert_eq!(
        got,
        vec![
            (0, "store".into(), "2".into()),
            (0, "wh".into(), "1".into())
        ]
    );
    assert_eq!(
        mugs(&shop).await,
        vec![row("store", "2", "2", "0"), row("wh", "5", "1", "4")]
    );
    let number = c.result.number;
    let view = shop.till.order_at(&number, shop.now()).await.unwrap();
    assert_eq!(view.fulfillment_state, Some(FulfillmentState::ReadyToShip));
    let audit = shop.till.store().order(&number).await.unwrap().history;
    let allocated = audit
        .iter()
        .find(|h| h.event == "stock.allocated")
        .expect("an audit row for the reservation");
    assert_eq!(
        allocated.reason.as_deref(),
        Some("line 0: 2 MUG at store; line 0: 1 MUG at wh")
    );
}

#[tokio::test]
async fn an_intake_whose_stock_cannot_be_reserved_writes_nothing() {
    let shop = stocked().await;
    let input = retail(
        json!([{"sku": "MUG", "qty": "8"}]),
        json!([{"method": "card", "amount": "10.00"}]),
    );
    let before = mugs(&shop).await;
    let err = shop
        .till
        .create_confirmed_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(
        err.to_string()
            .contains("MUG needs 8 but only 7 is available across all sites"),
        "{err}"
    );
    // No order, no payment, no reservation; the number was not used up.
    let all = shop
        .till
        .count_orders(&OrderFilter::default())
        .await
        .unwrap();
    assert_eq!(all, 0);
    assert_eq!(mugs(&shop).await, before);
    let ok = retail(json!([{"sku": "MUG", "qty": "1"}]), json!([]));
    let c = shop
        .till
        .create_confirmed_order(&ok, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap();
    assert_eq!(c.result.number, "TF-000001");
}

#[tokio::test]
async fn an_item_that_allows_backorders_is_reserved_below_zero_at_this_store() {
    let shop = stocked().await;
    let input = retail(json!([{"sku": "BOOK", "qty": "2"}]), json!([]));
    let c = shop
        .till
        .create_confirmed_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap();
    assert_eq!(c.allocations.len(), 1);
    assert_eq!(c.allocations[0].site, "store");
    let stock = shop.till.item_stock(&["BOOK".into()]).await.unwrap();
    assert!(stock[0].allow_backorder);
    let store = stock[0].levels.iter().find(|l| l.site == "store").unwrap();
    assert_eq!(store.available.to_string(), "-2");
    // Items whose stock is not counted have no stock to show.
    let none = shop
        .till
        .item_stock(&["TSHIRT-BLK".into(), "SHIRT".into()])
        .await
        .unwrap();
    assert!(none.is_empty());
}

#[tokio::test]
async fn the_fulfillment_view_and_the_return_preview_follow_the_order() {
    let shop = stocked().await;
    let input = retail(
        json!([{"sku": "MUG", "qty": "3"}, {"sku": "TSHIRT-BLK", "qty": "1"}]),
        json!([{"method": "card", "amount": "48.40"}]),
    );
    let t = &shop.till;
    let n = t
        .create_confirmed_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap()
        .result
        .number;
    let ship = ShipmentInput {
        method: DeliveryMethod::Carrier,
        carrier: Some("DHL".into()),
        tracking: None,
        lines: vec![LineQty {
            line: 0,
            qty: d("2"),
        }],
    };
    let id = t
        .create_shipment(
            &n,
            &ship,
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap()
        .shipment;
    t.ship_shipment(&n, id, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap();
    let v = t.order_fulfillment(&n, shop.now()).await.unwrap();
    assert_eq!(v.state, FulfillmentState::PartiallyShipped);
    let mug = &v.lines[0];
    assert!(mug.counted);
    assert_eq!(
        (
            mug.reserved.to_string(),
            mug.shipped.to_string(),
            mug.shippable.to_string(),
            mug.returnable.to_string(),
            mug.unreserved.to_string()
        ),
        ("3".into(), "2".into(), "1".into(), "0".into(), "0".into())
    );
    // Two from this store shipped; the warehouse's one is still reserved.
    let r: Vec<(String, String, String)> = mug
        .reservations
        .iter()
        .map(|r| (r.site.clone(), r.qty.to_string(), r.shipped.to_string()))
        .collect();
    assert_eq!(
        r,
        vec![
            ("store".into(), "2".into(), "2".into()),
            ("wh".into(), "1".into(), "0".into())
        ]
    );
    assert!(!v.lines[1].counted);
    assert_eq!(v.lines[1].shippable.to_string(), "1");
    assert_eq!(v.sites.len(), 2);
    let stock: Vec<(String, String)> = v
        .stock
        .iter()
        .map(|l| (l.site.clone(), l.on_hand.to_string()))
        .collect();
    assert_eq!(
        stock,
        vec![("store".into(), "0".into()), ("wh".into(), "5".into())]
    );
    assert_eq!(v.store_credit.as_deref(), Some("0.00"));

    // Delivered: one mug may come back; the preview matches the return.
    t.deliver_shipment(&n, id, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap();
    let v = t.order_fulfillment(&n, shop.now()).await.unwrap();
    assert_eq!(v.lines[0].returnable.to_string(), "2");
    assert_eq!(v.state, FulfillmentState::PartiallyClosed);
    let ret = ReturnInput {
        lines: vec![LineQty {
            line: 0,
            qty: d("1"),
        }],
        restock: Some("store".into()),
        refund_to: RefundTo::Original,
        reason: String::new(),
    };
    let p = t.preview_return(&n, &ret, &[]).await.unwrap();
    assert_eq!((p.refund.as_str(), p.total.as_str()), ("9.50", "38.90"));
    assert_eq!(p.refunds.len(), 1);
    assert_eq!(p.refunds[0].method, "card");
    // The preview wrote nothing; the return refunds what it showed.
    assert_eq!(
        t.order_fulfillment(&n, shop.now()).await.unwrap().lines[0].returned,
        Decimal::ZERO
    );
    let done = t
        .return_lines(
            &n,
            &ReturnInput {
                reason: "chipped".into(),
                ..ret
            },
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(done.refund, p.refund);
    assert_eq!(done.total, p.total);
    let v = t.order_fulfillment(&n, shop.now()).await.unwrap();
    assert_eq!(v.lines[0].returned.to_string(), "1");
    assert_eq!(v.lines[0].returnable.to_string(), "1");
    let store = v.stock.iter().find(|l| l.site == "store").unwrap();
    assert_eq!(store.on_hand.to_string(), "1");
}
