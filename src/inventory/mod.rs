//! Inventory across sites. Stock of a catalogue SKU at a site is an
//! append-only ledger of [`Movement`]s (on hand = their sum); a maintained
//! [`Level`] (on hand and allocated) is written in the same transaction as
//! every movement and allocation. Pure types and rules: no SQL here.

mod allocation;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use allocation::{allocate, Allocation, Need};

/// An order line's stock reserved at a site, as stored, and how much of it
/// has shipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationRow {
    pub line_no: i64,
    pub site: String,
    pub sku: String,
    pub qty: Decimal,
    pub shipped: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SiteKind {
    Store,
    Warehouse,
}

impl SiteKind {
    pub fn key(self) -> &'static str {
        match self {
            SiteKind::Store => "store",
            SiteKind::Warehouse => "warehouse",
        }
    }

    pub fn parse(text: &str) -> Result<SiteKind> {
        match text.trim() {
            "store" => Ok(SiteKind::Store),
            "warehouse" => Ok(SiteKind::Warehouse),
            other => Err(Error::invalid(
                "kind",
                format!("'{other}' is not a site kind (store or warehouse)"),
            )),
        }
    }
}

/// A warehouse or store. `home` marks "this store" (at most one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Site {
    pub key: String,
    pub name: String,
    pub kind: SiteKind,
    #[serde(default)]
    pub home: bool,
}

impl Site {
    /// Validates a new site: key of lowercase letters, digits and dashes.
    pub fn checked(&self) -> Result<Site> {
        let key = self.key.trim();
        if key.is_empty()
            || key.len() > 32
            || !key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(Error::invalid(
                "site.key",
                "1 to 32 lowercase letters, digits or dashes",
            ));
        }
        let name = self.name.trim();
        if name.is_empty() || name.len() > 100 {
            return Err(Error::invalid("site.name", "a name of 1 to 100 characters"));
        }
        Ok(Site {
            key: key.to_string(),
            name: name.to_string(),
            kind: self.kind,
            home: self.home,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MovementKind {
    Receipt,
    Sale,
    Return,
    Adjustment,
    Transfer,
}

impl MovementKind {
    pub fn key(self) -> &'static str {
        match self {
            MovementKind::Receipt => "receipt",
            MovementKind::Sale => "sale",
            MovementKind::Return => "return",
            MovementKind::Adjustment => "adjustment",
            MovementKind::Transfer => "transfer",
        }
    }

    pub fn parse(text: &str) -> Result<MovementKind> {
        Ok(match text {
            "receipt" => MovementKind::Receipt,
            "sale" => MovementKind::Sale,
            "return" => MovementKind::Return,
            "adjustment" => MovementKind::Adjustment,
            "transfer" => MovementKind::Transfer,
            other => return Err(Error::Storage(format!("unknown movement kind '{other}'"))),
        })
    }
}

/// One ledger row: a signed quantity at a site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Movement {
    pub id: i64,
    pub site: String,
    pub sku: String,
    pub kind: MovementKind,
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub qty: Decimal,
    pub order: Option<String>,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
    pub actor: String,
}

/// Stock of one SKU at one site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "StockLevel"))]
pub struct Level {
    pub site: String,
    pub sku: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub on_hand: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub allocated: Decimal,
    /// On hand minus allocated (negative when backordered).
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub available: Decimal,
}

impl Level {
    pub fn new(site: &str, sku: &str, on_hand: Decimal, allocated: Decimal) -> Level {
        Level {
            site: site.to_string(),
            sku: sku.to_string(),
            on_hand: on_hand.normalize(),
            allocated: allocated.normalize(),
            available: (on_hand - allocated).normalize(),
        }
    }
}

/// A stock-counted item and whether it may be sold below zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StockItem {
    pub allow_backorder: bool,
}

/// An item whose stock is counted, and its backorder rule (for screens).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CountedItem {
    pub sku: String,
    pub allow_backorder: bool,
}

/// Checks that a movement of `delta` keeps on hand at or above zero, unless
/// the item allows backorders.
pub fn check_movement(level: &Level, delta: Decimal, item: StockItem) -> Result<()> {
    let after = level.on_hand + delta;
    if after < Decimal::ZERO && !item.allow_backorder {
        return Err(Error::conflict(format!(
            "{} at {}: {} on hand; {} would leave {} (the item does not allow backorders)",
            level.sku,
            level.site,
            level.on_hand,
            delta.normalize(),
            after.normalize()
        )));
    }
    Ok(())
}

/// Checks a signed adjustment quantity: non-zero, at most 3 decimals.
pub fn check_delta(q: Decimal, field: &str) -> Result<Decimal> {
    if q == Decimal::ZERO {
        return Err(Error::invalid(field, "an adjustment cannot be zero"));
    }
    crate::money::check_quantity(q.abs(), field)?;
    Ok(q.normalize())
}
