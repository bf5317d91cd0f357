//! Orders cross as the core's own types (`tillflow::orders`); this name is
//! kept for the dashboard's contract.

pub use tillflow::orders::OrderSummary;
