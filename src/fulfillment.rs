//! The fulfillment state of an order: one pure function, [`state`], of its
//! lines, shipments, payments and returns (see docs/fulfillment.md).
//!
//! Terms: a line's *kept* quantity is what was ordered minus what came back;
//! a unit is *shipped* when it is in a shipment that was handed over
//! (`shipped`, `delivered` or `failed`), *delivered* when its shipment was
//! delivered (a pickup: collected). An order without shipments whose
//! workflow completed counts every unit as delivered (handed over at the
//! counter). The states, checked
//! in this order (the first that holds wins):
//!
//! - `canceled`: the order was canceled.
//! - `returned`: something came back and no unit is kept (everything ordered
//!   was returned).
//! - `failed`: a delivery failed (a shipment is `failed`) and not every kept
//!   unit has been delivered since; or the last payment attempt failed (no
//!   successful payment after it) and a balance is due.
//! - `abandoned`: still in the intake stage and untouched since it was
//!   created (no later change of any kind, nothing paid) for longer than the
//!   order type's `abandon_after_hours` (default 72) before `now`.
//! - `closed`: every kept unit delivered and nothing due.
//! - `partially_closed`: at least one unit delivered, but not closed (units
//!   still to deliver, or a balance due).
//! - `partially_shipped`: at least one unit shipped, none delivered yet.
//! - `ready_to_ship`: nothing shipped yet, every kept unit of a
//!   stock-counted line is reserved (allocated), and nothing is due.
//! - `open`: anything else (stock not yet reserved, or a balance due).

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Hours an untouched intake order waits before it counts as abandoned.
pub const DEFAULT_ABANDON_AFTER_HOURS: u32 = 72;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FulfillmentState {
    Open,
    ReadyToShip,
    PartiallyShipped,
    PartiallyClosed,
    Closed,
    Canceled,
    Returned,
    Failed,
    Abandoned,
}

/// One order line as the state sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineFacts {
    pub ordered: Decimal,
    /// Its stock is counted (it must be reserved before it ships).
    pub counted: bool,
    /// Reserved for it, shipped part included.
    pub reserved: Decimal,
    pub shipped: Decimal,
    pub delivered: Decimal,
    pub returned: Decimal,
}

/// Everything [`state`] looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub canceled: bool,
    /// The workflow reached `completed` and the order has no shipments:
    /// everything was handed over at the counter.
    pub completed: bool,
    pub in_intake: bool,
    pub lines: Vec<LineFacts>,
    /// Total minus paid (minor units).
    pub balance: i64,
    pub paid: i64,
    pub delivery_failed: bool,
    pub payment_failed: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub abandon_after_hours: u32,
}

/// The fulfillment state at `now`: [`stored_state`], unless the order has
/// waited untouched at intake long enough to be [`abandoned`].
pub fn state(f: &Facts, now: DateTime<Utc>) -> FulfillmentState {
    let stored = stored_state(f);
    match stored {
        FulfillmentState::Canceled | FulfillmentState::Returned | FulfillmentState::Failed => {
            stored
        }
        _ if abandoned(f, now) => FulfillmentState::Abandoned,
        _ => stored,
    }
}

/// Whether an order still at intake, untouched since it was created and
/// with nothing paid, has waited longer than its order type allows. Search
/// asks the same in SQL (`storage::search`, "abandoned").
pub fn abandoned(f: &Facts, now: DateTime<Utc>) -> bool {
    let untouched = f.updated_at == f.created_at && f.paid == 0;
    let waited = now - f.created_at > Duration::hours(i64::from(f.abandon_after_hours));
    f.in_intake && untouched && waited
}

/// The state without the clock (never `abandoned`): what each write stores
/// on the order, so search can filter on it.
pub fn stored_state(f: &Facts) -> FulfillmentState {
    use FulfillmentState::*;
    if f.canceled {
        return Canceled;
    }
    let any_returned = f.lines.iter().any(|l| l.returned > Decimal::ZERO);
    let all_returned = f.lines.iter().all(|l| l.returned >= l.ordered);
    if any_returned && all_returned {
        return Returned;
    }
    let all_delivered = f.completed || f.lines.iter().all(|l| l.delivered >= l.ordered);
    if (f.delivery_failed && !all_delivered) || (f.payment_failed && f.balance > 0) {
        return Failed;
    }
    if all_delivered && f.balance <= 0 {
        return Closed;
    }
    if f.completed || f.lines.iter().any(|l| l.delivered > Decimal::ZERO) {
        return PartiallyClosed;
    }
    if f.lines.iter().any(|l| l.shipped > Decimal::ZERO) {
        return PartiallyShipped;
    }
    let reserved = f
        .lines
        .iter()
        .filter(|l| l.counted)
        .all(|l| l.reserved >= l.ordered - l.returned);
    if reserved && f.balance <= 0 {
        return ReadyToShip;
    }
    Open
}

impl FulfillmentState {
    pub const ALL: [FulfillmentState; 9] = [
        FulfillmentState::Open,
        FulfillmentState::ReadyToShip,
        FulfillmentState::PartiallyShipped,
        FulfillmentState::PartiallyClosed,
        FulfillmentState::Closed,
        FulfillmentState::Canceled,
        FulfillmentState::Returned,
        FulfillmentState::Failed,
        FulfillmentState::Abandoned,
    ];

    /// The snake_case key (as in JSON and the database).
    pub fn key(self) -> &'static str {
        match self {
            FulfillmentState::Open => "open",
            FulfillmentState::ReadyToShip => "ready_to_ship",
            FulfillmentState::PartiallyShipped => "partially_shipped",
            FulfillmentState::PartiallyClosed => "partially_closed",
            FulfillmentState::Closed => "closed",
            FulfillmentState::Canceled => "canceled",
            FulfillmentState::Returned => "returned",
            FulfillmentState::Failed => "failed",
            FulfillmentState::Abandoned => "abandoned",
        }
    }

    pub fn parse(text: &str) -> Option<FulfillmentState> {
        let t = text.trim().to_ascii_lowercase().replace('-', "_");
        FulfillmentState::ALL.into_iter().find(|s| s.key() == t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().unwrap() + Duration::hours(h)
    }

    fn line(ordered: i64, reserved: i64, shipped: i64, delivered: i64, returned: i64) -> LineFacts {
        LineFacts {
            ordered: ordered.into(),
            counted: true,
            reserved: reserved.into(),
            shipped: shipped.into(),
            delivered: delivered.into(),
            returned: returned.into(),
        }
    }

    fn facts(lines: Vec<LineFacts>, balance: i64) -> Facts {
        Facts {
            canceled: false,
            completed: false,
            in_intake: false,
            lines,
            balance,
            paid: 100,
            delivery_failed: false,
            payment_failed: false,
            created_at: t(0),
            updated_at: t(1),
            abandon_after_hours: 72,
        }
    }

    #[test]
    fn each_state_from_its_facts() {
        use FulfillmentState::*;
        let at = |f: &Facts| state(f, t(2));
        assert_eq!(at(&facts(vec![line(2, 0, 0, 0, 0)], 0)), Open);
        assert_eq!(at(&facts(vec![line(2, 2, 0, 0, 0)], 5)), Open);
        assert_eq!(at(&facts(vec![line(2, 2, 0, 0, 0)], 0)), ReadyToShip);
        assert_eq!(at(&facts(vec![line(2, 2, 2, 0, 0)], 0)), PartiallyShipped);
        assert_eq!(at(&facts(vec![line(2, 2, 2, 1, 0)], 0)), PartiallyClosed);
        assert_eq!(at(&facts(vec![line(2, 2, 2, 2, 0)], 5)), PartiallyClosed);
        assert_eq!(at(&facts(vec![line(2, 2, 2, 2, 0)], 0)), Closed);
        assert_eq!(at(&facts(vec![line(2, 2, 2, 2, 1)], 0)), Closed);
        assert_eq!(at(&facts(vec![line(2, 2, 2, 2, 2)], 0)), Returned);
        let mut f = facts(vec![line(2, 2, 2, 0, 0)], 0);
        f.delivery_failed = true;
        assert_eq!(at(&f), Failed);
        let mut f = facts(vec![line(2, 0, 0, 0, 0)], 5);
        f.payment_failed = true;
        assert_eq!(at(&f), Failed);
        f.canceled = true;
        assert_eq!(at(&f), Canceled);
        let mut f = facts(vec![line(2, 0, 0, 0, 0)], 5);
        (f.in_intake, f.paid, f.updated_at) = (true, 0, t(0));
        assert_eq!(state(&f, t(72)), Open);
        assert_eq!(state(&f, t(73)), Abandoned);
        f.completed = true;
        f.balance = 0;
        f.in_intake = false;
        assert_eq!(at(&f), Closed);
    }
}
