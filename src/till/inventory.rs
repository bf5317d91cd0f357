//! Inventory operations: sites, receipts, adjustments, transfers, levels,
//! and allocating an order's stock when it is confirmed. Each write is one
//! transaction: the ledger row(s), the maintained levels and any audit rows.

use crate::staff::{Actor, Permission};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::change::Confirmation;
use super::steps::{allocate_open_lines, check_actor, check_reason, refresh_fulfillment_state};
use super::Till;
use crate::error::{Error, Result};
use crate::inventory::{
    check_delta, check_movement, CountedItem, Level, Movement, MovementKind, Site, StockItem,
};
use crate::money::check_quantity;
use crate::storage::WriteTx;
use crate::workflow::Journal;

async fn require_site(tx: &mut WriteTx, key: &str) -> Result<()> {
    if tx.sites().await?.iter().any(|s| s.key == key) {
        Ok(())
    } else {
        Err(Error::not_found("site", key))
    }
}

/// Starts counting an item's stock (or sets its backorder rule). Orders
/// already taken with the item are stated again: a counted line must be
/// reserved before its order is ready to ship.
async fn count_item(tx: &mut WriteTx, sku: &str, backorder: Option<bool>) -> Result<()> {
    let was_counted = tx.stock_item(sku).await?.is_some();
    tx.upsert_stock_item(sku, backorder).await?;
    if !was_counted {
        for id in tx.orders_awaiting_stock(sku).await? {
            refresh_fulfillment_state(tx, id).await?;
        }
    }
    Ok(())
}

impl Till {
    fn require_item(&self, sku: &str) -> Result<()> {
        let snap = self.snapshot()?;
        snap.settings
            .item(sku)
            .map(|_| ())
            .ok_or_else(|| Error::not_found("item", sku))
    }

    /// Adds a site; `home` makes it "this store" (unmarking any other).
    pub async fn add_site(&self, site: &Site, actor: &Actor, now: DateTime<Utc>) -> Result<Site> {
        let actor = &actor.acting(Permission::ManageStock)?;
        let actor = check_actor(actor)?;
        let site = site.checked()?;
        let mut tx = self.store().begin().await?;
        tx.insert_site(&site, actor, now).await?;
        tx.commit().await?;
        Ok(site)
    }

    pub async fn sites(&self) -> Result<Vec<Site>> {
        self.store().sites().await
    }

    /// Whether an item may be sold below zero (also starts counting its stock).
    pub async fn set_backorder(&self, actor: &Actor, sku: &str, allow: bool) -> Result<()> {
        actor.require(Permission::ManageStock)?;
        self.require_item(sku)?;
        let mut tx = self.store().begin().await?;
        count_item(&mut tx, sku, Some(allow)).await?;
        tx.commit().await
    }

    /// One movement at one site, checked against the item's backorder rule.
    #[allow(clippy::too_many_arguments)]
    async fn move_stock(
        &self,
        site: &str,
        sku: &str,
        kind: MovementKind,
        delta: Decimal,
        note: Option<&str>,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Level> {
        let actor = check_actor(actor)?;
        self.require_item(sku)?;
        let mut tx = self.store().begin().await?;
        require_site(&mut tx, site).await?;
        count_item(&mut tx, sku, None).await?;
        let item = tx.stock_item(sku).await?.unwrap_or(StockItem {
            allow_backorder: false,
        });
        check_movement(&tx.level(site, sku).await?, delta, item)?;
        tx.record_movement(site, sku, kind, delta, None, note, actor, now)
            .await?;
        let level = tx.level(site, sku).await?;
        tx.commit().await?;
        Ok(level)
    }

    /// Goods received at a site (ledger `receipt`).
    pub async fn receive_stock(
        &self,
        site: &str,
        sku: &str,
        qty: Decimal,
        note: Option<&str>,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Level> {
        let actor = &actor.acting(Permission::ManageStock)?;
        let q = check_quantity(qty, "qty")?;
        self.move_stock(site, sku, MovementKind::Receipt, q, note, actor, now)
            .await
    }

    /// A count correction (ledger `adjustment`, signed); a reason is required.
    pub async fn adjust_stock(
        &self,
        site: &str,
        sku: &str,
        delta: Decimal,
        reason: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Level> {
        let actor = &actor.acting(Permission::ManageStock)?;
        let d = check_delta(delta, "qty")?;
        let reason = check_reason(reason)?;
        self.move_stock(
            site,
            sku,
            MovementKind::Adjustment,
            d,
            Some(reason),
            actor,
            now,
        )
        .await
    }

    /// Moves stock between sites: two `transfer` rows in one transaction.
    #[allow(clippy::too_many_arguments)]
    pub async fn transfer_stock(
        &self,
        sku: &str,
        qty: Decimal,
        from: &str,
        to: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(Level, Level)> {
        let actor = &actor.acting(Permission::ManageStock)?;
        let actor = check_actor(actor)?;
        let q = check_quantity(qty, "qty")?;
        if from == to {
            return Err(Error::invalid("to", "a transfer needs two different sites"));
        }
        self.require_item(sku)?;
        let mut tx = self.store().begin().await?;
        require_site(&mut tx, from).await?;
        require_site(&mut tx, to).await?;
        if tx.stock_item(sku).await?.is_none() {
            return Err(Error::conflict(format!("no stock of {sku} anywhere")));
        }
        let level = tx.level(from, sku).await?;
        // A transfer never moves stock that is not there, backorders or not.
        let strict = StockItem {
            allow_backorder: false,
        };
        check_movement(&level, -q, strict)?;
        let note_out = format!("to {to}");
        let note_in = format!("from {from}");
        tx.record_movement(
            from,
            sku,
            MovementKind::Transfer,
            -q,
            None,
            Some(&note_out),
            actor,
            now,
        )
        .await?;
        tx.record_movement(
            to,
            sku,
            MovementKind::Transfer,
            q,
            None,
            Some(&note_in),
            actor,
            now,
        )
        .await?;
        let out = (tx.level(from, sku).await?, tx.level(to, sku).await?);
        tx.commit().await?;
        Ok(out)
    }

    /// Stock levels (one SKU, or all), by SKU then site.
    pub async fn stock_levels(&self, sku: Option<&str>) -> Result<Vec<Level>> {
        self.store().stock_levels(sku).await
    }

    /// Availability of an item at every site (zero where none), as intake shows it.
    pub async fn availability(&self, sku: &str) -> Result<Vec<Level>> {
        self.require_item(sku)?;
        let levels = self.store().stock_levels(Some(sku)).await?;
        Ok(self
            .sites()
            .await?
            .iter()
            .map(|s| {
                levels
                    .iter()
                    .find(|l| l.site == s.key)
                    .cloned()
                    .unwrap_or_else(|| Level::new(&s.key, sku, Decimal::ZERO, Decimal::ZERO))
            })
            .collect())
    }

    /// The items whose stock is counted, with their backorder rule.
    pub async fn stock_items(&self) -> Result<Vec<CountedItem>> {
        self.store().stock_items().await
    }

    /// The ledger of one item.
    pub async fn movements(&self, sku: &str) -> Result<Vec<Movement>> {
        self.store().movements(sku).await
    }

    /// Confirms an order: reserves the stock its counted lines still need,
    /// by the rule in [`inventory::allocate`]. All or nothing.
    pub async fn confirm_order(
        &self,
        number: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Confirmation> {
        let actor = &actor.acting(Permission::TakeOrders)?;
        let mut change = self.open_order(number, actor, now).await?;
        let plan = change.plan.clone();
        let at = change.state.position;
        if at.is_terminal() {
            return Err(Error::conflict(format!(
                "order {number} is {} and reserves no stock",
                plan.status_at(at)
            )));
        }
        let mut j = Journal::new(&plan, at, change.facts.clone());
        let allocations = allocate_open_lines(&mut change.tx, change.state.id, &[], &mut j).await?;
        let result = change.finish(j).await?;
        Ok(Confirmation {
            result,
            allocations,
        })
    }
}
