//! The order preview: the core's one answer to "what would this order be,
//! and what is wrong with it", on a real database file.

mod common;

use common::{laundry_input, Shop};
use serde_json::json;
use tillflow::orders::{FieldError, OrderInput};
use tillflow::settings::Settings;

fn err(field: &str, message: &str) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

fn repair(estimate: &str) -> OrderInput {
    serde_json::from_value(json!({
        "type": "repair",
        "customer": {"name": "Ada Lovelace"},
        "fields": {"device": "Phone", "problem": "Cracked screen", "estimate": estimate},
        "lines": [],
        "payments": []
    }))
    .expect("repair input")
}

async fn shop_in(currency: &str) -> Shop {
    let shop = Shop::demo().await;
    let mut s = Settings::demo();
    s.shop.currency = currency.into();
    // Catalogue prices are in euros (JPY takes no decimals).
    s.catalogue.clear();
    shop.till
        .import_settings(s, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .expect("settings in the currency");
    shop
}

#[tokio::test]
async fn a_bhd_shop_takes_three_decimals_and_refuses_a_fourth() {
    let shop = shop_in("BHD").await;
    for (typed, stored) in [("1.250", "1.250"), ("1.2", "1.200"), ("7", "7.000")] {
        let p = shop
            .till
            .preview_order(&repair(typed), common::t0())
            .unwrap();
        assert_eq!(p.errors, [], "{typed}");
        assert_eq!((p.currency.as_str(), p.currency_exponent), ("BHD", 3));
        let created = shop
            .till
            .create_order(
                &repair(typed),
                &tillflow::staff::Actor::trusted("anna"),
                shop.now(),
            )
            .await
            .expect("created");
        let order = shop.till.order(&created.number).await.unwrap();
        assert_eq!(order.fields["estimate"], stored, "{typed}");
    }
    for (typed, message) in [
        ("1.2500", "1.2500 has more than 3 decimals for BHD"),
        ("1,250", "'1,250' is not an amount like 12.500"),
        ("1.", "'1.' is not an amount like 12.500"),
    ] {
        let p = shop
            .till
            .preview_order(&repair(typed), common::t0())
            .unwrap();
        assert_eq!(p.errors, [err("estimate", message)], "{typed}");
        let e = shop
            .till
            .create_order(
                &repair(typed),
                &tillflow::staff::Actor::trusted("anna"),
                shop.now(),
            )
            .await
            .unwrap_err();
        assert_eq!(e.to_string(), format!("estimate: {message}"));
    }
}

#[tokio::test]
async fn a_yen_shop_takes_no_decimals() {
    let shop = shop_in("JPY").await;
    let p = shop
        .till
        .preview_order(&repair("1250"), common::t0())
        .unwrap();
    assert_eq!(p.errors, []);
    let p = shop
        .till
        .preview_order(&repair("12.50"), common::t0())
        .unwrap();
    assert_eq!(
        p.errors,
        [err("estimate", "12.50: JPY amounts have no decimals")]
    );
}

#[tokio::test]
async fn the_preview_prices_like_create_and_lists_every_error() {
    let shop = Shop::demo().await;
    let input = laundry_input(json!([{"method": "cash", "amount": "10.00"}]));
    let p = shop.till.preview_order(&input, common::t0()).unwrap();
    assert_eq!(p.errors, []);
    let created = shop
        .till
        .create_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap();
    let order = shop.till.order(&created.number).await.unwrap();
    assert_eq!(p.totals.total, order.totals.total);
    assert_eq!(p.totals.subtotal, order.totals.subtotal);
    assert_eq!(p.totals.tax, order.totals.tax);
    assert_eq!(p.totals.paid, "10.00");
    assert_eq!(p.totals.balance, order.totals.balance);
    let amounts: Vec<Option<String>> = order.lines.iter().map(|l| Some(l.amount.clone())).collect();
    assert_eq!(p.line_amounts, amounts);

    // Every problem at once, each at its field; valid lines still priced.
    let bad: OrderInput = serde_json::from_value(json!({
        "type": "laundry",
        "customer": {"name": "A", "phone": "call me"},
        "fields": {"starch": "Extra"},
        "lines": [
            {"sku": "SHIRT", "qty": "2"},
            {"sku": "SHIRT", "qty": "0"},
            {"name": "Rug", "qty": "1", "unit_price": "9.999", "tax_rate": "20"}
        ],
        "payments": [{"method": "cheque", "amount": "1.00"}, {"method": "cash", "amount": "-1"}]
    }))
    .unwrap();
    let p = shop.till.preview_order(&bad, common::t0()).unwrap();
    assert_eq!(
        p.errors,
        [
            err("due_date", "Ready by is required"),
            err("starch", "Starch must be one of: None, Light, Heavy"),
            err(
                "customer.phone",
                "'call me' is not a phone number (only digits, spaces and + - ( ) . are allowed)"
            ),
            err("lines[1].qty", "quantity must be greater than zero"),
            err(
                "lines[2].unit_price",
                "9.999 has more than 2 decimals for EUR"
            ),
            err(
                "payments[0].method",
                "'cheque' is not a payment method (cash, card, transfer, store_credit)"
            ),
            err("payments[1].amount", "a payment must be greater than zero"),
        ]
    );
    assert_eq!(p.line_amounts, [Some("7.00".to_string()), None, None]);
    assert_eq!(p.totals.total, "7.00");
    // create reports the first of them, and writes nothing.
    let e = shop
        .till
        .create_order(&bad, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap_err();
    assert_eq!(e.to_string(), "due_date: Ready by is required");
    assert_eq!(
        shop.till
            .list_orders(&Default::default())
            .await
            .unwrap()
            .len(),
        1
    );

    // No such order type: an error, not a preview.
    let none: OrderInput = serde_json::from_value(json!({"type": "dog-walking"})).unwrap();
    assert_eq!(
        shop.till
            .preview_order(&none, common::t0())
            .unwrap_err()
            .to_string(),
        "type: no order type 'dog-walking'"
    );
}

#[tokio::test]
async fn the_deposit_due_and_its_refusal_come_from_the_preview() {
    let shop = Shop::demo().await;
    shop.set_laundry_deposit("30").await.unwrap();
    let p = shop
        .till
        .preview_order(
            &laundry_input(json!([{"method": "cash", "amount": "5.00"}])),
            common::t0(),
        )
        .unwrap();
    assert_eq!(p.totals.total, "40.50");
    assert_eq!(
        (p.deposit_required.as_str(), p.deposit_due.as_str()),
        ("12.15", "7.15")
    );
    assert_eq!(p.deposit_percent.as_deref(), Some("30"));
    assert_eq!(
        p.errors,
        [err(
            "payments",
            "this order type needs a deposit of 12.15 (30% of 40.50); 5.00 was paid"
        )]
    );
    let p = shop
        .till
        .preview_order(
            &laundry_input(json!([{"method": "card", "amount": "50.00"}])),
            common::t0(),
        )
        .unwrap();
    assert_eq!(
        p.errors,
        [err("payments", "payments exceed the order total")]
    );
    let p = shop
        .till
        .preview_order(
            &laundry_input(json!([{"method": "card", "amount": "12.15"}])),
            common::t0(),
        )
        .unwrap();
    assert_eq!((p.errors.len(), p.deposit_due.as_str()), (0, "0.00"));
}

#[tokio::test]
async fn the_rules_screens_offer_come_from_the_core() {
    let shop = shop_in("KWD").await;
    let r = shop.till.shop_rules().unwrap();
    let keys: Vec<&str> = r.payment_methods.iter().map(|m| m.key.as_str()).collect();
    assert_eq!(keys, ["cash", "card", "transfer", "store_credit"]);
    assert_eq!((r.currency.as_str(), r.currency_exponent), ("KWD", 3));
    assert_eq!(r.amount_example, "12.500");
    assert_eq!(
        r.default_abandon_after_hours,
        tillflow::fulfillment::DEFAULT_ABANDON_AFTER_HOURS
    );
}
