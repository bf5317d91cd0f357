//! Order edits on real database files: the update wizard's answers, the
//! due date, the customer and the lines (changed, removed, added) of a
//! taken order, re-priced under the pricing it was sold with, stock
//! reservations following, one `order.updated` audit row with the
//! difference, the journal still verifying; and every refusal writing
//! nothing.

mod common;

use common::{d, retail, table_rows, Shop};
use serde_json::json;
use tillflow::audit::AuditEvent;
use tillflow::inventory::{Site, SiteKind};
use tillflow::orders::edit::OrderEdit;
use tillflow::settings::SettingsChange;
use tillflow::shipments::{DeliveryMethod, LineQty, ShipmentInput};
use tillflow::staff::{Actor, Permission};
use tillflow::triggers::Trigger;

fn edit(v: serde_json::Value) -> OrderEdit {
    serde_json::from_value(v).expect("a valid edit")
}

fn anna() -> Actor {
    Actor::trusted("anna")
}

fn db(shop: &Shop) -> rusqlite::Connection {
    rusqlite::Connection::open(shop.dir.path().join("shop.db")).expect("db opens")
}

#[tokio::test]
async fn an_edit_reprices_the_lines_moves_the_due_date_and_records_the_difference() {
    let shop = Shop::demo().await;
    let n = shop
        .laundry(json!([{"method": "cash", "amount": "20.00"}]))
        .await;
    let before = shop.till.order(&n).await.unwrap();
    // 3 × (3.50 + 0.50) + 2.5 × 4.20 + 18.00, tax included at 20 %.
    assert_eq!(
        (before.totals.total.as_str(), before.totals.tax.as_str()),
        ("40.50", "6.75")
    );

    let e = edit(json!({
        "fields": {"due_date": "2026-03-10"},
        "add_lines": [{"sku": "DUVET", "qty": "1"}],
        "change_lines": [{"line": 0, "qty": "5"}],
        "remove_lines": [1]
    }));
    let preview = shop.till.preview_order_edit(&n, &e).await.unwrap();
    let r = shop
        .till
        .edit_order(&n, &e, &anna(), shop.now())
        .await
        .unwrap();
    assert_eq!(preview.after, r.after, "the preview is the edit");
    // 5 × 4.00 = 20.00 (tax 20/6 = 3.33), the curtain 18.00 (3.00), the
    // duvet 24.00 (4.00): 62.00, tax 10.33; 20.00 paid leaves 42.00.
    assert_eq!(
        (
            r.after.total.as_str(),
            r.after.tax.as_str(),
            r.after.subtotal.as_str()
        ),
        ("62.00", "10.33", "51.67")
    );
    assert_eq!(r.before.total, "40.50");
    assert_eq!(r.balance, "42.00");
    assert_eq!(
        (preview.difference.as_str(), r.difference.as_str()),
        ("21.50", "21.50")
    );
    assert_eq!(
        r.changes,
        vec![
            "Ready by: 2026-03-05 → 2026-03-10",
            "Line 0 (Shirt, washed & pressed): qty 3 → 5",
            "Removed line 1: 2.5 × Wash & fold",
            "Added: 1 × Duvet",
        ]
    );

    let v = shop.till.order(&n).await.unwrap();
    assert_eq!(
        v.due_date.map(|d| d.to_string()).as_deref(),
        Some("2026-03-10")
    );
    let lines: Vec<(&str, &str, &str, &str)> = v
        .lines
        .iter()
        .map(|l| {
            (
                l.name.as_str(),
                l.qty.as_str(),
                l.amount.as_str(),
                l.tax.as_str(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            ("Shirt, washed & pressed", "5", "20.00", "3.33"),
            ("Curtain", "1", "18.00", "3.00"),
            ("Duvet", "1", "24.00", "4.00"),
        ]
    );
    assert_eq!(
        (v.totals.total.as_str(), v.totals.balance.as_str()),
        ("62.00", "42.00")
    );
    let updated = v.history.last().unwrap();
    assert_eq!(updated.event, AuditEvent::Trigger(Trigger::OrderUpdated));
    assert_eq!(updated.actor, "anna");
    assert_eq!(
        updated.reason.as_deref(),
        Some(
            "Ready by: 2026-03-05 → 2026-03-10; Line 0 (Shirt, washed & pressed): qty 3 → 5; \
             Removed line 1: 2.5 × Wash & fold; Added: 1 × Duvet"
        )
    );
    // The journal records the corrected totals and still verifies.
    let report = shop.till.verify_journal(&anna()).await.unwrap();
    assert!(report.ok, "{report:?}");
    let kinds: i64 = db(&shop)
        .query_row(
            "SELECT COUNT(*) FROM journal WHERE kind = 'order_edited'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kinds, 1);
    assert!(shop.till.store().violations().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_price_note_modifiers_and_the_customer_change_under_the_pricing_sold_with() {
    let shop = Shop::demo().await;
    let n = shop.laundry(json!([])).await;
    // The shop moves to tax-exclusive prices after the order was taken.
    let mut s = shop.till.snapshot().unwrap().settings.shop.clone();
    s.prices_include_tax = false;
    shop.till
        .change_settings(SettingsChange::SaveShop { shop: s }, &anna(), shop.now())
        .await
        .unwrap();
    let e = edit(json!({
        "customer": {"name": "Pierre Curie", "phone": "+33 6 98 76 54 32"},
        "change_lines": [
            {"line": 0, "modifiers": [{"name": "Express"}], "note": "collar"},
            {"line": 2, "unit_price": "15.00", "note": ""}
        ]
    }));
    let r = shop
        .till
        .edit_order(&n, &e, &anna(), shop.now())
        .await
        .unwrap();
    // 3 × (3.50 + 2.00) = 16.50; 10.50; 15.00 → 42.00, tax still
    // included (2.75 + 1.75 + 2.50), as the order was sold.
    assert_eq!(
        (r.after.total.as_str(), r.after.tax.as_str()),
        ("42.00", "7.00")
    );
    assert_eq!(
        r.changes,
        vec![
            "Customer: Marie Curie → Pierre Curie",
            "Line 0 (Shirt, washed & pressed): modifiers Starch → Express, note (none) → collar",
            "Line 2 (Curtain): price 18.00 → 15.00, note stain left corner → (none)",
        ]
    );
    let v = shop.till.order(&n).await.unwrap();
    assert_eq!(v.customer.as_ref().unwrap().name, "Pierre Curie");
    assert_eq!(v.lines[0].note.as_deref(), Some("collar"));
    assert_eq!(v.lines[2].note, None);
}

#[tokio::test]
async fn refusals_write_nothing() {
    let shop = Shop::demo().await;
    let n = shop.laundry(json!([])).await;
    let rows = table_rows(&db(&shop));
    let cashier = Actor::staff(7, "Sam", "cashier").unwrap();
    let cases: Vec<(serde_json::Value, &str, &str)> = vec![
        (
            json!({"change_lines": [{"line": 3, "qty": "1"}]}),
            "invalid",
            "change_lines[0].line",
        ),
        (json!({"remove_lines": [5]}), "invalid", "remove_lines[0]"),
        (
            json!({"remove_lines": [0, 0]}),
            "invalid",
            "remove_lines[1]",
        ),
        (
            json!({"fields": {"starch": "Heavy"}}),
            "invalid",
            "fields.starch",
        ),
        (
            json!({"fields": {"due_date": "soon"}}),
            "invalid",
            "fields.due_date",
        ),
        (
            json!({"fields": {"due_date": ""}}),
            "invalid",
            "fields.due_date",
        ),
        (
            json!({"change_lines": [{"line": 0, "qty": "0"}]}),
            "invalid",
            "change_lines[0].qty",
        ),
        (
            json!({"change_lines": [{"line": 2, "unit_price": "-1"}]}),
            "invalid",
            "change_lines[0].unit_price",
        ),
        (
            json!({"add_lines": [{"sku": "NOPE", "qty": "1"}]}),
            "invalid",
            "add_lines[0].sku",
        ),
        (
            json!({"change_lines": [{"line": 1, "qty": "1"}], "remove_lines": [1]}),
            "invalid",
            "change_lines[0].line",
        ),
        (json!({}), "invalid", "edit"),
        (
            json!({"fields": {"due_date": "2026-03-05"}}),
            "invalid",
            "edit",
        ),
    ];
    for (input, code, field) in cases {
        let e = edit(input.clone());
        let err = shop
            .till
            .edit_order(&n, &e, &anna(), shop.now())
            .await
            .expect_err("refused");
        assert_eq!(err.code(), code, "{input}");
        match &err {
            tillflow::Error::Invalid { field: f, .. } => assert_eq!(f, field, "{input}"),
            other => panic!("{input}: {other:?}"),
        }
    }
    let e = edit(json!({"fields": {"due_date": "2026-03-09"}}));
    let err = shop
        .till
        .edit_order(&n, &e, &cashier, shop.now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    // A manager's approval lends the permission for this one edit.
    let lee = Actor::staff(2, "Lee", "manager").unwrap();
    let approved = cashier.approved(lee, Permission::EditOrders);
    assert!(serde_json::from_value::<OrderEdit>(json!({"lines": []})).is_err());
    assert_eq!(table_rows(&db(&shop)), rows, "nothing written by a refusal");
    shop.till
        .edit_order(&n, &e, &approved, shop.now())
        .await
        .unwrap();
    let v = shop.till.order(&n).await.unwrap();
    assert_eq!(v.history.last().unwrap().actor, "Sam (approved by Lee)");

    // A canceled order cannot be edited.
    shop.till
        .cancel(&n, "customer changed mind", &anna(), shop.now())
        .await
        .unwrap();
    let e = edit(json!({"fields": {"due_date": "2026-03-12"}}));
    let err = shop
        .till
        .edit_order(&n, &e, &anna(), shop.now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
}

/// Sites store and wh; MUG 2 in the store, 5 in the warehouse.
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
        t.add_site(&s, &anna(), shop.now()).await.unwrap();
    }
    t.receive_stock("store", "MUG", d("2"), None, &anna(), shop.now())
        .await
        .unwrap();
    t.receive_stock("wh", "MUG", d("5"), None, &anna(), shop.now())
        .await
        .unwrap();
    shop
}

async fn allocated(shop: &Shop) -> Vec<(String, String)> {
    shop.till
        .availability("MUG")
        .await
        .unwrap()
        .into_iter()
        .map(|l| (l.site, l.allocated.to_string()))
        .collect()
}

#[tokio::test]
async fn reservations_follow_the_lines_and_shipped_lines_stay() {
    let shop = stocked().await;
    let t = &shop.till;
    let input = retail(
        json!([{"sku": "TSHIRT-BLK", "qty": "1"}, {"sku": "MUG", "qty": "3"}, {"sku": "MUG", "qty": "1"}]),
        json!([]),
    );
    let n = t
        .create_confirmed_order(&input, &anna(), shop.now())
        .await
        .unwrap()
        .result
        .number;
    let sorted = |mut v: Vec<(String, String)>| {
        v.sort();
        v
    };
    assert_eq!(
        sorted(allocated(&shop).await),
        vec![("store".into(), "2".into()), ("wh".into(), "2".into())]
    );
    // Removing the T-shirt moves the mugs up (line 1 → 0, 2 → 1) with their
    // reservations; line 1 (was 2) grows by 2, line 0 shrinks to 1.
    let e = edit(json!({
        "remove_lines": [0],
        "change_lines": [{"line": 1, "qty": "1"}, {"line": 2, "qty": "3"}]
    }));
    t.edit_order(&n, &e, &anna(), shop.now()).await.unwrap();
    let f = t.order_fulfillment(&n, shop.now()).await.unwrap();
    let reserved: Vec<String> = f.lines.iter().map(|l| l.reserved.to_string()).collect();
    assert_eq!(reserved, vec!["1", "3"]);
    let total: rust_decimal::Decimal = allocated(&shop)
        .await
        .iter()
        .map(|(_, q)| q.parse::<rust_decimal::Decimal>().unwrap())
        .sum();
    assert_eq!(total, d("4"));
    assert!(t.store().violations().await.unwrap().is_empty());

    // Ship line 1's three: it can no longer be removed or go below three.
    let ship = ShipmentInput {
        method: DeliveryMethod::Carrier,
        carrier: Some("DHL".into()),
        tracking: None,
        lines: vec![LineQty {
            line: 1,
            qty: d("3"),
        }],
    };
    let id = t
        .create_shipment(&n, &ship, &anna(), shop.now())
        .await
        .unwrap()
        .shipment;
    t.ship_shipment(&n, id, &anna(), shop.now()).await.unwrap();
    let rows = table_rows(&db(&shop));
    // The edit form says so before anyone tries.
    let form = t.order_edit_form(&n).await.unwrap();
    let kept: Vec<(Option<&str>, &str)> = form
        .lines
        .iter()
        .map(|l| (l.kept_because.as_deref(), l.min_qty.as_str()))
        .collect();
    assert_eq!(kept, vec![(None, "0"), (Some("shipped or picked up"), "3")]);
    let err = t
        .edit_order(&n, &edit(json!({"remove_lines": [1]})), &anna(), shop.now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    let err = t
        .edit_order(
            &n,
            &edit(json!({"change_lines": [{"line": 1, "qty": "2"}]})),
            &anna(),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(table_rows(&db(&shop)), rows);
    // Removing line 0 moves the shipped line (and its shipment) up.
    t.edit_order(&n, &edit(json!({"remove_lines": [0]})), &anna(), shop.now())
        .await
        .unwrap();
    let f = t.order_fulfillment(&n, shop.now()).await.unwrap();
    let shipped: Vec<String> = f.lines.iter().map(|l| l.shipped.to_string()).collect();
    assert_eq!(shipped, vec!["3"]);
    assert!(t.store().violations().await.unwrap().is_empty());
    assert!(t.verify_journal(&anna()).await.unwrap().ok);
}
