//! Returns and exchanges: one transaction each with the return rows, the
//! restock movements, any new lines and their reservations, the new totals,
//! the refund or charge, and the audit rows (`return.received` is raised).

use crate::staff::{Actor, Permission};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use super::change::{EventResult, OrderChange};
use super::steps::{
    allocate_open_lines, check_reason, facts, issue_credit_note, journal, pay_out_refund,
    refund_split, session_for, take_payment, NewPayment, RefundView,
};
use super::Till;
use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::inventory::MovementKind;
use crate::journal::{EntryKind, Payload};
use crate::money::Currency;
use crate::orders::credit_note::Credit;
use crate::orders::{check_payment, price_line, pricing, Line, LineInput, PaymentInput};
use crate::payments::Tendered;
use crate::returns::{self, ExchangeInput, ReturnInput, Returnable, Settlement};
use crate::storage::ReturnRow;
use crate::triggers::Trigger;
use crate::workflow::{Command, Journal, Position};

#[derive(Debug, Clone, Serialize)]
pub struct ReturnResult {
    pub result: EventResult,
    #[serde(rename = "return")]
    pub return_id: i64,
    pub refund: String,
    pub charge: String,
    pub refunds: Vec<RefundView>,
    pub total: String,
    pub balance: String,
    /// The credit note issued, when the return lowered the order's total.
    pub credit_note: Option<String>,
}

/// What a return or exchange would settle (shown before it is confirmed).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReturnPreview {
    pub refund: String,
    pub charge: String,
    pub refunds: Vec<RefundView>,
    pub total: String,
    pub balance: String,
}

impl ReturnPreview {
    /// What settling `s` on an order paid `paid_before` shows, refunded as `split`.
    fn of(currency: &Currency, s: &Settlement, split: &[(String, i64)], paid_before: i64) -> Self {
        let total = s.totals.total;
        let paid = paid_before - s.refund + s.charge;
        ReturnPreview {
            refund: currency.format(s.refund),
            charge: currency.format(s.charge),
            refunds: RefundView::list(currency, split),
            total: currency.format(total),
            balance: currency.format(total - paid),
        }
    }
}

/// A return checked and settled in its open change, not yet written.
struct PlannedReturn {
    change: OrderChange,
    /// The order's lines before the return.
    lines: Vec<Line>,
    /// Lines an exchange adds, priced.
    new_lines: Vec<Line>,
    /// (line, qty) returned, this return included.
    after: Vec<(i64, Decimal)>,
    s: Settlement,
    charge: Option<NewPayment>,
    split: Vec<(String, i64)>,
    preview: ReturnPreview,
}

impl Till {
    /// Takes some lines back (restocked or written off) and refunds what
    /// was paid beyond the new total.
    pub async fn return_lines(
        &self,
        number: &str,
        input: &ReturnInput,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<ReturnResult> {
        let actor = &actor.acting(Permission::Refunds)?;
        self.settle_return(number, input, &[], None, actor, now)
            .await
    }

    /// Returns lines and adds new ones in one transaction; settles only the
    /// difference (a refund, or a charge paid with `method`).
    pub async fn exchange(
        &self,
        number: &str,
        input: &ExchangeInput,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<ReturnResult> {
        let actor = &actor.acting(Permission::Refunds)?;
        if input.add.is_empty() {
            return Err(Error::invalid("add", "an exchange adds at least one line"));
        }
        self.settle_return(
            number,
            &input.ret,
            &input.add,
            input.method.as_deref(),
            actor,
            now,
        )
        .await
    }

    /// What a return (or, with `add`, an exchange) would settle, computed
    /// exactly as [`Till::return_lines`] and [`Till::exchange`] do; nothing
    /// is written. The reason may still be empty.
    pub async fn preview_return(
        &self,
        number: &str,
        ret: &ReturnInput,
        add: &[LineInput],
    ) -> Result<ReturnPreview> {
        // Dropping the transaction rolls it back: it only read.
        let planned = self
            .plan_return(number, ret, add, None, "preview", Utc::now(), true)
            .await?;
        Ok(planned.preview)
    }

    /// Writes a planned return in its change: the return rows and restock,
    /// any new lines and their reservations, the new totals, the refund or
    /// charge, and the journal (`return.received`, `refund.issued`…).
    async fn settle_return(
        &self,
        number: &str,
        ret: &ReturnInput,
        add: &[LineInput],
        method: Option<&str>,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<ReturnResult> {
        let reason = check_reason(&ret.reason)?;
        let snap = self.snapshot()?;
        let currency = &snap.currency;
        let mut planned = self
            .plan_return(number, ret, add, method, actor, now, false)
            .await?;
        let kind = if add.is_empty() { "return" } else { "exchange" };
        let return_id = record_return(&mut planned, ret, kind, reason).await?;
        let plan = planned.change.plan.clone();
        let mut j = Journal::new(
            &plan,
            planned.change.state.position,
            planned.change.facts.clone(),
        );
        add_exchange_lines(&mut planned, &mut j).await?;
        let PlannedReturn {
            mut change,
            s,
            charge,
            split,
            new_lines,
            ..
        } = planned;
        let (order_id, actor) = (change.state.id, change.actor.clone());
        let totals = &s.totals;
        change
            .tx
            .set_totals(order_id, totals.subtotal, totals.tax, totals.total)
            .await?;
        let reference = format!("refund, return #{return_id}");
        let methods = split.iter().map(|(m, _)| m.as_str());
        let methods = methods.chain(charge.iter().map(|p| p.0.as_str()));
        let till = self.till_code().to_string();
        let session = session_for(&mut change.tx, &snap, &till, methods).await?;
        let coin = snap.settings.shop.cash.coin(currency)?;
        let refunds = if s.refund > 0 {
            pay_out_refund(
                &mut change.tx,
                (order_id, change.number.as_str()),
                split,
                &reference,
                session,
                coin,
                &actor,
                now,
            )
            .await?
        } else {
            Vec::new()
        };
        if let Some(p) = &charge {
            let tendered = Tendered {
                amount: p.1,
                ..Tendered::default()
            };
            take_payment(
                &mut change.tx,
                (order_id, change.number.as_str()),
                p.clone(),
                tendered,
                session,
                currency,
                &actor,
                now,
            )
            .await?;
        }
        let refund = Payload::new()
            .with("order", change.number.as_str())
            .with("return_id", return_id)
            .with("return_kind", kind)
            .money("refund", s.refund)
            .money("charge", s.charge)
            .money("subtotal", totals.subtotal)
            .money("tax", totals.tax)
            .money("total", totals.total)
            .with("reason", reason);
        journal(&mut change.tx, EntryKind::Refund, &refund, &actor, now).await?;
        let (before_total, before_paid) = (change.state.total, change.state.paid);
        journal_return(
            &mut j,
            &s,
            before_total,
            before_paid,
            reason,
            &refunds,
            charge.is_some(),
            currency,
        )?;
        // A return that lowers what the order costs corrects its invoice:
        // a credit note, numbered in this same transaction.
        let credit_note = if s.totals.total < before_total {
            // The order as committed before this return (the change holds
            // the write lock; its own writes are not committed yet).
            let rec = self.store().order(number).await?;
            let returned_before = self.store().returned(rec.id).await?;
            let returned_now: Vec<(i64, Decimal)> = ret
                .lines
                .iter()
                .map(|l| (l.line, l.qty.normalize()))
                .collect();
            let refunded: Vec<(String, i64)> =
                refunds.iter().map(|(m, a, _)| (m.clone(), -a)).collect();
            let credit = Credit {
                rec: &rec,
                returned_before: &returned_before,
                returned_now: &returned_now,
                added: &new_lines,
                after: &s.totals,
                refunds: &refunded,
            };
            let n = issue_credit_note(
                &mut change.tx,
                &snap,
                &credit,
                return_id,
                &mut j,
                &actor,
                now,
            )
            .await?;
            Some(n)
        } else {
            None
        };
        let result = change.finish(j).await?;
        let total = s.totals.total;
        let paid = before_paid - s.refund + s.charge;
        Ok(ReturnResult {
            result,
            return_id,
            refund: currency.format(s.refund),
            charge: currency.format(s.charge),
            refunds: refunds
                .iter()
                .map(|(m, a, _)| RefundView {
                    method: m.clone(),
                    amount: currency.format(-a),
                })
                .collect(),
            total: currency.format(total),
            balance: currency.format(total - paid),
            credit_note,
        })
    }

    /// Reads and checks a return or exchange and computes its settlement
    /// inside the order's change, writing nothing yet.
    #[allow(clippy::too_many_arguments)]
    async fn plan_return(
        &self,
        number: &str,
        ret: &ReturnInput,
        add: &[LineInput],
        method: Option<&str>,
        actor: &str,
        now: DateTime<Utc>,
        preview: bool,
    ) -> Result<PlannedReturn> {
        let snap = self.snapshot()?;
        let currency = &snap.currency;
        let mut new_lines = add
            .iter()
            .enumerate()
            .map(|(i, l)| price_line(&snap.settings, currency, l, i))
            .collect::<Result<Vec<Line>>>()?;

        let mut change = self.open_order(number, actor, now).await?;
        let (lines, after) = check_returnable(&mut change, ret).await?;
        let state = &change.state;

        let mut kept: Vec<_> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut p = l.priced();
                p.qty = l.qty - returned_of(i as i64, &after);
                p
            })
            .collect();
        kept.extend(new_lines.iter().map(Line::priced));
        // The order's own pricing, so the refund rounds as its totals did.
        let pricing = state.pricing.unwrap_or_else(|| pricing(&snap.settings));
        let s = returns::settle(&kept, pricing, state.total, state.paid)?;
        for (l, t) in new_lines.iter_mut().zip(&s.totals.lines[lines.len()..]) {
            l.amount = t.amount;
            l.tax = t.tax;
        }
        // A preview without a method shows the charge without asking for one.
        let charge = match s.charge > 0 && !(preview && method.is_none()) {
            true => Some(exchange_charge(currency, s.charge, method)?),
            false => None,
        };
        let split = refund_split(&mut change.tx, change.state.id, s.refund, ret.refund_to).await?;
        let preview = ReturnPreview::of(currency, &s, &split, change.state.paid);
        Ok(PlannedReturn {
            change,
            lines,
            new_lines,
            after,
            s,
            charge,
            split,
            preview,
        })
    }
}

/// What was returned of line `n` in `list` ((line, qty) pairs).
fn returned_of(n: i64, list: &[(i64, Decimal)]) -> Decimal {
    list.iter().filter(|(l, _)| *l == n).map(|(_, q)| *q).sum()
}

/// Checks that the order takes `ret` back (not canceled; each line handed
/// over and not yet returned; the restock site exists). Returns the order's
/// lines and what is returned of them with `ret` included.
async fn check_returnable(
    change: &mut OrderChange,
    ret: &ReturnInput,
) -> Result<(Vec<Line>, Vec<(i64, Decimal)>)> {
    let (tx, state) = (&mut change.tx, &change.state);
    if state.position == Position::Canceled {
        let number = &change.number;
        return Err(Error::conflict(format!("order {number} is canceled")));
    }
    let lines = tx.order_lines(state.id).await?;
    let ships = tx.shipments(state.id).await?;
    let before = tx.returned(state.id).await?;
    // Without shipments, a completed order was handed over at the counter.
    let completed = state.position == Position::Completed;
    let returnable: Vec<Returnable> = (0..lines.len() as i64)
        .map(|n| Returnable {
            handed_over: returns::handed_over(n, lines[n as usize].qty, &ships, completed),
            returned: returned_of(n, &before),
        })
        .collect();
    returns::check(&ret.lines, &returnable)?;
    if let Some(site) = &ret.restock {
        if !tx.sites().await?.iter().any(|s| &s.key == site) {
            return Err(Error::not_found("site", site));
        }
    }
    let mut after = before;
    after.extend(ret.lines.iter().map(|l| (l.line, l.qty)));
    Ok((lines, after))
}

/// The payment for what an exchange costs more, with `method`.
fn exchange_charge(currency: &Currency, charge: i64, method: Option<&str>) -> Result<NewPayment> {
    let m = method.ok_or_else(|| {
        Error::invalid(
            "method",
            format!(
                "the exchange costs {} more: give a payment method",
                currency.format(charge)
            ),
        )
    })?;
    let p = PaymentInput {
        method: m.to_string(),
        amount: currency.to_decimal(charge),
        reference: None,
    };
    check_payment(currency, &p, "charge")
}

/// Writes the return rows and restocks what comes back to a site (counted
/// items only). Returns the return's id.
async fn record_return(
    planned: &mut PlannedReturn,
    ret: &ReturnInput,
    kind: &str,
    reason: &str,
) -> Result<i64> {
    let change = &mut planned.change;
    let (order_id, actor, now) = (change.state.id, change.actor.as_str(), change.now);
    let tx = &mut change.tx;
    let rows: Vec<(i64, Decimal, Option<String>)> = ret
        .lines
        .iter()
        .map(|l| (l.line, l.qty.normalize(), ret.restock.clone()))
        .collect();
    let row = ReturnRow {
        order_id,
        kind,
        refund: planned.s.refund,
        charge: planned.s.charge,
        adjust: 0,
        reason,
    };
    let return_id = tx.insert_return(&row, &rows, actor, now).await?;
    let Some(site) = &ret.restock else {
        return Ok(return_id);
    };
    let note = format!("return #{return_id}");
    for l in &ret.lines {
        let Some(sku) = planned.lines[l.line as usize].sku.as_deref() else {
            continue;
        };
        if tx.stock_item(sku).await?.is_some() {
            let kind = MovementKind::Return;
            tx.record_movement(
                site,
                sku,
                kind,
                l.qty,
                Some(order_id),
                Some(&note),
                actor,
                now,
            )
            .await?;
        }
    }
    Ok(return_id)
}

/// Appends an exchange's new lines and reserves what they need.
async fn add_exchange_lines(planned: &mut PlannedReturn, j: &mut Journal<'_>) -> Result<()> {
    if planned.new_lines.is_empty() {
        return Ok(());
    }
    let change = &mut planned.change;
    let order_id = change.state.id;
    let first = planned.lines.len() as i64;
    change
        .tx
        .append_lines(order_id, first, &planned.new_lines)
        .await?;
    let names: Vec<String> = planned
        .new_lines
        .iter()
        .map(|l| format!("{} × {}", l.qty, l.name))
        .collect();
    j.note(AuditEvent::ExchangeLinesAdded, Some(&names.join(", ")));
    allocate_open_lines(&mut change.tx, order_id, &planned.after, j).await?;
    Ok(())
}

/// Records what the return raises: `return.received` (with the reason),
/// `refund.issued`, `payment.captured` for a charge, `order.paid_in_full`
/// when it settles the balance.
#[allow(clippy::too_many_arguments)]
fn journal_return(
    j: &mut Journal<'_>,
    s: &Settlement,
    total_before: i64,
    paid_before: i64,
    reason: &str,
    refunds: &[NewPayment],
    charged: bool,
    currency: &Currency,
) -> Result<()> {
    let total = s.totals.total;
    let paid = paid_before - s.refund + s.charge;
    j.run(
        &Command::Event(Trigger::ReturnReceived),
        facts(total, paid),
        Trigger::ReturnReceived.into(),
        Some(reason),
    )?;
    if !refunds.is_empty() {
        let to: Vec<String> = refunds
            .iter()
            .map(|(m, a, _)| format!("{} to {m}", currency.format(-a)))
            .collect();
        j.note(AuditEvent::RefundIssued, Some(&to.join(", ")));
    }
    if charged {
        j.event(Trigger::PaymentCaptured, facts(total, paid))?;
    }
    if paid_before < total_before && paid >= total {
        j.event(Trigger::OrderPaidInFull, facts(total, paid))?;
    }
    Ok(())
}
