//! Shipment operations. Each is one transaction on the order: the shipment
//! rows, the stock it consumes, the trigger it raises through the engine
//! (`shipment.created`, `shipment.shipped`, `shipment.delivered`) and the
//! audit rows.

use crate::staff::{Actor, Permission};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::change::{EventResult, OrderChange};
use super::steps::{all_shipped, check_reason, facts};
use super::Till;
use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::shipments::{
    self, DeliveryMethod, OrderedLine, Shipment, ShipmentInput, ShipmentStatus,
};
use crate::storage::WriteTx;
use crate::triggers::Trigger;
use crate::workflow::{Journal, Position};

#[derive(Debug, Clone, Serialize)]
pub struct ShipmentResult {
    pub result: EventResult,
    pub shipment: i64,
}

fn summary(s: &Shipment) -> String {
    let lines: Vec<String> = s
        .lines
        .iter()
        .map(|l| match &l.site {
            Some(site) => format!("line {} × {} from {site}", l.line, l.qty),
            None => format!("line {} × {}", l.line, l.qty),
        })
        .collect();
    format!("shipment #{}: {}", s.id, lines.join(", "))
}

async fn find(tx: &mut WriteTx, order_id: i64, id: i64) -> Result<Shipment> {
    tx.shipments(order_id)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| Error::not_found("shipment", id.to_string()))
}

/// Refuses a shipment that has left the `created` state ("shipment #3 is
/// shipped {refusal}").
fn not_yet_shipped(s: &Shipment, refusal: &str) -> Result<()> {
    if s.status == ShipmentStatus::Created {
        return Ok(());
    }
    Err(Error::conflict(format!(
        "shipment #{} is {} {refusal}",
        s.id,
        s.status.key()
    )))
}

/// Consumes the shipment's stock (ledger `sale`) and marks it shipped.
async fn ship(change: &mut OrderChange, s: &Shipment, j: &mut Journal<'_>) -> Result<()> {
    let OrderChange {
        tx,
        state,
        actor,
        now,
        ..
    } = change;
    let now = *now;
    if state.position == Position::Canceled {
        return Err(Error::conflict(
            "the order is canceled: its stock was released and nothing ships",
        ));
    }
    let lines = tx.order_lines(state.id).await?;
    let note = format!("shipment #{}", s.id);
    for l in &s.lines {
        let (Some(site), Some(sku)) = (
            l.site.as_deref(),
            usize::try_from(l.line)
                .ok()
                .and_then(|i| lines.get(i))
                .and_then(|x| x.sku.as_deref()),
        ) else {
            continue;
        };
        tx.consume_allocation(state.id, l.line, site, sku, l.qty, &note, actor, now)
            .await?;
    }
    tx.set_shipment_status(s.id, ShipmentStatus::Shipped, now)
        .await?;
    if j.plan().needs_all_shipped() {
        j.facts.all_shipped = all_shipped(tx, state.id).await?;
    }
    j.event(Trigger::ShipmentShipped, facts(state.total, state.paid))?;
    Ok(())
}

impl Till {
    /// Creates a shipment for some or all lines (raises `shipment.created`).
    pub async fn create_shipment(
        &self,
        number: &str,
        input: &ShipmentInput,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<ShipmentResult> {
        let actor = &actor.acting(Permission::Shipments)?;
        let mut change = self.open_order(number, actor, now).await?;
        let (tx, state) = (&mut change.tx, &change.state);
        if state.position == Position::Canceled {
            return Err(Error::conflict(format!("order {number} is canceled")));
        }
        let mut ordered = Vec::new();
        for l in tx.order_lines(state.id).await? {
            let counted = match l.sku.as_deref() {
                Some(sku) => tx.stock_item(sku).await?.is_some(),
                None => false,
            };
            ordered.push(OrderedLine {
                qty: l.qty,
                counted,
            });
        }
        let allocations = tx.allocations(state.id).await?;
        let existing = tx.shipments(state.id).await?;
        let (carrier, tracking, lines) = shipments::plan(input, &ordered, &allocations, &existing)?;
        let id = tx
            .insert_shipment(
                state.id,
                input.method,
                carrier.as_deref(),
                tracking.as_deref(),
                &lines,
                now,
            )
            .await?;
        let s = find(tx, state.id, id).await?;
        let plan = change.plan.clone();
        let mut j = Journal::new(&plan, state.position, change.facts.clone());
        j.note(AuditEvent::ShipmentRecorded, Some(&summary(&s)));
        j.event(Trigger::ShipmentCreated, facts(state.total, state.paid))?;
        let result = change.finish(j).await?;
        Ok(ShipmentResult {
            result,
            shipment: id,
        })
    }

    /// Hands a carrier shipment over (consumes its stock; raises `shipment.shipped`).
    pub async fn ship_shipment(
        &self,
        number: &str,
        id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let actor = &actor.acting(Permission::Shipments)?;
        let mut change = self.open_order(number, actor, now).await?;
        let s = find(&mut change.tx, change.state.id, id).await?;
        not_yet_shipped(&s, "already")?;
        let plan = change.plan.clone();
        let mut j = Journal::new(&plan, change.state.position, change.facts.clone());
        ship(&mut change, &s, &mut j).await?;
        change.finish(j).await
    }

    /// Marks a shipment delivered (raises `shipment.delivered`). A pickup
    /// not yet handed over is shipped and delivered at once (both events).
    pub async fn deliver_shipment(
        &self,
        number: &str,
        id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let actor = &actor.acting(Permission::Shipments)?;
        let mut change = self.open_order(number, actor, now).await?;
        let s = find(&mut change.tx, change.state.id, id).await?;
        let plan = change.plan.clone();
        let mut j = Journal::new(&plan, change.state.position, change.facts.clone());
        match (s.status, s.method) {
            (ShipmentStatus::Shipped, _) => {}
            (ShipmentStatus::Created, DeliveryMethod::Pickup) => {
                ship(&mut change, &s, &mut j).await?
            }
            (ShipmentStatus::Created, DeliveryMethod::Carrier) => {
                return Err(Error::conflict(format!(
                    "shipment #{id} has not shipped yet"
                )))
            }
            (st, _) => {
                return Err(Error::conflict(format!(
                    "shipment #{id} is {} already",
                    st.key()
                )))
            }
        }
        change
            .tx
            .set_shipment_status(id, ShipmentStatus::Delivered, now)
            .await?;
        let order_facts = facts(change.state.total, change.state.paid);
        j.event(Trigger::ShipmentDelivered, order_facts)?;
        change.finish(j).await
    }

    /// Records that a shipped shipment could not be delivered.
    pub async fn fail_shipment(
        &self,
        number: &str,
        id: i64,
        reason: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let actor = &actor.acting(Permission::Shipments)?;
        let reason = check_reason(reason)?;
        let mut change = self.open_order(number, actor, now).await?;
        let s = find(&mut change.tx, change.state.id, id).await?;
        if s.status != ShipmentStatus::Shipped {
            return Err(Error::conflict(format!(
                "only a shipped shipment can fail; #{id} is {}",
                s.status.key()
            )));
        }
        change
            .tx
            .set_shipment_status(id, ShipmentStatus::Failed, now)
            .await?;
        let plan = change.plan.clone();
        let mut j = Journal::new(&plan, change.state.position, change.facts.clone());
        let what = format!("shipment #{id}: {reason}");
        j.note(AuditEvent::ShipmentFailed, Some(&what));
        change.finish(j).await
    }

    /// Deletes a shipment that has not shipped; its lines may ship again.
    pub async fn delete_shipment(
        &self,
        number: &str,
        id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<EventResult> {
        let actor = &actor.acting(Permission::Shipments)?;
        let mut change = self.open_order(number, actor, now).await?;
        let s = find(&mut change.tx, change.state.id, id).await?;
        not_yet_shipped(&s, "and can no longer be deleted")?;
        change.tx.delete_shipment(id).await?;
        let plan = change.plan.clone();
        let mut j = Journal::new(&plan, change.state.position, change.facts.clone());
        j.note(AuditEvent::ShipmentDeleted, Some(&summary(&s)));
        change.finish(j).await
    }

    /// An order's shipments.
    pub async fn shipments(&self, number: &str) -> Result<Vec<Shipment>> {
        self.store().order_shipments(number).await
    }
}
