//! X and Z reports of a drawer session: per tender what the till expects
//! against what was counted, sales, refunds, cancellations, tax by rate,
//! cash movements, the split per staff member, and the perpetual grand
//! total. One pure function ([`compute`]) from the session's rows; an X
//! report is it at any time, a Z report is it at closing, sealed.
//!
//! Expected cash = float + cash taken − change − cash refunds + pay-ins −
//! pay-outs − drops (cash taken = what customers handed over; the rounding
//! to the smallest coin is part of what they handed).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::drawer::CashMovementKind;
use super::{CASH, METHODS};
use crate::error::{Error, Result};

/// A payment (or refund, negative) taken in the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionPayment {
    pub method: String,
    pub amount: i64,
    pub change: i64,
    pub rounding: i64,
    pub actor: String,
}

/// A cash movement of the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CashMovement {
    pub kind: CashMovementKind,
    pub amount: i64,
    pub reason: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
    pub actor: String,
}

/// One tax rate's figures over the session's sales.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RateLine {
    pub rate: String,
    pub net: i64,
    pub tax: i64,
}

/// The session's drawer: when and how it was opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionInfo {
    pub id: i64,
    pub till: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub opened_at: DateTime<Utc>,
    pub opened_by: String,
    pub float: i64,
}

/// Everything a report is computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFacts {
    pub session: SessionInfo,
    pub payments: Vec<SessionPayment>,
    pub movements: Vec<CashMovement>,
    /// Orders taken in the session: count, and their gross total.
    pub orders: i64,
    pub sales: i64,
    pub rates: Vec<RateLine>,
    /// Orders canceled while the session was open: count and gross total.
    pub cancellations: i64,
    pub canceled: i64,
    /// The till's grand total after its last Z report.
    pub grand_total_before: i64,
}

/// One tender's line: taken, refunded, expected, and counted (when it was).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TenderLine {
    pub method: String,
    pub label: String,
    pub taken: i64,
    pub refunded: i64,
    pub expected: i64,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub counted: Option<i64>,
    /// counted − expected (negative: short).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub variance: Option<i64>,
}

/// The drawer's cash, step by step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CashLine {
    pub float: i64,
    /// What customers handed over in cash.
    pub taken: i64,
    pub change: i64,
    /// Included in `taken`: the rounding to the smallest coin.
    pub rounding: i64,
    pub refunds: i64,
    pub pay_ins: i64,
    pub pay_outs: i64,
    pub drops: i64,
    pub no_sales: i64,
    pub expected: i64,
}

/// One staff member's share of the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StaffLine {
    pub actor: String,
    pub payments: i64,
    pub taken: i64,
    pub refunded: i64,
}

/// An X report (`z_number` none) or a Z report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TillReport {
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub z_number: Option<i64>,
    pub session: SessionInfo,
    /// When the report was taken, and by whom.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
    pub actor: String,
    pub orders: i64,
    pub sales: i64,
    /// Discounts given (0 until the till gives discounts).
    pub discounts: i64,
    pub refunds: i64,
    pub refund_count: i64,
    pub cancellations: i64,
    pub canceled: i64,
    pub rates: Vec<RateLine>,
    pub tenders: Vec<TenderLine>,
    pub cash: CashLine,
    pub movements: Vec<CashMovement>,
    pub staff: Vec<StaffLine>,
    /// Sales − refunds of the session.
    pub net: i64,
    pub grand_total_before: i64,
    /// The till's perpetual grand total with this session.
    pub grand_total: i64,
}

impl TillReport {
    /// The cash line's variance, when cash was counted.
    pub fn cash_variance(&self) -> Option<i64> {
        self.tenders
            .iter()
            .find(|t| t.method == CASH)
            .and_then(|t| t.variance)
    }
}

fn add(a: i64, b: i64) -> Result<i64> {
    a.checked_add(b)
        .ok_or_else(|| Error::invalid("amount", "the figures are too large"))
}

/// The report of `facts` at `at` by `actor`, with `counted` per tender
/// (method → amount) when the drawer was counted.
pub fn compute(
    facts: &SessionFacts,
    counted: &BTreeMap<String, i64>,
    z_number: Option<i64>,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<TillReport> {
    let mut cash = CashLine {
        float: facts.session.float,
        ..CashLine::default()
    };
    let mut by_method: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut by_staff: BTreeMap<String, StaffLine> = BTreeMap::new();
    let (mut refunds, mut refund_count) = (0i64, 0i64);
    for p in &facts.payments {
        let slot = by_method.entry(p.method.clone()).or_default();
        let who = by_staff
            .entry(p.actor.clone())
            .or_insert_with(|| StaffLine {
                actor: p.actor.clone(),
                payments: 0,
                taken: 0,
                refunded: 0,
            });
        who.payments += 1;
        if p.amount >= 0 {
            slot.0 = add(slot.0, p.amount)?;
            who.taken = add(who.taken, p.amount)?;
        } else {
            slot.1 = add(slot.1, -p.amount)?;
            who.refunded = add(who.refunded, -p.amount)?;
            refunds = add(refunds, -p.amount)?;
            refund_count += 1;
        }
        if p.method == CASH {
            if p.amount >= 0 {
                cash.taken = add(cash.taken, add(add(p.amount, p.rounding)?, p.change)?)?;
                cash.change = add(cash.change, p.change)?;
                cash.rounding = add(cash.rounding, p.rounding)?;
            } else {
                cash.refunds = add(cash.refunds, -add(p.amount, p.rounding)?)?;
            }
        }
    }
    for m in &facts.movements {
        match m.kind {
            CashMovementKind::PayIn => cash.pay_ins = add(cash.pay_ins, m.amount)?,
            CashMovementKind::PayOut => cash.pay_outs = add(cash.pay_outs, m.amount)?,
            CashMovementKind::Drop => cash.drops = add(cash.drops, m.amount)?,
            CashMovementKind::NoSale => cash.no_sales += 1,
        }
    }
    cash.expected = [
        cash.float,
        cash.taken,
        -cash.change,
        -cash.refunds,
        cash.pay_ins,
        -cash.pay_outs,
        -cash.drops,
    ]
    .into_iter()
    .try_fold(0i64, add)?;
    // Every tender the shop offers, then any other that was used or counted.
    let mut methods: Vec<String> = METHODS.iter().map(|(k, _)| k.to_string()).collect();
    for m in by_method.keys().chain(counted.keys()) {
        if !methods.contains(m) {
            methods.push(m.clone());
        }
    }
    let mut tenders = Vec::new();
    for method in methods {
        let (taken, refunded) = by_method.get(&method).copied().unwrap_or_default();
        let c = counted.get(&method).copied();
        let is_cash = method == CASH;
        if taken == 0 && refunded == 0 && c.is_none() && !is_cash {
            continue;
        }
        let expected = if is_cash {
            cash.expected
        } else {
            taken - refunded
        };
        let label = METHODS
            .iter()
            .find(|(k, _)| *k == method)
            .map_or(method.clone(), |(_, l)| l.to_string());
        tenders.push(TenderLine {
            method,
            label,
            taken,
            refunded,
            expected,
            counted: c,
            variance: c.map(|c| c - expected),
        });
    }
    let net = facts.sales - refunds;
    Ok(TillReport {
        z_number,
        session: facts.session.clone(),
        at,
        actor: actor.to_string(),
        orders: facts.orders,
        sales: facts.sales,
        discounts: 0,
        refunds,
        refund_count,
        cancellations: facts.cancellations,
        canceled: facts.canceled,
        rates: facts.rates.clone(),
        tenders,
        cash,
        movements: facts.movements.clone(),
        staff: by_staff.into_values().collect(),
        net,
        grand_total_before: facts.grand_total_before,
        grand_total: add(facts.grand_total_before, net)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pay(method: &str, amount: i64, change: i64) -> SessionPayment {
        SessionPayment {
            method: method.into(),
            amount,
            change,
            rounding: 0,
            actor: "anna".into(),
        }
    }

    #[test]
    fn expected_cash_follows_the_drawer() {
        let at = DateTime::<Utc>::UNIX_EPOCH;
        let movement = |kind, amount| CashMovement {
            kind,
            amount,
            reason: "r".into(),
            at,
            actor: "bob".into(),
        };
        let facts = SessionFacts {
            session: SessionInfo {
                id: 1,
                till: "T1".into(),
                opened_at: at,
                opened_by: "anna".into(),
                float: 10000,
            },
            payments: vec![
                pay("cash", 1050, 950),
                pay("card", 2000, 0),
                pay("cash", -300, 0),
            ],
            movements: vec![
                movement(CashMovementKind::PayIn, 500),
                movement(CashMovementKind::PayOut, 200),
                movement(CashMovementKind::Drop, 5000),
                movement(CashMovementKind::NoSale, 0),
            ],
            orders: 2,
            sales: 3050,
            rates: vec![],
            cancellations: 0,
            canceled: 0,
            grand_total_before: 100,
        };
        let counted = BTreeMap::from([("cash".to_string(), 6000)]);
        let r = compute(&facts, &counted, Some(1), at, "anna").unwrap();
        // 100.00 + 20.00 − 9.50 − 3.00 + 5.00 − 2.00 − 50.00
        assert_eq!(r.cash.expected, 6050);
        assert_eq!(r.cash.taken, 2000);
        assert_eq!(r.cash_variance(), Some(-50));
        let card = r.tenders.iter().find(|t| t.method == "card").unwrap();
        assert_eq!((card.expected, card.variance), (2000, None));
        assert_eq!(r.refunds, 300);
        assert_eq!(r.net, 2750);
        assert_eq!(r.grand_total, 2850);
        assert_eq!(r.cash.no_sales, 1);
        assert_eq!(r.staff.len(), 1);
    }
}
