//! An order's fulfillment: its state (derived from its facts at a time;
//! stored without the clock by every change, for search), and what the
//! order screen shows of it: per line what was ordered, reserved (where),
//! shipped, delivered and returned, what may still ship and come back; its
//! shipments; the stock of its counted items at every site. And the stock
//! of items at intake.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use super::steps::{fulfillment_facts, refresh_fulfillment_state};
use super::Till;
use crate::error::Result;
use crate::fulfillment::{self, FulfillmentState, DEFAULT_ABANDON_AFTER_HOURS};
use crate::inventory::{Level, Site};
use crate::orders::OrderRecord;
use crate::returns;
use crate::shipments::{self, Shipment};
use crate::workflow::Position;

/// Stock reserved for a line at a site, and how much of it has shipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reservation {
    pub site: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub qty: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub shipped: Decimal,
}

/// One order line's fulfillment (quantities are exact decimals).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LineFulfillment {
    pub line: i64,
    pub sku: Option<String>,
    pub name: String,
    /// Its stock is counted (it is reserved before it ships).
    pub counted: bool,
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub ordered: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub reserved: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub shipped: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub delivered: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub returned: Decimal,
    /// Not in any shipment yet: what a new shipment may take.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub shippable: Decimal,
    /// Handed over and not returned: what may come back.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub returnable: Decimal,
    /// A counted line's kept quantity not reserved yet.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub unreserved: Decimal,
    pub reservations: Vec<Reservation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrderFulfillment {
    pub number: String,
    pub state: FulfillmentState,
    pub lines: Vec<LineFulfillment>,
    pub shipments: Vec<Shipment>,
    pub sites: Vec<Site>,
    /// The order's counted items at every site, by SKU then site.
    pub stock: Vec<Level>,
    /// The customer's store credit, when the order has a customer.
    pub store_credit: Option<String>,
    /// Shipments and returns apply: the order's plan ships, it has
    /// shipments, or it holds counted goods. A service order (a laundry
    /// ticket, a repair) has none of them.
    pub goods: bool,
}

/// A counted item's stock at every site (intake shows it per line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ItemStock {
    pub sku: String,
    pub allow_backorder: bool,
    pub levels: Vec<Level>,
}

impl Till {
    /// Stores the fulfillment state of orders that have none (from before
    /// it was stored, or generated in bulk), 500 per transaction.
    pub(crate) async fn fill_fulfillment_states(&self) -> Result<u64> {
        let mut filled = 0;
        loop {
            let ids = self.store().orders_without_fulfillment_state(500).await?;
            if ids.is_empty() {
                return Ok(filled);
            }
            let mut tx = self.store().begin().await?;
            for id in &ids {
                refresh_fulfillment_state(&mut tx, *id).await?;
            }
            tx.commit().await?;
            filled += ids.len() as u64;
        }
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
        let mut facts = fulfillment_facts(rec.position, rec.balance(), rec.paid, extra);
        facts.in_intake = plan.stage_at(rec.position) == "intake";
        facts.created_at = rec.created_at;
        facts.updated_at = rec.updated_at;
        facts.abandon_after_hours = hours;
        Ok(fulfillment::state(&facts, now))
    }

    /// The stock of those of `skus` whose stock is counted, at every site.
    pub async fn item_stock(&self, skus: &[String]) -> Result<Vec<ItemStock>> {
        let mut out = Vec::new();
        for item in self.store().stock_items().await? {
            if !skus.contains(&item.sku) {
                continue;
            }
            out.push(ItemStock {
                levels: self.availability(&item.sku).await?,
                sku: item.sku,
                allow_backorder: item.allow_backorder,
            });
        }
        Ok(out)
    }

    /// The order's fulfillment as of `now` (see [`OrderFulfillment`]).
    pub async fn order_fulfillment(
        &self,
        number: &str,
        now: DateTime<Utc>,
    ) -> Result<OrderFulfillment> {
        let rec = self.store().order(number).await?;
        let state = self.fulfillment_state(&rec, now).await?;
        let extra = self.store().fulfillment_record(rec.id).await?;
        let allocations = self.store().order_allocations(rec.id).await?;
        let completed = rec.position == Position::Completed;
        let terminal = rec.position.is_terminal();
        let mut lines = Vec::new();
        for (i, (l, f)) in rec.lines.iter().zip(&extra.lines).enumerate() {
            let n = i as i64;
            let kept = f.ordered - f.returned;
            lines.push(LineFulfillment {
                line: n,
                sku: l.sku.clone(),
                name: l.name.clone(),
                counted: f.counted,
                ordered: f.ordered,
                reserved: f.reserved,
                shipped: f.shipped,
                delivered: f.delivered,
                returned: f.returned,
                shippable: (f.ordered - shipments::in_shipments(&extra.shipments, n))
                    .max(Decimal::ZERO)
                    .normalize(),
                returnable: (returns::handed_over(n, f.ordered, &extra.shipments, completed)
                    - f.returned)
                    .max(Decimal::ZERO)
                    .normalize(),
                unreserved: if f.counted && !terminal {
                    (kept - f.reserved).max(Decimal::ZERO).normalize()
                } else {
                    Decimal::ZERO
                },
                reservations: allocations
                    .iter()
                    .filter(|a| a.line_no == n)
                    .map(|a| Reservation {
                        site: a.site.clone(),
                        qty: a.qty,
                        shipped: a.shipped,
                    })
                    .collect(),
            });
        }
        let mut skus: Vec<String> = lines
            .iter()
            .filter(|l| l.counted)
            .filter_map(|l| l.sku.clone())
            .collect();
        skus.sort();
        skus.dedup();
        let mut stock = Vec::new();
        for sku in &skus {
            stock.extend(self.availability(sku).await?);
        }
        let store_credit = match &rec.customer {
            Some(c) => Some(self.store_credit(c.id).await?),
            None => None,
        };
        let goods = !extra.shipments.is_empty()
            || lines.iter().any(|l| l.counted)
            || self.plan(rec.plan_id).await?.ships();
        Ok(OrderFulfillment {
            goods,
            number: rec.number.clone(),
            state,
            lines,
            shipments: extra.shipments,
            sites: self.sites().await?,
            stock,
            store_credit,
        })
    }
}
