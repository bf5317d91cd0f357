//! The fulfillment state of an order (derived from its facts; stored
//! without the clock by every change, for search) and failed payment
//! attempts, which feed it.

use chrono::{DateTime, Utc};

use super::order_ops::{check_actor, check_reason};
use super::order_tx::finish;
use super::{EventResult, Till};
use crate::error::{Error, Result};
use crate::fulfillment::{self, FulfillmentState, DEFAULT_ABANDON_AFTER_HOURS};
use crate::money::Currency;
use crate::orders::{check_payment, OrderRecord, OrderView, PaymentInput};
use crate::payments::STORE_CREDIT;
use crate::shipments::ShipmentStatus;
use crate::storage::WriteTx;
use crate::workflow::{Journal, Position};

impl Till {
    /// The order as screens show it, with its fulfillment state at `now`.
    pub async fn order_at(&self, number: &str, now: DateTime<Utc>) -> Result<OrderView> {
        let snap = self.snapshot()?;
        let rec = self.store().order(number).await?;
        let plan = self.plan(rec.plan_id).await?;
        let mut view = OrderView::build(&rec, &plan, &snap.settings, &snap.currency);
        view.fulfillment_state = Some(self.fulfillment_state(&rec, now).await?);
        Ok(view)
    }

    /// The fulfillment state of a stored order at `now` (see [`fulfillment::state`]).
    pub async fn fulfillment_state(
        &self,
        rec: &OrderRecord,
        now: DateTime<Utc>,
    ) -> Result<FulfillmentState> {
        let snap = self.snapshot()?;
        let plan = self.plan(rec.plan_id).await?;
        let extra = self.store().fulfillment_record(rec.id).await?;
        let hours = snap
            .settings
            .order_type(&rec.order_type)
            .and_then(|t| t.abandon_after_hours)
            .unwrap_or(DEFAULT_ABANDON_AFTER_HOURS);
        let mut facts = facts_of(rec.position, rec.balance(), rec.paid, extra);
        facts.in_intake = plan.stage_at(rec.position) == "intake";
        facts.created_at = rec.created_at;
        facts.updated_at = rec.updated_at;
        facts.abandon_after_hours = hours;
        Ok(fulfillment::state(&facts, now))
    }

    /// A customer's store credit balance as a decimal string.
    pub async fn store_credit(&self, customer_id: i64) -> Result<String> {
        let snap = self.snapshot()?;
        Ok(snap
            .currency
            .format(self.store().store_credit(customer_id).await?))
    }

    /// Records a payment attempt that failed (declined, bounced): nothing is
    /// paid; the order's fulfillment state is `failed` until a payment succeeds.
    pub async fn payment_failed(
        &self,
        number: &str,
        payment: &PaymentInput,
        reason: &str,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let actor = check_actor(actor)?;
        let reason = check_reason(reason)?;
        let snap = self.snapshot()?;
        let (method, amount, _) = check_payment(&snap.currency, payment, "payment")?;
        let (mut tx, state, plan) = self.open_order(number).await?;
        tx.record_payment_failure(state.id, &method, amount, reason, actor, now)
            .await?;
        let mut j = Journal::new(&plan, state.position);
        j.note(
            "payment.failed",
            Some(&format!(
                "{} {method}: {reason}",
                snap.currency.format(amount)
            )),
        );
        finish(tx, &state, &plan, &j, number, actor, now).await
    }
}

/// The facts of an order at `position` with `balance` and `paid`, except
/// those only `abandoned` looks at (intake, times, hours: left neutral).
fn facts_of(
    position: Position,
    balance: i64,
    paid: i64,
    extra: crate::storage::FulfillmentRecord,
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
    let facts = facts_of(position, total - paid, paid, extra);
    tx.set_fulfillment_state(order_id, fulfillment::stored_state(&facts))
}

/// The stored state of an order being created with `lines` (whether each
/// has a SKU, and its quantity), `reserved` (per line) and `paid`, at
/// `position`, from what is known in memory; `None` when it turns on which
/// items are counted (then read it back).
pub(super) fn new_order_state(
    lines: &[(bool, rust_decimal::Decimal)],
    reserved: &[(i64, rust_decimal::Decimal)],
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
        let extra = crate::storage::FulfillmentRecord {
            lines,
            shipments: Vec::new(),
            payment_failed: false,
        };
        fulfillment::stored_state(&facts_of(position, total - paid, paid, extra))
    };
    let (all, none) = (with(true), with(false));
    (all == none).then_some(all)
}

/// Spends store credit for payments made with it (method `store_credit`):
/// the order needs a customer whose credit covers them; refused otherwise.
pub(super) async fn spend_store_credit(
    tx: &mut WriteTx,
    customer: Option<i64>,
    order_id: i64,
    payments: &[(String, i64, Option<String>)],
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
