//! Order changes. Each one: validate (pure), open one write transaction,
//! read the order's state, let the engine decide (pure), then write the new
//! position, payments and audit rows together and commit.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::fulfillment_ops::{new_order_state, refresh_fulfillment_state, spend_store_credit};
use super::inventory_ops::{allocate_open_lines, describe};
use super::{Confirmation, Till};
use crate::error::{Error, Result};
use crate::orders::{self, check_payment, OrderInput, OrderView, PaymentInput};
use crate::storage::{OrderRow, StoredPosition, WriteTx};
use crate::triggers::Trigger;
use crate::workflow::{Command, Facts, Journal, Plan, Position};

/// A validated payment: method, amount (minor units), reference.
type NewPayment = (String, i64, Option<String>);

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

pub(super) fn facts(total: i64, paid: i64) -> Facts {
    Facts {
        paid_in_full: paid >= total,
    }
}

pub(super) fn stored<'a>(plan: &'a Plan, j: &Journal) -> StoredPosition<'a> {
    StoredPosition {
        position: j.at,
        stage: plan.stage_at(j.at),
        status: plan.status_at(j.at),
    }
}

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

pub(super) fn check_actor(actor: &str) -> Result<&str> {
    let a = actor.trim();
    if a.is_empty() || a.len() > 64 {
        return Err(Error::invalid(
            "actor",
            "who makes the change is required (at most 64 characters)",
        ));
    }
    Ok(a)
}

pub(super) fn check_reason(reason: &str) -> Result<&str> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(Error::invalid("reason", "a reason is required"));
    }
    if r.len() > 500 {
        return Err(Error::invalid("reason", "at most 500 characters"));
    }
    Ok(r)
}

impl Till {
    /// Creates an order from wizard answers: validates, numbers it, starts
    /// its plan, raises `order.created` and records any payments.
    pub async fn create_order(
        &self,
        input: &OrderInput,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        Ok(self.create(input, actor, now, false).await?.result)
    }

    /// Creates an order and confirms it in the same transaction: its counted
    /// lines reserve their stock by the allocation rule (see
    /// [`Till::confirm_order`]). When the stock cannot be reserved (and the
    /// item allows no backorders) nothing is written: the typed `conflict`
    /// error says which line lacks what.
    pub async fn create_confirmed_order(
        &self,
        input: &OrderInput,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Confirmation> {
        self.create(input, actor, now, true).await
    }

    async fn create(
        &self,
        input: &OrderInput,
        actor: &str,
        now: DateTime<Utc>,
        reserve: bool,
    ) -> Result<Confirmation> {
        let actor = check_actor(actor)?;
        let snap = self.snapshot()?;
        let new = orders::prepare(&snap.settings, input)?;
        let plan_id = Till::current_plan_id(&snap, &new.order_type)?;
        let plan = self.plan(plan_id).await?;
        let total = new.totals.total;
        let paid: i64 = new.payments.iter().map(|p| p.1).sum();
        let deposit = snap
            .settings
            .order_type(&new.order_type)
            .and_then(|t| t.deposit_percent);
        crate::payments::check_intake_payments(deposit, total, paid, &snap.currency)?;

        // Decide everything first (pure), then write it in one transaction.
        let mut j = Journal::started(&plan, facts(total, 0))?;
        let mut running = 0;
        for p in &new.payments {
            let was_paid = running >= total;
            running += p.1;
            j.event(Trigger::PaymentCaptured, facts(total, running))?;
            if !was_paid && running >= total {
                j.event(Trigger::OrderPaidInFull, facts(total, running))?;
            }
        }

        let mut tx = self.store().begin().await?;
        let number = tx
            .next_order_number(&snap.settings.shop.order_prefix)
            .await?;
        let customer_id = match &new.customer {
            Some(c) => Some(tx.resolve_customer(c, now).await?),
            None => None,
        };
        // The fulfillment state, when it is known before anything is
        // reserved and does not turn on which items are counted.
        let line_facts: Vec<_> = new.lines.iter().map(|l| (l.sku.is_some(), l.qty)).collect();
        let known = new_order_state(&line_facts, &[], j.at, total, paid).filter(|_| !reserve);
        let row = OrderRow {
            number: &number,
            order_type: &new.order_type,
            plan_id,
            at: stored(&plan, &j),
            customer_id,
            fields: &new.fields,
            subtotal: new.totals.subtotal,
            tax: new.totals.tax,
            total,
            paid,
            due_date: new.due_date,
            pricing: crate::orders::pricing(&snap.settings),
            fulfillment_state: known,
        };
        let id = tx.insert_order(&row, &new.lines, now).await?;
        tx.insert_payments(id, &new.payments, actor, now).await?;
        spend_store_credit(
            &mut tx,
            customer_id,
            id,
            &new.payments,
            &snap.currency,
            actor,
            now,
        )
        .await?;
        let allocations = if reserve {
            allocate_open_lines(&mut tx, id, &[]).await?
        } else {
            Vec::new()
        };
        if !allocations.is_empty() {
            j.note("stock.allocated", Some(&describe(&allocations)));
        }
        if known.is_none() {
            let reserved: Vec<_> = allocations.iter().map(|a| (a.line_no, a.qty)).collect();
            match new_order_state(&line_facts, &reserved, j.at, total, paid) {
                Some(state) => tx.set_fulfillment_state(id, state)?,
                None => refresh_fulfillment_state(&mut tx, id).await?,
            }
        }
        tx.audit(id, &j.rows, actor, now).await?;
        tx.commit().await?;
        Ok(Confirmation {
            result: result(&number, &plan, &j),
            allocations,
        })
    }

    /// Runs one change on an existing order inside a transaction: `change`
    /// gets the journal and the order's facts and may write (payments).
    async fn change<F>(
        &self,
        number: &str,
        actor: &str,
        now: DateTime<Utc>,
        change: F,
    ) -> Result<EventResult>
    where
        F: for<'a> FnOnce(&'a mut Journal, i64, i64) -> Result<Option<NewPayment>>,
    {
        let actor = check_actor(actor)?;
        let mut tx: WriteTx = self.store().begin().await?;
        let state = tx.order_state(number).await?;
        let plan = self.plan(state.plan_id).await?;
        let mut j = Journal::new(&plan, state.position);
        let payment = change(&mut j, state.total, state.paid)?;
        if j.at == Position::Canceled && state.position != Position::Canceled {
            super::order_tx::release_stock(&mut tx, state.id, &mut j).await?;
        }
        let paid_now = payment.is_some();
        if let Some(p) = payment {
            tx.insert_payments(state.id, std::slice::from_ref(&p), actor, now)
                .await?;
            tx.add_paid(state.id, p.1).await?;
            let customer = tx.order_customer(state.id).await?;
            let currency = self.snapshot()?.currency.clone();
            let paid = std::slice::from_ref(&p);
            spend_store_credit(&mut tx, customer, state.id, paid, &currency, actor, now).await?;
        }
        if j.moved() {
            tx.set_position(state.id, &stored(&plan, &j), now).await?;
        } else {
            tx.touch(state.id, now).await?;
        }
        // The stored state looks at the position only for `completed` and
        // `canceled`; a move between steps leaves it as it was.
        if paid_now || (j.at != state.position && j.at.is_terminal()) {
            refresh_fulfillment_state(&mut tx, state.id).await?;
        }
        tx.audit(state.id, &j.rows, actor, now).await?;
        tx.commit().await?;
        Ok(result(number, &plan, &j))
    }

    /// A trigger event. Moves the order when it is the current step's
    /// trigger; otherwise it is only recorded.
    pub async fn fire_event(
        &self,
        number: &str,
        trigger: Trigger,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        if matches!(
            trigger,
            Trigger::PaymentCaptured | Trigger::OrderPaidInFull | Trigger::OrderCreated
        ) {
            return Err(Error::invalid(
                "event",
                format!(
                    "'{trigger}' is raised by the system when it happens (take a payment instead)"
                ),
            ));
        }
        self.change(number, actor, now, |j, total, paid| {
            j.event(trigger, facts(total, paid))?;
            Ok(None)
        })
        .await
    }

    /// A worker moves the order to another step of its current workflow.
    pub async fn move_order(
        &self,
        number: &str,
        to_status: &str,
        reason: &str,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let reason = check_reason(reason)?;
        self.change(number, actor, now, |j, total, paid| {
            j.run(
                &Command::Move { to_status },
                facts(total, paid),
                "manual.move",
                Some(reason),
            )?;
            Ok(None)
        })
        .await
    }

    /// Cancels an order that is not finished.
    pub async fn cancel(
        &self,
        number: &str,
        reason: &str,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let reason = check_reason(reason)?;
        self.change(number, actor, now, |j, total, paid| {
            j.run(
                &Command::Cancel,
                facts(total, paid),
                "order.canceled",
                Some(reason),
            )?;
            Ok(None)
        })
        .await
    }

    /// Takes a payment (partial or the rest): raises `payment.captured`, and
    /// `order.paid_in_full` when the balance reaches zero.
    pub async fn pay(
        &self,
        number: &str,
        payment: &PaymentInput,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let snap = self.snapshot()?;
        let p = check_payment(&snap.currency, payment, "payment")?;
        let currency = &snap.currency;
        self.change(number, actor, now, |j, total, paid| {
            // A completed order may still owe money (collected after pickup);
            // a canceled one takes nothing.
            if j.at == Position::Canceled {
                return Err(Error::conflict(
                    "the order is canceled and takes no payments",
                ));
            }
            let balance = total - paid;
            if p.1 > balance {
                return Err(Error::invalid(
                    "payment.amount",
                    format!(
                        "{} is more than the balance due {}",
                        currency.format(p.1),
                        currency.format(balance)
                    ),
                ));
            }
            let now_paid = paid + p.1;
            j.event(Trigger::PaymentCaptured, facts(total, now_paid))?;
            if paid < total && now_paid >= total {
                j.event(Trigger::OrderPaidInFull, facts(total, now_paid))?;
            }
            Ok(Some(p))
        })
        .await
    }

    /// The order as screens show it (fulfillment state as of the clock;
    /// [`Till::order_at`] takes `now`).
    pub async fn order(&self, number: &str) -> Result<OrderView> {
        self.order_at(number, Utc::now()).await
    }
}
