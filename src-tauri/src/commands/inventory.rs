//! Inventory commands: sites, stock levels, receipts, adjustments,
//! transfers, backorders and an item's ledger. Every write is one core
//! transaction and is broadcast as an inventory change.

use rust_decimal::Decimal;
use tauri::{AppHandle, State};

use super::{broadcast, required, ChangedKind};
use tillflow::inventory::{Level, Movement, Site};

use crate::contract::inventory::Inventory;
use crate::error::{CommandError, CommandResult};
use crate::session::Session;
use crate::till::Shop;

/// A quantity typed by the cashier ("3", "-2", "1.5").
fn quantity(field: &str, text: &str) -> CommandResult<Decimal> {
    let t = required(field, text)?;
    tillflow::money::parse_decimal(&t, field)
        .map_err(|_| CommandError::invalid(field, format!("'{t}' is not a quantity")))
}

fn optional(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// Sites, every stock level and the counted items (the inventory screen).
#[tauri::command(rename_all = "snake_case")]
pub async fn inventory_get(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
) -> CommandResult<Inventory> {
    session.viewer()?;
    Ok(Inventory {
        sites: shop.till().await?.sites().await?,
        levels: shop.till().await?.stock_levels(None).await?,
        counted: shop.till().await?.stock_items().await?,
    })
}

/// The sites alone (pickers such as the order filter's).
#[tauri::command(rename_all = "snake_case")]
pub async fn sites_list(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
) -> CommandResult<Vec<Site>> {
    session.viewer()?;
    Ok(shop.till().await?.sites().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn site_add(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    site: Site,
) -> CommandResult<Site> {
    let actor = session.actor(chrono::Utc::now())?;
    let added = shop
        .till()
        .await?
        .add_site(&site, &actor, chrono::Utc::now())
        .await?;
    broadcast(&app, ChangedKind::Inventory, None);
    Ok(added)
}

/// Goods received at a site.
#[tauri::command(rename_all = "snake_case")]
pub async fn stock_receive(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    site: String,
    sku: String,
    qty: String,
    note: Option<String>,
) -> CommandResult<Level> {
    let actor = session.actor(chrono::Utc::now())?;
    let site = required("site", &site)?;
    let sku = required("sku", &sku)?;
    let qty = quantity("qty", &qty)?;
    let note = optional(note);
    let level = shop
        .till()
        .await?
        .receive_stock(
            &site,
            &sku,
            qty,
            note.as_deref(),
            &actor,
            chrono::Utc::now(),
        )
        .await?;
    broadcast(&app, ChangedKind::Inventory, None);
    Ok(level)
}

/// A signed count correction with its reason.
#[tauri::command(rename_all = "snake_case")]
pub async fn stock_adjust(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    site: String,
    sku: String,
    qty: String,
    reason: String,
) -> CommandResult<Level> {
    let actor = session.actor(chrono::Utc::now())?;
    let site = required("site", &site)?;
    let sku = required("sku", &sku)?;
    let qty = quantity("qty", &qty)?;
    let reason = required("reason", &reason)?;
    let level = shop
        .till()
        .await?
        .adjust_stock(&site, &sku, qty, &reason, &actor, chrono::Utc::now())
        .await?;
    broadcast(&app, ChangedKind::Inventory, None);
    Ok(level)
}

/// Moves stock between two sites; returns both levels (from, to).
#[tauri::command(rename_all = "snake_case")]
pub async fn stock_transfer(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    sku: String,
    qty: String,
    from: String,
    to: String,
) -> CommandResult<Vec<Level>> {
    let actor = session.actor(chrono::Utc::now())?;
    let sku = required("sku", &sku)?;
    let qty = quantity("qty", &qty)?;
    let from = required("from", &from)?;
    let to = required("to", &to)?;
    let (a, b) = shop
        .till()
        .await?
        .transfer_stock(&sku, qty, &from, &to, &actor, chrono::Utc::now())
        .await?;
    broadcast(&app, ChangedKind::Inventory, None);
    Ok(vec![a, b])
}

/// Whether an item may be sold below zero (also starts counting it).
#[tauri::command(rename_all = "snake_case")]
pub async fn stock_backorder(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    sku: String,
    allow: bool,
) -> CommandResult<()> {
    let actor = session.actor(chrono::Utc::now())?;
    let sku = required("sku", &sku)?;
    shop.till()
        .await?
        .set_backorder(&actor, &sku, allow)
        .await?;
    broadcast(&app, ChangedKind::Inventory, None);
    Ok(())
}

/// The stock ledger of one item, oldest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn stock_movements(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    sku: String,
) -> CommandResult<Vec<Movement>> {
    session.viewer()?;
    let sku = required("sku", &sku)?;
    Ok(shop.till().await?.movements(&sku).await?)
}
