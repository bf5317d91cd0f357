//! The till's day: drawer session, cash movements, no-sale opening, X and
//! Z reports — forwarded to the core (`Till::open_session`, …).

use std::collections::BTreeMap;

use chrono::Utc;
use tauri::State;
use tillflow::documents::ReportPaper;
use tillflow::payments::drawer::CashMovementKind;
use tillflow::payments::report::TillReport;
use tillflow::till::{CashCount, DrawerStatus, MovementResult, ZSummary};

use crate::contract::printing::{QueuedPrint, SavedDocument};
use crate::error::{CommandError, CommandResult};
use crate::print_desk::{queued, PrintDesk};
use crate::session::Session;
use crate::till::Shop;

/// This till's drawer: the open session, the cash expected (unless blind),
/// the currency's notes and coins.
#[tauri::command(rename_all = "snake_case")]
pub async fn drawer_status(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
) -> CommandResult<DrawerStatus> {
    session.viewer()?;
    Ok(shop.till().await?.drawer_status(Utc::now()).await?)
}

/// Opens the drawer session with a float.
#[tauri::command(rename_all = "snake_case")]
pub async fn drawer_open_session(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    float: CashCount,
) -> CommandResult<DrawerStatus> {
    let actor = session.actor(Utc::now())?;
    Ok(shop
        .till()
        .await?
        .open_session(&float, &actor, Utc::now())
        .await?)
}

/// An X report of the open session.
#[tauri::command(rename_all = "snake_case")]
pub async fn drawer_x_report(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
) -> CommandResult<TillReport> {
    let actor = session.actor(Utc::now())?;
    Ok(shop.till().await?.x_report(&actor, Utc::now()).await?)
}

/// Closes the session with the drawer counted per tender: the Z report.
#[tauri::command(rename_all = "snake_case")]
pub async fn drawer_close(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    counted: BTreeMap<String, CashCount>,
) -> CommandResult<TillReport> {
    let actor = session.actor(Utc::now())?;
    Ok(shop
        .till()
        .await?
        .close_session(&counted, &actor, Utc::now())
        .await?)
}

/// A pay-in, pay-out or safe drop with its reason.
#[tauri::command(rename_all = "snake_case")]
pub async fn cash_movement(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    kind: CashMovementKind,
    amount: String,
    reason: String,
) -> CommandResult<MovementResult> {
    let actor = session.actor(Utc::now())?;
    Ok(shop
        .till()
        .await?
        .cash_movement(kind, &amount, &reason, &actor, Utc::now())
        .await?)
}

/// A no-sale drawer opening with its reason (kicked through the thermal printer).
#[tauri::command(rename_all = "snake_case")]
pub async fn drawer_no_sale(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    reason: String,
) -> CommandResult<MovementResult> {
    let actor = session.actor(Utc::now())?;
    Ok(shop
        .till()
        .await?
        .open_drawer(&reason, &actor, Utc::now())
        .await?)
}

/// This till's Z reports, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn z_reports_list(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
) -> CommandResult<Vec<ZSummary>> {
    let actor = session.viewer()?;
    Ok(shop.till().await?.z_reports(&actor).await?)
}

/// One Z report as sealed.
#[tauri::command(rename_all = "snake_case")]
pub async fn z_report_get(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    number: i64,
) -> CommandResult<TillReport> {
    let actor = session.viewer()?;
    Ok(shop.till().await?.z_report(number, &actor).await?)
}

/// "Save as PDF" of Z report `number` on `paper`, into the documents folder.
#[tauri::command(rename_all = "snake_case")]
pub async fn z_report_save_pdf(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    number: i64,
    paper: ReportPaper,
) -> CommandResult<SavedDocument> {
    let actor = session.actor(Utc::now())?;
    actor.acting(tillflow::staff::Permission::Print)?;
    let till = shop.till().await?;
    let report = till.z_report(number, &actor).await?;
    let dir = tillflow::till::default_documents_dir();
    std::fs::create_dir_all(&dir)
        .map_err(|e| CommandError::new("io", format!("cannot create {}: {e}", dir.display())))?;
    let path = till.save_report_pdf(report, paper, dir.join(format!("z-report-{number}.pdf")))?;
    Ok(SavedDocument {
        files: vec![path.display().to_string()],
    })
}

/// Queues Z report `number` for the receipt printer, like a receipt: the
/// outcome arrives as a `tillflow://print` event (a failure with Retry).
#[tauri::command(rename_all = "snake_case")]
pub async fn z_report_print(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    desk: State<'_, PrintDesk>,
    number: i64,
) -> CommandResult<QueuedPrint> {
    let actor = session.actor(Utc::now())?;
    let till = shop.till().await?;
    let report = till.z_report(number, &actor).await?;
    let job = till.submit_report_print(&desk.queue, report, None, &actor)?;
    Ok(queued(&job))
}
