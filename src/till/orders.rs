//! Orders: creating one (validated, numbered, its plan started, any
//! payments and reservations), worker triggers, manual moves, cancel, and
//! the order as screens show it.

use crate::staff::{Actor, Permission};
use chrono::{DateTime, Utc};

use super::change::Confirmation;
use super::change::{result, stored, EventResult};
use super::steps::{
    allocate_open_lines, check_actor, check_reason, facts, journal, journal_payments,
    new_order_state, queue_messages, refresh_fulfillment_state, spend_store_credit,
};
use super::Till;
use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::journal::{EntryKind, Payload};
use crate::orders::{self, OrderInput, OrderView};
use crate::storage::OrderRow;
use crate::triggers::{Source, Trigger};
use crate::workflow::{check_hand, Command, Journal};

impl Till {
    /// Creates an order from wizard answers: validates, numbers it, starts
    /// its plan, raises `order.created` and records any payments.
    pub async fn create_order(
        &self,
        input: &OrderInput,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let actor = &actor.acting(Permission::TakeOrders)?;
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
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Confirmation> {
        let actor = &actor.acting(Permission::TakeOrders)?;
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
        let currency = &snap.currency;
        journal(
            &mut tx,
            EntryKind::Sale,
            &sale(&number, &new, currency),
            actor,
            now,
        )
        .await?;
        journal_payments(&mut tx, &number, &new.payments, actor, now).await?;
        spend_store_credit(
            &mut tx,
            customer_id,
            id,
            &new.payments,
            currency,
            actor,
            now,
        )
        .await?;
        let allocations = if reserve {
            allocate_open_lines(&mut tx, id, &[], &mut j).await?
        } else {
            Vec::new()
        };
        if known.is_none() {
            let reserved: Vec<_> = allocations.iter().map(|a| (a.line_no, a.qty)).collect();
            match new_order_state(&line_facts, &reserved, j.at, total, paid) {
                Some(state) => tx.set_fulfillment_state(id, state)?,
                None => refresh_fulfillment_state(&mut tx, id).await?,
            }
        }
        queue_messages(&mut tx, &snap, id, &j, now).await?;
        tx.audit(id, &j.rows, actor, now).await?;
        tx.commit().await?;
        Ok(Confirmation {
            result: result(&number, &plan, &j),
            allocations,
        })
    }

    /// A worker's trigger event (a button, `order event`, the IPC
    /// `order_fire`). Moves the order when it is the current step's
    /// trigger; otherwise it is only recorded. A trigger the system raises
    /// when the thing happens (`payment.captured`, `invoice.printed`,
    /// `shipment.delivered`…, see [`Trigger::source`]) is refused, nothing
    /// written: take the payment, print, record the shipment instead.
    pub async fn fire_event(
        &self,
        number: &str,
        trigger: Trigger,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let name = &actor.acting(Permission::FireTriggers)?;
        if trigger.source() == Source::System {
            return Err(Error::invalid(
                "event",
                format!(
                    "'{trigger}' ({}) is raised by the system when it happens, not by hand",
                    trigger.label()
                ),
            ));
        }
        let command = Command::Event(trigger);
        let by_hand = Some(actor);
        self.run_command(number, &command, trigger.into(), None, name, by_hand, now)
            .await
    }

    /// Raises any trigger on an order, system ones included (prints).
    pub(super) async fn raise_event(
        &self,
        number: &str,
        trigger: Trigger,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let command = Command::Event(trigger);
        self.run_command(number, &command, trigger.into(), None, actor, None, now)
            .await
    }

    /// A worker moves the order to another step of its current workflow.
    pub async fn move_order(
        &self,
        number: &str,
        to_status: &str,
        reason: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let name = &actor.acting(Permission::MoveOrders)?;
        let reason = check_reason(reason)?;
        let command = Command::Move { to_status };
        self.run_command(
            number,
            &command,
            AuditEvent::ManualMove,
            Some(reason),
            name,
            Some(actor),
            now,
        )
        .await
    }

    /// Cancels an order that is not finished (its unshipped stock is released).
    pub async fn cancel(
        &self,
        number: &str,
        reason: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let actor = &actor.acting(Permission::CancelOrders)?;
        let reason = check_reason(reason)?;
        let command = Command::Cancel;
        self.run_command(
            number,
            &command,
            AuditEvent::OrderCanceled,
            Some(reason),
            actor,
            None,
            now,
        )
        .await
    }

    /// Runs one engine command on the order (a trigger, a move, cancel),
    /// recorded as `event` with `reason`. Only the position changes.
    /// `by_hand`: the person making their own move, whose step role rules apply.
    #[allow(clippy::too_many_arguments)]
    async fn run_command(
        &self,
        number: &str,
        command: &Command<'_>,
        event: AuditEvent,
        reason: Option<&str>,
        actor: &str,
        by_hand: Option<&Actor>,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let mut change = self.open_order(number, actor, now).await?;
        change.facts_changed = false;
        let plan = change.plan.clone();
        // The step's role rules, for a person's own move (read with the
        // order under the write lock; a refusal writes nothing).
        if let Some(person) = by_hand {
            check_hand(&plan, change.state.position, command, person)?;
        }
        let mut j = Journal::new(&plan, change.state.position);
        let order_facts = facts(change.state.total, change.state.paid);
        j.run(command, order_facts, event, reason)?;
        change.finish(j).await
    }

    /// The order as screens show it (fulfillment state as of the clock;
    /// [`Till::order_at`] takes `now`).
    pub async fn order(&self, number: &str) -> Result<OrderView> {
        self.order_at(number, Utc::now()).await
    }

    /// The order as screens show it, with its fulfillment state at `now`.
    pub async fn order_at(&self, number: &str, now: DateTime<Utc>) -> Result<OrderView> {
        let snap = self.snapshot()?;
        let rec = self.store().order(number).await?;
        let plan = self.plan(rec.plan_id).await?;
        let mut view = OrderView::build(&rec, &plan, &snap.settings, &snap.currency);
        view.fulfillment_state = Some(self.fulfillment_state(&rec, now).await?);
        Ok(view)
    }
}

/// What the journal records of a sale: the order, its lines and totals
/// (minor units of `currency`).
fn sale(number: &str, new: &orders::NewOrder, currency: &crate::money::Currency) -> Payload {
    let lines: Vec<serde_json::Value> = new
        .lines
        .iter()
        .map(|l| {
            serde_json::json!({
                "name": l.name,
                "sku": l.sku,
                "qty": l.qty.normalize().to_string(),
                "unit_price": l.unit_price,
                "tax_rate": l.tax_rate.normalize().to_string(),
                "amount": l.amount,
                "tax": l.tax,
            })
        })
        .collect();
    Payload::new()
        .with("order", number)
        .with("order_type", new.order_type.as_str())
        .with("currency", currency.code.as_str())
        .with("lines", lines)
        .money("subtotal", new.totals.subtotal)
        .money("tax", new.totals.tax)
        .money("total", new.totals.total)
}
