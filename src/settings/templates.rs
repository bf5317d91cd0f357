//! Templates a new shop can start from: the demo settings split by trade.
//! Each carries a shop profile to fill in (name, address, tax ID…), the
//! statuses, workflows, wizard, order type and a starter catalogue.

use super::Settings;
use crate::error::{Error, Result};

/// A set of starting settings for one kind of shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    /// What `tillflow init --template` takes.
    pub key: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    json: &'static str,
}

pub const TEMPLATES: [Template; 4] = [
    Template {
        key: "laundry",
        name: "Laundry & dry cleaning",
        description:
            "Drop-off, tagging, cleaning, pressing, pickup; garments priced per piece or per kg.",
        json: include_str!("templates/laundry.json"),
    },
    Template {
        key: "repair",
        name: "Repair shop",
        description:
            "Check-in of a bike, phone or watch with its fault, quote, bench, payment, pickup.",
        json: include_str!("templates/repair.json"),
    },
    Template {
        key: "tailoring",
        name: "Tailoring & alterations",
        description: "Measure and pin, sewing, fitting, pressing, pickup.",
        json: include_str!("templates/tailoring.json"),
    },
    Template {
        key: "retail",
        name: "Retail that ships",
        description: "Phone and web orders: paid, picked, packed and shipped to the customer.",
        json: include_str!("templates/retail.json"),
    },
];

impl Template {
    /// The template named `key`, or an error listing them.
    pub fn find(key: &str) -> Result<&'static Template> {
        TEMPLATES.iter().find(|t| t.key == key).ok_or_else(|| {
            let keys: Vec<&str> = TEMPLATES.iter().map(|t| t.key).collect();
            Error::invalid(
                "template",
                format!("no template '{key}' (one of: {})", keys.join(", ")),
            )
        })
    }

    /// The template's settings.
    pub fn settings(&self) -> Result<Settings> {
        Settings::from_json(self.json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_passes_validation() {
        for t in TEMPLATES {
            let s = t.settings().unwrap_or_else(|e| panic!("{}: {e}", t.key));
            super::super::validate(&s).unwrap_or_else(|e| panic!("{}: {e}", t.key));
            assert!(!s.order_types.is_empty(), "{}", t.key);
            assert_eq!(Template::find(t.key).map(|f| f.key).ok(), Some(t.key));
        }
        assert!(Template::find("bakery").is_err());
    }
}
