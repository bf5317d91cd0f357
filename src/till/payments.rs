//! Payments on an order: taking one (partial or the rest), recording a
//! failed attempt, and a customer's store credit. Payments taken at intake
//! are part of creating the order; refunds and exchange charges are part of
//! settling a return. All of them write money through the same steps
//! ([`take_payment`], [`spend_store_credit`](super::steps::spend_store_credit)).

use crate::staff::{Actor, Permission};
use chrono::{DateTime, Utc};

use super::change::EventResult;
use super::steps::{check_reason, facts, take_payment};
use super::Till;
use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::orders::{check_payment, PaymentInput};
use crate::triggers::Trigger;
use crate::workflow::{Journal, Position};

impl Till {
    /// Takes a payment (partial or the rest): raises `payment.captured`, and
    /// `order.paid_in_full` when the balance reaches zero.
    pub async fn pay(
        &self,
        number: &str,
        payment: &PaymentInput,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let actor = &actor.acting(Permission::TakePayments)?;
        let snap = self.snapshot()?;
        let currency = &snap.currency;
        let p = check_payment(currency, payment, "payment")?;
        let mut change = self.open_order(number, actor, now).await?;
        let (total, paid) = (change.state.total, change.state.paid);
        // A completed order may still owe money (collected after pickup);
        // a canceled one takes nothing.
        if change.state.position == Position::Canceled {
            return Err(Error::conflict(
                "the order is canceled and takes no payments",
            ));
        }
        let balance = total - paid;
        if p.1 > balance {
            return Err(Error::invalid(
                "payment.amount",
                format!(
                    "{} is more than the balance due {}",
                    currency.format(p.1),
                    currency.format(balance)
                ),
            ));
        }
        let plan = change.plan.clone();
        let mut j = Journal::new(&plan, change.state.position);
        let now_paid = paid + p.1;
        j.event(Trigger::PaymentCaptured, facts(total, now_paid))?;
        if paid < total && now_paid >= total {
            j.event(Trigger::OrderPaidInFull, facts(total, now_paid))?;
        }
        let order_id = change.state.id;
        let order = (order_id, change.number.as_str());
        take_payment(&mut change.tx, order, p, currency, &change.actor, now).await?;
        change.finish(j).await
    }

    /// Records a payment attempt that failed (declined, bounced): nothing is
    /// paid; the order's fulfillment state is `failed` until a payment succeeds.
    pub async fn payment_failed(
        &self,
        number: &str,
        payment: &PaymentInput,
        reason: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let actor = &actor.acting(Permission::TakePayments)?;
        let reason = check_reason(reason)?;
        let snap = self.snapshot()?;
        let (method, amount, _) = check_payment(&snap.currency, payment, "payment")?;
        let mut change = self.open_order(number, actor, now).await?;
        // A failed attempt at more than is owed is not a payment that
        // could have happened: it would only inflate the failures.
        let balance = change.state.total - change.state.paid;
        if amount > balance {
            return Err(Error::invalid(
                "payment.amount",
                format!(
                    "{} is more than the balance due {}",
                    snap.currency.format(amount),
                    snap.currency.format(balance)
                ),
            ));
        }
        let order_id = change.state.id;
        change
            .tx
            .record_payment_failure(order_id, &method, amount, reason, &change.actor, now)
            .await?;
        let plan = change.plan.clone();
        let mut j = Journal::new(&plan, change.state.position);
        let what = format!("{} {method}: {reason}", snap.currency.format(amount));
        j.note(AuditEvent::PaymentFailed, Some(&what));
        change.finish(j).await
    }

    /// A customer's store credit balance as a decimal string.
    pub async fn store_credit(&self, customer_id: i64) -> Result<String> {
        let snap = self.snapshot()?;
        Ok(snap
            .currency
            .format(self.store().store_credit(customer_id).await?))
    }
}
