//! The steps order operations share inside their write transaction: the
//! checks of who and why, the engine's facts, the stored fulfillment state,
//! reserving and releasing stock, and writing payments and store credit.
//! Every operation file uses these; none of them is an operation itself.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::audit::AuditEvent;
use crate::documents::{DocIssue, DocumentModel};
use crate::error::{Error, Result};
use crate::fulfillment::{self, FulfillmentState, DEFAULT_ABANDON_AFTER_HOURS};
use crate::inventory::{self, Allocation, Need};
use crate::journal::{payloads, EntryKind, Payload};
use crate::messages::{render, MessageChannel, MessageFacts};
use crate::money::Currency;
use crate::orders::credit_note::{credit_note_model, Credit};
use crate::orders::document::document_model;
use crate::orders::OrderRecord;
use crate::payments::tender::round_to_coin;
use crate::payments::{split_refund, RefundTo, Tendered, CASH, STORE_CREDIT};
use crate::shipments::ShipmentStatus;
use crate::storage::OrderState;
use crate::storage::{FulfillmentRecord, IssuedRow, NewIssue, Series, WriteTx};
use crate::workflow::{Facts, Journal, Money, Position};

use super::Snapshot;

/// A validated payment: method, amount (minor units), reference.
pub(super) type NewPayment = (String, i64, Option<String>);

/// An order's money for the engine: `total` and `paid`.
pub(super) fn facts(total: i64, paid: i64) -> Money {
    Money { total, paid }
}

/// What the engine knows of a stored order (all lines shipped: as read by
/// [`all_shipped`] when a guard needs it, else false).
pub(super) fn order_facts(state: &OrderState, all_shipped: bool) -> Facts {
    let mut f = Facts::of_money(Money {
        total: state.total,
        paid: state.paid,
    });
    f.all_shipped = all_shipped;
    f.filled = state.filled.clone();
    f.kept = state.kept;
    f
}

/// Whether every line of the order (less what came back) is in a
/// shipment that shipped.
pub(super) async fn all_shipped(tx: &mut WriteTx, order_id: i64) -> Result<bool> {
    Ok(shipped_all(&tx.fulfillment_record(order_id).await?))
}

/// Whether a fulfillment record has every line (less what came back) shipped.
pub(super) fn shipped_all(r: &FulfillmentRecord) -> bool {
    !r.lines.is_empty() && r.lines.iter().all(|l| l.shipped >= l.ordered - l.returned)
}

/// Who makes the change (trimmed): required, at most 64 characters.
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

/// Why (trimmed): required, at most 500 characters.
pub(super) fn check_reason(reason: &str) -> Result<&str> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(Error::invalid("reason", "a reason is required"));
    }
    crate::limits::check_text(
        r,
        "reason",
        crate::limits::TEXT_CHARS,
        crate::limits::Lines::Many,
    )?;
    Ok(r)
}

/// The fulfillment facts of an order at `position` with `balance` and
/// `paid`, except those only `abandoned` looks at (intake, times, hours:
/// left neutral).
pub(super) fn fulfillment_facts(
    position: Position,
    balance: i64,
    paid: i64,
    extra: FulfillmentRecord,
) -> fulfillment::Facts {
    fulfillment::Facts {
        canceled: position == Position::Canceled,
        completed: position == Position::Completed && extra.shipments.is_empty(),
        in_intake: false,
        delivery_failed: extra
            .shipments
            .iter()
            .any(|s| s.status == ShipmentStatus::Failed),
        payment_failed: extra.payment_failed,
        lines: extra.lines,
        balance,
        paid,
        created_at: DateTime::<Utc>::UNIX_EPOCH,
        updated_at: DateTime::<Utc>::UNIX_EPOCH,
        abandon_after_hours: DEFAULT_ABANDON_AFTER_HOURS,
    }
}

/// Recomputes and stores an order's fulfillment state (without the clock,
/// [`fulfillment::stored_state`]) from what the transaction sees: every
/// change that can alter it calls this before committing.
pub(super) async fn refresh_fulfillment_state(tx: &mut WriteTx, order_id: i64) -> Result<()> {
    let (stage, total, paid) = tx.order_stage_and_money(order_id).await?;
    let position = match stage.as_str() {
        "canceled" => Position::Canceled,
        "done" => Position::Completed,
        _ => Position::Step { stage: 0, step: 0 },
    };
    let extra = tx.fulfillment_record(order_id).await?;
    let facts = fulfillment_facts(position, total - paid, paid, extra);
    tx.set_fulfillment_state(order_id, fulfillment::stored_state(&facts))
}

/// The stored state of an order being created with `lines` (whether each
/// has a SKU, and its quantity), `reserved` (per line) and `paid`, at
/// `position`, from what is known in memory; `None` when it turns on which
/// items are counted (then read it back).
pub(crate) fn new_order_state(
    lines: &[(bool, Decimal)],
    reserved: &[(i64, Decimal)],
    position: Position,
    total: i64,
    paid: i64,
) -> Option<FulfillmentState> {
    let with = |counted: bool| {
        let lines = lines
            .iter()
            .enumerate()
            .map(|(i, &(has_sku, qty))| fulfillment::LineFacts {
                ordered: qty,
                counted: counted && has_sku,
                reserved: reserved
                    .iter()
                    .filter(|(n, _)| *n == i as i64)
                    .map(|(_, q)| *q)
                    .sum(),
                ..Default::default()
            })
            .collect();
        let extra = FulfillmentRecord {
            lines,
            shipments: Vec::new(),
            payment_failed: false,
        };
        fulfillment::stored_state(&fulfillment_facts(position, total - paid, paid, extra))
    };
    let (all, none) = (with(true), with(false));
    (all == none).then_some(all)
}

/// Releases an order's unshipped reservations (cancel), with an audit row.
pub(super) async fn release_stock(
    tx: &mut WriteTx,
    order_id: i64,
    j: &mut Journal<'_>,
) -> Result<()> {
    let released = tx.release_allocations(order_id).await?;
    note_released(&released, j);
    Ok(())
}

/// The `stock.released` audit row of what was released (none: no row).
pub(super) fn note_released(released: &[Allocation], j: &mut Journal<'_>) {
    if !released.is_empty() {
        let what: Vec<String> = released
            .iter()
            .map(|a| format!("line {}: {} {} at {}", a.line_no, a.qty, a.sku, a.site))
            .collect();
        j.note(AuditEvent::StockReleased, Some(&what.join("; ")));
    }
}

/// (line, qty) pairs summed per line of an order of `lines` lines.
pub(super) fn per_line(list: &[(i64, Decimal)], lines: usize) -> Vec<Decimal> {
    (0..lines)
        .map(|i| {
            list.iter()
                .filter(|(l, _)| *l == i as i64)
                .map(|(_, q)| *q)
                .sum()
        })
        .collect()
}

/// Reserves what the order's counted lines still need (ordered minus
/// `returned` minus already reserved; `returned` gives (line, qty)), and
/// notes what it reserved in the journal.
pub(super) async fn allocate_open_lines(
    tx: &mut WriteTx,
    order_id: i64,
    returned: &[(i64, Decimal)],
    j: &mut Journal<'_>,
) -> Result<Vec<Allocation>> {
    let needs = open_needs(tx, order_id, returned).await?;
    if needs.is_empty() {
        return Ok(Vec::new());
    }
    let skus: Vec<String> = needs.iter().map(|n| n.sku.clone()).collect();
    let levels = tx.levels(&skus).await?;
    let sites = tx.sites().await?;
    let allocations = inventory::allocate(&needs, &sites, &levels)?;
    tx.insert_allocations(order_id, &allocations).await?;
    if !allocations.is_empty() {
        let what: Vec<String> = allocations
            .iter()
            .map(|a| format!("line {}: {} {} at {}", a.line_no, a.qty, a.sku, a.site))
            .collect();
        j.note(AuditEvent::StockAllocated, Some(&what.join("; ")));
    }
    Ok(allocations)
}

/// What each counted line still needs reserved.
async fn open_needs(
    tx: &mut WriteTx,
    order_id: i64,
    returned: &[(i64, Decimal)],
) -> Result<Vec<Need>> {
    let lines = tx.order_lines(order_id).await?;
    let existing = tx.allocations(order_id).await?;
    let mut needs = Vec::new();
    for (line_no, line) in lines.iter().enumerate() {
        let line_no = line_no as i64;
        let Some(sku) = line.sku.as_deref() else {
            continue;
        };
        let Some(item) = tx.stock_item(sku).await? else {
            continue;
        };
        let reserved: Decimal = existing
            .iter()
            .filter(|a| a.line_no == line_no)
            .map(|a| a.qty)
            .sum();
        let back: Decimal = returned
            .iter()
            .filter(|(l, _)| *l == line_no)
            .map(|(_, q)| *q)
            .sum();
        let need = line.qty - back - reserved;
        if need > Decimal::ZERO {
            needs.push(Need {
                line_no,
                sku: sku.to_string(),
                qty: need,
                item,
            });
        }
    }
    Ok(needs)
}

/// Spends store credit for payments made with it (method `store_credit`):
/// the order needs a customer whose credit covers them; refused otherwise.
pub(super) async fn spend_store_credit(
    tx: &mut WriteTx,
    customer: Option<i64>,
    order_id: i64,
    payments: &[NewPayment],
    currency: &Currency,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let spent: i64 = payments
        .iter()
        .filter(|p| p.0 == STORE_CREDIT)
        .map(|p| p.1)
        .sum();
    if spent == 0 {
        return Ok(());
    }
    let customer = customer
        .ok_or_else(|| Error::invalid("payments", "paying with store credit needs a customer"))?;
    let balance = tx.store_credit_balance(customer).await?;
    if balance < spent {
        return Err(Error::invalid(
            "payments",
            format!(
                "store credit is {}; {} was asked",
                currency.format(balance),
                currency.format(spent)
            ),
        ));
    }
    tx.add_store_credit(customer, -spent, order_id, actor, now)
        .await
}

/// The drawer session payments of `methods` are taken in on `till`: its
/// open session; refused when one of them needs a session (the shop's
/// `cash.sessions` rule) and none is open.
pub(super) async fn session_for<'a>(
    tx: &mut WriteTx,
    snap: &Snapshot,
    till: &str,
    mut methods: impl Iterator<Item = &'a str>,
) -> Result<Option<i64>> {
    let session = tx.open_session(till).await?;
    let rule = snap.settings.shop.cash.sessions;
    if session.is_none() {
        if let Some(m) = methods.find(|m| rule.needs_session(m)) {
            return Err(Error::conflict(format!(
                "no drawer session is open on till {till}: open one with a float before taking {m}"
            )));
        }
    }
    Ok(session)
}

/// Refuses to `what` (edit, discount) order `number` when its sale is in a
/// closed period: a Z report of its till was taken at or after the order
/// was created (docs/tills-day.md). Corrections of a closed day go through
/// refunds and credit notes.
pub(super) async fn refuse_closed_period(
    tx: &mut WriteTx,
    order_id: i64,
    number: &str,
    till: &str,
    what: &str,
) -> Result<()> {
    match tx.closing_z(order_id, till).await? {
        None => Ok(()),
        Some((till, z)) => Err(Error::conflict(format!(
            "order {number} was sold in a closed period (Z report {z} of till {till}): it cannot be {what}; refund or credit it instead (a return, or a credit note)"
        ))),
    }
}

/// Appends a journal entry of `kind` recording `payload` to this till's
/// chain **inside the caller's write transaction** (so it commits or rolls
/// back with the change it records); `actor` is the audit name of who made
/// the change. Returns the entry's sequence number in the till's chain.
/// Every write the journal records calls this once per entry.
pub(crate) async fn journal(
    tx: &mut WriteTx,
    kind: EntryKind,
    payload: &Payload,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<u64> {
    tx.append_journal(kind, payload, actor, now).await
}

/// One `payment` journal entry per payment row written for order `number`
/// (refunds paid out are payments with a negative amount).
pub(super) async fn journal_payments(
    tx: &mut WriteTx,
    number: &str,
    payments: &[NewPayment],
    actor: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    for (method, amount, reference) in payments {
        let payload = payloads::payment(number, method, *amount, reference.clone());
        journal(tx, EntryKind::Payment, &payload, actor, now).await?;
    }
    Ok(())
}

/// One `change_given` journal entry per cash payment that gave change or
/// was rounded to the smallest coin (`payments` and `tendered` side by
/// side): the payment entry keeps the amount paid, this one what was
/// handed over and given back.
pub(super) async fn journal_change(
    tx: &mut WriteTx,
    number: &str,
    payments: &[NewPayment],
    tendered: &[Tendered],
    actor: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    for ((method, amount, _), t) in payments.iter().zip(tendered) {
        if t.change == 0 && t.rounding == 0 {
            continue;
        }
        let payload = Payload::new()
            .with("order", number)
            .with("method", method.as_str())
            .money("amount", *amount)
            .money("tendered", t.tendered())
            .money("change", t.change)
            .money("rounding", t.rounding);
        journal(tx, EntryKind::ChangeGiven, &payload, actor, now).await?;
    }
    Ok(())
}

/// Records one payment taken on an existing order in `session`: the
/// payment row (with its change and cash rounding), the paid amount, and
/// the store credit it spends.
#[allow(clippy::too_many_arguments)]
pub(super) async fn take_payment(
    tx: &mut WriteTx,
    (order_id, number): (i64, &str),
    payment: NewPayment,
    tendered: Tendered,
    session: Option<i64>,
    currency: &Currency,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let paid = std::slice::from_ref(&payment);
    tx.insert_payments(order_id, paid, &[tendered], session, actor, now)
        .await?;
    journal_payments(tx, number, paid, actor, now).await?;
    tx.add_paid(order_id, payment.1).await?;
    let customer = tx.order_customer(order_id).await?;
    spend_store_credit(tx, customer, order_id, paid, currency, actor, now).await
}

/// A refund paid out: method and amount (decimal string).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RefundView {
    pub method: String,
    pub amount: String,
}

impl RefundView {
    /// The views of a split (method, amount) in `currency`.
    pub(super) fn list(currency: &Currency, split: &[(String, i64)]) -> Vec<RefundView> {
        split
            .iter()
            .map(|(m, a)| RefundView {
                method: m.clone(),
                amount: currency.format(*a),
            })
            .collect()
    }
}

/// How a refund is paid out: to the order's payments, last first, or all
/// to the customer's store credit (the order needs a customer).
pub(super) async fn refund_split(
    tx: &mut WriteTx,
    order_id: i64,
    refund: i64,
    to: RefundTo,
) -> Result<Vec<(String, i64)>> {
    if refund <= 0 {
        return Ok(Vec::new());
    }
    match to {
        RefundTo::Original => split_refund(refund, &tx.payment_amounts(order_id).await?),
        RefundTo::StoreCredit => {
            if tx.order_customer(order_id).await?.is_none() {
                return Err(Error::invalid(
                    "refund_to",
                    "store credit needs a customer on the order",
                ));
            }
            Ok(vec![(STORE_CREDIT.to_string(), refund)])
        }
    }
}

/// What the drawer pays out for a refund of `amount` to `method`: cash is
/// rounded to the shop's smallest `coin` as cash payments are (the refund
/// row keeps the exact amount, the rounding what the drawer gave less).
pub(super) fn refund_tender(method: &str, amount: i64, coin: i64) -> Tendered {
    let rounding = match method == CASH {
        true => amount - round_to_coin(amount, coin),
        false => 0,
    };
    Tendered {
        amount: -amount,
        change: 0,
        rounding,
    }
}

/// Pays a refund out as `split` (method, amount) says, in `session`: a
/// negative payment row per method (with `reference`; cash rounded to
/// `coin`, with its `change_given` entry), store credit added to the
/// order's customer for the part refunded to it, and the paid amount
/// lowered. Returns the refund payments written.
#[allow(clippy::too_many_arguments)]
pub(super) async fn pay_out_refund(
    tx: &mut WriteTx,
    (order_id, number): (i64, &str),
    split: Vec<(String, i64)>,
    reference: &str,
    session: Option<i64>,
    coin: i64,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Vec<NewPayment>> {
    let mut refunds = Vec::with_capacity(split.len());
    let mut tendered = Vec::with_capacity(split.len());
    let mut total = 0;
    for (method, amount) in split {
        if method == STORE_CREDIT {
            let customer = tx.order_customer(order_id).await?.ok_or_else(|| {
                Error::invalid("refund_to", "store credit needs a customer on the order")
            })?;
            tx.add_store_credit(customer, amount, order_id, actor, now)
                .await?;
        }
        total += amount;
        tendered.push(refund_tender(&method, amount, coin));
        refunds.push((method, -amount, Some(reference.to_string())));
    }
    tx.insert_payments(order_id, &refunds, &tendered, session, actor, now)
        .await?;
    journal_payments(tx, number, &refunds, actor, now).await?;
    journal_change(tx, number, &refunds, &tendered, actor, now).await?;
    tx.add_paid(order_id, -total).await?;
    Ok(refunds)
}

/// Queues, in the change's transaction, the message of every status the
/// journal entered that has a template, on the template's channels for
/// which the customer has a contact (email; phone, when the shop has an SMS
/// gateway) (the one place messages are queued: [`super::change`] and order
/// creation call it). Sent after commit by [`super::Till::send_due_messages`].
pub(super) async fn queue_messages(
    tx: &mut WriteTx,
    snap: &Snapshot,
    order_id: i64,
    j: &Journal<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    let templates = &snap.settings.shop.messages;
    let mut entered: Vec<&str> = Vec::new();
    // An undo goes back to a status the customer was told of already.
    for r in j
        .rows
        .iter()
        .filter(|r| r.moved && r.event != AuditEvent::MoveUndone)
    {
        if templates.template_for(&r.to_status).is_some()
            && !entered.contains(&r.to_status.as_str())
        {
            entered.push(&r.to_status);
        }
    }
    if entered.is_empty() {
        return Ok(());
    }
    let Some(c) = tx.order_contact(order_id).await? else {
        return Ok(());
    };
    let facts = MessageFacts {
        customer: c.customer,
        order_type: snap
            .settings
            .order_type(&c.order_type)
            .map_or(c.order_type.clone(), |t| t.name.clone()),
        number: c.number,
        balance: c.total.checked_sub(c.paid).unwrap_or(0).max(0),
        shop: snap.settings.shop.name.clone(),
        due_date: c.due_date,
    };
    for status in entered {
        let Some(t) = templates.template_for(status) else {
            continue;
        };
        let m = render(t, &facts, &snap.settings.format()?)?;
        if let Some(email) = c.email.as_deref().filter(|_| t.channel.by_email()) {
            tx.queue_message(
                order_id,
                status,
                MessageChannel::Email,
                email,
                &m.subject,
                &m.body,
                now,
            )
            .await?;
        }
        let sms = templates.sms.as_ref().filter(|_| t.channel.by_sms());
        if let (Some(gateway), Some(phone)) = (sms, c.phone.as_deref()) {
            // A number that cannot be made international is queued as
            // written: sending it fails, and the order shows why.
            let to = crate::orders::contact::e164(phone, &gateway.country_code)
                .unwrap_or_else(|| phone.to_string());
            tx.queue_message(
                order_id,
                status,
                MessageChannel::Sms,
                &to,
                &m.subject,
                &m.body,
                now,
            )
            .await?;
        }
    }
    Ok(())
}

/// An invoice or credit note as a change prints it: its model and whether
/// this print is a copy.
pub(super) struct IssuedDocument {
    pub id: i64,
    pub number: String,
    pub model: DocumentModel,
    pub copy: bool,
}

/// A stored (issued) document model.
pub(super) fn stored_model(json: &str) -> Result<DocumentModel> {
    serde_json::from_str(json).map_err(|e| Error::Storage(format!("stored document: {e}")))
}

fn model_json(model: &DocumentModel) -> Result<String> {
    serde_json::to_string(model).map_err(|e| Error::Storage(format!("document: {e}")))
}

/// The invoice of order `rec` (as committed before this change; `returned`
/// what earlier returns took back), issued in `tx` when it has none: the
/// series' next number in the shop's format, the document model frozen as
/// issued (every later print is a copy of it), an `invoice.issued` row.
/// With `printing`, counts this print (the first is the original, any later
/// one a copy, recorded as `document.copy`).
#[allow(clippy::too_many_arguments)]
pub(super) async fn issue_invoice(
    tx: &mut WriteTx,
    snap: &Snapshot,
    rec: &OrderRecord,
    returned: &[(i64, Decimal)],
    printing: bool,
    j: &mut Journal<'_>,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<IssuedDocument> {
    if let Some(row) = tx.order_invoice(rec.id).await? {
        let mut copy = false;
        if printing {
            copy = tx.count_print(Series::Invoice, row.id).await? > 1;
        }
        if copy {
            j.note(
                AuditEvent::CopyPrinted,
                Some(&format!("invoice {}", row.number)),
            );
        }
        return Ok(IssuedDocument {
            id: row.id,
            model: stored_model(&row.document)?,
            number: row.number,
            copy,
        });
    }
    let seq = tx.next_seq(Series::Invoice).await?;
    let number = snap.settings.document_number(false, seq, now)?;
    let (mut model, _) = document_model(rec, &snap.settings, &snap.currency, None, returned)?;
    model.issue = Some(DocIssue {
        number: number.clone(),
        issued_at: now,
        corrects: None,
    });
    let new = NewIssue {
        series: Series::Invoice,
        seq,
        number: &number,
        order_id: rec.id,
        invoice_id: None,
        return_id: None,
        total: model.total_minor,
        document: &model_json(&model)?,
        prints: i64::from(printing),
    };
    let id = tx.insert_issue(&new, actor, now).await?;
    let payload = Payload::new()
        .with("number", number.as_str())
        .with("seq", seq)
        .with("order", rec.number.as_str())
        .money("total", model.total_minor);
    journal(tx, EntryKind::InvoiceIssued, &payload, actor, now).await?;
    j.note(AuditEvent::InvoiceIssued, Some(&number));
    Ok(IssuedDocument {
        id,
        number,
        model,
        copy: false,
    })
}

/// Issues the credit note of return `return_id` in `tx`: the order's
/// invoice first when it has none (of the order as it was before the
/// return), then the credit series' next number, the document frozen as
/// issued and a `credit_note.issued` row. Returns its number.
#[allow(clippy::too_many_arguments)]
pub(super) async fn issue_credit_note(
    tx: &mut WriteTx,
    snap: &Snapshot,
    credit: &Credit<'_>,
    return_id: i64,
    j: &mut Journal<'_>,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    let rec = credit.rec;
    let invoice =
        issue_invoice(tx, snap, rec, credit.returned_before, false, j, actor, now).await?;
    let seq = tx.next_seq(Series::CreditNote).await?;
    let number = snap.settings.document_number(true, seq, now)?;
    let issue = DocIssue {
        number: number.clone(),
        issued_at: now,
        corrects: Some(invoice.number.clone()),
    };
    let model = credit_note_model(credit, &snap.settings, &snap.currency, issue)?;
    let new = NewIssue {
        series: Series::CreditNote,
        seq,
        number: &number,
        order_id: rec.id,
        invoice_id: Some(invoice.id),
        return_id: Some(return_id),
        total: model.total_minor,
        document: &model_json(&model)?,
        prints: 0,
    };
    tx.insert_issue(&new, actor, now).await?;
    let payload = Payload::new()
        .with("number", number.as_str())
        .with("seq", seq)
        .with("invoice", invoice.number.as_str())
        .with("order", rec.number.as_str())
        .with("return_id", return_id)
        .money("total", model.total_minor);
    journal(tx, EntryKind::CreditNoteIssued, &payload, actor, now).await?;
    let what = format!("{number} (corrects invoice {})", invoice.number);
    j.note(AuditEvent::CreditNoteIssued, Some(&what));
    Ok(number)
}

/// Counts a print of credit note `row` in `tx` (a copy after the first,
/// recorded as `document.copy`); returns its model to print.
pub(super) async fn print_credit_note(
    tx: &mut WriteTx,
    row: &IssuedRow,
    j: &mut Journal<'_>,
) -> Result<DocumentModel> {
    let mut model = stored_model(&row.document)?;
    model.copy = tx.count_print(Series::CreditNote, row.id).await? > 1;
    if model.copy {
        j.note(
            AuditEvent::CopyPrinted,
            Some(&format!("credit note {}", row.number)),
        );
    }
    Ok(model)
}
