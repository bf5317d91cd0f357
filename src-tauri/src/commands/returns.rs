//! Return, exchange and failed-payment commands of the order screen.

use tauri::{AppHandle, State};

use super::{broadcast, required, ChangedKind, ACTOR};
use crate::contract::fulfillment::{ExchangeInput, ReturnInput, ReturnOutcome, ReturnPreview};
use crate::contract::mirror;
use crate::contract::orders::{LineInput, OrderView, PaymentInput};
use crate::error::{CommandError, CommandResult};
use crate::till::Shop;

fn quantities<A: serde::Serialize, B: serde::de::DeserializeOwned>(value: &A) -> CommandResult<B> {
    mirror(value).map_err(|_| {
        CommandError::invalid("lines", "every quantity must be a number such as 2 or 0.5")
    })
}

/// After a return or exchange: tell every window, return the settlement and
/// the order as it is now.
async fn settled(
    app: &AppHandle,
    shop: &Shop,
    done: tillflow::till::ReturnResult,
) -> CommandResult<ReturnOutcome> {
    broadcast(app, ChangedKind::Order, Some(done.result.number.clone()));
    let order = mirror(&shop.till.order(&done.result.number).await?)?;
    Ok(ReturnOutcome {
        settled: ReturnPreview {
            refund: done.refund,
            charge: done.charge,
            refunds: mirror(&done.refunds)?,
            total: done.total,
            balance: done.balance,
        },
        order,
    })
}

/// What a return (or, with `add`, an exchange) would refund or charge,
/// computed by the core; nothing is written.
#[tauri::command(rename_all = "snake_case")]
pub async fn return_preview(
    shop: State<'_, Shop>,
    number: String,
    input: ReturnInput,
    add: Vec<LineInput>,
) -> CommandResult<ReturnPreview> {
    let number = required("number", &number)?;
    let input: tillflow::returns::ReturnInput = quantities(&input)?;
    let add: Vec<tillflow::orders::LineInput> = quantities(&add)?;
    mirror(&shop.till.preview_return(&number, &input, &add).await?)
}

/// Takes lines back (restocked at a site or written off) and refunds.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_return(
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    input: ReturnInput,
) -> CommandResult<ReturnOutcome> {
    let number = required("number", &number)?;
    required("reason", &input.reason)?;
    let input: tillflow::returns::ReturnInput = quantities(&input)?;
    let done = shop
        .till
        .return_lines(&number, &input, ACTOR, chrono::Utc::now())
        .await?;
    settled(&app, &shop, done).await
}

/// Returns lines and adds new ones; settles only the difference.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_exchange(
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    input: ExchangeInput,
) -> CommandResult<ReturnOutcome> {
    let number = required("number", &number)?;
    required("reason", &input.reason)?;
    let input: tillflow::returns::ExchangeInput = quantities(&input)?;
    let done = shop
        .till
        .exchange(&number, &input, ACTOR, chrono::Utc::now())
        .await?;
    settled(&app, &shop, done).await
}

/// Records a payment attempt that failed (declined card, bounced transfer).
#[tauri::command(rename_all = "snake_case")]
pub async fn order_payment_failed(
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    payment: PaymentInput,
    reason: String,
) -> CommandResult<OrderView> {
    let number = required("number", &number)?;
    required("method", &payment.method)?;
    required("amount", &payment.amount)?;
    let reason = required("reason", &reason)?;
    let payment: tillflow::orders::PaymentInput = mirror(&payment).map_err(|_| {
        CommandError::invalid("amount", format!("'{}' is not an amount", payment.amount))
    })?;
    let result = shop
        .till
        .payment_failed(&number, &payment, &reason, ACTOR, chrono::Utc::now())
        .await?;
    super::orders::changed(&app, &shop, result).await
}
