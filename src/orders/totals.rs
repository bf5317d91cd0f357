//! The one totals function. Screen, receipt, invoice, split invoices and
//! refunds all call [`compute`]; nothing else does tax or rounding maths.
//! Every step is checked: an amount beyond [`MAX_MINOR`] is an `invalid`
//! error, never a wrapped or saturated number.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::money::{round_minor, MAX_MINOR};
use crate::settings::TaxRounding;

/// How the shop prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pricing {
    pub prices_include_tax: bool,
    pub rounding: TaxRounding,
}

impl Pricing {
    /// The stored form: (prices include tax, rounding key).
    pub fn to_stored(self) -> (bool, &'static str) {
        let rounding = match self.rounding {
            TaxRounding::PerLine => "per_line",
            TaxRounding::PerDocument => "per_document",
        };
        (self.prices_include_tax, rounding)
    }

    /// Reads the stored form; `None` when the order predates stored pricing.
    pub fn from_stored(include_tax: Option<bool>, rounding: Option<&str>) -> Option<Pricing> {
        let rounding = match rounding? {
            "per_line" => TaxRounding::PerLine,
            "per_document" => TaxRounding::PerDocument,
            _ => return None,
        };
        Some(Pricing {
            prices_include_tax: include_tax?,
            rounding,
        })
    }
}

/// What the totals need of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedLine {
    pub qty: Decimal,
    /// Unit price in minor units (tax-inclusive when the shop prices so).
    pub unit_price: i64,
    /// Sum of modifier price adjustments per unit, minor units.
    pub modifiers: i64,
    /// Percent.
    pub tax_rate: Decimal,
    /// Taken off the line's amount before its tax is computed.
    pub discount: Option<Discount>,
}

/// A discount on a line, taken off its amount (qty × (unit price +
/// modifiers), rounded) before tax: the tax is the tax of what is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Discount {
    /// This percent of the line's amount, rounded by the one rule.
    Percent {
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        percent: Decimal,
    },
    /// `minor` off the line as it was when given, `of_qty` units: a line
    /// priced at another quantity (a partial return, an edit) gets its
    /// share, `minor × qty / of_qty`, rounded.
    Amount {
        minor: i64,
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        of_qty: Decimal,
    },
}

impl Discount {
    /// What it takes off `gross` (the line's amount at `qty`); `None` when
    /// it is beyond the amount or the bound.
    pub fn off(self, gross: i64, qty: Decimal) -> Option<i64> {
        let off = match self {
            Discount::Percent { percent } => {
                bounded(Decimal::from(gross).checked_mul(percent)? / Decimal::ONE_HUNDRED)?
            }
            Discount::Amount { minor, of_qty } if qty == of_qty => minor,
            Discount::Amount { minor, of_qty } => {
                if of_qty <= Decimal::ZERO {
                    return None;
                }
                bounded(Decimal::from(minor).checked_mul(qty)?.checked_div(of_qty)?)?
            }
        };
        (0..=gross.max(0)).contains(&off).then_some(off)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineTotal {
    /// What the line costs: qty × (unit price + modifiers), rounded, less
    /// its discount.
    pub amount: i64,
    /// What its discount took off (0 without one).
    pub discount: i64,
    /// The line's tax (exact per line under per-line rounding; the line's
    /// rounded share under per-document rounding, for display only).
    pub tax: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RateTotal {
    pub rate: Decimal,
    pub net: i64,
    pub tax: i64,
    pub gross: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub lines: Vec<LineTotal>,
    pub by_rate: Vec<RateTotal>,
    /// Net of tax.
    pub subtotal: i64,
    pub tax: i64,
    /// What the customer pays.
    pub total: i64,
}

fn exact_tax(amount: i64, rate: Decimal, inclusive: bool) -> Option<Decimal> {
    let amount = Decimal::from(amount);
    if inclusive {
        amount
            .checked_mul(rate)?
            .checked_div(Decimal::ONE_HUNDRED.checked_add(rate)?)
    } else {
        amount.checked_mul(rate)?.checked_div(Decimal::ONE_HUNDRED)
    }
}

/// `value` rounded to whole minor units (the one rounding rule), inside
/// the bound, or `None`.
fn bounded(value: Decimal) -> Option<i64> {
    let minor = round_minor(value);
    (minor.unsigned_abs() <= MAX_MINOR.unsigned_abs()).then_some(minor)
}

/// A sum of amounts, checked against the bound.
fn sum(amounts: impl IntoIterator<Item = i64>) -> Option<i64> {
    amounts
        .into_iter()
        .try_fold(0i64, i64::checked_add)
        .filter(|s| s.unsigned_abs() <= MAX_MINOR.unsigned_abs())
}

fn beyond(field: String, what: &str) -> Error {
    Error::invalid(
        field,
        format!("{what} is beyond the largest amount ({MAX_MINOR} minor units)"),
    )
}

/// The amount of one line as priced: qty × (unit price + modifiers),
/// rounded, inside the bound. `None` when it is not.
pub fn line_amount(qty: Decimal, unit_price: i64, modifiers: i64) -> Option<i64> {
    let unit = unit_price.checked_add(modifiers)?;
    bounded(qty.checked_mul(Decimal::from(unit))?)
}

/// Computes line amounts, tax per rate and document totals; an amount
/// beyond the bound is an `invalid` error (`lines[i]` for a line,
/// `total` for the document).
pub fn compute(lines: &[PricedLine], pricing: Pricing) -> Result<Totals> {
    let inclusive = pricing.prices_include_tax;
    let line_totals = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let gross = line_amount(l.qty, l.unit_price, l.modifiers)
                .ok_or_else(|| beyond(format!("lines[{i}]"), "the line's amount"))?;
            let discount = match l.discount {
                None => 0,
                Some(d) => d.off(gross, l.qty).ok_or_else(|| {
                    Error::invalid(
                        format!("lines[{i}].discount"),
                        "a discount cannot be more than the line's amount",
                    )
                })?,
            };
            let amount = gross - discount;
            let tax = exact_tax(amount, l.tax_rate, inclusive)
                .and_then(bounded)
                .ok_or_else(|| beyond(format!("lines[{i}]"), "the line's tax"))?;
            Ok(LineTotal {
                amount,
                discount,
                tax,
            })
        })
        .collect::<Result<Vec<LineTotal>>>()?;
    let too_large = || beyond("total".into(), "the order's total");

    let mut rates: Vec<Decimal> = lines.iter().map(|l| l.tax_rate.normalize()).collect();
    rates.sort();
    rates.dedup();
    let by_rate = rates
        .into_iter()
        .map(|rate| {
            let in_rate = || {
                lines
                    .iter()
                    .zip(&line_totals)
                    .filter(move |(l, _)| l.tax_rate.normalize() == rate)
            };
            let amount = sum(in_rate().map(|(_, t)| t.amount)).ok_or_else(too_large)?;
            let tax = match pricing.rounding {
                TaxRounding::PerLine => sum(in_rate().map(|(_, t)| t.tax)),
                TaxRounding::PerDocument => exact_tax(amount, rate, inclusive).and_then(bounded),
            }
            .ok_or_else(too_large)?;
            let (net, gross) = if inclusive {
                (amount.checked_sub(tax), Some(amount))
            } else {
                (Some(amount), sum([amount, tax]))
            };
            Ok(RateTotal {
                rate,
                net: net.ok_or_else(too_large)?,
                tax,
                gross: gross.ok_or_else(too_large)?,
            })
        })
        .collect::<Result<Vec<RateTotal>>>()?;

    let subtotal = sum(by_rate.iter().map(|r| r.net)).ok_or_else(too_large)?;
    let tax = sum(by_rate.iter().map(|r| r.tax)).ok_or_else(too_large)?;
    let total = sum(by_rate.iter().map(|r| r.gross)).ok_or_else(too_large)?;
    Ok(Totals {
        lines: line_totals,
        by_rate,
        subtotal,
        tax,
        total,
    })
}
