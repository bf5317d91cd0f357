//! Money is integer minor units (`i64`) in the shop's currency. This module
//! owns the one rounding rule (half away from zero) and the conversions
//! between minor units and decimal strings ("12.50") used in every JSON,
//! screen, receipt, invoice and refund.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A currency: ISO code and the number of decimals of its minor unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Currency {
    pub code: String,
    pub exponent: u32,
}

impl Currency {
    /// The currency for an ISO 4217 code, with its minor-unit exponent.
    pub fn from_code(code: &str) -> Result<Currency> {
        let code = code.trim().to_ascii_uppercase();
        if code.len() != 3 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(Error::invalid(
                "currency",
                format!("'{code}' is not a three-letter ISO currency code"),
            ));
        }
        let exponent = match code.as_str() {
            "JPY" | "KRW" | "ISK" | "CLP" | "VND" | "XOF" | "XAF" | "UGX" | "PYG" => 0,
            "BHD" | "KWD" | "OMR" | "JOD" | "TND" | "LYD" | "IQD" => 3,
            _ => 2,
        };
        Ok(Currency { code, exponent })
    }

    /// Decimal value (e.g. from JSON) to minor units; refuses more decimals
    /// than the currency has.
    pub fn to_minor(&self, value: Decimal, field: &str) -> Result<i64> {
        let scaled = value
            .checked_mul(Decimal::from(10i64.pow(self.exponent)))
            .ok_or_else(|| Error::invalid(field, format!("{value} is out of range")))?;
        if scaled.fract() != Decimal::ZERO {
            return Err(Error::invalid(
                field,
                format!(
                    "{value} has more than {} decimals for {}",
                    self.exponent, self.code
                ),
            ));
        }
        scaled
            .to_i64()
            .ok_or_else(|| Error::invalid(field, format!("{value} is out of range")))
    }

    /// Parses a decimal string ("12.50") into minor units.
    pub fn parse(&self, text: &str, field: &str) -> Result<i64> {
        let value: Decimal = text
            .trim()
            .parse()
            .map_err(|_| Error::invalid(field, format!("'{text}' is not an amount")))?;
        self.to_minor(value, field)
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
    let q: Decimal = text
        .trim()
        .parse()
        .map_err(|_| Error::invalid(field, format!("'{text}' is not a quantity")))?;
    check_quantity(q, field)
}

pub fn check_quantity(q: Decimal, field: &str) -> Result<Decimal> {
    if q <= Decimal::ZERO {
        return Err(Error::invalid(field, "quantity must be greater than zero"));
    }
    if q.normalize().scale() > 3 {
        return Err(Error::invalid(field, "quantity has more than 3 decimals"));
    }
    if q > Decimal::from(1_000_000) {
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
        let eur = Currency::from_code("eur").unwrap();
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
