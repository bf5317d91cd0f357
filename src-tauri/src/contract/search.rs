//! Order search pages and CSV export results. The filter itself is the
//! core's `tillflow::orders::OrderFilter`.

use serde::Serialize;
use tillflow::orders::OrderSummary;
use ts_rs::TS;

/// One page of a search, the cursor of the next one, and how many match.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OrderPage {
    pub orders: Vec<OrderSummary>,
    pub next: Option<String>,
    pub total: u32,
}

/// A finished export: the file written and what is in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportedFile {
    pub path: String,
    pub orders: u32,
    /// Data rows (one per order, or per line with lines).
    pub rows: u32,
}
