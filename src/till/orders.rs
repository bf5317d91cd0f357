//! Orders: creating one (validated, numbered, its plan started, any
//! payments and reservations), worker triggers, manual moves, cancel, and
//! the order as screens show it.

use crate::staff::{Actor, Permission};
use chrono::{DateTime, Utc};

use super::change::Confirmation;
use super::change::{marks, result, stored, EventResult};
use super::steps::{
    allocate_open_lines, check_actor, check_reason, facts, journal, journal_change,
    journal_payments, new_order_state, queue_messages, refresh_fulfillment_state, session_for,
    spend_store_credit, NewPayment,
};
use super::Till;
use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::journal::{payloads, EntryKind, Payload};
use crate::orders::{self, CreditNoteView, OrderInput, OrderView};
use crate::storage::OrderRow;
use crate::triggers::{Source, Trigger};
use crate::workflow::{check_fire, check_hand, filled, Command, Facts, Journal};

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
        let today = crate::settings::local_day(now, snap.settings.time_zone()?);
        let new = orders::prepare(&snap.settings, input, today)?;
        let plan_id = Till::current_plan_id(&snap, &new.order_type)?;
        let plan = self.plan(plan_id).await?;
        let total = new.totals.total;
        let deposit = snap
            .settings
            .order_type(&new.order_type)
            .and_then(|t| t.deposit_percent);
        let handed: Vec<(String, i64)> = new.payments.iter().map(|p| (p.0.clone(), p.1)).collect();
        let coin = snap.settings.shop.cash.coin(&snap.currency)?;
        let tendered =
            crate::payments::intake_tenders(deposit, total, &handed, coin, &snap.currency)?;
        // What each payment pays off the order (cash above the total is change).
        let payments: Vec<NewPayment> = new
            .payments
            .iter()
            .zip(&tendered)
            .map(|(p, t)| (p.0.clone(), t.amount, p.2.clone()))
            .collect();
        let paid: i64 = payments.iter().map(|p| p.1).sum();
        let till = self.till_code().to_string();

        // Decide everything first (pure), then write it in one transaction.
        let mut start = Facts::of_money(facts(total, 0));
        start.filled = filled(&new.fields);
        let mut j = Journal::started(&plan, start)?;
        let mut running = 0;
        for p in &payments {
            let was_paid = running >= total;
            running += p.1;
            j.event(Trigger::PaymentCaptured, facts(total, running))?;
            if !was_paid && running >= total {
                j.event(Trigger::OrderPaidInFull, facts(total, running))?;
            }
        }

        let mut tx = self.store().begin().await?;
        let session =
            session_for(&mut tx, &snap, &till, payments.iter().map(|p| p.0.as_str())).await?;
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
        tx.insert_payments(id, &payments, &tendered, session, actor, now)
            .await?;
        if let Some(session) = session {
            tx.set_order_session(id, session)?;
        }
        let currency = &snap.currency;
        journal(
            &mut tx,
            EntryKind::Sale,
            &sale(&number, &new, currency),
            actor,
            now,
        )
        .await?;
        journal_payments(&mut tx, &number, &payments, actor, now).await?;
        journal_change(&mut tx, &number, &payments, &tendered, actor, now).await?;
        spend_store_credit(&mut tx, customer_id, id, &payments, currency, actor, now).await?;
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
        tx.set_workflow_marks(id, &marks(&plan, &j, now, None))?;
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

    /// A person moves the order to a step of any stage of its plan, or to
    /// `completed`. A forward move must meet the guards of every step it
    /// leaves or passes: a `guarded` refusal names the first unmet, and
    /// nothing is written ([`Till::move_order_past_guards`] goes past).
    pub async fn move_order(
        &self,
        number: &str,
        to_status: &str,
        reason: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        self.move_to(number, to_status, reason, false, actor, now)
            .await
    }

    /// [`Till::move_order`] past the guards of the steps it leaves, with the
    /// permission `orders.override_guard`: recorded (`guard.overridden`,
    /// naming each guard) with the reason.
    pub async fn move_order_past_guards(
        &self,
        number: &str,
        to_status: &str,
        reason: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        self.move_to(number, to_status, reason, true, actor, now)
            .await
    }

    async fn move_to(
        &self,
        number: &str,
        to_status: &str,
        reason: &str,
        override_guards: bool,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let name = &actor.acting(Permission::MoveOrders)?;
        if override_guards {
            actor.acting(Permission::OverrideGuards)?;
        }
        let reason = check_reason(reason)?;
        let command = Command::Move {
            to_status,
            override_guards,
        };
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

    /// Takes back the order's last move, when a person made it (a button
    /// or a manual move) within the shop's window (`shop.undo_minutes`,
    /// default 10): the order goes back to where that move found it, with
    /// the events then kept. Recorded as its own audit row (`move.undone`);
    /// history is never deleted. A move is undone once.
    pub async fn undo_move(
        &self,
        number: &str,
        reason: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let name = &actor.acting(Permission::MoveOrders)?;
        let reason = check_reason(reason)?;
        let change = self.open_order(number, name, now).await?;
        let plan = change.plan.clone();
        if let Some(step) = plan.step_at(change.state.position) {
            crate::workflow::check_step_roles(step, actor, crate::workflow::ByHand::MoveOut)?;
        }
        let window = change
            .snap
            .settings
            .shop
            .undo_minutes
            .unwrap_or(crate::settings::DEFAULT_UNDO_MINUTES);
        let state = &change.state;
        let outcome = crate::workflow::undo(
            &plan,
            state.position,
            state.undo.as_ref(),
            state.moved_at,
            now,
            window,
        )?;
        let mut j = Journal::new(&plan, state.position, change.facts.clone());
        j.apply(&outcome, AuditEvent::MoveUndone, Some(reason));
        change.finish(j).await
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
        // The step's role rules and guards, for a person's own move (read
        // with the order under the write lock; a refusal writes nothing).
        if let Some(person) = by_hand {
            check_hand(&plan, change.state.position, command, person)?;
            if let Command::Event(t) = command {
                check_fire(&plan, change.state.position, *t, &change.facts)?;
            }
            change.undoable = !matches!(command, Command::Cancel);
        }
        let mut j = Journal::new(&plan, change.state.position, change.facts.clone());
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
        let (kept, undo, moved_at) = self.store().order_marks(rec.id).await?;
        let mut facts = Facts::of_money(crate::workflow::Money {
            total: rec.total,
            paid: rec.paid,
        });
        facts.kept = kept;
        facts.filled = filled(&rec.fields);
        if plan.needs_all_shipped() {
            let r = self.store().fulfillment_record(rec.id).await?;
            facts.all_shipped = super::steps::shipped_all(&r);
        }
        let window = snap
            .settings
            .shop
            .undo_minutes
            .unwrap_or(crate::settings::DEFAULT_UNDO_MINUTES);
        let undo_until = match (undo, moved_at) {
            (Some(_), Some(at))
                if window > 0 && rec.position != crate::workflow::Position::Canceled =>
            {
                Some(at + chrono::Duration::minutes(i64::from(window))).filter(|u| *u >= now)
            }
            _ => None,
        };
        view.moves = Some(crate::workflow::moves_view(
            &plan,
            rec.position,
            &facts,
            &snap.settings,
            undo_until,
        ));
        let (invoice, notes) = self.store().order_issues(rec.id).await?;
        view.invoice = invoice;
        view.credit_notes = notes
            .into_iter()
            .map(|n| CreditNoteView {
                number: n.number,
                invoice: n.invoice,
                issued_at: n.issued_at,
                total: snap.currency.format(n.total),
            })
            .collect();
        Ok(view)
    }
}

/// What the journal records of a sale: the order, its lines and totals
/// (minor units of `currency`).
fn sale(number: &str, new: &orders::NewOrder, currency: &crate::money::Currency) -> Payload {
    let lines: Vec<payloads::SaleLine> = new
        .lines
        .iter()
        .map(|l| payloads::SaleLine {
            name: &l.name,
            sku: l.sku.as_deref(),
            qty: l.qty,
            unit_price: l.unit_price,
            tax_rate: l.tax_rate,
            amount: l.amount,
            tax: l.tax,
        })
        .collect();
    let totals = payloads::SaleTotals {
        subtotal: new.totals.subtotal,
        tax: new.totals.tax,
        total: new.totals.total,
    };
    payloads::sale(number, &new.order_type, &currency.code, &lines, &totals)
}
