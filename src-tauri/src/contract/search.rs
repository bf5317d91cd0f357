//! CSV export results. The filter and the pages are the core's
//! `tillflow::orders::{OrderFilter, OrderPage}`.

use serde::Serialize;
use ts_rs::TS;

/// A finished export: the file written and what is in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportedFile {
    pub path: String,
    pub orders: u32,
    /// Data rows (one per order, or per line with lines).
    pub rows: u32,
}
