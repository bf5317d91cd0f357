//! Refunds outside returns and voids: money given back without goods
//! coming back (a canceled order's deposit, a goodwill gesture, an
//! overcharge), and the same-day mistake undone whole (the order canceled
//! and everything paid given back). Each is one change on the order: a
//! `returns` row of kind `refund` or `void` (no lines), the refund payments
//! (cash out of the drawer session, rounded to the smallest coin), the
//! `refund` journal entry and the `refund.issued` audit row with the reason.
//!
//! A refund on an order that is not canceled also lowers what it costs
//! (`payments::refund_adjustment`): the amount comes off its total as an
//! order discount with the refund's reason, tax shared out by rate, so a
//! goodwill refund or an overcharge given back leaves nothing owing. On a
//! canceled order only what it was paid goes down.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::change::{EventResult, OrderChange};
use super::steps::{
    check_reason, facts, journal, pay_out_refund, per_line, refund_split, refund_tender,
    session_for, RefundView,
};
use super::Till;
use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::journal::{EntryKind, Payload};
use crate::orders::discount::{plan_discount, DiscountInput};
use crate::orders::pricing;
use crate::payments::{check_refund, refund_adjustment, RefundInput, RefundTo, CASH};
use crate::staff::{Actor, Permission};
use crate::storage::ReturnRow;
use crate::workflow::{Command, Journal, Position};

/// How a refund would be paid out (shown before it is confirmed).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RefundPreview {
    /// The amount refunded.
    pub refund: String,
    /// Per tender, newest first (or all to store credit).
    pub refunds: Vec<RefundView>,
    /// Cash the drawer pays out (the cash part rounded to the smallest coin).
    pub cash_out: String,
    /// At most this can be refunded (what the order holds).
    pub refundable: String,
    /// What the customer owes after it (negative: still owed to them).
    pub balance: String,
}

/// A refund or void done.
#[derive(Debug, Clone, Serialize)]
pub struct RefundResult {
    pub result: EventResult,
    /// The `returns` row recording it (none: a void of an unpaid order).
    pub refund_id: Option<i64>,
    pub refund: String,
    pub refunds: Vec<RefundView>,
    pub paid: String,
    pub balance: String,
}

/// A refund checked against the order in its change, not yet written.
struct PlannedRefund {
    amount: i64,
    /// What comes off the order's total ([`refund_adjustment`]).
    adjust: i64,
    split: Vec<(String, i64)>,
    preview: RefundPreview,
}

impl Till {
    /// How [`Till::refund`] would pay `input` out; nothing is written. The
    /// reason may still be empty.
    pub async fn preview_refund(&self, number: &str, input: &RefundInput) -> Result<RefundPreview> {
        // Dropping the change rolls it back: it only read.
        let mut change = self.open_order(number, "preview", Utc::now()).await?;
        Ok(plan_refund(&mut change, input).await?.preview)
    }

    /// Gives money back without goods: at most what the order holds (paid
    /// less refunded), to the original tenders newest first or to store
    /// credit, with a reason. Needs `returns.refund`; a refusal writes
    /// nothing.
    pub async fn refund(
        &self,
        number: &str,
        input: &RefundInput,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<RefundResult> {
        let name = actor.acting(Permission::Refunds)?;
        let reason = check_reason(&input.reason)?;
        let mut change = self.open_order(number, &name, now).await?;
        let planned = plan_refund(&mut change, input).await?;
        let plan = change.plan.clone();
        let mut j = Journal::new(&plan, change.state.position, change.facts.clone());
        if planned.adjust > 0 {
            lower_total(&mut change, &mut j, planned.adjust, reason).await?;
        }
        let paid = self
            .pay_refund(&mut change, &mut j, planned, "refund", reason)
            .await?;
        refunded(change, j, Some(paid)).await
    }

    /// Voids an order: cancels it and gives back everything it holds to the
    /// original tenders, in one change (the same-day mistake). Refused for
    /// an order that is completed, canceled or has shipped lines. Needs
    /// `orders.cancel` and `returns.refund`.
    pub async fn void(
        &self,
        number: &str,
        reason: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<RefundResult> {
        let name = actor.acting(Permission::CancelOrders)?;
        actor.require(Permission::Refunds)?;
        let reason = check_reason(reason)?;
        let mut change = self.open_order(number, &name, now).await?;
        let status = change.plan.status_at(change.state.position).to_string();
        if matches!(
            change.state.position,
            Position::Canceled | Position::Completed
        ) {
            return Err(Error::conflict(format!(
                "order {number} is {status}: it cannot be voided"
            )));
        }
        let record = change.tx.fulfillment_record(change.state.id).await?;
        if record.lines.iter().any(|l| !l.shipped.is_zero()) {
            return Err(Error::conflict(format!(
                "order {number} has shipped lines: it cannot be voided (return them instead)"
            )));
        }
        let (total, paid) = (change.state.total, change.state.paid);
        let plan = change.plan.clone();
        let mut j = Journal::new(&plan, change.state.position, change.facts.clone());
        // The cancel, as `order cancel` runs it; the change releases the
        // stock and records the cancellation when it finishes.
        j.run(
            &Command::Cancel,
            facts(total, paid),
            AuditEvent::OrderCanceled,
            Some(reason),
        )?;
        let mut out = None;
        if paid > 0 {
            let input = RefundInput {
                amount: change.snap.currency.to_decimal(paid),
                to: RefundTo::Original,
                reason: reason.to_string(),
            };
            let mut planned = plan_refund(&mut change, &input).await?;
            // This change cancels the order: its total is not lowered.
            planned.adjust = 0;
            out = Some(
                self.pay_refund(&mut change, &mut j, planned, "void", reason)
                    .await?,
            );
        }
        refunded(change, j, out).await
    }

    /// Writes a planned refund in its change: the `returns` row (`kind`),
    /// the refund payments in the drawer session, the `refund` journal
    /// entry and the `refund.issued` audit row.
    async fn pay_refund(
        &self,
        change: &mut OrderChange,
        j: &mut Journal<'_>,
        planned: PlannedRefund,
        kind: &str,
        reason: &str,
    ) -> Result<PaidOut> {
        let snap = change.snap.clone();
        let currency = &snap.currency;
        let coin = snap.settings.shop.cash.coin(currency)?;
        let (order_id, now) = (change.state.id, change.now);
        let actor = change.actor.clone();
        let methods = planned.split.iter().map(|(m, _)| m.as_str());
        let session = session_for(&mut change.tx, &snap, self.till_code(), methods).await?;
        let row = ReturnRow {
            order_id,
            kind,
            refund: planned.amount,
            charge: 0,
            adjust: planned.adjust,
            reason,
        };
        let id = change.tx.insert_return(&row, &[], &actor, now).await?;
        let reference = format!("{kind} #{id}");
        let number = change.number.clone();
        let refunds = pay_out_refund(
            &mut change.tx,
            (order_id, number.as_str()),
            planned.split.clone(),
            &reference,
            session,
            coin,
            &actor,
            now,
        )
        .await?;
        let details = change.tx.order_details(order_id).await?;
        let entry = Payload::new()
            .with("order", number.as_str())
            .with("return_id", id)
            .with("return_kind", kind)
            .money("refund", planned.amount)
            .money("charge", 0)
            .money("subtotal", details.subtotal)
            .money("tax", details.tax)
            .money("total", change.state.total)
            .with("reason", reason);
        journal(&mut change.tx, EntryKind::Refund, &entry, &actor, now).await?;
        let to: Vec<String> = refunds
            .iter()
            .map(|(m, a, _)| format!("{} to {m}", currency.format(-a)))
            .collect();
        j.note(
            AuditEvent::RefundIssued,
            Some(&format!("{}: {reason}", to.join(", "))),
        );
        Ok(PaidOut {
            id,
            amount: planned.amount,
            split: planned.split,
        })
    }
}

/// A refund written in a change: its `returns` row, amount and split.
struct PaidOut {
    id: i64,
    amount: i64,
    split: Vec<(String, i64)>,
}

/// Finishes a refund's or void's change and reports the order after it.
async fn refunded(
    change: OrderChange,
    j: Journal<'_>,
    out: Option<PaidOut>,
) -> Result<RefundResult> {
    let currency = change.snap.currency.clone();
    let refund = out.as_ref().map_or(0, |o| o.amount);
    let paid = change.state.paid - refund;
    let balance = change.state.total - paid;
    let result = change.finish(j).await?;
    Ok(RefundResult {
        result,
        refund_id: out.as_ref().map(|o| o.id),
        refund: currency.format(refund),
        refunds: out
            .as_ref()
            .map(|o| RefundView::list(&currency, &o.split))
            .unwrap_or_default(),
        paid: currency.format(paid),
        balance: currency.format(balance),
    })
}

/// Checks `input` against the order in `change` (at most what it holds;
/// store credit needs a customer) and splits it over the tenders.
async fn plan_refund(change: &mut OrderChange, input: &RefundInput) -> Result<PlannedRefund> {
    let snap = change.snap.clone();
    let currency = &snap.currency;
    let coin = snap.settings.shop.cash.coin(currency)?;
    let amount = currency.to_minor(input.amount, "amount")?;
    let (total, paid) = (change.state.total, change.state.paid);
    check_refund(amount, paid, currency)?;
    let canceled = change.state.position == Position::Canceled;
    let adjust = refund_adjustment(amount, total, paid, canceled);
    let split = refund_split(&mut change.tx, change.state.id, amount, input.to).await?;
    let cash_out: i64 = split
        .iter()
        .filter(|(m, _)| m == CASH)
        .map(|(m, a)| -refund_tender(m, *a, coin).kept())
        .sum();
    let preview = RefundPreview {
        refund: currency.format(amount),
        refunds: RefundView::list(currency, &split),
        cash_out: currency.format(cash_out),
        refundable: currency.format(paid.max(0)),
        balance: currency.format(total - adjust - (paid - amount)),
    };
    Ok(PlannedRefund {
        amount,
        adjust,
        split,
        preview,
    })
}

/// Takes `adjust` off the order's total in its change: an order discount
/// (shared over the lines, tax by rate) with the refund's reason, its lines
/// and totals rewritten; the refund's journal entry then carries the new
/// totals.
async fn lower_total(
    change: &mut OrderChange,
    j: &mut Journal<'_>,
    adjust: i64,
    reason: &str,
) -> Result<()> {
    let snap = change.snap.clone();
    let order_id = change.state.id;
    let lines = change.tx.order_lines(order_id).await?;
    let returned = per_line(&change.tx.returned(order_id).await?, lines.len());
    let order_pricing = change
        .state
        .pricing
        .unwrap_or_else(|| pricing(&snap.settings));
    let input = DiscountInput {
        percent: None,
        amount: Some(snap.currency.to_decimal(adjust)),
        line: None,
        reason: format!("refund: {reason}"),
    };
    let plan = plan_discount(&lines, &returned, &input, &snap.currency, order_pricing)?;
    for &i in &plan.changed {
        change
            .tx
            .replace_line(order_id, i as i64, &plan.lines[i])
            .await?;
    }
    let t = &plan.totals;
    change
        .tx
        .set_totals(order_id, t.subtotal, t.tax, t.total)
        .await?;
    change.state.total = t.total;
    j.note(AuditEvent::DiscountGiven, Some(&plan.summary));
    Ok(())
}
