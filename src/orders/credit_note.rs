//! A credit note as a printed document: what one return or exchange takes
//! off the order's invoice. Its lines are what came back (and, for an
//! exchange, the lines it added, as negative credit); its totals are the
//! difference of the order's totals by rate before and after, computed by
//! the one totals function, so the invoice less its credit notes is what
//! the order now costs, to the cent.

use rust_decimal::Decimal;

use super::document::{doc_line, document_model, order_pricing};
use super::totals::{self, Totals};
use super::{Line, OrderRecord};
use crate::documents::{DocIssue, DocPayment, DocumentModel, TaxBreakdownRow};
use crate::error::{Error, Result};
use crate::money::Currency;
use crate::settings::Settings;

/// What one return or exchange credits.
pub struct Credit<'a> {
    /// The order as stored before the return.
    pub rec: &'a OrderRecord,
    /// (line, qty) returned by earlier returns.
    pub returned_before: &'a [(i64, Decimal)],
    /// (line, qty) this return takes back.
    pub returned_now: &'a [(i64, Decimal)],
    /// Lines an exchange adds, priced.
    pub added: &'a [Line],
    /// The order's totals after the return.
    pub after: &'a Totals,
    /// Refunds paid out: (method, amount, positive).
    pub refunds: &'a [(String, i64)],
}

/// The tax breakdown `before` less `after`, rate by rate (rates whose
/// difference is nothing left out).
fn breakdown_difference(before: &Totals, after: &Totals) -> Vec<TaxBreakdownRow> {
    let mut rates: Vec<Decimal> = before.by_rate.iter().map(|r| r.rate).collect();
    for r in &after.by_rate {
        if !rates.contains(&r.rate) {
            rates.push(r.rate);
        }
    }
    rates.sort();
    rates
        .into_iter()
        .filter_map(|rate| {
            let of = |t: &Totals| {
                t.by_rate
                    .iter()
                    .find(|r| r.rate == rate)
                    .map_or((0, 0, 0), |r| (r.net, r.tax, r.gross))
            };
            let (b, a) = (of(before), of(after));
            let row = TaxBreakdownRow {
                rate: rate.normalize().to_string(),
                net_minor: b.0 - a.0,
                tax_minor: b.1 - a.1,
                gross_minor: b.2 - a.2,
            };
            (row.net_minor != 0 || row.tax_minor != 0 || row.gross_minor != 0).then_some(row)
        })
        .collect()
}

/// The credit note of `c`, issued as `issue` (its number, time and the
/// invoice it corrects).
pub fn credit_note_model(
    c: &Credit<'_>,
    settings: &Settings,
    currency: &Currency,
    issue: DocIssue,
) -> Result<DocumentModel> {
    let (mut model, pricing) = document_model(c.rec, settings, currency, None, c.returned_before)?;
    let (_, before) = order_pricing(c.rec, settings, c.returned_before)?;
    let mut lines = Vec::with_capacity(c.returned_now.len() + c.added.len());
    for (n, qty) in c.returned_now {
        let l = usize::try_from(*n)
            .ok()
            .and_then(|n| c.rec.lines.get(n))
            .ok_or_else(|| Error::invalid("lines", format!("the order has no line {n}")))?;
        let mut p = l.priced();
        p.qty = *qty;
        let amount = totals::compute(&[p], pricing)?
            .lines
            .first()
            .map_or(0, |t| t.amount);
        lines.push(doc_line(l, *qty, amount));
    }
    for l in c.added {
        lines.push(doc_line(l, -l.qty, -l.amount));
    }
    let refunded: i64 = c.refunds.iter().map(|(_, a)| a).sum();
    model.lines = lines;
    model.tax_breakdown = breakdown_difference(&before, c.after);
    model.subtotal_minor = before.subtotal - c.after.subtotal;
    model.tax_minor = before.tax - c.after.tax;
    model.total_minor = before.total - c.after.total;
    model.paid_minor = refunded;
    model.balance_minor = 0;
    model.payments = c
        .refunds
        .iter()
        .map(|(method, amount)| DocPayment {
            method: method.clone(),
            amount_minor: *amount,
            reference: None,
            at: issue.issued_at,
            change_minor: 0,
            rounding_minor: 0,
        })
        .collect();
    model.issue = Some(issue);
    Ok(model)
}
