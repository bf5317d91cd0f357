//! Customer messages: the Messages page (SMTP settings, templates, preview,
//! test email) and an order's messages (list, Retry). Sending is the
//! core's; the app runs it in the background (`crate::outbox`).

use tauri::{AppHandle, State};
use tillflow::messages::{MessageTemplate, OutboxMessage, Rendered, SmtpSettings};
use tillflow::till::{MessagesChange, MessagesView};

use super::{broadcast, required, ChangedKind};
use crate::error::CommandResult;
use crate::session::Session;
use crate::till::Shop;

#[tauri::command(rename_all = "snake_case")]
pub async fn messages_view(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
) -> CommandResult<MessagesView> {
    session.viewer()?;
    Ok(shop.till().await?.messages_view()?)
}

/// Saves the SMTP settings and templates (settings file) and the password
/// (this machine's settings only).
#[tauri::command(rename_all = "snake_case")]
pub async fn messages_save(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    change: MessagesChange,
) -> CommandResult<MessagesView> {
    let actor = session.actor(chrono::Utc::now())?;
    let view = shop
        .till()
        .await?
        .save_messages(change, &actor, chrono::Utc::now())
        .await?;
    broadcast(&app, ChangedKind::Settings, None);
    Ok(view)
}

/// A template filled for an example order (the page's live preview).
#[tauri::command(rename_all = "snake_case")]
pub async fn message_preview(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    template: MessageTemplate,
) -> CommandResult<Rendered> {
    session.viewer()?;
    Ok(shop
        .till()
        .await?
        .preview_message(&template, chrono::Utc::now())?)
}

/// Sends a test email through the server as the page shows it.
#[tauri::command(rename_all = "snake_case")]
pub async fn message_test(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    server: SmtpSettings,
    password: String,
    to: String,
) -> CommandResult<()> {
    let actor = session.actor(chrono::Utc::now())?;
    let to = required("to", &to)?;
    Ok(shop
        .till()
        .await?
        .send_test_email(&actor, &server, &password, &to)
        .await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn order_messages(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    number: String,
) -> CommandResult<Vec<OutboxMessage>> {
    session.viewer()?;
    let number = required("number", &number)?;
    Ok(shop.till().await?.order_messages(&number).await?)
}

/// Makes a failed message due now; the background sender sends it.
#[tauri::command(rename_all = "snake_case")]
pub async fn message_retry(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    number: String,
    id: i64,
) -> CommandResult<Vec<OutboxMessage>> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let till = shop.till().await?;
    till.retry_message(&actor, id, chrono::Utc::now()).await?;
    crate::outbox::kick(&app);
    broadcast(&app, ChangedKind::Order, Some(number.clone()));
    Ok(till.order_messages(&number).await?)
}

/// Emails the order's receipt (PDF attached) to `to`, at once.
#[tauri::command(rename_all = "snake_case")]
pub async fn order_email_receipt(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    number: String,
    to: String,
) -> CommandResult<()> {
    let actor = session.actor(chrono::Utc::now())?;
    let number = required("number", &number)?;
    let to = required("to", &to)?;
    Ok(shop
        .till()
        .await?
        .email_receipt(&actor, &number, &to)
        .await?)
}
