//! Return, exchange and failed-payment commands of the order screen.

use tauri::{AppHandle, State};

use super::{broadcast, required, ChangedKind};
use tillflow::orders::{LineInput, OrderView, PaymentInput};
use tillflow::payments::RefundInput;
use tillflow::returns::{ExchangeInput, ReturnInput};
use tillflow::till::{RefundPreview, ReturnPreview};

use crate::contract::fulfillment::{settlement, ReturnOutcome};
use crate::error::CommandResult;
use crate::session::Session;
use crate::till::Shop;

/// After a return or exchange: tell every window, return the settlement and
/// the order as it is now.
async fn settled(
    app: &AppHandle,
    shop: &Shop,
    done: tillflow::till::ReturnResult,
) -> CommandResult<ReturnOutcome> {
    broadcast(app, ChangedKind::Order, Some(done.result.number.clone()));
    let order = shop.till().await?.order(&done.result.number).await?;
    Ok(ReturnOutcome {
        settled: settlement(done),
        order,
    })
}

/// What a return (or, with `add`, an exchange) would refund or charge,
/// computed by the core; nothing is written.
#[tauri::command(rename_all = "snake_case")]
pub async fn return_preview(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    number: String,
    input: ReturnInput,
    add: Vec<LineInput>,
) -> CommandResult<ReturnPreview> {
    session.viewer()?;
    let number = required("number", &number)?;
    Ok(shop
        .till()
        .await?
        .preview_return(&number, &input, &add)
        .await?)
}

/// Takes lines back (restocked at a site or written off) and refunds.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_return(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    input: ReturnInput,
) -> CommandResult<ReturnOutcome> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    required("reason", &input.reason)?;
    let done = shop
        .till()
        .await?
        .return_lines(&number, &input, &actor, chrono::Utc::now())
        .await?;
    settled(&app, &shop, done).await
}

/// Returns lines and adds new ones; settles only the difference.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_exchange(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    input: ExchangeInput,
) -> CommandResult<ReturnOutcome> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    required("reason", &input.ret.reason)?;
    let done = shop
        .till()
        .await?
        .exchange(&number, &input, &actor, chrono::Utc::now())
        .await?;
    settled(&app, &shop, done).await
}

/// Records a payment attempt that failed (declined card, bounced transfer).
#[tauri::command(rename_all = "snake_case")]
pub async fn order_payment_failed(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    payment: PaymentInput,
    reason: String,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    required("method", &payment.method)?;
    let reason = required("reason", &reason)?;
    let result = shop
        .till()
        .await?
        .payment_failed(&number, &payment, &reason, &actor, chrono::Utc::now())
        .await?;
    super::orders::changed(&app, &shop, result).await
}

/// How a refund without goods would be paid out (per tender, newest
/// first, or to store credit), computed by the core; nothing is written.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_refund_preview(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    number: String,
    input: RefundInput,
) -> CommandResult<RefundPreview> {
    session.viewer()?;
    let number = required("number", &number)?;
    Ok(shop.till().await?.preview_refund(&number, &input).await?)
}

/// Gives money back without goods (a canceled order's deposit, goodwill,
/// an overcharge).
#[tauri::command(rename_all = "snake_case")]
pub async fn order_refund(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    input: RefundInput,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let done = shop
        .till()
        .await?
        .refund(&number, &input, &actor, chrono::Utc::now())
        .await?;
    super::orders::changed(&app, &shop, done.result).await
}

/// Voids an order: cancels it and refunds everything paid.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_void(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    reason: String,
) -> CommandResult<OrderView> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let reason = required("reason", &reason)?;
    let done = shop
        .till()
        .await?
        .void(&number, &reason, &actor, chrono::Utc::now())
        .await?;
    super::orders::changed(&app, &shop, done.result).await
}
