//! Inventory as the UI sees it: mirrors of `tillflow::inventory` (quantities
//! are decimal strings, timestamps RFC 3339).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SiteKind {
    Store,
    Warehouse,
}

/// A warehouse or store; `home` marks "this store" (at most one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Site {
    pub key: String,
    pub name: String,
    pub kind: SiteKind,
    #[serde(default)]
    pub home: bool,
}

/// Stock of one item at one site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StockLevel {
    pub site: String,
    pub sku: String,
    pub on_hand: String,
    pub allocated: String,
    /// On hand minus allocated (negative when backordered).
    pub available: String,
}

/// An item whose stock is counted, and whether it may be sold below zero.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CountedItem {
    pub sku: String,
    pub allow_backorder: bool,
}

/// Everything the inventory screen lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Inventory {
    pub sites: Vec<Site>,
    /// By SKU, then site.
    pub levels: Vec<StockLevel>,
    pub counted: Vec<CountedItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MovementKind {
    Receipt,
    Sale,
    Return,
    Adjustment,
    Transfer,
}

/// One row of an item's stock ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Movement {
    pub id: i64,
    pub site: String,
    pub sku: String,
    pub kind: MovementKind,
    /// Signed decimal string.
    pub qty: String,
    /// The order it belongs to, for sales and returns.
    pub order: Option<String>,
    pub note: Option<String>,
    /// RFC 3339 timestamp.
    pub at: String,
    pub actor: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::mirror;
    use rust_decimal::Decimal;
    use tillflow::inventory as core;

    #[test]
    fn sites_cross_over_both_ways() {
        let site = core::Site {
            key: "wh-north".into(),
            name: "North warehouse".into(),
            kind: core::SiteKind::Warehouse,
            home: false,
        };
        let ours: Site = mirror(&site).expect("mirror");
        assert_eq!(ours.kind, SiteKind::Warehouse);
        let back: core::Site = mirror(&ours).expect("back");
        assert_eq!(back, site);
    }

    #[test]
    fn levels_movements_and_counted_items_keep_exact_quantities() {
        let level = core::Level::new("store", "MUG", Decimal::new(25, 1), Decimal::new(4, 0));
        let ours: StockLevel = mirror(&level).expect("level");
        assert_eq!(
            (
                ours.on_hand.as_str(),
                ours.allocated.as_str(),
                ours.available.as_str()
            ),
            ("2.5", "4", "-1.5")
        );
        let m = core::Movement {
            id: 3,
            site: "store".into(),
            sku: "MUG".into(),
            kind: core::MovementKind::Adjustment,
            qty: Decimal::new(-2, 0),
            order: None,
            note: Some("broken".into()),
            at: chrono::DateTime::parse_from_rfc3339("2026-11-26T10:00:00Z")
                .expect("ts")
                .with_timezone(&chrono::Utc),
            actor: "counter".into(),
        };
        let ours: Movement = mirror(&m).expect("movement");
        assert_eq!(ours.kind, MovementKind::Adjustment);
        assert_eq!(ours.qty, "-2");
        assert!(ours.at.starts_with("2026-11-26T10:00:00"));
        let item = core::CountedItem {
            sku: "MUG".into(),
            allow_backorder: true,
        };
        let ours: CountedItem = mirror(&item).expect("item");
        assert!(ours.allow_backorder);
    }
}
