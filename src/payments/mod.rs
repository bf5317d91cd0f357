//! Payment rules beyond taking a payment: the required deposit of an order
//! type, and how a refund is paid out (to the original payment methods, or
//! as store credit for the customer). Pure; amounts in minor units.

pub mod drawer;
pub mod report;
pub mod tender;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::{round_minor, Currency};

pub use tender::Tendered;

/// Method name of cash payments: the one tender that gives change.
pub const CASH: &str = "cash";

/// Method name of payments and refunds made with store credit.
pub const STORE_CREDIT: &str = "store_credit";

/// A way a customer pays: its key (stored with every payment) and its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentMethod {
    pub key: String,
    pub label: String,
}

/// The one list of payment methods (key, label), in the order screens offer
/// them. Store credit is offered only to a customer who has some.
pub const METHODS: [(&str, &str); 4] = [
    (CASH, "Cash"),
    ("card", "Card"),
    ("transfer", "Transfer"),
    (STORE_CREDIT, "Store credit"),
];

/// The payment methods, for screens and the CLI.
pub fn methods() -> Vec<PaymentMethod> {
    METHODS
        .iter()
        .map(|(key, label)| PaymentMethod {
            key: key.to_string(),
            label: label.to_string(),
        })
        .collect()
}

/// The method's key when `text` names one of [`METHODS`] (any case).
pub fn check_method(text: &str, field: &str) -> Result<&'static str> {
    let text = text.trim();
    METHODS
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(text))
        .map(|(key, _)| *key)
        .ok_or_else(|| {
            let keys: Vec<&str> = METHODS.iter().map(|(k, _)| *k).collect();
            let message = if text.is_empty() {
                "a payment method is required".to_string()
            } else {
                format!("'{text}' is not a payment method ({})", keys.join(", "))
            };
            Error::invalid(field, message)
        })
}

/// The deposit an order of `total` needs: `percent` of it, rounded by the
/// one rounding rule.
pub fn required_deposit(percent: Option<Decimal>, total: i64) -> i64 {
    percent.map_or(0, |p| {
        round_minor(Decimal::from(total) * p / Decimal::ONE_HUNDRED)
    })
}

/// The payments (method, handed) taken when an order is created, as they
/// settle it ([`tender::settle`]: cash above the total gives change, any
/// other tender never exceeds it), covering at least the deposit its order
/// type requires.
pub fn intake_tenders(
    percent: Option<Decimal>,
    total: i64,
    payments: &[(String, i64)],
    coin: i64,
    currency: &Currency,
) -> Result<Vec<Tendered>> {
    let settled = tender::settle(payments, total, coin, currency)?;
    let paid = settled.iter().map(|t| t.amount).sum();
    check_deposit(percent, total, paid, currency)?;
    Ok(settled)
}

/// Refuses an order whose payments at creation are below its deposit.
pub fn check_deposit(
    percent: Option<Decimal>,
    total: i64,
    paid: i64,
    currency: &Currency,
) -> Result<()> {
    let need = required_deposit(percent, total);
    if paid < need {
        return Err(Error::invalid(
            "payments",
            format!(
                "this order type needs a deposit of {} ({}% of {}); {} was paid",
                currency.format(need),
                percent.unwrap_or_default().normalize(),
                currency.format(total),
                currency.format(paid)
            ),
        ));
    }
    Ok(())
}

/// Where a refund goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RefundTo {
    /// Back to the payment methods the customer paid with.
    #[default]
    Original,
    /// As store credit on the customer's account.
    StoreCredit,
}

impl RefundTo {
    pub fn parse(text: &str) -> Result<RefundTo> {
        match text.trim() {
            "original" => Ok(RefundTo::Original),
            "store_credit" | "store-credit" => Ok(RefundTo::StoreCredit),
            other => Err(Error::invalid(
                "refund_to",
                format!("'{other}' is not original or store_credit"),
            )),
        }
    }
}

/// Money given back without goods coming back (a canceled order's
/// deposit, a goodwill gesture, an overcharge): `amount` to the original
/// tenders (newest first) or to the customer's store credit, with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RefundInput {
    #[serde(with = "crate::money::strict")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub amount: Decimal,
    #[serde(default)]
    pub to: RefundTo,
    #[serde(default)]
    pub reason: String,
}

/// How much of a refund of `amount` (without goods back) lowers what the
/// order costs: what was paid over its total is given back first, the rest
/// comes off the total, so a goodwill refund leaves nothing owing; none for
/// a canceled order (it costs nothing any more).
pub fn refund_adjustment(amount: i64, total: i64, paid: i64, canceled: bool) -> i64 {
    if canceled {
        return 0;
    }
    let over = paid.saturating_sub(total).max(0);
    amount.saturating_sub(over).max(0)
}

/// Refuses a refund of `amount` on an order that holds `paid` (what was
/// paid less what was already refunded): it must be above zero and at most
/// `paid`.
pub fn check_refund(amount: i64, paid: i64, currency: &Currency) -> Result<()> {
    if amount <= 0 {
        return Err(Error::invalid(
            "amount",
            "a refund must be greater than zero",
        ));
    }
    if amount > paid {
        return Err(Error::invalid(
            "amount",
            format!(
                "{} is more than the order holds: at most {} can be refunded",
                currency.format(amount),
                currency.format(paid.max(0))
            ),
        ));
    }
    Ok(())
}

/// Splits a refund over the original payments: methods in order of their
/// most recent payment (newest first), each up to what it still holds
/// (payments minus refunds already made to it). `payments` are the order's
/// rows, oldest first, refunds being negative.
pub fn split_refund(amount: i64, payments: &[(String, i64)]) -> Result<Vec<(String, i64)>> {
    let mut methods: Vec<(String, i64)> = Vec::new();
    for (method, _) in payments.iter().rev().filter(|(_, a)| *a > 0) {
        if !methods.iter().any(|(m, _)| m == method) {
            let held = payments
                .iter()
                .filter(|(m, _)| m == method)
                .map(|(_, a)| a)
                .sum();
            methods.push((method.clone(), held));
        }
    }
    let mut left = amount;
    let mut out = Vec::new();
    for (method, held) in methods {
        if left == 0 {
            break;
        }
        let take = held.min(left);
        if take > 0 {
            out.push((method, take));
            left -= take;
        }
    }
    if left > 0 {
        return Err(Error::conflict(
            "the refund is more than the order's payments hold",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refund_goes_to_the_newest_method_first() {
        let p = vec![("card".to_string(), 3000), ("cash".to_string(), 1000)];
        assert_eq!(
            split_refund(1500, &p).unwrap(),
            vec![("cash".to_string(), 1000), ("card".to_string(), 500)]
        );
        assert!(split_refund(5000, &p).is_err());
        assert_eq!(check_method(" Card ", "m").unwrap(), "card");
        assert_eq!(check_method("store_credit", "m").unwrap(), STORE_CREDIT);
        assert_eq!(
            check_method("cheque", "m").unwrap_err().to_string(),
            "m: 'cheque' is not a payment method (cash, card, transfer, store_credit)"
        );
        assert_eq!(
            check_method("", "m").unwrap_err().to_string(),
            "m: a payment method is required"
        );
        assert_eq!(required_deposit(Some(Decimal::new(30, 0)), 4050), 1215);
        assert_eq!(required_deposit(Some(Decimal::new(25, 0)), 1001), 250);
    }

    #[test]
    fn a_refund_is_at_most_what_the_order_holds() {
        let eur = Currency::from_code("EUR").unwrap();
        assert!(check_refund(2000, 2000, &eur).is_ok());
        assert_eq!(
            check_refund(2001, 2000, &eur).unwrap_err().to_string(),
            "amount: 20.01 is more than the order holds: at most 20.00 can be refunded"
        );
        assert!(check_refund(0, 2000, &eur).is_err());
        assert!(check_refund(1, 0, &eur).is_err());
    }
}
