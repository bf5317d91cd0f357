//! Discounts on a taken order (a line's or the whole order's), within the
//! giver's role limit or with the `orders.discount` permission (a
//! manager's approval lends it), in one change with its audit row
//! (`discount.given`) and journal entry.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use super::change::{EditOutcome, OrderChange};
use super::steps::{facts, journal, per_line, refuse_closed_period};
use super::Till;
use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::journal::{EntryKind, Payload};
use crate::orders::discount::{plan_discount, DiscountInput, DiscountPlan};
use crate::orders::pricing;
use crate::staff::{Actor, Permission};
use crate::triggers::Trigger;
use crate::workflow::Journal;

/// What a discount would do, and whether the giver needs a manager for it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiscountPreview {
    /// The order's totals before and after, and the balance.
    pub outcome: EditOutcome,
    /// What it takes off ("1.20").
    pub taken: String,
    /// The same as a percentage of what it is taken from ("10").
    pub percent: String,
    /// The most the giver's role may give without the permission, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub limit: Option<String>,
    /// Above that limit without the `orders.discount` permission: giving
    /// it needs a manager's approval.
    pub needs_approval: bool,
}

/// A discount planned in the order's open change (nothing written yet).
struct Planned {
    change: OrderChange,
    plan: DiscountPlan,
    /// (subtotal, tax, total) before.
    before: (i64, i64, i64),
    limit: Option<Decimal>,
    /// Whether the giver lacks the right to give it.
    refused: Option<Error>,
}

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
        let Planned {
            mut change,
            plan,
            before,
            refused,
            ..
        } = self.plan_order_discount(number, input, actor, now).await?;
        if let Some(e) = refused {
            return Err(e);
        }
        let order_id = change.state.id;
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
        let flow = change.plan.clone();
        let mut j = Journal::new(&flow, change.state.position, change.facts.clone());
        j.note(AuditEvent::DiscountGiven, Some(&plan.summary));
        if change.state.total > paid && paid >= t.total && t.total > 0 {
            j.event(Trigger::OrderPaidInFull, facts(t.total, paid))?;
        }
        let currency = change.snap.currency.clone();
        let result = change.finish(j).await?;
        Ok(EditOutcome {
            result: Some(result),
            ..EditOutcome::new(
                number,
                vec![plan.summary.clone()],
                &currency,
                before,
                (t.subtotal, t.tax, t.total),
                paid,
            )
        })
    }

    /// What [`Till::give_discount`] would take off and the totals it would
    /// come to, planned the same way, and whether `actor` needs a
    /// manager's approval to give it; nothing is written.
    pub async fn preview_discount(
        &self,
        number: &str,
        input: &DiscountInput,
        actor: &Actor,
    ) -> Result<DiscountPreview> {
        // Dropping the transaction rolls it back: it only read.
        let Planned {
            change,
            plan,
            before,
            limit,
            refused,
        } = self
            .plan_order_discount(number, input, actor, Utc::now())
            .await?;
        let currency = &change.snap.currency;
        let t = &plan.totals;
        Ok(DiscountPreview {
            outcome: EditOutcome::new(
                number,
                vec![plan.summary.clone()],
                currency,
                before,
                (t.subtotal, t.tax, t.total),
                change.state.paid,
            ),
            taken: currency.format(plan.taken),
            percent: plan.percent.normalize().to_string(),
            limit: limit.map(|l| l.normalize().to_string()),
            needs_approval: refused.is_some(),
        })
    }

    /// Opens the order's change and plans the discount in it: the one
    /// planning of [`Till::give_discount`] and [`Till::preview_discount`].
    async fn plan_order_discount(
        &self,
        number: &str,
        input: &DiscountInput,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Planned> {
        let mut change = self.open_order(number, &actor.audit_name(), now).await?;
        change.refuse_closed("discounted")?;
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
        let refused = if limit.is_none_or(|l| plan.percent > l) {
            actor.require(Permission::Discounts).err()
        } else {
            None
        };
        let before = (details.subtotal, details.tax, change.state.total);
        Ok(Planned {
            change,
            plan,
            before,
            limit,
            refused,
        })
    }
}
