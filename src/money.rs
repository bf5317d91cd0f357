//! Money is integer minor units (`i64`) in the shop's currency. This module
//! owns the one rounding rule (half away from zero) and the conversions
//! between minor units and decimal strings ("12.50") used in every JSON,
//! screen, receipt, invoice and refund.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::{quoted, Error, Result};

/// The one bound of every amount, in minor units: |x| ≤ 10^13
/// (100,000,000,000.00 in a currency with cents). Prices, modifiers,
/// payments, refunds, line amounts and order totals all stay inside it, so
/// no sum of them can overflow an `i64`.
pub const MAX_MINOR: i64 = 10_000_000_000_000;

/// The largest quantity of a line.
pub const MAX_QUANTITY: i64 = 1_000_000;

/// Digits before the point that any decimal may have (the bound above in a
/// currency without decimals has 14); more is out of range at once.
const MAX_WHOLE_DIGITS: usize = 20;
/// Digits after the point that any decimal may have.
const MAX_FRACTION_DIGITS: usize = 20;

/// Splits strict decimal syntax — an optional leading minus, digits, and
/// optionally a point with digits on both sides — into (negative, whole,
/// fraction). No exponent, `+`, `_`, spaces inside, `.5` or `3.`.
fn split_decimal(text: &str) -> Option<(bool, &str, &str)> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, frac) = match digits.split_once('.') {
        Some((w, f)) if !f.is_empty() => (w, f),
        Some(_) => return None,
        None => (digits, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    (!whole.is_empty() && all_digits(whole) && all_digits(frac)).then_some((negative, whole, frac))
}

/// A decimal in strict syntax (surrounding spaces ignored), as text a
/// person can read when it is not one.
fn strict_decimal(text: &str) -> std::result::Result<Decimal, String> {
    let t = text.trim();
    let (_, whole, frac) = split_decimal(t).ok_or_else(|| {
        format!(
            "{} is not a decimal number (digits, optionally a point with digits on both sides)",
            quoted(text)
        )
    })?;
    if whole.trim_start_matches('0').len() > MAX_WHOLE_DIGITS {
        return Err(format!("{} is out of range", quoted(text)));
    }
    if frac.len() > MAX_FRACTION_DIGITS {
        return Err(format!("{} has too many decimals", quoted(text)));
    }
    Decimal::from_str_exact(t).map_err(|_| format!("{} is out of range", quoted(text)))
}

/// Parses a decimal in strict syntax (see [`split_decimal`]); anything
/// else is an `invalid` error naming `field`.
pub fn parse_decimal(text: &str, field: &str) -> Result<Decimal> {
    strict_decimal(text).map_err(|m| Error::invalid(field, m))
}

/// Serde for decimals given as strings in input (orders, settings): the
/// strict syntax of [`parse_decimal`]. Written as a plain decimal string.
pub mod strict {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::str::serialize(value, s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(d)?;
        super::strict_decimal(&text).map_err(serde::de::Error::custom)
    }
}

/// [`strict`] for an optional decimal: null, a missing field or `""` is none.
pub mod strict_option {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::str_option::serialize(value, s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(t) if t.is_empty() => Ok(None),
            Some(t) => super::strict_decimal(&t)
                .map(Some)
                .map_err(serde::de::Error::custom),
        }
    }
}

/// A currency: ISO code and the number of decimals of its minor unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Currency {
    pub code: String,
    pub exponent: u32,
}

impl Currency {
    /// The currency for an ISO 4217 code (upper case, as the standard writes
    /// it), with its minor-unit exponent from the ISO 4217 table of the
    /// `iso_currency` crate. An unknown code, or one without a minor unit
    /// (gold, "no currency"…), is refused.
    pub fn from_code(code: &str) -> Result<Currency> {
        let known = iso_currency::Currency::from_code(code).ok_or_else(|| {
            let hint = match iso_currency::Currency::from_code(&code.trim().to_ascii_uppercase()) {
                Some(c) => format!(" (codes are upper case: {})", c.code()),
                None => String::new(),
            };
            Error::invalid(
                "currency",
                format!("'{code}' is not an ISO 4217 currency code{hint}"),
            )
        })?;
        let exponent = known.exponent().ok_or_else(|| {
            Error::invalid(
                "currency",
                format!("'{code}' ({}) is not money a shop can take", known.name()),
            )
        })?;
        Ok(Currency {
            code: known.code().to_string(),
            exponent: u32::from(exponent),
        })
    }

    /// Decimal value (e.g. from JSON) to minor units; refuses more decimals
    /// than the currency has.
    pub fn to_minor(&self, value: Decimal, field: &str) -> Result<i64> {
        let out_of_range = || {
            Error::invalid(
                field,
                format!(
                    "{} is beyond the largest amount, {}",
                    quoted(&value.to_string()),
                    self.format(MAX_MINOR)
                ),
            )
        };
        let scaled = value
            .checked_mul(Decimal::from(10i64.pow(self.exponent)))
            .ok_or_else(out_of_range)?;
        if scaled.fract() != Decimal::ZERO {
            return Err(Error::invalid(field, self.too_many_decimals(value)));
        }
        scaled
            .to_i64()
            .filter(|m| m.unsigned_abs() <= MAX_MINOR.unsigned_abs())
            .ok_or_else(out_of_range)
    }

    /// Parses an amount as typed ("12.50", "-3", "1.250" for BHD) into minor
    /// units. Strict: an optional minus, digits, and at most the currency's
    /// number of decimals as written ("1.2500" is refused for BHD, "12.0"
    /// for JPY); no exponent, sign "+", spaces inside or thousands separators.
    /// Beyond [`MAX_MINOR`] is out of range.
    pub fn parse(&self, text: &str, field: &str) -> Result<i64> {
        let t = text.trim();
        let Some((_, _, frac)) = split_decimal(t) else {
            return Err(Error::invalid(
                field,
                format!("{} is not an amount like {}", quoted(text), self.example()),
            ));
        };
        if frac.len() > self.exponent as usize {
            return Err(Error::invalid(field, self.too_many_decimals(t)));
        }
        let value = parse_decimal(t, field)?;
        self.to_minor(value, field)
    }

    /// An amount in this currency as a cashier would type it ("12.50",
    /// "1250" for JPY, "1.250" for BHD).
    pub fn example(&self) -> String {
        match self.exponent {
            0 => "1250".to_string(),
            e => format_minor(12 * 10i64.pow(e) + 5 * 10i64.pow(e - 1), e),
        }
    }

    fn too_many_decimals(&self, value: impl std::fmt::Display) -> String {
        match self.exponent {
            0 => format!("{value}: {} amounts have no decimals", self.code),
            e => format!("{value} has more than {e} decimals for {}", self.code),
        }
    }

    /// Minor units as a decimal string with exactly `exponent` decimals.
    pub fn format(&self, minor: i64) -> String {
        format_minor(minor, self.exponent)
    }

    /// Minor units as a `Decimal`.
    pub fn to_decimal(&self, minor: i64) -> Decimal {
        Decimal::new(minor, self.exponent)
    }
}

/// Minor units as a decimal string: `format_minor(1250, 2) == "12.50"`.
/// Integer arithmetic (it runs per amount in million-row exports); the same
/// text as `Decimal` with `exponent` decimals.
pub fn format_minor(minor: i64, exponent: u32) -> String {
    let Some(unit) = 10u64.checked_pow(exponent).filter(|_| exponent > 0) else {
        let mut d = Decimal::new(minor, exponent.min(28));
        d.rescale(exponent.min(28));
        return d.to_string();
    };
    let abs = minor.unsigned_abs();
    format!(
        "{}{}.{:0width$}",
        if minor < 0 { "-" } else { "" },
        abs / unit,
        abs % unit,
        width = exponent as usize
    )
}

/// The one rounding path: an exact amount in minor units (possibly
/// fractional) to whole minor units, half away from zero.
pub fn round_minor(exact_minor: Decimal) -> i64 {
    exact_minor
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
        .to_i64()
        .unwrap_or(if exact_minor.is_sign_negative() {
            i64::MIN
        } else {
            i64::MAX
        })
}

/// Parses an exact decimal quantity ("2.5", "0.750"); positive, at most 3 decimals.
pub fn parse_quantity(text: &str, field: &str) -> Result<Decimal> {
    let q = strict_decimal(text).map_err(|_| {
        Error::invalid(
            field,
            format!("{} is not a quantity like 2 or 2.5", quoted(text)),
        )
    })?;
    check_quantity(q, field)
}

pub fn check_quantity(q: Decimal, field: &str) -> Result<Decimal> {
    if q <= Decimal::ZERO {
        return Err(Error::invalid(field, "quantity must be greater than zero"));
    }
    if q.normalize().scale() > 3 {
        return Err(Error::invalid(field, "quantity has more than 3 decimals"));
    }
    if q > Decimal::from(MAX_QUANTITY) {
        return Err(Error::invalid(field, "quantity is too large"));
    }
    Ok(q.normalize())
}

/// A tax rate in percent ("20", "5.5"): 0 to 100, at most 4 decimals.
pub fn check_tax_rate(rate: Decimal, field: &str) -> Result<Decimal> {
    if rate < Decimal::ZERO || rate > Decimal::from(100) {
        return Err(Error::invalid(
            field,
            "tax rate must be between 0 and 100 percent",
        ));
    }
    if rate.normalize().scale() > 4 {
        return Err(Error::invalid(field, "tax rate has more than 4 decimals"));
    }
    Ok(rate.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses() {
        let eur = Currency::from_code("EUR").unwrap();
        assert_eq!(eur.format(1250), "12.50");
        assert_eq!(eur.format(-5), "-0.05");
        assert_eq!(eur.parse("12.5", "x").unwrap(), 1250);
        assert!(eur.parse("12.505", "x").is_err());
        let jpy = Currency::from_code("JPY").unwrap();
        assert_eq!(jpy.format(1250), "1250");
        let kwd = Currency::from_code("KWD").unwrap();
        assert_eq!(kwd.format(1250), "1.250");
    }

    #[test]
    fn exponents_come_from_the_iso_table() {
        for (code, exponent) in [
            ("EUR", 2),
            ("USD", 2),
            ("JPY", 0),
            ("KRW", 0),
            ("BHD", 3),
            ("KWD", 3),
            ("CLF", 4),
            ("XCG", 2),
        ] {
            assert_eq!(
                Currency::from_code(code).unwrap().exponent,
                exponent,
                "{code}"
            );
        }
        for bad in ["ZZZ", "eur", "EURO", "", "XAU", "XXX"] {
            let err = Currency::from_code(bad).unwrap_err().to_string();
            assert!(err.starts_with("currency: "), "{bad}: {err}");
        }
        assert!(Currency::from_code("eur")
            .unwrap_err()
            .to_string()
            .contains("upper case: EUR"));
    }

    #[test]
    fn parsing_is_strict_about_the_currencys_decimals() {
        let bhd = Currency::from_code("BHD").unwrap();
        assert_eq!(bhd.parse("1.250", "x").unwrap(), 1250);
        assert_eq!(bhd.parse("1.2", "x").unwrap(), 1200);
        assert_eq!(bhd.parse("1", "x").unwrap(), 1000);
        assert_eq!(
            bhd.parse("1.2500", "price").unwrap_err().to_string(),
            "price: 1.2500 has more than 3 decimals for BHD"
        );
        let jpy = Currency::from_code("JPY").unwrap();
        assert_eq!(jpy.parse("1250", "x").unwrap(), 1250);
        assert_eq!(
            jpy.parse("1250.0", "x").unwrap_err().to_string(),
            "x: 1250.0: JPY amounts have no decimals"
        );
        let eur = Currency::from_code("EUR").unwrap();
        assert_eq!(eur.parse("-3", "x").unwrap(), -300);
        for bad in [
            "", "abc", "1.", ".5", "+5", "1e3", "1,50", "1 000", "--1", "1.2.3",
        ] {
            assert_eq!(
                eur.parse(bad, "x").unwrap_err().to_string(),
                format!("x: '{bad}' is not an amount like 12.50"),
                "{bad}"
            );
        }
        assert_eq!(bhd.example(), "12.500");
        assert_eq!(jpy.example(), "1250");
    }

    #[test]
    fn integer_formatting_matches_decimal() {
        for exponent in 0..=4 {
            for minor in [
                0,
                1,
                -1,
                5,
                -5,
                99,
                100,
                -100,
                1250,
                -1250,
                123_456_789,
                i64::MAX,
                i64::MIN + 1,
            ] {
                let mut d = Decimal::new(minor, exponent);
                d.rescale(exponent);
                assert_eq!(
                    format_minor(minor, exponent),
                    d.to_string(),
                    "{minor} e{exponent}"
                );
            }
        }
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round_minor(Decimal::new(25, 1)), 3);
        assert_eq!(round_minor(Decimal::new(-25, 1)), -3);
        assert_eq!(round_minor(Decimal::new(249, 2)), 2);
    }
}
