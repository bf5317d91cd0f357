//! Order edits: the update wizard's answers, the customer, the due date and
//! the lines of a taken order, in one change with its audit row
//! (`order.updated`, the difference before → after), its reservations
//! following the lines, and a journal entry when the totals change.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::change::EditOutcome;
use super::change::OrderChange;
use super::steps::{
    allocate_open_lines, facts, journal, note_released, per_line, refuse_closed_period,
};
use super::Till;
use crate::error::{Error, Result};
use crate::journal::{EntryKind, Payload};
use crate::orders::edit::{edit_form, plan_edit, EditBase, EditForm, EditPlan, OrderEdit};
use crate::orders::pricing;
use crate::orders::{Customer, Line};
use crate::settings::Wizard;
use crate::staff::{Actor, Permission};
use crate::triggers::Trigger;
use crate::workflow::{Command, Journal};

/// What an edit starts from, read in the order's open change.
struct EditRead {
    change: OrderChange,
    wizard: Wizard,
    fields: Map<String, Value>,
    customer_id: Option<i64>,
    /// (subtotal, tax) before the edit.
    stored: (i64, i64),
    customer: Option<Customer>,
    lines: Vec<Line>,
    shipped: Vec<Decimal>,
    returned: Vec<Decimal>,
}

struct Planned {
    change: OrderChange,
    plan: EditPlan,
    customer_id: Option<i64>,
    count: usize,
    /// (subtotal, tax, total) before the edit.
    before: (i64, i64, i64),
}

impl Till {
    /// Edits an order (see [`OrderEdit`]): re-priced with the pricing it
    /// was sold under, its reservations following its lines, recorded as
    /// `order.updated` with the difference. A canceled or completed order
    /// cannot be edited; bad input is a typed error and nothing is written.
    pub async fn edit_order(
        &self,
        number: &str,
        edit: &OrderEdit,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<EditOutcome> {
        let name = actor.acting(Permission::EditOrders)?;
        let Planned {
            mut change,
            plan,
            customer_id,
            count,
            before,
        } = self.plan_order_edit(number, edit, &name, now).await?;
        let (before_total, paid) = (change.state.total, change.state.paid);
        let order_id = change.state.id;
        let had_reservations = change.tx.has_allocations(order_id).await?;
        let flow = change.plan.clone();
        let mut j = Journal::new(&flow, change.state.position, change.facts.clone());
        let tx = &mut change.tx;

        // Lines: the kept ones rewritten where changed, their reservations
        // trimmed to what they still need; removed ones released and
        // deleted (later lines move up); added ones appended.
        let returned = tx.returned(order_id).await?;
        let back_of = |i: usize| -> Decimal {
            returned
                .iter()
                .filter(|(l, _)| *l == i as i64)
                .map(|(_, q)| *q)
                .sum()
        };
        let mut released = Vec::new();
        for (line, origin) in plan.lines.iter().zip(&plan.origin) {
            let Some(old) = origin else { continue };
            let keep = line.qty - back_of(*old);
            released.extend(tx.trim_allocations(order_id, *old as i64, keep).await?);
            tx.replace_line(order_id, *old as i64, line).await?;
        }
        for &r in &plan.removed {
            released.extend(
                tx.trim_allocations(order_id, r as i64, Decimal::ZERO)
                    .await?,
            );
        }
        let mut lines_now = count as i64;
        for &r in plan.removed.iter().rev() {
            tx.remove_line(order_id, r as i64, lines_now).await?;
            lines_now -= 1;
        }
        let added: Vec<_> = plan
            .lines
            .iter()
            .zip(&plan.origin)
            .filter(|(_, o)| o.is_none())
            .map(|(l, _)| l.clone())
            .collect();
        tx.append_lines(order_id, lines_now, &added).await?;
        note_released(&released, &mut j);
        if had_reservations {
            let after = tx.returned(order_id).await?;
            allocate_open_lines(tx, order_id, &after, &mut j).await?;
        }

        let t = &plan.totals;
        tx.set_totals(order_id, t.subtotal, t.tax, t.total).await?;
        tx.set_order_details(order_id, &plan.fields, plan.due_date, customer_id)
            .await?;
        // A field guard reads the answers as they are after the edit.
        j.facts.filled = crate::workflow::filled(&plan.fields);
        if t.total != before_total {
            let entry = Payload::new()
                .with("order", change.number.as_str())
                .money("before", before_total)
                .money("subtotal", t.subtotal)
                .money("tax", t.tax)
                .money("total", t.total)
                .with("changes", plan.summary());
            journal(tx, EntryKind::OrderEdited, &entry, &name, now).await?;
        }

        let summary = plan.summary();
        let updated = Command::Event(Trigger::OrderUpdated);
        let order_facts = facts(t.total, paid);
        j.run(
            &updated,
            order_facts,
            Trigger::OrderUpdated.into(),
            Some(&summary),
        )?;
        if before_total > paid && paid >= t.total && t.total > 0 {
            j.event(Trigger::OrderPaidInFull, order_facts)?;
        }
        let currency = change.snap.currency.clone();
        let result = change.finish(j).await?;
        Ok(EditOutcome {
            result: Some(result),
            ..EditOutcome::new(
                number,
                plan.changes.clone(),
                &currency,
                before,
                (t.subtotal, t.tax, t.total),
                paid,
            )
        })
    }

    /// What [`Till::edit_order`] would change and the totals it would come
    /// to, computed the same way; nothing is written.
    pub async fn preview_order_edit(&self, number: &str, edit: &OrderEdit) -> Result<EditOutcome> {
        // Dropping the transaction rolls it back: it only read.
        let Planned {
            change,
            plan,
            before,
            ..
        } = self
            .plan_order_edit(number, edit, "preview", Utc::now())
            .await?;
        let t = &plan.totals;
        Ok(EditOutcome::new(
            number,
            plan.changes.clone(),
            &change.snap.currency,
            before,
            (t.subtotal, t.tax, t.total),
            change.state.paid,
        ))
    }

    /// The form of an edit of the order: the fields it may answer and what
    /// each line keeps (see [`edit_form`]); nothing is written.
    pub async fn order_edit_form(&self, number: &str) -> Result<EditForm> {
        let read = self.read_for_edit(number, "preview", Utc::now()).await?;
        Ok(edit_form(&read.wizard, &read.shipped, &read.returned))
    }

    /// Opens the order's change and reads what an edit starts from (an
    /// order that cannot be edited is refused); nothing written.
    async fn read_for_edit(
        &self,
        number: &str,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<EditRead> {
        let mut change = self.open_order(number, actor, now).await?;
        change.refuse_closed("edited")?;
        let order_id = change.state.id;
        refuse_closed_period(&mut change.tx, order_id, number, self.till_code(), "edited").await?;
        let snap = change.snap.clone();
        let details = change.tx.order_details(order_id).await?;
        let wizard = snap
            .settings
            .order_type(&details.order_type)
            .and_then(|t| snap.settings.wizard(&t.wizard))
            .ok_or_else(|| Error::not_found("wizard", &details.order_type))?
            .clone();
        let lines = change.tx.order_lines(order_id).await?;
        let shipped = per_line(&change.tx.shipped_by_line(order_id).await?, lines.len());
        let returned = per_line(&change.tx.returned(order_id).await?, lines.len());
        let customer = match details.customer_id {
            Some(id) => Some(change.tx.customer_for_change(id).await?.0),
            None => None,
        };
        Ok(EditRead {
            change,
            wizard,
            fields: details.fields,
            customer_id: details.customer_id,
            stored: (details.subtotal, details.tax),
            customer,
            lines,
            shipped,
            returned,
        })
    }

    /// Opens the order's change and plans the edit in it (nothing written
    /// yet but a new customer's row, inside the transaction).
    async fn plan_order_edit(
        &self,
        number: &str,
        edit: &OrderEdit,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Planned> {
        let EditRead {
            mut change,
            wizard,
            fields,
            customer_id,
            stored,
            customer,
            lines,
            shipped,
            returned,
        } = self.read_for_edit(number, actor, now).await?;
        let snap = change.snap.clone();
        let base = EditBase {
            wizard: &wizard,
            fields: &fields,
            customer: customer.as_ref(),
            lines: &lines,
            shipped,
            returned,
            pricing: change
                .state
                .pricing
                .unwrap_or_else(|| pricing(&snap.settings)),
        };
        let plan = plan_edit(&snap.settings, &base, edit)?;
        let before = (stored.0, stored.1, change.state.total);
        let customer_id = match &plan.customer {
            Some(c) => Some(change.tx.resolve_customer(c, now).await?),
            None => customer_id,
        };
        Ok(Planned {
            change,
            plan,
            customer_id,
            count: lines.len(),
            before,
        })
    }
}
