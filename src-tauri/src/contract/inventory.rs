//! The inventory screen's list: sites, levels and counted items, each the
//! core's own type.

use serde::Serialize;
use tillflow::inventory::{CountedItem, Level, Site};
use ts_rs::TS;

/// Everything the inventory screen lists.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Inventory {
    pub sites: Vec<Site>,
    /// By SKU, then site.
    pub levels: Vec<Level>,
    pub counted: Vec<CountedItem>,
}
