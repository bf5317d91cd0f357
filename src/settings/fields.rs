//! What a wizard field means beyond its answer: its **role** (the order's
//! due date, pickup date, delivery address, the item's identifier) and the
//! documents its answer is printed on; and the one rule that makes a
//! field's key from its label.

use serde::{Deserialize, Serialize};

use super::{Field, FieldKind, Wizard};

/// What a field's answer is to the order, whatever the field's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FieldRole {
    /// The order's due date (board, overdue, sorting, documents). A date field.
    DueDate,
    /// When the customer will collect. A date field.
    PickupDate,
    /// Where the goods go (printed as "Ship to").
    DeliveryAddress,
    /// What identifies the item (bike serial, garment tag number).
    ItemIdentifier,
}

impl FieldRole {
    pub const ALL: [FieldRole; 4] = [
        FieldRole::DueDate,
        FieldRole::PickupDate,
        FieldRole::DeliveryAddress,
        FieldRole::ItemIdentifier,
    ];

    /// The key this role is written as in settings files.
    pub fn key(self) -> &'static str {
        match self {
            FieldRole::DueDate => "due_date",
            FieldRole::PickupDate => "pickup_date",
            FieldRole::DeliveryAddress => "delivery_address",
            FieldRole::ItemIdentifier => "item_identifier",
        }
    }

    /// Whether only a date field may play this role.
    pub fn needs_date(self) -> bool {
        matches!(self, FieldRole::DueDate | FieldRole::PickupDate)
    }
}

/// A document a field's answer is printed on ("Bike make: Gazelle").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PrintOn {
    Receipt,
    Invoice,
    /// The workshop's job ticket.
    Ticket,
    /// The tags / labels stuck on each piece.
    Tags,
}

impl Wizard {
    /// The intake fields (every step's), in the order the cashier meets them.
    pub fn intake_fields(&self) -> impl Iterator<Item = &Field> {
        self.steps.iter().flat_map(|s| s.fields.iter())
    }

    /// The intake field playing `role`. Settings files from before roles:
    /// when no field has the due-date role, a **date** field keyed
    /// `due_date` plays it (docs/settings.md).
    pub fn role_field(&self, role: FieldRole) -> Option<&Field> {
        self.intake_fields()
            .find(|f| f.role == Some(role))
            .or_else(|| match role {
                FieldRole::DueDate => self
                    .intake_fields()
                    .find(|f| f.key == "due_date" && f.kind == FieldKind::Date && f.role.is_none()),
                _ => None,
            })
    }
}

/// Longest key made from a label, leaving room for a `_2` suffix (keys are
/// at most 64 characters).
const KEY_CHARS: usize = 56;

/// The key a field labelled `label` gets: the whole label in lowercase
/// ASCII letters and digits joined by `_` ("Bike make" → `bike_make`,
/// "Réparé le" → `repare_le`), made unique among `taken` by a suffix
/// (`bike_make_2`, `bike_make_3`…). A label with nothing to keep gives
/// `field`.
pub fn field_key(label: &str, taken: &[String]) -> String {
    let mut base = String::new();
    for c in label.chars().flat_map(fold) {
        if c.is_ascii_alphanumeric() {
            if base.len() < KEY_CHARS {
                base.push(c.to_ascii_lowercase());
            }
        } else if !base.is_empty() && !base.ends_with('_') && base.len() < KEY_CHARS {
            base.push('_');
        }
    }
    let base = base.trim_end_matches('_');
    let base = if base.is_empty() { "field" } else { base };
    let free = |k: &str| !taken.iter().any(|t| t == k);
    if free(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|k| free(k))
        .unwrap_or_else(|| base.to_string())
}

/// A letter with its accent taken off (Latin letters of the common
/// European languages); anything else as it is.
fn fold(c: char) -> Vec<char> {
    let s = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        _ => return vec![c],
    };
    s.chars().collect()
}

#[cfg(test)]
mod tests {
    use super::field_key;

    #[test]
    fn the_key_is_the_whole_label() {
        assert_eq!(field_key("Bike make", &[]), "bike_make");
        assert_eq!(field_key("  Promised for: ", &[]), "promised_for");
        assert_eq!(field_key("Réparé le", &[]), "repare_le");
        assert_eq!(field_key("!!!", &[]), "field");
    }

    #[test]
    fn the_key_is_unique_in_the_wizard() {
        let taken = vec!["bike_make".to_string(), "bike_make_2".to_string()];
        assert_eq!(field_key("Bike make", &taken), "bike_make_3");
        assert_eq!(field_key("Bike model", &taken), "bike_model");
    }

    #[test]
    fn a_long_label_still_makes_a_valid_key() {
        let key = field_key(&"Very long label ".repeat(10), &[]);
        assert!(key.len() <= 56 && !key.ends_with('_'), "{key}");
    }
}
