//! The kinds of journal entry, with their stable keys (stored, hashed,
//! exported: never renamed).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

macro_rules! kinds {
    ($( $variant:ident = $key:literal, $label:literal; )*) => {
        /// What a journal entry records.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum EntryKind {
            $( #[doc = $label] $variant, )*
        }

        impl EntryKind {
            pub const ALL: &'static [EntryKind] = &[ $( EntryKind::$variant, )* ];

            /// The stable key.
            pub fn key(self) -> &'static str {
                match self { $( EntryKind::$variant => $key, )* }
            }

            pub fn label(self) -> &'static str {
                match self { $( EntryKind::$variant => $label, )* }
            }
        }
    };
}

kinds! {
    Sale = "sale", "Sale (an order taken)";
    Payment = "payment", "Payment (negative: money paid out)";
    ChangeGiven = "change_given", "Change given back on cash";
    Refund = "refund", "Refund (a return or exchange settled)";
    Cancellation = "cancellation", "Order canceled";
    CashMovement = "cash_movement", "Cash paid in, paid out or dropped";
    DrawerOpen = "drawer_open", "Drawer opened without a sale";
    XReport = "x_report", "X report";
    ZReport = "z_report", "Z report (session closed)";
    InvoiceIssued = "invoice_issued", "Invoice issued";
    CreditNoteIssued = "credit_note_issued", "Credit note issued";
    SettingsChanged = "settings_changed", "Settings changed";
    StaffSignedIn = "staff_signed_in", "Staff signed in";
    StaffSignedOut = "staff_signed_out", "Staff signed out";
    OrderEdited = "order_edited", "Order edited (its lines or totals corrected)";
    SessionOpened = "session_opened", "Drawer session opened with its float";
}

impl EntryKind {
    pub fn parse(key: &str) -> Result<EntryKind> {
        EntryKind::ALL
            .iter()
            .copied()
            .find(|k| k.key() == key)
            .ok_or_else(|| Error::invalid("kind", format!("unknown journal entry kind '{key}'")))
    }
}

impl std::fmt::Display for EntryKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

impl Serialize for EntryKind {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for EntryKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let key = String::deserialize(d)?;
        EntryKind::parse(&key).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_parses_back_from_its_key() {
        let mut keys: Vec<&str> = EntryKind::ALL.iter().map(|k| k.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), EntryKind::ALL.len(), "every key is unique");
        for k in EntryKind::ALL {
            assert_eq!(EntryKind::parse(k.key()).ok(), Some(*k));
        }
        assert!(EntryKind::parse("sales").is_err());
    }
}
