//! Signing in and out, a manager's approval, and the Staff page. The
//! signed-in person lives in the shell's [`Session`]; no command takes an
//! actor from the webview: writes act as `session.actor(now)`.

use chrono::Utc;
use tauri::{AppHandle, State};
use tillflow::staff::{Actor, Permission, StaffMember};

use super::{broadcast, required, ChangedKind};
use crate::contract::staff::{SessionStatus, SignedIn};
use crate::error::CommandResult;
use crate::session::Session;
use crate::till::Shop;

/// The idle time the window uses, in seconds. A debug build honours
/// `TILLFLOW_AUTO_LOCK_SECS` (the end-to-end tests' auto-lock in seconds);
/// a release build ignores it.
fn auto_lock_secs(minutes: u32) -> u32 {
    if cfg!(debug_assertions) {
        if let Some(secs) = std::env::var("TILLFLOW_AUTO_LOCK_SECS")
            .ok()
            .and_then(|s| s.trim().parse::<u32>().ok())
            .filter(|s| *s > 0)
        {
            return secs;
        }
    }
    minutes.saturating_mul(60)
}

async fn status(shop: &Shop, session: &Session) -> CommandResult<SessionStatus> {
    let till = shop.till().await?;
    let now = Utc::now();
    let everyone = till.staff_list(now).await?;
    let signed_in = match session.current() {
        Some(actor) => match everyone.iter().find(|m| Some(m.id) == actor.staff_id) {
            Some(member) if member.active => Some(SignedIn {
                member: member.clone(),
                permissions: actor.permissions().iter().map(|p| p.key().into()).collect(),
            }),
            // Disabled or gone meanwhile (another till, the CLI): locked.
            _ => {
                session.lock();
                None
            }
        },
        None => None,
    };
    // The shop's setting (0 = never); before the first-run set-up, the default.
    let minutes = match till.is_configured() {
        true => till.settings()?.shop.staff.auto_lock_minutes,
        false => tillflow::staff::DEFAULT_AUTO_LOCK_MINUTES,
    };
    Ok(SessionStatus {
        signed_in,
        needs_owner: everyone.is_empty(),
        configured: till.is_configured(),
        staff: everyone.into_iter().filter(|m| m.active).collect(),
        auto_lock_minutes: minutes,
        auto_lock_secs: auto_lock_secs(minutes),
    })
}

/// Who is signed in (if anyone), the staff tiles of the lock screen, and
/// whether the shop still needs its owner. Answers while locked.
#[tauri::command(rename_all = "snake_case")]
pub async fn session_status(
    shop: State<'_, Shop>,
    session: State<'_, Session>,
) -> CommandResult<SessionStatus> {
    status(&shop, &session).await
}

/// Signs `name` in with `pin` (checked and throttled by the core).
#[tauri::command(rename_all = "snake_case")]
pub async fn session_sign_in(
    shop: State<'_, Shop>,
    session: State<'_, Session>,
    name: String,
    pin: String,
) -> CommandResult<SessionStatus> {
    let actor = shop.till().await?.sign_in(&name, &pin, Utc::now()).await?;
    session.sign_in(actor);
    status(&shop, &session).await
}

/// Locks the window: nobody is signed in until a PIN is entered again.
#[tauri::command(rename_all = "snake_case")]
pub async fn session_lock(
    shop: State<'_, Shop>,
    session: State<'_, Session>,
) -> CommandResult<SessionStatus> {
    let signed_in = session.current();
    // Locked first: a failure to record the sign-out leaves the till locked.
    session.lock();
    if let Some(actor) = signed_in {
        // Recorded in the journal (staff signed out).
        shop.till().await?.sign_out(&actor, Utc::now()).await?;
    }
    status(&shop, &session).await
}

/// The shop's owner, on a database with no staff yet (a new one, or one
/// from before staff existed), signed in at once.
#[tauri::command(rename_all = "snake_case")]
pub async fn session_first_owner(
    app: AppHandle,
    shop: State<'_, Shop>,
    session: State<'_, Session>,
    name: String,
    pin: String,
) -> CommandResult<SessionStatus> {
    let till = shop.till().await?;
    let now = Utc::now();
    let owner = till.add_first_owner(&name, &pin, now).await?;
    session.sign_in(Actor::staff(owner.id, &owner.name, &owner.role)?);
    drop(till);
    broadcast(&app, ChangedKind::Staff, None);
    status(&shop, &session).await
}

/// A manager's approval for the signed-in person's next write: `name`
/// enters their PIN and must hold `permission`. Held for that one action
/// (the window retries it); wrong PINs count as at sign-in.
#[tauri::command(rename_all = "snake_case")]
pub async fn session_approve(
    shop: State<'_, Shop>,
    session: State<'_, Session>,
    name: String,
    pin: String,
    permission: String,
) -> CommandResult<()> {
    let current = session.viewer()?;
    let permission = Permission::parse(permission.trim())?;
    let now = Utc::now();
    let approved = shop
        .till()
        .await?
        .approve(&current, &name, &pin, permission, now)
        .await?;
    session.hold_approval(approved, permission, now);
    Ok(())
}

/// Every staff member (never a PIN or hash), for the Staff page.
#[tauri::command(rename_all = "snake_case")]
pub async fn staff_list(
    shop: State<'_, Shop>,
    session: State<'_, Session>,
) -> CommandResult<Vec<StaffMember>> {
    session.viewer()?;
    Ok(shop.till().await?.staff_list(Utc::now()).await?)
}

/// After a change to `name`: every window refreshes; when it was the
/// signed-in person, the session follows (new role, or locked if disabled).
async fn changed(
    app: &AppHandle,
    shop: &Shop,
    session: &Session,
    name: &str,
) -> CommandResult<Vec<StaffMember>> {
    broadcast(app, ChangedKind::Staff, None);
    let till = shop.till().await?;
    let now = Utc::now();
    let member = till.staff_member(name, now).await?;
    if let Some(current) = session.current() {
        if current.staff_id == Some(member.id) {
            if member.active {
                session.sign_in(Actor::staff(member.id, &member.name, &member.role)?);
            } else {
                session.lock();
            }
        }
    }
    Ok(till.staff_list(now).await?)
}

/// Adds a staff member with a role and PIN (`staff.manage`).
#[tauri::command(rename_all = "snake_case")]
pub async fn staff_add(
    app: AppHandle,
    shop: State<'_, Shop>,
    session: State<'_, Session>,
    name: String,
    role: String,
    pin: String,
) -> CommandResult<Vec<StaffMember>> {
    let now = Utc::now();
    let actor = session.actor(now)?;
    let added = shop
        .till()
        .await?
        .add_staff(&actor, &name, role.trim(), &pin, now)
        .await?;
    changed(&app, &shop, &session, &added.name).await
}

/// Sets a PIN: one's own, or anyone's with `staff.manage`.
#[tauri::command(rename_all = "snake_case")]
pub async fn staff_set_pin(
    app: AppHandle,
    shop: State<'_, Shop>,
    session: State<'_, Session>,
    name: String,
    pin: String,
) -> CommandResult<Vec<StaffMember>> {
    let name = required("name", &name)?;
    let now = Utc::now();
    let actor = session.actor(now)?;
    shop.till()
        .await?
        .set_staff_pin(&actor, &name, &pin, now)
        .await?;
    changed(&app, &shop, &session, &name).await
}

/// Gives a staff member another role (`staff.manage`).
#[tauri::command(rename_all = "snake_case")]
pub async fn staff_set_role(
    app: AppHandle,
    shop: State<'_, Shop>,
    session: State<'_, Session>,
    name: String,
    role: String,
) -> CommandResult<Vec<StaffMember>> {
    let name = required("name", &name)?;
    let now = Utc::now();
    let actor = session.actor(now)?;
    shop.till()
        .await?
        .set_staff_role(&actor, &name, role.trim(), now)
        .await?;
    changed(&app, &shop, &session, &name).await
}

/// Disables or enables a staff member (`staff.manage`).
#[tauri::command(rename_all = "snake_case")]
pub async fn staff_set_active(
    app: AppHandle,
    shop: State<'_, Shop>,
    session: State<'_, Session>,
    name: String,
    active: bool,
) -> CommandResult<Vec<StaffMember>> {
    let name = required("name", &name)?;
    let now = Utc::now();
    let actor = session.actor(now)?;
    shop.till()
        .await?
        .set_staff_active(&actor, &name, active, now)
        .await?;
    changed(&app, &shop, &session, &name).await
}

/// Ends a lock after wrong PINs (`staff.unlock`).
#[tauri::command(rename_all = "snake_case")]
pub async fn staff_unlock(
    app: AppHandle,
    shop: State<'_, Shop>,
    session: State<'_, Session>,
    name: String,
) -> CommandResult<Vec<StaffMember>> {
    let name = required("name", &name)?;
    let now = Utc::now();
    let actor = session.actor(now)?;
    shop.till().await?.unlock_staff(&actor, &name, now).await?;
    changed(&app, &shop, &session, &name).await
}
