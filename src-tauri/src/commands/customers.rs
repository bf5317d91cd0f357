//! Customer commands: the list's search, a customer's page and orders, the
//! edit of their details, and the merge of a duplicate (preview, then
//! merge). Every write is one core transaction and is broadcast as a
//! customers change.

use tauri::{AppHandle, State};

use super::{broadcast, ChangedKind};
use tillflow::customers::{
    CustomerEdit, CustomerOrders, CustomerOrdersCursor, CustomerPage, CustomerSearch, CustomerView,
    MergePreview,
};

use crate::error::CommandResult;
use crate::session::Session;
use crate::till::Shop;

/// One page of the customers matching a search, and how many match.
#[tauri::command(rename_all = "snake_case")]
pub async fn customers_search(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    search: CustomerSearch,
) -> CommandResult<CustomerPage> {
    session.viewer()?;
    Ok(shop.till().await?.search_customers(&search).await?)
}

/// A customer's page.
#[tauri::command(rename_all = "snake_case")]
pub async fn customer_get(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    id: i64,
) -> CommandResult<CustomerView> {
    session.viewer()?;
    Ok(shop.till().await?.customer(id).await?)
}

/// One page of a customer's orders (open first, then newest first).
#[tauri::command(rename_all = "snake_case")]
pub async fn customer_orders(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    id: i64,
    after: Option<CustomerOrdersCursor>,
) -> CommandResult<CustomerOrders> {
    session.viewer()?;
    let till = shop.till().await?;
    let mut page = till.customer_orders(id, after.as_ref(), None).await?;
    let tz = till.time_zone()?;
    till.mark_overdue(&mut page.orders, chrono::Utc::now(), tz);
    Ok(page)
}

/// Changes a customer's details and marketing consent.
#[tauri::command(rename_all = "snake_case")]
pub async fn customer_edit(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    id: i64,
    edit: CustomerEdit,
) -> CommandResult<CustomerView> {
    let actor = session.actor(chrono::Utc::now())?;
    let view = shop
        .till()
        .await?
        .edit_customer(id, &edit, &actor, chrono::Utc::now())
        .await?;
    broadcast(&app, ChangedKind::Customers, None);
    Ok(view)
}

/// What merging `duplicate` into `keep` would move.
#[tauri::command(rename_all = "snake_case")]
pub async fn customer_merge_preview(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    keep: i64,
    duplicate: i64,
) -> CommandResult<MergePreview> {
    session.viewer()?;
    Ok(shop.till().await?.merge_preview(keep, duplicate).await?)
}

/// Merges `duplicate` into `keep`; returns the kept customer's page.
#[tauri::command(rename_all = "snake_case")]
pub async fn customer_merge(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    keep: i64,
    duplicate: i64,
) -> CommandResult<CustomerView> {
    let actor = session.actor(chrono::Utc::now())?;
    let view = shop
        .till()
        .await?
        .merge_customers(keep, duplicate, &actor, chrono::Utc::now())
        .await?;
    broadcast(&app, ChangedKind::Customers, None);
    Ok(view)
}
