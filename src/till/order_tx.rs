//! The shared shape of a fulfillment change on an order: open the write
//! transaction, read the order's state and plan, let the caller write and
//! journal, then store the position, the fulfillment state and the audit
//! rows and commit together.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::fulfillment_ops::refresh_fulfillment_state;
use super::order_ops::{result, stored};
use super::{EventResult, Till};
use crate::error::Result;
use crate::storage::{OrderState, WriteTx};
use crate::workflow::{Journal, Plan};

impl Till {
    /// Opens the write transaction on an order.
    pub(super) async fn open_order(
        &self,
        number: &str,
    ) -> Result<(WriteTx, OrderState, Arc<Plan>)> {
        let mut tx = self.store().begin().await?;
        let state = tx.order_state(number).await?;
        let plan = self.plan(state.plan_id).await?;
        Ok((tx, state, plan))
    }
}

/// Writes the order's new position (or touches it) and the journal's audit
/// rows, then commits.
pub(super) async fn finish(
    mut tx: WriteTx,
    state: &OrderState,
    plan: &Plan,
    j: &Journal<'_>,
    number: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<EventResult> {
    if j.moved() {
        tx.set_position(state.id, &stored(plan, j), now).await?;
    } else {
        tx.touch(state.id, now).await?;
    }
    refresh_fulfillment_state(&mut tx, state.id).await?;
    tx.audit(state.id, &j.rows, actor, now).await?;
    tx.commit().await?;
    Ok(result(number, plan, j))
}

/// Releases an order's unshipped reservations (cancel), with an audit row.
pub(super) async fn release_stock(
    tx: &mut WriteTx,
    order_id: i64,
    j: &mut Journal<'_>,
) -> Result<()> {
    let released = tx.release_allocations(order_id).await?;
    if !released.is_empty() {
        let what: Vec<String> = released
            .iter()
            .map(|a| format!("line {}: {} {} at {}", a.line_no, a.qty, a.sku, a.site))
            .collect();
        j.note("stock.released", Some(&what.join("; ")));
    }
    Ok(())
}
