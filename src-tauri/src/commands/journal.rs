//! The journal's verification as the window sees it: the start-up result,
//! and verifying again on request (`reports.view`, checked by the core).

use chrono::Utc;
use tauri::State;
use tillflow::staff::Permission;

use crate::contract::journal::JournalStatus;
use crate::error::CommandResult;
use crate::journal_check::JournalCheck;
use crate::session::Session;
use crate::till::Shop;

/// The last verification (still `checking` while the start-up one runs).
#[tauri::command(rename_all = "snake_case")]
pub async fn journal_status(
    session: State<'_, Session>,
    check: State<'_, JournalCheck>,
) -> CommandResult<JournalStatus> {
    session.viewer()?;
    Ok(check.get())
}

/// Verifies the journal again now (the banner's "Check again").
#[tauri::command(rename_all = "snake_case")]
pub async fn journal_verify(
    shop: State<'_, Shop>,
    session: State<'_, Session>,
    check: State<'_, JournalCheck>,
) -> CommandResult<JournalStatus> {
    let actor = session.actor(Utc::now())?;
    actor.require(Permission::ViewReports)?;
    let report = shop.till().await?.verify_journal(&actor).await?;
    let status = JournalStatus::of(Ok(report));
    check.set(status.clone());
    Ok(status)
}
