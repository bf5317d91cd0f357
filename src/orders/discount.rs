//! Discounts on a taken order: one line's, or the whole order's shared out
//! over its lines, as a percentage or an amount, with a reason. Taken off
//! the line amounts before tax (see [`super::totals::Discount`]). Pure.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::totals::{compute, line_amount, Discount, Pricing, Totals};
use super::Line;
use crate::error::{Error, Result};
use crate::money::{round_minor, Currency};
use crate::settings::DiscountCode;

/// A discount as a person gives it: `percent` or `amount` (one of them),
/// on `line` (0-based) or, without it, on the whole order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct DiscountInput {
    #[serde(default, with = "crate::money::strict_option")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<String>"))]
    pub percent: Option<Decimal>,
    #[serde(default, with = "crate::money::strict_option")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<String>"))]
    pub amount: Option<Decimal>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub line: Option<usize>,
    pub reason: String,
}

/// What a discount comes to.
#[derive(Debug, Clone, PartialEq)]
pub struct DiscountPlan {
    /// The order's lines with their new discounts.
    pub lines: Vec<Line>,
    /// Indexes of the lines whose discount changed.
    pub changed: Vec<usize>,
    pub totals: Totals,
    /// What this discount takes off, minor units.
    pub taken: i64,
    /// The same as a percentage of what it is taken from (the role limit
    /// compares it).
    pub percent: Decimal,
    /// "10 % off line 0 (Shirt): 1.20", for the audit row.
    pub summary: String,
}

/// What the customer keeps of each line: `lines[i].qty - returned[i]`.
fn kept(lines: &[Line], returned: &[Decimal]) -> Vec<Decimal> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| l.qty - returned.get(i).copied().unwrap_or_default())
        .collect()
}

/// A line's amount at `qty` before and after its discount (minor units).
fn amounts(l: &Line, qty: Decimal) -> Result<(i64, i64)> {
    let mods = l.modifiers.iter().map(|m| m.price).sum();
    let gross = line_amount(qty, l.unit_price, mods)
        .ok_or_else(|| Error::invalid("line", "the line's amount is beyond the bound"))?;
    let off = match l.discount {
        Some(d) => d.off(gross, qty).unwrap_or(0),
        None => 0,
    };
    Ok((gross, gross - off))
}

/// Applies `input` to the order's lines (re-priced under `pricing`,
/// returned quantities off). Refused: no lines, neither or both of
/// percent and amount, a percent outside 0–100, more than the amount, an
/// empty reason.
pub fn plan_discount(
    lines: &[Line],
    returned: &[Decimal],
    input: &DiscountInput,
    currency: &Currency,
    pricing: Pricing,
) -> Result<DiscountPlan> {
    let reason = input.reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("reason", "say why the discount is given"));
    }
    crate::limits::check_text(
        reason,
        "reason",
        crate::limits::NOTE_CHARS,
        crate::limits::Lines::One,
    )?;
    let kept = kept(lines, returned);
    let mut out = lines.to_vec();
    let (taken, base, changed, what) = match (input.percent, input.amount) {
        (Some(_), Some(_)) | (None, None) => {
            return Err(Error::invalid(
                "percent",
                "give a discount as a percent or as an amount (one of them)",
            ))
        }
        (Some(p), None) if p <= Decimal::ZERO || p > Decimal::ONE_HUNDRED => {
            return Err(Error::invalid(
                "percent",
                "a discount is more than 0 % and at most 100 %",
            ))
        }
        (p, a) => {
            let amount = a.map(|a| currency.to_minor(a, "amount")).transpose()?;
            if amount.is_some_and(|m| m <= 0) {
                return Err(Error::invalid("amount", "a discount is more than zero"));
            }
            match input.line {
                Some(i) => {
                    let l = lines.get(i).ok_or_else(|| {
                        Error::invalid(
                            "line",
                            format!("no line {i}: the order has {} lines", lines.len()),
                        )
                    })?;
                    if kept[i] <= Decimal::ZERO {
                        return Err(Error::invalid(
                            "line",
                            format!("line {i} has all been returned"),
                        ));
                    }
                    let (gross, _) = amounts(l, kept[i])?;
                    let d = match (p, amount) {
                        (Some(percent), _) => Discount::Percent { percent },
                        (None, Some(minor)) => Discount::Amount {
                            minor,
                            of_qty: kept[i],
                        },
                        (None, None) => unreachable_discount()?,
                    };
                    let taken = d.off(gross, kept[i]).ok_or_else(|| {
                        Error::invalid(
                            "amount",
                            format!("more than the line's amount, {}", currency.format(gross)),
                        )
                    })?;
                    out[i].discount = Some(d);
                    out[i].discount_reason = Some(reason.to_string());
                    (taken, gross, vec![i], format!("line {i} ({})", l.name))
                }
                None => {
                    let nets: Vec<i64> = lines
                        .iter()
                        .zip(&kept)
                        .map(|(l, q)| {
                            if *q <= Decimal::ZERO {
                                Ok(0)
                            } else {
                                amounts(l, *q).map(|a| a.1)
                            }
                        })
                        .collect::<Result<_>>()?;
                    let base: i64 = nets.iter().sum();
                    let taken = match (p, amount) {
                        (Some(percent), _) => {
                            round_minor(Decimal::from(base) * percent / Decimal::ONE_HUNDRED)
                        }
                        (None, Some(minor)) => minor,
                        (None, None) => 0,
                    };
                    if taken > base || base <= 0 {
                        return Err(Error::invalid(
                            "amount",
                            format!("more than the order's total, {}", currency.format(base)),
                        ));
                    }
                    let shares = share(taken, &nets);
                    let mut changed = Vec::new();
                    for (i, s) in shares.into_iter().enumerate() {
                        if s == 0 {
                            continue;
                        }
                        let (gross, net) = amounts(&lines[i], kept[i])?;
                        out[i].discount = Some(Discount::Amount {
                            minor: gross - net + s,
                            of_qty: kept[i],
                        });
                        out[i].discount_reason = Some(reason.to_string());
                        changed.push(i);
                    }
                    (taken, base, changed, "the order".to_string())
                }
            }
        }
    };
    let priced: Vec<_> = out
        .iter()
        .zip(&kept)
        .map(|(l, q)| {
            let mut p = l.priced();
            p.qty = *q;
            p
        })
        .collect();
    let totals = compute(&priced, pricing)?;
    for &i in &changed {
        out[i].amount = totals.lines[i].amount;
        out[i].tax = totals.lines[i].tax;
    }
    let percent = match input.percent {
        Some(p) => p,
        None if base > 0 => {
            (Decimal::from(taken) * Decimal::ONE_HUNDRED / Decimal::from(base)).round_dp(2)
        }
        None => Decimal::ZERO,
    };
    let how = match input.percent {
        Some(p) => format!("{} % off", p.normalize()),
        None => "off".to_string(),
    };
    Ok(DiscountPlan {
        lines: out,
        changed,
        totals,
        taken,
        percent,
        summary: format!("{how} {what}: {} ({reason})", currency.format(taken)),
    })
}

/// The field a discount code's refusal names.
pub const CODE_FIELD: &str = "discount_code";

/// Applies the code `typed` (one of the shop's `codes`, any case) to an
/// order being taken on the shop's local day `today`, its `lines` priced
/// under `pricing`: the whole order's discount, with the code as its
/// reason. An amount larger than the order takes the whole order.
/// Refused, naming [`CODE_FIELD`]: no such code, not valid that day, or
/// the order under the code's minimum. Returns the code as the shop wrote
/// it and the plan.
pub fn apply_code(
    codes: &[DiscountCode],
    typed: &str,
    today: NaiveDate,
    lines: &[Line],
    currency: &Currency,
    pricing: Pricing,
) -> Result<(String, DiscountPlan)> {
    let refuse = |why: String| Err(Error::invalid(CODE_FIELD, why));
    let Some(code) = codes.iter().find(|c| c.is(typed)) else {
        return refuse(format!("'{}' is not one of the shop's codes", typed.trim()));
    };
    if let Some(from) = code.valid_from.filter(|from| today < *from) {
        return refuse(format!("{} is valid from {from}", code.code));
    }
    if let Some(to) = code.valid_to.filter(|to| today > *to) {
        return refuse(format!("{} ended on {to}", code.code));
    }
    let before = compute(&lines.iter().map(Line::priced).collect::<Vec<_>>(), pricing)?;
    if let Some(min) = code.min_order {
        let min = currency.to_minor(min, CODE_FIELD)?;
        if before.total < min {
            return refuse(format!(
                "{} needs an order of at least {}",
                code.code,
                currency.format(min)
            ));
        }
    }
    let base: i64 = before.lines.iter().map(|l| l.amount).sum();
    let amount = match code.amount {
        Some(a) => Some(currency.to_minor(a, CODE_FIELD)?.min(base).max(0)),
        None => None,
    };
    if base <= 0 || amount == Some(0) {
        return refuse(format!(
            "{} takes nothing off an order of nothing",
            code.code
        ));
    }
    let input = DiscountInput {
        percent: code.percent,
        amount: amount.map(|m| Decimal::new(m, currency.exponent)),
        line: None,
        reason: format!("code {}", code.code),
    };
    let plan = plan_discount(lines, &[], &input, currency, pricing).map_err(|e| match e {
        Error::Invalid { message, .. } => Error::invalid(CODE_FIELD, message),
        other => other,
    })?;
    Ok((code.code.clone(), plan))
}

/// What a stored line's discount took off (minor units) and its percent
/// as shown ("10 %", empty for an amount): screens and documents alike.
pub fn taken_off(l: &Line) -> Option<(i64, String)> {
    let rule = l.discount?;
    let (gross, net) = amounts(l, l.qty).ok()?;
    let percent = match rule {
        Discount::Percent { percent } => format!("{} %", percent.normalize()),
        Discount::Amount { .. } => String::new(),
    };
    Some((rule.off(gross, l.qty).unwrap_or(gross - net), percent))
}

/// "Discount 10 % (loyal customer)", as screens and documents label it.
pub fn discount_label(percent: &str, reason: Option<&str>) -> String {
    let mut s = "Discount".to_string();
    if !percent.is_empty() {
        s.push(' ');
        s.push_str(percent);
    }
    if let Some(r) = reason {
        s.push_str(&format!(" ({r})"));
    }
    s
}

fn unreachable_discount() -> Result<Discount> {
    Err(Error::invalid("percent", "give a percent or an amount"))
}

/// `total` shared over `weights` in proportion, the remainder going to the
/// largest fractions first (then the earliest line): the shares add up to
/// `total` exactly.
pub fn share(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i128 = weights.iter().map(|w| i128::from(*w)).sum();
    if sum <= 0 {
        return vec![0; weights.len()];
    }
    let mut shares: Vec<i64> = Vec::with_capacity(weights.len());
    let mut rest: Vec<(i128, usize)> = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = i128::from(total) * i128::from(*w);
        shares.push((exact / sum) as i64);
        rest.push((exact % sum, i));
    }
    let mut left = total - shares.iter().sum::<i64>();
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in rest {
        if left == 0 {
            break;
        }
        shares[i] += 1;
        left -= 1;
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn shares_add_up_and_follow_the_weights() {
        assert_eq!(share(100, &[1200, 1050, 1800]), vec![30, 26, 44]);
        assert_eq!(share(1, &[1, 1, 1]), vec![1, 0, 0]);
        assert_eq!(share(0, &[5, 5]), vec![0, 0]);
        assert_eq!(share(7, &[0, 0]), vec![0, 0]);
        assert_eq!(share(405, &[1200, 1050, 1800]).iter().sum::<i64>(), 405);
    }
}
