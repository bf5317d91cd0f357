//! Stock and shipment commands: stock per site at intake, the order screen's
//! fulfillment panels, allocating an order's stock, and the shipments of an
//! order (create, shipped, delivered, failed, delete).

use tauri::{AppHandle, State};

use super::orders::changed;
use super::required;
use tillflow::orders::OrderView;
use tillflow::shipments::ShipmentInput;
use tillflow::till::{ItemStock, OrderFulfillment};

use crate::error::CommandResult;
use crate::session::Session;
use crate::till::Shop;

/// Stock per site of those items whose stock is counted (POS intake).
#[tauri::command(rename_all = "snake_case")]
pub async fn stock_availability(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    skus: Vec<String>,
) -> CommandResult<Vec<ItemStock>> {
    session.viewer()?;
    let mut skus: Vec<String> = skus
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    skus.sort();
    skus.dedup();
    Ok(shop.till().await?.item_stock(&skus).await?)
}

/// What the order screen shows of the order's stock, shipments and returns.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_fulfillment(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    number: String,
) -> CommandResult<OrderFulfillment> {
    session.viewer()?;
    let number = required("number", &number)?;
    Ok(shop
        .till()
        .await?
        .order_fulfillment(&number, chrono::Utc::now())
        .await?)
}

/// Reserves the stock an order still needs (the allocation rule).
#[tauri::command(rename_all = "snake_case")]
pub async fn order_allocate(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let confirmed = shop
        .till()
        .await?
        .confirm_order(&number, &actor, chrono::Utc::now())
        .await?;
    changed(&app, &shop, confirmed.result).await
}

/// A shipment of some or all lines (partial quantities).
#[tauri::command(rename_all = "snake_case")]
pub async fn shipment_create(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    shipment: ShipmentInput,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let done = shop
        .till()
        .await?
        .create_shipment(&number, &shipment, &actor, chrono::Utc::now())
        .await?;
    changed(&app, &shop, done.result).await
}

/// A carrier shipment handed over (its stock leaves the sites).
#[tauri::command(rename_all = "snake_case")]
pub async fn shipment_ship(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    id: i64,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let result = shop
        .till()
        .await?
        .ship_shipment(&number, id, &actor, chrono::Utc::now())
        .await?;
    changed(&app, &shop, result).await
}

/// A shipment delivered (a pickup: collected).
#[tauri::command(rename_all = "snake_case")]
pub async fn shipment_deliver(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    id: i64,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let result = shop
        .till()
        .await?
        .deliver_shipment(&number, id, &actor, chrono::Utc::now())
        .await?;
    changed(&app, &shop, result).await
}

/// A shipped shipment that could not be delivered, with the reason.
#[tauri::command(rename_all = "snake_case")]
pub async fn shipment_fail(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    id: i64,
    reason: String,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let reason = required("reason", &reason)?;
    let result = shop
        .till()
        .await?
        .fail_shipment(&number, id, &reason, &actor, chrono::Utc::now())
        .await?;
    changed(&app, &shop, result).await
}

/// Deletes a shipment that has not shipped; its lines may ship again.
#[tauri::command(rename_all = "snake_case")]
pub async fn shipment_delete(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    id: i64,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let result = shop
        .till()
        .await?
        .delete_shipment(&number, id, &actor, chrono::Utc::now())
        .await?;
    changed(&app, &shop, result).await
}
