//! The one totals function. Screen, receipt, invoice, split invoices and
//! refunds all call [`compute`]; nothing else does tax or rounding maths.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::money::round_minor;
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineTotal {
    /// What the line costs as priced: qty × (unit price + modifiers), rounded.
    pub amount: i64,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub lines: Vec<LineTotal>,
    pub by_rate: Vec<RateTotal>,
    /// Net of tax.
    pub subtotal: i64,
    pub tax: i64,
    /// What the customer pays.
    pub total: i64,
}

fn exact_tax(amount: i64, rate: Decimal, inclusive: bool) -> Decimal {
    let amount = Decimal::from(amount);
    if inclusive {
        amount * rate / (Decimal::ONE_HUNDRED + rate)
    } else {
        amount * rate / Decimal::ONE_HUNDRED
    }
}

/// Computes line amounts, tax per rate and document totals.
pub fn compute(lines: &[PricedLine], pricing: Pricing) -> Totals {
    let inclusive = pricing.prices_include_tax;
    let line_totals: Vec<LineTotal> = lines
        .iter()
        .map(|l| {
            let amount = round_minor(l.qty * Decimal::from(l.unit_price + l.modifiers));
            let tax = round_minor(exact_tax(amount, l.tax_rate, inclusive));
            LineTotal { amount, tax }
        })
        .collect();

    let mut rates: Vec<Decimal> = lines.iter().map(|l| l.tax_rate.normalize()).collect();
    rates.sort();
    rates.dedup();
    let by_rate: Vec<RateTotal> = rates
        .into_iter()
        .map(|rate| {
            let in_rate = || {
                lines
                    .iter()
                    .zip(&line_totals)
                    .filter(move |(l, _)| l.tax_rate.normalize() == rate)
            };
            let amount: i64 = in_rate().map(|(_, t)| t.amount).sum();
            let tax = match pricing.rounding {
                TaxRounding::PerLine => in_rate().map(|(_, t)| t.tax).sum(),
                TaxRounding::PerDocument => round_minor(exact_tax(amount, rate, inclusive)),
            };
            let (net, gross) = if inclusive {
                (amount - tax, amount)
            } else {
                (amount, amount + tax)
            };
            RateTotal {
                rate,
                net,
                tax,
                gross,
            }
        })
        .collect();

    let subtotal = by_rate.iter().map(|r| r.net).sum();
    let tax = by_rate.iter().map(|r| r.tax).sum();
    let total = by_rate.iter().map(|r| r.gross).sum();
    Totals {
        lines: line_totals,
        by_rate,
        subtotal,
        tax,
        total,
    }
}
