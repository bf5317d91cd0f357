//! A return or exchange done, as the order screen gets it back. Stock,
//! shipments, returns and their inputs cross as the core's own types.

use serde::Serialize;
use tillflow::orders::OrderView;
use tillflow::till::{ReturnPreview, ReturnResult};
use ts_rs::TS;

/// A return or exchange done: its settlement and the order as it is now.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReturnOutcome {
    pub settled: ReturnPreview,
    pub order: OrderView,
}

/// What a return or exchange settled, in the shape of its preview.
pub fn settlement(done: ReturnResult) -> ReturnPreview {
    ReturnPreview {
        refund: done.refund,
        charge: done.charge,
        refunds: done.refunds,
        total: done.total,
        balance: done.balance,
    }
}
