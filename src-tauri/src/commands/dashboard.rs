//! The dashboard and the order board: forwarded to the core
//! (`Till::dashboard`, `Till::board`), "now" in the shop's time zone.

use chrono::Utc;
use tauri::State;
use tillflow::dashboard::{Board, BoardPage, BoardQuery, Dashboard};

use crate::error::CommandResult;
use crate::session::Session;
use crate::till::Shop;

/// What needs attention now: exact counts, the first overdue and unpaid orders.
#[tauri::command(rename_all = "snake_case")]
pub async fn dashboard(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
) -> CommandResult<Dashboard> {
    let actor = session.viewer()?;
    let tz = shop.till().await?.time_zone()?;
    Ok(shop.till().await?.dashboard(&actor, Utc::now(), tz).await?)
}

/// The order board: every open order counted per status column, and the
/// first page of cards of each column.
#[tauri::command(rename_all = "snake_case")]
pub async fn board(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    query: BoardQuery,
) -> CommandResult<Board> {
    session.viewer()?;
    let tz = shop.till().await?.time_zone()?;
    Ok(shop.till().await?.board(&query, Utc::now(), tz).await?)
}

/// The next cards of one board column, after a column's or page's `next`.
#[tauri::command(rename_all = "snake_case")]
pub async fn board_more(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    query: BoardQuery,
    stage: String,
    status: String,
    after: String,
) -> CommandResult<BoardPage> {
    session.viewer()?;
    let tz = shop.till().await?.time_zone()?;
    Ok(shop
        .till()
        .await?
        .board_more(&query, &stage, &status, Some(after), Utc::now(), tz)
        .await?)
}
