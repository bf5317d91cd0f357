//! Order commands: intake, the board, the order screen's actions, search.

use tauri::{AppHandle, State};

use super::{broadcast, required, ChangedKind};
use tillflow::orders::{Customer, OrderInput, OrderPreview, OrderView, PaymentInput};
use tillflow::rules::ShopRules;

use crate::error::{CommandError, CommandResult};
use crate::session::Session;
use crate::till::Shop;

/// After a write: tell every window, and return the order as it is now.
pub(super) async fn changed(
    app: &AppHandle,
    shop: &Shop,
    result: tillflow::EventResult,
) -> CommandResult<OrderView> {
    broadcast(app, ChangedKind::Order, Some(result.number.clone()));
    Ok(shop.till().await?.order(&result.number).await?)
}

/// What the order would be (lines priced, totals, deposit, paid, balance)
/// and every field error of the input, from the core's one preview; writes
/// nothing (the POS wizard's steps and review).
#[tauri::command(rename_all = "snake_case")]
pub async fn order_preview(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    input: OrderInput,
) -> CommandResult<OrderPreview> {
    session.viewer()?;
    Ok(shop
        .till()
        .await?
        .preview_order(&input, chrono::Utc::now())?)
}

/// The payment methods, the currency's decimals and the defaults screens
/// offer, from the core.
#[tauri::command(rename_all = "snake_case")]
pub async fn shop_rules(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
) -> CommandResult<ShopRules> {
    session.viewer()?;
    Ok(shop.till().await?.shop_rules()?)
}

/// Creates an order from the intake wizard's answers and confirms it in the
/// same transaction: lines whose stock is counted reserve it by the
/// allocation rule; an order whose stock cannot be reserved is refused
/// (`conflict`) with nothing written.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_create(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    input: OrderInput,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    required("type", &input.order_type)?;
    let confirmed = shop
        .till()
        .await?
        .create_confirmed_order(&input, &actor, chrono::Utc::now())
        .await?;
    changed(&app, &shop, confirmed.result).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn order_get(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    number: String,
) -> CommandResult<OrderView> {
    session.viewer()?;
    let number = required("number", &number)?;
    Ok(shop.till().await?.order(&number).await?)
}

/// Raises a trigger (a worker action such as "Items tagged") on an order.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_fire(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    trigger: String,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let trigger = tillflow::triggers::Trigger::parse(trigger.trim())?;
    let result = shop
        .till()
        .await?
        .fire_event(&number, trigger, &actor, chrono::Utc::now())
        .await?;
    changed(&app, &shop, result).await
}

/// Moves an order to another step of its workflow by hand, with a reason.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_move(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    to_status: String,
    reason: String,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let to_status = required("to_status", &to_status)?;
    let reason = required("reason", &reason)?;
    let result = shop
        .till()
        .await?
        .move_order(&number, &to_status, &reason, &actor, chrono::Utc::now())
        .await?;
    changed(&app, &shop, result).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn order_pay(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    payment: PaymentInput,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    required("method", &payment.method)?;
    let result = shop
        .till()
        .await?
        .pay(&number, &payment, &actor, chrono::Utc::now())
        .await?;
    changed(&app, &shop, result.result).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn order_cancel(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    reason: String,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let reason = required("reason", &reason)?;
    let result = shop
        .till()
        .await?
        .cancel(&number, &reason, &actor, chrono::Utc::now())
        .await?;
    changed(&app, &shop, result).await
}

/// Customers whose name or phone matches (the customer picker).
#[tauri::command(rename_all = "snake_case")]
pub async fn customers_find(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    query: String,
) -> CommandResult<Vec<Customer>> {
    session.viewer()?;
    let q = query.trim();
    if q.is_empty() {
        return Ok(Vec::new());
    }
    Ok(shop.till().await?.find_customers(q).await?)
}

/// A customer's store credit balance (decimal string; "0.00" when none), so
/// the POS and the order screen offer paying with it only when there is some.
#[tauri::command(rename_all = "snake_case")]
pub async fn customer_store_credit(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    customer_id: i64,
) -> CommandResult<String> {
    session.viewer()?;
    if customer_id <= 0 {
        return Err(CommandError::invalid("customer_id", "no such customer"));
    }
    Ok(shop.till().await?.store_credit(customer_id).await?)
}

/// Moves an order past the guards of the steps it leaves (the permission
/// `orders.override_guard`), with the reason recorded.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_move_past_guards(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    to_status: String,
    reason: String,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let to_status = required("to_status", &to_status)?;
    let result = shop
        .till()
        .await?
        .move_order_past_guards(&number, &to_status, &reason, &actor, chrono::Utc::now())
        .await?;
    changed(&app, &shop, result).await
}

/// Takes back the order's last move (a person's own, within the shop's
/// undo window), recorded as its own row.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_undo(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    reason: String,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let result = shop
        .till()
        .await?
        .undo_move(&number, &reason, &actor, chrono::Utc::now())
        .await?;
    changed(&app, &shop, result).await
}
