//! What the engine knows about an order besides where it is: its money,
//! whether everything shipped, which fields are filled, and the system
//! events that came before the order reached the step that waits for them
//! (kept, so they satisfy that step when it gets there).

use serde::{Deserialize, Serialize};

use crate::settings::Guard;
use crate::triggers::{Source, Trigger};

/// A set of trigger events (a bit per [`Trigger::ALL`] entry).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "Vec<Trigger>", from = "Vec<Trigger>")]
pub struct Kept(u32);

const _: () = assert!(Trigger::ALL.len() <= 32);

impl Kept {
    fn bit(t: Trigger) -> u32 {
        let i = Trigger::ALL.iter().position(|x| *x == t).unwrap_or(0);
        1 << i
    }

    pub fn contains(self, t: Trigger) -> bool {
        self.0 & Kept::bit(t) != 0
    }

    pub fn insert(&mut self, t: Trigger) {
        self.0 |= Kept::bit(t);
    }

    pub fn remove(&mut self, t: Trigger) {
        self.0 &= !Kept::bit(t);
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Trigger> {
        Trigger::ALL
            .iter()
            .copied()
            .filter(move |t| self.contains(*t))
    }

    /// As stored: the keys, comma-separated.
    pub fn to_keys(self) -> String {
        self.iter().map(|t| t.key()).collect::<Vec<_>>().join(",")
    }

    /// From stored keys; unknown keys (a trigger since removed) are dropped.
    pub fn from_keys(keys: &str) -> Kept {
        let mut k = Kept::default();
        for t in keys
            .split(',')
            .filter_map(|s| Trigger::parse(s.trim()).ok())
        {
            k.insert(t);
        }
        k
    }
}

impl From<Kept> for Vec<Trigger> {
    fn from(k: Kept) -> Self {
        k.iter().collect()
    }
}

impl From<Vec<Trigger>> for Kept {
    fn from(v: Vec<Trigger>) -> Self {
        let mut k = Kept::default();
        for t in v {
            k.insert(t);
        }
        k
    }
}

/// Whether an event may be kept for a later step: one the system raises
/// when the thing happened (a shipment, a print), not a state (those are
/// looked at when the step is entered) and not a person's button.
pub fn keepable(t: Trigger) -> bool {
    t.source() == Source::System && !t.is_state() && t != Trigger::OrderCreated
}

/// Keys of an order's fields that have a value (not null, not blank).
pub fn filled(fields: &serde_json::Map<String, serde_json::Value>) -> Vec<String> {
    fields
        .iter()
        .filter(|(_, v)| !v.is_null() && v.as_str().is_none_or(|t| !t.trim().is_empty()))
        .map(|(k, _)| k.clone())
        .collect()
}

/// An order's money (minor units).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Money {
    pub total: i64,
    pub paid: i64,
}

/// Facts about the order that state triggers and guards look at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub paid_in_full: bool,
    pub total: i64,
    pub paid: i64,
    /// Every line (less what came back) is in a shipment that shipped.
    pub all_shipped: bool,
    /// Keys of the order's fields that have a value.
    pub filled: Vec<String>,
    /// System events kept for a later step.
    pub kept: Kept,
}

impl Facts {
    /// Facts with only the money known.
    pub fn of_money(m: Money) -> Facts {
        let mut f = Facts::default();
        f.set_money(m);
        f
    }

    pub fn set_money(&mut self, m: Money) {
        self.total = m.total;
        self.paid = m.paid;
        self.paid_in_full = m.paid >= m.total;
    }

    /// Whether a state trigger's state holds.
    pub fn holds(&self, trigger: Trigger) -> bool {
        match trigger {
            Trigger::OrderPaidInFull => self.paid_in_full,
            _ => false,
        }
    }

    /// Whether a guard's condition is met.
    pub fn meets(&self, guard: &Guard) -> bool {
        match guard {
            Guard::PaidInFull => self.paid_in_full,
            Guard::DepositPercent(p) => {
                i128::from(self.paid) * 100 >= i128::from(self.total) * i128::from(*p)
            }
            Guard::AllShipped => self.all_shipped,
            Guard::Field(k) => self.filled.iter().any(|f| f == k),
        }
    }

    /// The guards in `guards` that are not met.
    pub fn unmet<'g>(&self, guards: &'g [Guard]) -> Vec<&'g Guard> {
        guards.iter().filter(|g| !self.meets(g)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_round_trips_through_its_keys() {
        let mut k = Kept::default();
        k.insert(Trigger::ShipmentDelivered);
        k.insert(Trigger::PackingSlipPrinted);
        assert_eq!(k.to_keys(), "packing_slip.printed,shipment.delivered");
        assert_eq!(Kept::from_keys(&k.to_keys()), k);
        assert_eq!(
            Kept::from_keys("nope,shipment.delivered").to_keys(),
            "shipment.delivered"
        );
        k.remove(Trigger::ShipmentDelivered);
        assert!(!k.contains(Trigger::ShipmentDelivered));
        assert!(Kept::from_keys("").is_empty());
    }

    #[test]
    fn guards_read_the_facts() {
        let mut f = Facts::of_money(Money {
            total: 1000,
            paid: 499,
        });
        assert!(!f.meets(&Guard::DepositPercent(50)));
        f.set_money(Money {
            total: 1000,
            paid: 500,
        });
        assert!(f.meets(&Guard::DepositPercent(50)));
        assert!(!f.meets(&Guard::PaidInFull));
        assert!(!f.meets(&Guard::Field("serial".into())));
        f.filled.push("serial".into());
        assert!(f.meets(&Guard::Field("serial".into())));
        assert_eq!(f.unmet(&[Guard::PaidInFull, Guard::AllShipped]).len(), 2);
    }
}
