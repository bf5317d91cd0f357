//! The cash drawer: the shop's cash settings, the notes and coins of a
//! currency (to count a float or a drawer by denomination), and the kinds of
//! cash movement outside a sale. Pure; amounts in minor units.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::Currency;

/// Which tenders need an open drawer session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SessionRule {
    /// No session is needed (a shop that does not count a drawer).
    None,
    /// Cash needs an open session; other tenders do not (the default: a
    /// till takes no cash before its drawer is opened with a float).
    #[default]
    Cash,
    /// Every tender needs an open session.
    All,
}

impl SessionRule {
    /// Whether taking or refunding `method` needs an open session.
    pub fn needs_session(self, method: &str) -> bool {
        match self {
            SessionRule::None => false,
            SessionRule::Cash => method == super::CASH,
            SessionRule::All => true,
        }
    }
}

/// The shop's cash settings (`shop.cash` in the settings file).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CashSettings {
    /// Which tenders need an open drawer session.
    #[serde(default)]
    pub sessions: SessionRule,
    /// The smallest coin cash is rounded to (`"0.05"` in Switzerland);
    /// absent: no rounding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub smallest_coin: Option<String>,
    /// Whoever closes the till counts without seeing the expected figures.
    #[serde(default)]
    pub blind_count: bool,
}

impl CashSettings {
    /// The smallest coin in minor units (1 without rounding).
    pub fn coin(&self, currency: &Currency) -> Result<i64> {
        let Some(text) = self.smallest_coin.as_deref() else {
            return Ok(1);
        };
        let coin = currency.parse(text, "shop.cash.smallest_coin")?;
        if coin <= 0 || coin > 100 * 10i64.pow(currency.exponent) {
            return Err(Error::invalid(
                "shop.cash.smallest_coin",
                "the smallest coin is more than 0 and at most 100",
            ));
        }
        Ok(coin)
    }
}

/// A cash movement outside a sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CashMovementKind {
    /// Cash put into the drawer (more change).
    PayIn,
    /// Cash taken out to pay for something.
    PayOut,
    /// Cash taken to the safe.
    Drop,
    /// The drawer opened without a sale (amount 0).
    NoSale,
}

impl CashMovementKind {
    pub fn key(self) -> &'static str {
        match self {
            CashMovementKind::PayIn => "pay_in",
            CashMovementKind::PayOut => "pay_out",
            CashMovementKind::Drop => "drop",
            CashMovementKind::NoSale => "no_sale",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CashMovementKind::PayIn => "Pay-in",
            CashMovementKind::PayOut => "Pay-out",
            CashMovementKind::Drop => "Safe drop",
            CashMovementKind::NoSale => "No sale",
        }
    }

    pub fn parse(key: &str) -> Result<CashMovementKind> {
        match key {
            "pay_in" | "in" => Ok(CashMovementKind::PayIn),
            "pay_out" | "out" => Ok(CashMovementKind::PayOut),
            "drop" => Ok(CashMovementKind::Drop),
            "no_sale" => Ok(CashMovementKind::NoSale),
            other => Err(Error::invalid(
                "kind",
                format!("'{other}' is not pay_in, pay_out, drop or no_sale"),
            )),
        }
    }

    /// What the movement does to the drawer's cash, for `amount`.
    pub fn signed(self, amount: i64) -> i64 {
        match self {
            CashMovementKind::PayIn => amount,
            CashMovementKind::PayOut | CashMovementKind::Drop => -amount,
            CashMovementKind::NoSale => 0,
        }
    }
}

/// The notes and coins of `code`, largest first, in minor units; empty for
/// a currency the table does not know (then a float is given as a total).
pub fn denominations(code: &str) -> &'static [i64] {
    match code {
        "EUR" => &[
            50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1,
        ],
        "CHF" => &[
            100000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5,
        ],
        "USD" => &[10000, 5000, 2000, 1000, 500, 200, 100, 25, 10, 5, 1],
        "GBP" => &[5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
        "CAD" => &[10000, 5000, 2000, 1000, 500, 200, 100, 25, 10, 5],
        "AUD" => &[10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5],
        "JPY" => &[10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 1],
        "SEK" => &[100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100],
        "NOK" | "DKK" => &[100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100],
        "PLN" => &[
            50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1,
        ],
        _ => &[],
    }
}

/// The total of a count by denomination: (denomination, pieces), each
/// denomination one of the currency's.
pub fn count_total(currency: &Currency, count: &[(i64, i64)], field: &str) -> Result<i64> {
    let known = denominations(&currency.code);
    let mut total: i64 = 0;
    for (value, pieces) in count {
        if !known.contains(value) {
            return Err(Error::invalid(
                field,
                format!(
                    "{} is not a note or coin of {}",
                    currency.format(*value),
                    currency.code
                ),
            ));
        }
        if !(0..=100_000).contains(pieces) {
            return Err(Error::invalid(
                field,
                "a count is between 0 and 100000 pieces",
            ));
        }
        total = value
            .checked_mul(*pieces)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(|| Error::invalid(field, "the count is too large"))?;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_by_denomination() {
        let eur = Currency::from_code("EUR").unwrap();
        assert_eq!(
            count_total(&eur, &[(2000, 3), (100, 7), (5, 4)], "f").unwrap(),
            6720
        );
        assert!(count_total(&eur, &[(300, 1)], "f").is_err());
        assert!(count_total(&eur, &[(100, -1)], "f").is_err());
        let chf = Currency::from_code("CHF").unwrap();
        assert!(count_total(&chf, &[(1, 1)], "f").is_err());
        assert!(denominations("XYZ").is_empty());
    }

    #[test]
    fn rules_and_coins() {
        assert!(!SessionRule::None.needs_session("cash"));
        assert!(SessionRule::Cash.needs_session("cash"));
        assert!(!SessionRule::Cash.needs_session("card"));
        assert!(SessionRule::All.needs_session("card"));
        assert_eq!(SessionRule::default(), SessionRule::Cash);
        let chf = Currency::from_code("CHF").unwrap();
        let s = CashSettings {
            smallest_coin: Some("0.05".into()),
            ..CashSettings::default()
        };
        assert_eq!(s.coin(&chf).unwrap(), 5);
        assert_eq!(CashSettings::default().coin(&chf).unwrap(), 1);
        let bad = CashSettings {
            smallest_coin: Some("0".into()),
            ..CashSettings::default()
        };
        assert!(bad.coin(&chf).is_err());
        assert_eq!(CashMovementKind::Drop.signed(500), -500);
        assert_eq!(
            CashMovementKind::parse("in").unwrap(),
            CashMovementKind::PayIn
        );
    }
}
