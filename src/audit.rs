//! The names of the events in an order's history (its audit rows): every
//! trigger, and the events that are only recorded (a manual move, stock
//! reserved, a refund…). Each has a stable key, stored in the database and
//! sent over IPC and `--json` as that string, and a human label the
//! timeline shows.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::triggers::Trigger;

macro_rules! recorded {
    ($( $variant:ident = $key:literal, $label:literal; )*) => {
        /// An audit event: a trigger, or an event that is only recorded.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum AuditEvent {
            /// A trigger event (it may have moved the order).
            Trigger(Trigger),
            $( #[doc = $label] $variant, )*
        }

        impl AuditEvent {
            /// The events that are not triggers.
            pub const RECORDED: &'static [AuditEvent] = &[ $( AuditEvent::$variant, )* ];

            /// The stable key (stored, and sent as the event's JSON).
            pub fn key(self) -> &'static str {
                match self {
                    AuditEvent::Trigger(t) => t.key(),
                    $( AuditEvent::$variant => $key, )*
                }
            }

            /// What the order's timeline calls it.
            pub fn label(self) -> &'static str {
                match self {
                    AuditEvent::Trigger(t) => t.label(),
                    $( AuditEvent::$variant => $label, )*
                }
            }
        }
    };
}

recorded! {
    ManualMove = "manual.move", "Moved by hand";
    OrderCanceled = "order.canceled", "Canceled";
    StockAllocated = "stock.allocated", "Stock reserved";
    StockReleased = "stock.released", "Stock released";
    ShipmentRecorded = "shipment.recorded", "Shipment recorded";
    ShipmentFailed = "shipment.failed", "Delivery failed";
    ShipmentDeleted = "shipment.deleted", "Shipment deleted";
    RefundIssued = "refund.issued", "Refund issued";
    ExchangeLinesAdded = "exchange.lines_added", "Items added by exchange";
    DiscountGiven = "discount.given", "Discount given";
    PaymentFailed = "payment.failed", "Payment failed";
    GuardOverridden = "guard.overridden", "Guard overridden";
    MoveUndone = "move.undone", "Move undone";
    InvoiceIssued = "invoice.issued", "Invoice issued";
    CreditNoteIssued = "credit_note.issued", "Credit note issued";
    CopyPrinted = "document.copy", "Copy printed";
}

impl AuditEvent {
    /// The event of a stored key.
    pub fn parse(key: &str) -> Result<AuditEvent> {
        if let Some(e) = AuditEvent::RECORDED.iter().find(|e| e.key() == key) {
            return Ok(*e);
        }
        Trigger::ALL
            .iter()
            .find(|t| t.key() == key)
            .map(|t| AuditEvent::Trigger(*t))
            .ok_or_else(|| Error::invalid("event", format!("unknown audit event '{key}'")))
    }
}

impl AuditEvent {
    /// The key, as [`AuditEvent::key`].
    pub fn as_str(self) -> &'static str {
        self.key()
    }
}

impl PartialEq<str> for AuditEvent {
    fn eq(&self, key: &str) -> bool {
        self.key() == key
    }
}

impl PartialEq<&str> for AuditEvent {
    fn eq(&self, key: &&str) -> bool {
        self.key() == *key
    }
}

impl From<Trigger> for AuditEvent {
    fn from(t: Trigger) -> Self {
        AuditEvent::Trigger(t)
    }
}

impl std::fmt::Display for AuditEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.key())
    }
}

impl Serialize for AuditEvent {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for AuditEvent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let key = String::deserialize(d)?;
        AuditEvent::parse(&key).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_distinct_and_parses_back() {
        let all: Vec<AuditEvent> = Trigger::ALL
            .iter()
            .map(|t| AuditEvent::Trigger(*t))
            .chain(AuditEvent::RECORDED.iter().copied())
            .collect();
        let mut keys: Vec<&str> = all.iter().map(|e| e.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all.len(), "a key names two events");
        for e in all {
            assert_eq!(AuditEvent::parse(e.key()).unwrap(), e);
            assert!(!e.label().is_empty());
        }
        assert!(AuditEvent::parse("stock.washed").is_err());
    }

    #[test]
    fn serialises_as_its_key() {
        let e = AuditEvent::StockAllocated;
        assert_eq!(serde_json::to_string(&e).unwrap(), "\"stock.allocated\"");
        let t: AuditEvent = serde_json::from_str("\"payment.captured\"").unwrap();
        assert_eq!(t, AuditEvent::Trigger(Trigger::PaymentCaptured));
        assert_eq!(t.label(), "Payment captured");
    }
}
