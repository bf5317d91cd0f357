//! Money: tax-inclusive and exclusive prices, per-line and per-document
//! rounding, fractional quantities, modifiers, currencies — exact values.

mod common;

use common::Shop;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::json;
use tillflow::money::{format_minor, Currency};
use tillflow::orders::totals::{compute, PricedLine, Pricing};
use tillflow::orders::PaymentInput;
use tillflow::settings::TaxRounding;

/// The totals of lines inside the bound (never an error here).
fn compute_ok(lines: &[PricedLine], pricing: Pricing) -> tillflow::orders::totals::Totals {
    compute(lines, pricing).expect("inside the bound")
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn line(qty: &str, unit: i64, modifiers: i64, rate: &str) -> PricedLine {
    PricedLine {
        qty: d(qty),
        unit_price: unit,
        modifiers,
        tax_rate: d(rate),
        discount: None,
    }
}

const EXCL_LINE: Pricing = Pricing {
    prices_include_tax: false,
    rounding: TaxRounding::PerLine,
};
const EXCL_DOC: Pricing = Pricing {
    prices_include_tax: false,
    rounding: TaxRounding::PerDocument,
};
const INCL_LINE: Pricing = Pricing {
    prices_include_tax: true,
    rounding: TaxRounding::PerLine,
};
const INCL_DOC: Pricing = Pricing {
    prices_include_tax: true,
    rounding: TaxRounding::PerDocument,
};

#[test]
fn exclusive_prices_per_line_rounding() {
    // 3 x 3.33 = 9.99, tax 1.998 -> 2.00; 1 x 0.05, tax 0.01; 2 x 12.00 at 5.5% = 24.00, tax 1.32
    let t = compute_ok(
        &[
            line("3", 333, 0, "20"),
            line("1", 5, 0, "20"),
            line("2", 1200, 0, "5.5"),
        ],
        EXCL_LINE,
    );
    assert_eq!(
        t.lines
            .iter()
            .map(|l| (l.amount, l.tax))
            .collect::<Vec<_>>(),
        vec![(999, 200), (5, 1), (2400, 132)]
    );
    assert_eq!((t.subtotal, t.tax, t.total), (3404, 333, 3737));
    let rates: Vec<(String, i64, i64, i64)> = t
        .by_rate
        .iter()
        .map(|r| (r.rate.to_string(), r.net, r.tax, r.gross))
        .collect();
    assert_eq!(
        rates,
        vec![
            ("5.5".into(), 2400, 132, 2532),
            ("20".into(), 1004, 201, 1205)
        ]
    );
}

#[test]
fn per_document_rounding_differs_from_per_line_where_it_should() {
    let lines = [
        line("1", 3, 0, "20"),
        line("1", 3, 0, "20"),
        line("1", 3, 0, "20"),
    ];
    // Per line: 0.006 -> 0.01 each = 0.03. Per document: 0.018 -> 0.02.
    assert_eq!(compute_ok(&lines, EXCL_LINE).tax, 3);
    assert_eq!(compute_ok(&lines, EXCL_DOC).tax, 2);
    assert_eq!(compute_ok(&lines, EXCL_DOC).total, 11);
}

#[test]
fn inclusive_prices_total_equals_prices_charged() {
    // 19.90 incl. 20%: tax 3.3166.. -> 3.32, net 16.58
    let t = compute_ok(&[line("1", 1990, 0, "20")], INCL_LINE);
    assert_eq!((t.subtotal, t.tax, t.total), (1658, 332, 1990));
    // Three 0.10 items incl. 20%: per line 0.0166 -> 0.02 each = 0.06; per document 0.05.
    let lines = [
        line("1", 10, 0, "20"),
        line("1", 10, 0, "20"),
        line("1", 10, 0, "20"),
    ];
    let (pl, pd) = (compute_ok(&lines, INCL_LINE), compute_ok(&lines, INCL_DOC));
    assert_eq!((pl.tax, pl.total), (6, 30));
    assert_eq!((pd.tax, pd.total), (5, 30));
}

#[test]
fn fractional_quantities_and_modifiers() {
    // 2.5 kg x 4.20 = 10.50; 0.333 x 10.00 = 3.33; 1.005 x 1.00 = 1.005 -> 1.01 (half away from zero)
    let t = compute_ok(
        &[
            line("2.5", 420, 0, "0"),
            line("0.333", 1000, 0, "0"),
            line("1.005", 100, 0, "0"),
        ],
        EXCL_LINE,
    );
    assert_eq!(
        t.lines.iter().map(|l| l.amount).collect::<Vec<_>>(),
        vec![1050, 333, 101]
    );
    // 3 shirts x (3.50 + starch 0.50 + express 2.00) = 18.00, 20% excl. -> tax 3.60
    let t = compute_ok(&[line("3", 350, 250, "20")], EXCL_LINE);
    assert_eq!((t.subtotal, t.tax, t.total), (1800, 360, 2160));
    // A negative modifier (discount) 2 x (12.00 - 1.50) = 21.00
    assert_eq!(
        compute_ok(&[line("2", 1200, -150, "0")], EXCL_LINE).total,
        2100
    );
}

#[test]
fn currencies_use_their_minor_unit() {
    let jpy = Currency::from_code("JPY").unwrap();
    assert_eq!(jpy.parse("1200", "p").unwrap(), 1200);
    assert!(jpy.parse("12.5", "p").is_err());
    // 3 x 333 yen at 10% excl.: tax 99.9 -> 100
    let t = compute_ok(&[line("3", 333, 0, "10")], EXCL_LINE);
    assert_eq!((t.tax, t.total), (100, 1099));
    assert_eq!(format_minor(1099, 0), "1099");
    assert_eq!(format_minor(-1099, 3), "-1.099");
}

#[tokio::test]
async fn stored_order_totals_payments_and_balance() {
    let shop = Shop::demo().await;
    // Demo shop: EUR, prices include tax, per-line rounding.
    let n = shop.laundry(json!([{"method": "cash", "amount": "10.00"}, {"method": "card", "amount": "5.25", "reference": "A1"}])).await;
    let o = shop.till.order(&n).await.unwrap();
    let lines: Vec<(&str, &str, &str)> = o
        .lines
        .iter()
        .map(|l| (l.qty.as_str(), l.amount.as_str(), l.tax.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![
            ("3", "12.00", "2.00"),
            ("2.5", "10.50", "1.75"),
            ("1", "18.00", "3.00")
        ]
    );
    let t = &o.totals;
    assert_eq!(
        (
            t.subtotal.as_str(),
            t.tax.as_str(),
            t.total.as_str(),
            t.paid.as_str(),
            t.balance.as_str()
        ),
        ("33.75", "6.75", "40.50", "15.25", "25.25")
    );
    assert_eq!(o.payments.len(), 2);
    assert_eq!(o.payments[1].reference.as_deref(), Some("A1"));
    // Only cash gives change: a card above the balance is refused.
    let pay = |a: &str| PaymentInput {
        method: "card".into(),
        amount: d(a),
        reference: None,
    };
    let err = shop
        .till
        .pay(
            &n,
            &pay("25.26"),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "payment.amount: 25.26 is more than the balance due 25.25"
    );
    let err = shop
        .till
        .pay(
            &n,
            &pay("0"),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "payment.amount: a payment must be greater than zero"
    );
    shop.till
        .pay(
            &n,
            &pay("25.25"),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap();
    let o = shop.till.order(&n).await.unwrap();
    assert_eq!(
        (o.totals.paid.as_str(), o.totals.balance.as_str()),
        ("40.50", "0.00")
    );
    assert_eq!(o.history.last().unwrap().event, "order.paid_in_full");
}

fn arb_line() -> impl Strategy<Value = PricedLine> {
    (
        1i64..5000,
        0i64..200_000,
        -500i64..500,
        prop::sample::select(vec!["0", "5.5", "7", "10", "20", "21"]),
    )
        .prop_map(|(q, unit, m, rate)| PricedLine {
            qty: Decimal::new(q, 3),
            unit_price: unit,
            modifiers: m.max(-unit),
            tax_rate: d(rate),
            discount: None,
        })
}

proptest! {
    #[test]
    fn totals_add_up_in_every_mode(lines in prop::collection::vec(arb_line(), 1..12)) {
        for pricing in [EXCL_LINE, EXCL_DOC, INCL_LINE, INCL_DOC] {
            let t = compute_ok(&lines, pricing);
            let charged: i64 = t.lines.iter().map(|l| l.amount).sum();
            prop_assert_eq!(t.subtotal + t.tax, t.total);
            if pricing.prices_include_tax {
                prop_assert_eq!(t.total, charged, "tax-inclusive total equals the prices charged");
            } else {
                prop_assert_eq!(t.subtotal, charged);
            }
            prop_assert_eq!(t.by_rate.iter().map(|r| r.gross).sum::<i64>(), t.total);
        }
        // The two rounding modes never differ by more than half a minor unit per line.
        let (a, b) = (compute_ok(&lines, EXCL_LINE).tax, compute_ok(&lines, EXCL_DOC).tax);
        prop_assert!((a - b).unsigned_abs() as usize <= lines.len().div_ceil(2) + 1);
    }
}
