//! What a tender settles: cash handed over beyond what is due gives change
//! back; cash is rounded to the smallest coin where the shop says so (CHF
//! 0.05). Pure; amounts in minor units.

use serde::Serialize;

use super::CASH;
use crate::error::{Error, Result};
use crate::money::Currency;

/// One payment as taken: what it pays off the order (`amount`), the change
/// given back, and the cash rounding (what the drawer took beyond
/// `amount`: rounded due − exact due, so it may be negative).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tendered {
    pub amount: i64,
    pub change: i64,
    pub rounding: i64,
}

impl Tendered {
    /// What the customer handed over.
    pub fn tendered(&self) -> i64 {
        self.amount + self.rounding + self.change
    }

    /// What stayed in the drawer (cash): tendered − change.
    pub fn kept(&self) -> i64 {
        self.amount + self.rounding
    }
}

/// `amount` rounded to a multiple of `coin` (half away from zero; `coin`
/// ≤ 1 leaves it as it is).
pub fn round_to_coin(amount: i64, coin: i64) -> i64 {
    if coin <= 1 {
        return amount;
    }
    let rest = amount.rem_euclid(coin);
    let down = amount - rest;
    if rest * 2 >= coin {
        down + coin
    } else {
        down
    }
}

/// What `handed` of `method` settles of `balance`: cash above the balance
/// (rounded to `coin`) gives change; any other tender may not exceed it.
pub fn tender(
    method: &str,
    handed: i64,
    balance: i64,
    coin: i64,
    currency: &Currency,
    field: &str,
) -> Result<Tendered> {
    if handed <= 0 {
        return Err(Error::invalid(field, "a payment must be greater than zero"));
    }
    if balance <= 0 {
        return Err(Error::invalid(field, "nothing is due"));
    }
    if method != CASH {
        if handed > balance {
            return Err(Error::invalid(
                field,
                format!(
                    "{} is more than the balance due {}",
                    currency.format(handed),
                    currency.format(balance)
                ),
            ));
        }
        return Ok(Tendered {
            amount: handed,
            ..Tendered::default()
        });
    }
    if coin > 1 && handed % coin != 0 {
        return Err(Error::invalid(
            field,
            format!(
                "cash is taken in steps of {} (the shop's smallest coin)",
                currency.format(coin)
            ),
        ));
    }
    let due = round_to_coin(balance, coin);
    if handed >= due {
        Ok(Tendered {
            amount: balance,
            change: handed - due,
            rounding: due - balance,
        })
    } else {
        Ok(Tendered {
            amount: handed,
            ..Tendered::default()
        })
    }
}

/// Applies `payments` (method, handed) in order to an order of `total`:
/// each settles what is still due ([`tender`]); a payment after the order is
/// settled is refused.
pub fn settle(
    payments: &[(String, i64)],
    total: i64,
    coin: i64,
    currency: &Currency,
) -> Result<Vec<Tendered>> {
    let mut left = total;
    let mut out = Vec::with_capacity(payments.len());
    for (i, (method, handed)) in payments.iter().enumerate() {
        let field = format!("payments[{i}].amount");
        if left <= 0 {
            return Err(Error::invalid(
                "payments",
                "payments exceed the order total",
            ));
        }
        let t = tender(method, *handed, left, coin, currency, &field).map_err(|e| {
            if method == CASH {
                e
            } else {
                Error::invalid("payments", "payments exceed the order total")
            }
        })?;
        left -= t.amount;
        out.push(t);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur() -> Currency {
        Currency::from_code("EUR").unwrap()
    }

    #[test]
    fn cash_above_the_balance_gives_change() {
        let t = tender("cash", 2000, 1050, 1, &eur(), "a").unwrap();
        assert_eq!(
            t,
            Tendered {
                amount: 1050,
                change: 950,
                rounding: 0
            }
        );
        assert_eq!(t.tendered(), 2000);
        assert_eq!(t.kept(), 1050);
        assert!(tender("card", 2000, 1050, 1, &eur(), "a").is_err());
        assert_eq!(
            tender("card", 500, 1050, 1, &eur(), "a").unwrap().amount,
            500
        );
    }

    #[test]
    fn cash_rounds_to_the_smallest_coin() {
        assert_eq!(round_to_coin(1052, 5), 1050);
        assert_eq!(round_to_coin(1053, 5), 1055);
        assert_eq!(round_to_coin(1055, 10), 1060);
        assert_eq!(round_to_coin(1054, 10), 1050);
        assert_eq!(round_to_coin(1052, 1), 1052);
        let chf = Currency::from_code("CHF").unwrap();
        // 10.52 due: the customer pays 10.50, the order is paid in full.
        let t = tender("cash", 1050, 1052, 5, &chf, "a").unwrap();
        assert_eq!((t.amount, t.change, t.rounding), (1052, 0, -2));
        let t = tender("cash", 2000, 1053, 5, &chf, "a").unwrap();
        assert_eq!((t.amount, t.change, t.rounding), (1053, 945, 2));
        assert_eq!(t.kept(), 1055);
        // Less than the rounded due is a part payment, unrounded.
        let t = tender("cash", 500, 1053, 5, &chf, "a").unwrap();
        assert_eq!((t.amount, t.change, t.rounding), (500, 0, 0));
        assert!(tender("cash", 1052, 1052, 5, &chf, "a").is_err());
    }

    #[test]
    fn settling_applies_payments_in_order() {
        let p = vec![("card".to_string(), 500), ("cash".to_string(), 2000)];
        let t = settle(&p, 1050, 1, &eur()).unwrap();
        assert_eq!(t[1].amount, 550);
        assert_eq!(t[1].change, 1450);
        let p = vec![("cash".to_string(), 2000), ("card".to_string(), 500)];
        assert!(settle(&p, 1050, 1, &eur()).is_err());
        let p = vec![("card".to_string(), 2000)];
        assert!(settle(&p, 1050, 1, &eur()).is_err());
    }
}
