//! The payloads of the entries an order's sale writes — the sale, each
//! payment, a cancellation — built in one place, so the till and the
//! generated data of `tillflow dev generate` record the same shape (and
//! the cross-checks read one).

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::Payload;

/// A line as a `sale` entry records it.
pub struct SaleLine<'a> {
    pub name: &'a str,
    pub sku: Option<&'a str>,
    pub qty: Decimal,
    pub unit_price: i64,
    pub tax_rate: Decimal,
    pub amount: i64,
    pub tax: i64,
}

/// An order's totals, minor units.
pub struct SaleTotals {
    pub subtotal: i64,
    pub tax: i64,
    pub total: i64,
}

/// The `sale` entry of order `number`.
pub fn sale(
    number: &str,
    order_type: &str,
    currency: &str,
    lines: &[SaleLine],
    totals: &SaleTotals,
) -> Payload {
    let lines: Vec<Value> = lines
        .iter()
        .map(|l| {
            json!({
                "name": l.name,
                "sku": l.sku,
                "qty": l.qty.normalize().to_string(),
                "unit_price": l.unit_price,
                "tax_rate": l.tax_rate.normalize().to_string(),
                "amount": l.amount,
                "tax": l.tax,
            })
        })
        .collect();
    Payload::new()
        .with("order", number)
        .with("order_type", order_type)
        .with("currency", currency)
        .with("lines", lines)
        .money("subtotal", totals.subtotal)
        .money("tax", totals.tax)
        .money("total", totals.total)
}

/// A `payment` entry (a refund paid out is a negative amount).
pub fn payment(number: &str, method: &str, amount: i64, reference: Option<String>) -> Payload {
    Payload::new()
        .with("order", number)
        .with("method", method)
        .money("amount", amount)
        .with("reference", reference)
}

/// The `cancellation` entry of order `number`.
pub fn cancellation(number: &str, total: i64, paid: i64, reason: Option<String>) -> Payload {
    Payload::new()
        .with("order", number)
        .money("total", total)
        .money("paid", paid)
        .with("reason", reason)
}
