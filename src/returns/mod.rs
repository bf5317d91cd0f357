//! Returns and exchanges (pure rules). Units that were handed over (a
//! delivered shipment, or an order whose workflow completed) may come back:
//! restocked at a chosen site (ledger `return`) or written off. An exchange
//! returns lines and adds new ones in one transaction and settles only the
//! difference.
//!
//! Money: the order's totals are recomputed with [`totals::compute`] over
//! what the customer keeps (kept quantities of the old lines plus any new
//! lines) — the one rounding path. With `old`/`new` those totals:
//!
//! - new > old (an exchange for something dearer): the difference is charged;
//! - otherwise the refund is what was paid beyond the new total,
//!   max(0, paid − new): a return first reduces what is still owed.
//!
//! Either way the balance (total − paid) never goes up and never below zero,
//! so an order paid in full stays paid in full.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::orders::totals::{self, PricedLine, Pricing, Totals};
use crate::orders::LineInput;
use crate::payments::RefundTo;
use crate::shipments::{LineQty, Shipment, ShipmentStatus};

/// A return of some lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReturnInput {
    pub lines: Vec<LineQty>,
    /// Site that takes the goods back into stock; none = written off.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub restock: Option<String>,
    #[serde(default)]
    pub refund_to: RefundTo,
    pub reason: String,
}

/// An exchange: a return plus new lines, settled as one difference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExchangeInput {
    #[serde(flatten)]
    pub ret: ReturnInput,
    pub add: Vec<LineInput>,
    /// How a difference in the shop's favour is paid.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub method: Option<String>,
}

/// What a line allows back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Returnable {
    pub handed_over: Decimal,
    pub returned: Decimal,
}

/// How much of an order line was handed over: everything when the order
/// completed without shipments (at the counter), else what its delivered
/// shipments carried.
pub fn handed_over(line: i64, ordered: Decimal, ships: &[Shipment], completed: bool) -> Decimal {
    if completed && ships.is_empty() {
        return ordered;
    }
    ships
        .iter()
        .filter(|s| s.status == ShipmentStatus::Delivered)
        .flat_map(|s| &s.lines)
        .filter(|l| l.line == line)
        .map(|l| l.qty)
        .sum()
}

/// Validates the returned quantities: each at most handed over minus
/// already returned, and each line once.
pub fn check(lines: &[LineQty], returnable: &[Returnable]) -> Result<()> {
    if lines.is_empty() {
        return Err(Error::invalid("lines", "a return needs at least one line"));
    }
    for (i, l) in lines.iter().enumerate() {
        let field = format!("lines[{i}]");
        let q = crate::money::check_quantity(l.qty, &format!("{field}.qty"))?;
        if lines[..i].iter().any(|x| x.line == l.line) {
            return Err(Error::invalid(
                field,
                format!("line {} is given twice", l.line),
            ));
        }
        let r = usize::try_from(l.line)
            .ok()
            .and_then(|n| returnable.get(n))
            .ok_or_else(|| Error::invalid(&field, format!("the order has no line {}", l.line)))?;
        let left = r.handed_over - r.returned;
        if q > left {
            return Err(Error::invalid(
                format!("{field}.qty"),
                format!(
                    "line {}: {} handed over, {} already returned; at most {} can come back",
                    l.line,
                    r.handed_over.normalize(),
                    r.returned.normalize(),
                    left.max(Decimal::ZERO).normalize()
                ),
            ));
        }
    }
    Ok(())
}

/// The money side of a return or exchange.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settlement {
    pub totals: Totals,
    pub refund: i64,
    pub charge: i64,
}

/// Settles: `kept` are the priced lines the customer keeps (kept quantities,
/// new lines included), `old_total` and `paid` the order before.
pub fn settle(
    kept: &[PricedLine],
    pricing: Pricing,
    old_total: i64,
    paid: i64,
) -> crate::error::Result<Settlement> {
    // Every amount is inside the bound (`totals::compute` checks), so the
    // differences below cannot overflow.
    let totals = totals::compute(kept, pricing)?;
    let (refund, charge) = if totals.total > old_total {
        (0, totals.total - old_total)
    } else {
        ((paid - totals.total).max(0), 0)
    };
    Ok(Settlement {
        totals,
        refund,
        charge,
    })
}
