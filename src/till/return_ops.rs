//! Returns and exchanges: one transaction each with the return rows, the
//! restock movements, any new lines and their reservations, the new totals,
//! the refund or charge, and the audit rows (`return.received` is raised).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use super::inventory_ops::{allocate_open_lines, describe};
use super::order_ops::{check_actor, check_reason, facts};
use super::order_tx::finish;
use super::{EventResult, Till};
use crate::error::{Error, Result};
use crate::inventory::MovementKind;
use crate::orders::{check_payment, price_line, pricing, Line, LineInput, PaymentInput};
use crate::payments::{split_refund, RefundTo, STORE_CREDIT};
use crate::returns::{self, ExchangeInput, ReturnInput, Returnable, Settlement};
use crate::storage::{OrderState, ReturnRow, WriteTx};
use crate::triggers::Trigger;
use crate::workflow::{Command, Journal, Plan, Position};

/// A refund paid out: method and amount (decimal string).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RefundView {
    pub method: String,
    pub amount: String,
}

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

/// A return checked and settled in its open transaction, not yet written.
struct PlannedReturn {
    tx: WriteTx,
    state: OrderState,
    plan: Arc<Plan>,
    lines: Vec<Line>,
    new_lines: Vec<Line>,
    after: Vec<(i64, Decimal)>,
    s: Settlement,
    charge: Option<(String, i64, Option<String>)>,
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
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<ReturnResult> {
        self.settle_return(number, input, &[], None, actor, now)
            .await
    }

    /// Returns lines and adds new ones in one transaction; settles only the
    /// difference (a refund, or a charge paid with `method`).
    pub async fn exchange(
        &self,
        number: &str,
        input: &ExchangeInput,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<ReturnResult> {
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
        Ok(self
            .plan_return(number, ret, add, None, true)
            .await?
            .preview)
    }

    async fn settle_return(
        &self,
        number: &str,
        ret: &ReturnInput,
        add: &[LineInput],
        method: Option<&str>,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<ReturnResult> {
        let actor = check_actor(actor)?;
        let reason = check_reason(&ret.reason)?;
        let planned = self.plan_return(number, ret, add, method, false).await?;
        let snap = self.snapshot()?;
        let PlannedReturn {
            mut tx,
            state,
            plan,
            lines,
            new_lines,
            after,
            s,
            charge,
            split,
            ..
        } = planned;
        let currency = &snap.currency;
        let kind = if add.is_empty() { "return" } else { "exchange" };
        let rows: Vec<(i64, Decimal, Option<String>)> = ret
            .lines
            .iter()
            .map(|l| (l.line, l.qty.normalize(), ret.restock.clone()))
            .collect();
        let row = ReturnRow {
            order_id: state.id,
            kind,
            refund: s.refund,
            charge: s.charge,
            reason,
        };
        let return_id = tx.insert_return(&row, &rows, actor, now).await?;
        let note = format!("return #{return_id}");
        if let Some(site) = &ret.restock {
            for l in &ret.lines {
                let sku = lines[l.line as usize].sku.as_deref();
                if let Some(sku) = sku {
                    if tx.stock_item(sku).await?.is_some() {
                        tx.record_movement(
                            site,
                            sku,
                            MovementKind::Return,
                            l.qty,
                            Some(state.id),
                            Some(&note),
                            actor,
                            now,
                        )
                        .await?;
                    }
                }
            }
        }
        let mut j = Journal::new(&plan, state.position);
        if !new_lines.is_empty() {
            tx.append_lines(state.id, lines.len() as i64, &new_lines)
                .await?;
            let names: Vec<String> = new_lines
                .iter()
                .map(|l| format!("{} × {}", l.qty, l.name))
                .collect();
            j.note("exchange.lines_added", Some(&names.join(", ")));
            let allocs = allocate_open_lines(&mut tx, state.id, &after).await?;
            if !allocs.is_empty() {
                j.note("stock.allocated", Some(&describe(&allocs)));
            }
        }
        tx.set_totals(state.id, s.totals.subtotal, s.totals.tax, s.totals.total)
            .await?;

        let mut refunds = Vec::new();
        if s.refund > 0 {
            let reference = Some(format!("refund, {note}"));
            for (m, amount) in split {
                if m == STORE_CREDIT {
                    let customer = tx.order_customer(state.id).await?.ok_or_else(|| {
                        Error::invalid("refund_to", "store credit needs a customer on the order")
                    })?;
                    tx.add_store_credit(customer, amount, state.id, actor, now)
                        .await?;
                }
                refunds.push((m, -amount, reference.clone()));
            }
            tx.insert_payments(state.id, &refunds, actor, now).await?;
            tx.add_paid(state.id, -s.refund).await?;
        }
        if let Some(p) = &charge {
            tx.insert_payments(state.id, std::slice::from_ref(p), actor, now)
                .await?;
            tx.add_paid(state.id, p.1).await?;
        }

        let total = s.totals.total;
        let paid = state.paid - s.refund + s.charge;
        j.run(
            &Command::Event(Trigger::ReturnReceived),
            facts(total, paid),
            Trigger::ReturnReceived.key(),
            Some(reason),
        )?;
        if !refunds.is_empty() {
            let to: Vec<String> = refunds
                .iter()
                .map(|(m, a, _)| format!("{} to {m}", currency.format(-a)))
                .collect();
            j.note("refund.issued", Some(&to.join(", ")));
        }
        if charge.is_some() {
            j.event(Trigger::PaymentCaptured, facts(total, paid))?;
        }
        if state.paid < state.total && paid >= total {
            j.event(Trigger::OrderPaidInFull, facts(total, paid))?;
        }
        let result = finish(tx, &state, &plan, &j, number, actor, now).await?;
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
        })
    }

    /// Reads and checks a return or exchange and computes its settlement
    /// inside the write transaction, writing nothing yet.
    async fn plan_return(
        &self,
        number: &str,
        ret: &ReturnInput,
        add: &[LineInput],
        method: Option<&str>,
        preview: bool,
    ) -> Result<PlannedReturn> {
        let snap = self.snapshot()?;
        let currency = &snap.currency;
        let mut new_lines = add
            .iter()
            .enumerate()
            .map(|(i, l)| price_line(&snap.settings, currency, l, i))
            .collect::<Result<Vec<Line>>>()?;

        let (mut tx, state, plan) = self.open_order(number).await?;
        if state.position == Position::Canceled {
            return Err(Error::conflict(format!("order {number} is canceled")));
        }
        let lines = tx.order_lines(state.id).await?;
        let ships = tx.shipments(state.id).await?;
        let before = tx.returned(state.id).await?;
        let returned_of = |n: i64, list: &[(i64, Decimal)]| -> Decimal {
            list.iter().filter(|(l, _)| *l == n).map(|(_, q)| *q).sum()
        };
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
        let mut after = before.clone();
        after.extend(ret.lines.iter().map(|l| (l.line, l.qty)));

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
        let s = returns::settle(&kept, pricing, state.total, state.paid);
        for (l, t) in new_lines.iter_mut().zip(&s.totals.lines[lines.len()..]) {
            l.amount = t.amount;
            l.tax = t.tax;
        }
        let charge = if s.charge > 0 && !(preview && method.is_none()) {
            let m = method.ok_or_else(|| {
                Error::invalid(
                    "method",
                    format!(
                        "the exchange costs {} more: give a payment method",
                        currency.format(s.charge)
                    ),
                )
            })?;
            let p = PaymentInput {
                method: m.to_string(),
                amount: currency.to_decimal(s.charge),
                reference: None,
            };
            Some(check_payment(currency, &p, "charge")?)
        } else {
            None
        };

        let split = if s.refund > 0 {
            match ret.refund_to {
                RefundTo::Original => split_refund(s.refund, &tx.payment_amounts(state.id).await?)?,
                RefundTo::StoreCredit => {
                    if tx.order_customer(state.id).await?.is_none() {
                        return Err(Error::invalid(
                            "refund_to",
                            "store credit needs a customer on the order",
                        ));
                    }
                    vec![(STORE_CREDIT.to_string(), s.refund)]
                }
            }
        } else {
            Vec::new()
        };
        let total = s.totals.total;
        let paid = state.paid - s.refund + s.charge;
        let preview = ReturnPreview {
            refund: currency.format(s.refund),
            charge: currency.format(s.charge),
            refunds: split
                .iter()
                .map(|(m, a)| RefundView {
                    method: m.clone(),
                    amount: currency.format(*a),
                })
                .collect(),
            total: currency.format(total),
            balance: currency.format(total - paid),
        };
        Ok(PlannedReturn {
            tx,
            state,
            plan,
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
