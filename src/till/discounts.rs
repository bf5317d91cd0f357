//! Discounts on a taken order (a line's or the whole order's), within the
//! giver's role limit or with the `orders.discount` permission (a
//! manager's approval lends it), in one change with its audit row
//! (`discount.given`) and journal entry.

use chrono::{DateTime, Utc};

use super::change::{EditOutcome, EditTotals};
use super::steps::{facts, journal, per_line, refuse_closed_period};
use super::Till;
use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::journal::{EntryKind, Payload};
use crate::orders::discount::{plan_discount, DiscountInput};
use crate::orders::pricing;
use crate::staff::{Actor, Permission};
use crate::triggers::Trigger;
use crate::workflow::{Journal, Position};

impl Till {
    /// Gives a discount (see [`DiscountInput`]). Without the
    /// `orders.discount` permission the giver's role may give up to its
    /// limit (`staff.discount_limits`); above it the refusal is
    /// `forbidden` naming the permission (ask a manager's approval). A
    /// canceled or completed order cannot be discounted; nothing is written
    /// on a refusal.
    pub async fn give_discount(
        &self,
        number: &str,
        input: &DiscountInput,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<EditOutcome> {
        let name = actor.audit_name();
        let mut change = self.open_order(number, &name, now).await?;
        if matches!(
            change.state.position,
            Position::Canceled | Position::Completed
        ) {
            return Err(Error::conflict(format!(
                "order {number} is {}: it cannot be discounted",
                change.plan.status_at(change.state.position)
            )));
        }
        let snap = change.snap.clone();
        let order_id = change.state.id;
        let till = self.till_code();
        refuse_closed_period(&mut change.tx, order_id, number, till, "discounted").await?;
        let details = change.tx.order_details(order_id).await?;
        let lines = change.tx.order_lines(order_id).await?;
        let returned = per_line(&change.tx.returned(order_id).await?, lines.len());
        let order_pricing = change
            .state
            .pricing
            .unwrap_or_else(|| pricing(&snap.settings));
        let plan = plan_discount(&lines, &returned, input, &snap.currency, order_pricing)?;
        let limit = snap
            .settings
            .shop
            .staff
            .discount_limits
            .get(&actor.role)
            .copied();
        if limit.is_none_or(|l| plan.percent > l) {
            actor.require(Permission::Discounts)?;
        }

        let tx = &mut change.tx;
        for &i in &plan.changed {
            tx.replace_line(order_id, i as i64, &plan.lines[i]).await?;
        }
        let t = &plan.totals;
        tx.set_totals(order_id, t.subtotal, t.tax, t.total).await?;
        let entry = Payload::new()
            .with("order", change.number.as_str())
            .money("before", change.state.total)
            .money("subtotal", t.subtotal)
            .money("tax", t.tax)
            .money("total", t.total)
            .with("changes", plan.summary.as_str());
        journal(tx, EntryKind::OrderEdited, &entry, &name, now).await?;

        let paid = change.state.paid;
        let before = (details.subtotal, details.tax, change.state.total);
        let flow = change.plan.clone();
        let mut j = Journal::new(&flow, change.state.position, change.facts.clone());
        j.note(AuditEvent::DiscountGiven, Some(&plan.summary));
        if change.state.total > paid && paid >= t.total && t.total > 0 {
            j.event(Trigger::OrderPaidInFull, facts(t.total, paid))?;
        }
        let currency = snap.currency.clone();
        let result = change.finish(j).await?;
        Ok(EditOutcome {
            number: number.to_string(),
            changes: vec![plan.summary.clone()],
            before: EditTotals::of(&currency, before),
            after: EditTotals::of(&currency, (t.subtotal, t.tax, t.total)),
            balance: currency.format(t.total - paid),
            result: Some(result),
        })
    }
}
