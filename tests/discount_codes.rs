//! Discount codes on real database files: defined in the settings (kept
//! across a save and a reload), entered at intake in any case, checked on
//! the shop's day and against the minimum order, taken off the whole
//! order before tax; a refused code names `discount_code` and writes
//! nothing; the journal verifies after orders taken with codes.

mod common;

use common::{laundry_input, t0, table_rows, Shop};
use serde_json::json;
use tillflow::orders::OrderInput;
use tillflow::settings::{DiscountCode, Settings};
use tillflow::staff::Actor;

fn anna() -> Actor {
    Actor::trusted("anna")
}

fn db(shop: &Shop) -> rusqlite::Connection {
    rusqlite::Connection::open(shop.dir.path().join("shop.db")).expect("db opens")
}

fn code(v: serde_json::Value) -> DiscountCode {
    serde_json::from_value(v).expect("a code")
}

fn codes() -> Vec<DiscountCode> {
    vec![
        code(
            json!({"code": "WINTER10", "percent": "10", "valid_from": "2026-03-01", "valid_to": "2026-03-31"}),
        ),
        code(json!({"code": "FIVE", "amount": "5.00", "min_order": "100.00"})),
        code(json!({"code": "BIG", "amount": "5000.00"})),
        code(json!({"code": "OLD", "percent": "20", "valid_to": "2026-02-28"})),
        code(json!({"code": "LATER", "percent": "20", "valid_from": "2026-04-01"})),
    ]
}

async fn shop_with_codes() -> Shop {
    let shop = Shop::demo().await;
    let mut s: Settings = shop.till.settings().expect("settings");
    s.discount_codes = codes();
    shop.till
        .import_settings(s, &anna(), t0())
        .await
        .expect("codes saved");
    shop
}

fn with_code(c: &str) -> OrderInput {
    OrderInput {
        discount_code: Some(c.into()),
        ..laundry_input(json!([]))
    }
}

#[tokio::test]
async fn a_code_takes_its_discount_off_the_order_before_tax() {
    let shop = shop_with_codes().await;
    assert_eq!(shop.till.settings().unwrap().discount_codes, codes());

    let plain = shop
        .till
        .preview_order(&laundry_input(json!([])), t0())
        .unwrap();
    let coded = shop
        .till
        .preview_order(&with_code(" winter10 "), t0())
        .unwrap();
    assert!(coded.errors.is_empty(), "{:?}", coded.errors);
    let d = coded.discount.clone().expect("the code applies");
    assert_eq!(d.code, "WINTER10");
    // 10 % of the lines' prices (the demo's prices include tax): the
    // total drops by what the code takes, and the tax with it.
    let currency = shop.till.snapshot().unwrap().currency.clone();
    let minor = |s: &str| currency.parse(s, "t").unwrap();
    assert_eq!(
        minor(&d.taken),
        (minor(&plain.totals.total) + 5) / 10,
        "{d:?} of {}",
        plain.totals.total
    );
    assert_eq!(
        minor(&coded.totals.total),
        minor(&plain.totals.total) - minor(&d.taken)
    );
    assert!(minor(&coded.totals.tax) < minor(&plain.totals.tax));

    let taken = shop
        .till
        .create_order(&with_code("WINTER10"), &anna(), t0())
        .await
        .expect("taken with the code");
    let order = shop.till.order(&taken.number).await.unwrap();
    assert_eq!(order.totals.total, coded.totals.total);
    assert!(
        order.lines.iter().any(|l| l
            .discount_label
            .as_deref()
            .is_some_and(|t| t.contains("code WINTER10"))),
        "{:?}",
        order.lines
    );

    // An amount larger than the order takes the whole order, not more.
    let big = shop.till.preview_order(&with_code("big"), t0()).unwrap();
    assert!(big.errors.is_empty(), "{:?}", big.errors);
    assert_eq!(minor(&big.totals.total), 0);

    let report = shop.till.store().verify_journal().await.unwrap();
    assert!(report.ok, "{:?}", report.problems.first());
}

#[tokio::test]
async fn a_code_out_of_its_dates_unknown_or_under_its_minimum_is_refused() {
    let shop = shop_with_codes().await;
    for (typed, says) in [
        ("OLD", "OLD ended on 2026-02-28"),
        ("later", "LATER is valid from 2026-04-01"),
        ("NOPE", "'NOPE' is not one of the shop's codes"),
        ("FIVE", "FIVE needs an order of at least"),
    ] {
        let p = shop.till.preview_order(&with_code(typed), t0()).unwrap();
        assert!(p.discount.is_none());
        let e = p
            .errors
            .iter()
            .find(|e| e.field == "discount_code")
            .unwrap_or_else(|| panic!("{typed}: {:?}", p.errors));
        assert!(e.message.contains(says), "{typed}: {}", e.message);

        let before = table_rows(&db(&shop));
        let refused = shop
            .till
            .create_order(&with_code(typed), &anna(), t0())
            .await
            .expect_err("refused");
        assert!(refused.to_string().contains(says), "{refused}");
        assert_eq!(table_rows(&db(&shop)), before, "{typed} wrote something");
    }
    // The same code on its last valid day applies; the day after, not.
    let last_day = chrono::DateTime::parse_from_rfc3339("2026-03-31T12:00:00Z")
        .unwrap()
        .to_utc();
    let p = shop
        .till
        .preview_order(&with_code("WINTER10"), last_day)
        .unwrap();
    assert!(p.discount.is_some(), "{:?}", p.errors);
    let p = shop
        .till
        .preview_order(&with_code("WINTER10"), last_day + chrono::Duration::days(1))
        .unwrap();
    assert!(p.discount.is_none());
}

#[tokio::test]
async fn the_settings_refuse_a_code_twice_or_badly_formed() {
    let shop = Shop::demo().await;
    let base: Settings = shop.till.settings().unwrap();
    for (bad, says) in [
        (
            vec![
                json!({"code": "WINTER10", "percent": "10"}),
                json!({"code": "winter10", "amount": "2.00"}),
            ],
            "defined twice",
        ),
        (
            vec![json!({"code": "BOTH", "percent": "10", "amount": "2.00"})],
            "one of them",
        ),
        (vec![json!({"code": "NONE"})], "one of them"),
        (vec![json!({"code": "P", "percent": "150"})], "at most 100"),
        (
            vec![json!({"code": "has space", "percent": "5"})],
            "letters, digits",
        ),
        (
            vec![
                json!({"code": "BACK", "percent": "5", "valid_from": "2026-05-01", "valid_to": "2026-04-01"}),
            ],
            "before it starts",
        ),
        (
            vec![json!({"code": "NEG", "amount": "-1.00"})],
            "more than zero",
        ),
    ] {
        let mut s = base.clone();
        s.discount_codes = bad.into_iter().map(code).collect();
        let e = shop
            .till
            .import_settings(s, &anna(), t0())
            .await
            .expect_err("refused");
        assert!(e.to_string().contains(says), "{says}: {e}");
    }
    assert!(shop.till.settings().unwrap().discount_codes.is_empty());
}
