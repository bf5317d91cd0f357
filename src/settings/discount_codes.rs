//! Discount codes the shop hands out ("WINTER10"): a percent or an amount
//! off the whole order, valid between two dates of the shop's calendar,
//! optionally from a minimum order. Entered at the POS; the core applies
//! them at intake (`orders::discount::apply_code`). Defined in the
//! settings file (docs/settings.md).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::limits::{check_text, Lines, CODE_CHARS};
use crate::money::Currency;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct DiscountCode {
    /// What the customer says or shows: letters, digits, `-` and `_`;
    /// matched without regard to case.
    pub code: String,
    /// Percent off the order (more than 0, at most 100)…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "crate::money::strict_option")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<String>"))]
    pub percent: Option<Decimal>,
    /// …or an amount off it, in the shop's currency (one of the two).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "crate::money::strict_option")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<String>"))]
    pub amount: Option<Decimal>,
    /// First day it is valid (the shop's local day); absent: from now on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "string"))]
    pub valid_from: Option<NaiveDate>,
    /// Last day it is valid; absent: no end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "string"))]
    pub valid_to: Option<NaiveDate>,
    /// The order total (before the code) it needs; absent: any order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "crate::money::strict_option")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<String>"))]
    pub min_order: Option<Decimal>,
}

impl DiscountCode {
    /// Whether `typed` names this code (trimmed, any case).
    pub fn is(&self, typed: &str) -> bool {
        self.code.eq_ignore_ascii_case(typed.trim())
    }
}

/// Checks the shop's codes: each well formed, one of percent and amount,
/// its dates in order, its amounts in the currency, each code once (in
/// any case).
pub fn check_codes(codes: &[DiscountCode], currency: &Currency) -> Result<()> {
    let mut seen: Vec<String> = Vec::new();
    for (i, c) in codes.iter().enumerate() {
        let at = format!("discount_codes[{i}]");
        check_text(&c.code, &format!("{at}.code"), CODE_CHARS, Lines::One)?;
        if c.code.is_empty()
            || !c
                .code
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
        {
            return Err(Error::invalid(
                format!("{at}.code"),
                format!("'{}': a code is letters, digits, '-' and '_' only", c.code),
            ));
        }
        let upper = c.code.to_ascii_uppercase();
        if seen.contains(&upper) {
            return Err(Error::invalid(
                "discount_codes",
                format!("'{}' is defined twice", c.code),
            ));
        }
        seen.push(upper);
        match (c.percent, c.amount) {
            (Some(_), Some(_)) | (None, None) => {
                return Err(Error::invalid(
                    format!("{at}.percent"),
                    "a code takes a percent or an amount off (one of them)",
                ))
            }
            (Some(p), None) if p <= Decimal::ZERO || p > Decimal::ONE_HUNDRED => {
                return Err(Error::invalid(
                    format!("{at}.percent"),
                    "more than 0 % and at most 100 %",
                ))
            }
            (None, Some(a)) if currency.to_minor(a, &format!("{at}.amount"))? <= 0 => {
                return Err(Error::invalid(
                    format!("{at}.amount"),
                    "an amount off is more than zero",
                ))
            }
            _ => {}
        }
        if let Some(m) = c.min_order {
            if currency.to_minor(m, &format!("{at}.min_order"))? < 0 {
                return Err(Error::invalid(
                    format!("{at}.min_order"),
                    "a minimum order cannot be negative",
                ));
            }
        }
        if let (Some(from), Some(to)) = (c.valid_from, c.valid_to) {
            if from > to {
                return Err(Error::invalid(
                    format!("{at}.valid_to"),
                    format!("it ends ({to}) before it starts ({from})"),
                ));
            }
        }
    }
    Ok(())
}
