//! The POS review step's totals of an order not created yet. Every other
//! order type crosses as the core's own (`tillflow::orders`).

use serde::Serialize;
pub use tillflow::orders::OrderSummary;
use tillflow::orders::TotalsView;
use ts_rs::TS;

/// Totals of an order not created yet (the POS review step).
#[derive(Debug, Clone, Serialize, TS)]
pub struct OrderPreview {
    pub totals: TotalsView,
    /// Each line's amount, in input order.
    pub line_amounts: Vec<String>,
    /// The deposit the order type requires at creation ("0.00" without a
    /// rule), by the core's one rounding rule.
    pub deposit_required: String,
    /// What the payments entered still lack of that deposit ("0.00" when met).
    pub deposit_due: String,
    /// The order type's deposit rule, percent of the total (decimal string).
    pub deposit_percent: Option<String>,
    pub currency: String,
}
