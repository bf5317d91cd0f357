//! The one shape of a change on an existing order: check who makes it, open
//! the write transaction on the order (its state and plan), let the
//! operation run its steps and fill the journal, then store the position,
//! the fulfillment state and the audit rows and commit, all together.
//! Every order operation goes through [`Till::open_order`] and
//! [`OrderChange::finish`], which also queues the customer messages of the
//! statuses the change entered (the outbox, sent after commit).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::steps::{
    all_shipped, check_actor, journal, order_facts, queue_messages, refresh_fulfillment_state,
    release_stock,
};
use super::{Snapshot, Till};
use crate::error::Result;
use crate::inventory::Allocation;
use crate::journal::{payloads, EntryKind};
use crate::money::Currency;
use crate::storage::{OrderState, StepMove, StoredPosition, WorkflowMarks, WriteTx};
use crate::workflow::{Facts, Journal, Plan, Position, UndoPoint};

/// Where an order is after a change.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct EventResult {
    pub number: String,
    /// Whether the order changed step.
    pub moved: bool,
    pub stage: String,
    pub status: String,
    /// Every status entered by this change, in order.
    pub path: Vec<String>,
}

/// An order's totals (decimal strings in the shop currency).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EditTotals {
    pub subtotal: String,
    pub tax: String,
    pub total: String,
}

impl EditTotals {
    pub fn of(currency: &Currency, (subtotal, tax, total): (i64, i64, i64)) -> EditTotals {
        EditTotals {
            subtotal: currency.format(subtotal),
            tax: currency.format(tax),
            total: currency.format(total),
        }
    }
}

/// What an edit did (or, previewed, would do).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EditOutcome {
    pub number: String,
    /// Before → after, one entry per field, customer and line changed.
    pub changes: Vec<String>,
    /// The totals before and after (amounts as text in the currency).
    pub before: EditTotals,
    pub after: EditTotals,
    /// What the customer still owes after the edit (negative: owed to them).
    pub balance: String,
    /// What the edit changes the total by: above zero more to pay, below
    /// zero less (a refund when it was paid).
    pub difference: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "unknown"))]
    pub result: Option<EventResult>,
}

impl EditOutcome {
    /// The outcome of a change of `number` from `before` to `after`
    /// (subtotal, tax, total) on an order that has `paid`.
    pub(super) fn new(
        number: &str,
        changes: Vec<String>,
        currency: &Currency,
        before: (i64, i64, i64),
        after: (i64, i64, i64),
        paid: i64,
    ) -> EditOutcome {
        EditOutcome {
            number: number.to_string(),
            changes,
            before: EditTotals::of(currency, before),
            after: EditTotals::of(currency, after),
            balance: currency.format(after.2 - paid),
            difference: currency.format(after.2 - before.2),
            result: None,
        }
    }
}

/// What confirming an order reserved.
#[derive(Debug, Clone, Serialize)]
pub struct Confirmation {
    pub result: EventResult,
    pub allocations: Vec<Allocation>,
}

/// A change in progress on one order.
pub(super) struct OrderChange {
    pub tx: WriteTx,
    pub state: OrderState,
    pub plan: Arc<Plan>,
    pub number: String,
    /// Who makes the change (checked).
    pub actor: String,
    pub now: DateTime<Utc>,
    /// Whether the change touched what the fulfillment state reads besides
    /// the position (lines, stock, shipments, payments). Set unless the
    /// operation knows it did not.
    pub facts_changed: bool,
    /// The settings in force (message templates).
    pub snap: Arc<Snapshot>,
    /// What the engine knows of the order as opened.
    pub facts: Facts,
    /// Whether a move this change makes is a person's own (a button, a
    /// manual move), which `order undo` may take back.
    pub undoable: bool,
}

impl Till {
    /// Checks `actor` and opens the write transaction on order `number`.
    pub(super) async fn open_order(
        &self,
        number: &str,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<OrderChange> {
        let actor = check_actor(actor)?.to_string();
        let snap = self.snapshot()?;
        let mut tx = self.store().begin().await?;
        let state = tx.order_state(number).await?;
        let plan = self.plan(state.plan_id).await?;
        let shipped = plan.needs_all_shipped() && all_shipped(&mut tx, state.id).await?;
        let facts = order_facts(&state, shipped);
        Ok(OrderChange {
            tx,
            state,
            plan,
            number: number.to_string(),
            actor,
            now,
            facts_changed: true,
            snap,
            facts,
            undoable: false,
        })
    }
}

impl OrderChange {
    /// Refuses (`conflict`) a change of a canceled or completed order:
    /// "order N is Completed: it cannot be `done`".
    pub fn refuse_closed(&self, done: &str) -> Result<()> {
        if matches!(
            self.state.position,
            Position::Canceled | Position::Completed
        ) {
            return Err(crate::error::Error::conflict(format!(
                "order {} is {}: it cannot be {done}",
                self.number,
                self.plan.status_at(self.state.position)
            )));
        }
        Ok(())
    }

    /// Ends the change: releases the stock of an order it canceled, writes
    /// the new position (or touches the order), recomputes the stored
    /// fulfillment state when it may have changed, appends the journal's
    /// audit rows, and commits.
    pub async fn finish(mut self, mut j: Journal<'_>) -> Result<EventResult> {
        let canceled_now = j.at == Position::Canceled && self.state.position != Position::Canceled;
        if canceled_now {
            release_stock(&mut self.tx, self.state.id, &mut j).await?;
            let reason = j.rows.iter().rev().find_map(|r| r.reason.clone());
            let canceled =
                payloads::cancellation(&self.number, self.state.total, self.state.paid, reason);
            let (tx, actor) = (&mut self.tx, self.actor.as_str());
            journal(tx, EntryKind::Cancellation, &canceled, actor, self.now).await?;
        }
        if j.moved() {
            let at = stored(&self.plan, &j);
            self.tx.set_position(self.state.id, &at, self.now).await?;
        } else {
            self.tx.touch(self.state.id, self.now).await?;
        }
        if j.moved() || j.facts.kept != self.state.kept {
            let undo = self.undoable.then_some(UndoPoint {
                position: self.state.position,
                kept: self.state.kept,
            });
            let marks = marks(&self.plan, &j, self.now, undo);
            self.tx.set_workflow_marks(self.state.id, &marks)?;
        }
        // The stored state looks at the position only for `completed` and
        // `canceled`; a move between steps leaves it as it was.
        let ended = j.at != self.state.position && j.at.is_terminal();
        if self.facts_changed || ended {
            refresh_fulfillment_state(&mut self.tx, self.state.id).await?;
        }
        // Messages of the statuses entered, in this same transaction.
        queue_messages(&mut self.tx, &self.snap, self.state.id, &j, self.now).await?;
        self.tx
            .audit(self.state.id, &j.rows, &self.actor, self.now)
            .await?;
        self.tx.commit().await?;
        Ok(result(&self.number, &self.plan, &j))
    }
}

/// What a journal leaves of the order's workflow: the kept events and,
/// when it moved, the clock of its new step and where to undo it to.
pub(super) fn marks(
    plan: &Plan,
    j: &Journal,
    now: DateTime<Utc>,
    undo: Option<UndoPoint>,
) -> WorkflowMarks {
    let due = plan
        .step_at(j.at)
        .and_then(|s| s.target.as_deref())
        .and_then(|t| crate::settings::parse_target(t).ok())
        .and_then(|d| now.checked_add_signed(d));
    WorkflowMarks {
        kept: j.facts.kept,
        moved: j.moved().then_some(StepMove { at: now, undo, due }),
    }
}

/// The position a journal ended at, as stored.
pub(super) fn stored<'a>(plan: &'a Plan, j: &Journal) -> StoredPosition<'a> {
    StoredPosition {
        position: j.at,
        stage: plan.stage_at(j.at),
        status: plan.status_at(j.at),
    }
}

/// Where the order is after the journal's change.
pub(super) fn result(number: &str, plan: &Plan, j: &Journal) -> EventResult {
    EventResult {
        number: number.to_string(),
        moved: j.moved(),
        stage: plan.stage_at(j.at).to_string(),
        status: plan.status_at(j.at).to_string(),
        path: j
            .rows
            .iter()
            .filter(|r| r.moved)
            .map(|r| r.to_status.clone())
            .collect(),
    }
}
