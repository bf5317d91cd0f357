//! Correcting a taken order: edits (the update wizard, customer, lines) and
//! discounts, each with a preview from the core so the screen never prices.

use tauri::{AppHandle, State};

use super::orders::changed;
use super::{broadcast, required, ChangedKind};
use tillflow::orders::discount::DiscountInput;
use tillflow::orders::edit::{EditForm, OrderEdit};
use tillflow::orders::OrderView;
use tillflow::till::{DiscountPreview, EditOutcome};

use crate::error::CommandResult;
use crate::session::Session;
use crate::till::Shop;

/// After a correction: tell every window, and return the order as it is now.
async fn corrected(
    app: &AppHandle,
    shop: &Shop,
    number: &str,
    outcome: EditOutcome,
) -> CommandResult<OrderView> {
    match outcome.result {
        Some(result) => changed(app, shop, result).await,
        None => {
            broadcast(app, ChangedKind::Order, Some(number.to_string()));
            Ok(shop.till().await?.order(number).await?)
        }
    }
}

/// What an edit of the order may change: the update wizard's fields (and
/// the due date), labelled, and what each line keeps.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_edit_form(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    number: String,
) -> CommandResult<EditForm> {
    session.viewer()?;
    let number = required("number", &number)?;
    Ok(shop.till().await?.order_edit_form(&number).await?)
}

/// What the edit would change, the new totals and the difference; writes
/// nothing.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_edit_preview(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    number: String,
    edit: OrderEdit,
) -> CommandResult<EditOutcome> {
    session.viewer()?;
    let number = required("number", &number)?;
    Ok(shop
        .till()
        .await?
        .preview_order_edit(&number, &edit)
        .await?)
}

/// Edits the order (permission `orders.edit`), recorded as `order.updated`
/// with the difference.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_edit(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    edit: OrderEdit,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let outcome = shop
        .till()
        .await?
        .edit_order(&number, &edit, &actor, chrono::Utc::now())
        .await?;
    corrected(&app, &shop, &number, outcome).await
}

/// What the discount would take off and whether the signed-in person needs
/// a manager's approval for it; writes nothing.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_discount_preview(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    number: String,
    discount: DiscountInput,
) -> CommandResult<DiscountPreview> {
    let viewer = session.viewer()?;
    let number = required("number", &number)?;
    Ok(shop
        .till()
        .await?
        .preview_discount(&number, &discount, &viewer)
        .await?)
}

/// Gives a discount: within the role's limit, else with the permission
/// `orders.discount` (a manager's approval).
#[tauri::command(rename_all = "snake_case")]
pub async fn order_discount(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    discount: DiscountInput,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let outcome = shop
        .till()
        .await?
        .give_discount(&number, &discount, &actor, chrono::Utc::now())
        .await?;
    corrected(&app, &shop, &number, outcome).await
}
