//! Staff and sign-in: adding people, their PINs, roles and locks, and
//! turning a name and PIN into an [`Actor`]. Wrong PINs are counted and
//! locks kept in the database (a restart does not reset them); every change
//! to a person is one transaction with its line in `staff_events`.

use chrono::{DateTime, SecondsFormat, Utc};

use super::steps::journal;
use super::Till;
use crate::error::{Error, Result};
use crate::journal::{EntryKind, Payload};
use crate::staff::{
    check_name, check_new_pin, hash_pin, locked_until, pin_matches, Actor, Permission, RoleInfo,
    RolesView, StaffMember, StaffSettings, OWNER,
};
use crate::storage::StaffRow;

fn member(row: &StaffRow, now: DateTime<Utc>) -> StaffMember {
    StaffMember {
        id: row.id,
        name: row.name.clone(),
        role: row.role.clone(),
        active: row.active,
        has_pin: row.pin_hash.is_some(),
        locked_until: row
            .locked_until
            .filter(|until| *until > now)
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
    }
}

fn locked(name: &str, until: DateTime<Utc>, now: DateTime<Utc>) -> Error {
    let secs = (until - now).num_seconds().max(1);
    Error::Locked {
        until: until.to_rfc3339_opts(SecondsFormat::Secs, true),
        message: format!(
            "{name} is locked after too many wrong PINs: try again in {secs} s, or ask a manager to unlock"
        ),
    }
}

/// What the journal records of a sign-in or sign-out.
fn staff_payload(id: i64, role: &str) -> Payload {
    Payload::new().with("staff_id", id).with("role", role)
}

fn wrong_pin() -> Error {
    Error::Unauthenticated("wrong name or PIN".into())
}

/// Checks `pin` against `hash` off the async threads (Argon2id takes tens of ms).
async fn matches(pin: &str, hash: &str) -> Result<bool> {
    let (pin, hash) = (pin.to_string(), hash.to_string());
    tokio::task::spawn_blocking(move || pin_matches(&pin, &hash))
        .await
        .map_err(|e| Error::conflict(format!("PIN check failed: {e}")))
}

async fn hashed(pin: &str) -> Result<String> {
    let pin = pin.to_string();
    tokio::task::spawn_blocking(move || hash_pin(&pin))
        .await
        .map_err(|e| Error::conflict(format!("PIN hashing failed: {e}")))?
}

impl Till {
    /// The shop's staff settings (PIN length, auto-lock, its own roles);
    /// the defaults on a shop without settings yet.
    pub fn staff_settings(&self) -> StaffSettings {
        self.snapshot()
            .map(|s| s.settings.shop.staff.clone())
            .unwrap_or_default()
    }

    /// Every role of the shop (built-in, then its own) with its permissions.
    pub fn roles(&self) -> Vec<RoleInfo> {
        self.staff_settings().role_list()
    }

    /// The permission list with labels and every role, for the Roles page.
    pub fn roles_view(&self) -> RolesView {
        self.staff_settings().roles_view()
    }

    /// The permissions of `role` in this shop: a built-in role's matrix or
    /// a custom role's checklist; `invalid` for a role the shop lacks.
    pub fn role_permissions(&self, role: &str) -> Result<Vec<Permission>> {
        let staff = self.staff_settings();
        staff.check_role("role", role)?;
        Ok(staff.permissions_of(role).unwrap_or_default())
    }

    /// Every staff member (never a PIN or hash), by name.
    pub async fn staff_list(&self, now: DateTime<Utc>) -> Result<Vec<StaffMember>> {
        Ok(self
            .store()
            .staff()
            .await?
            .iter()
            .map(|r| member(r, now))
            .collect())
    }

    /// The shop's first staff member, its owner, on a till with nobody yet.
    pub async fn add_first_owner(
        &self,
        name: &str,
        pin: &str,
        now: DateTime<Utc>,
    ) -> Result<StaffMember> {
        let name = check_name(name)?;
        check_new_pin(pin, self.staff_settings().pin_length())?;
        let hash = hashed(pin).await?;
        let mut tx = self.store().begin().await?;
        if tx.count_staff().await? > 0 {
            return Err(Error::conflict(
                "the shop has staff already: the owner adds people on the Staff page",
            ));
        }
        let id = tx.add_staff(&name, OWNER, Some(&hash), now).await?;
        tx.staff_event(id, now, &name, "added", Some(OWNER)).await?;
        // The window signs the new owner in at once.
        let signed = staff_payload(id, OWNER);
        journal(&mut tx, EntryKind::StaffSignedIn, &signed, &name, now).await?;
        tx.commit().await?;
        self.staff_member(&name, now).await
    }

    /// Adds a staff member with `role` and `pin` (needs `staff.manage`).
    pub async fn add_staff(
        &self,
        actor: &Actor,
        name: &str,
        role: &str,
        pin: &str,
        now: DateTime<Utc>,
    ) -> Result<StaffMember> {
        actor.require(Permission::ManageStaff)?;
        let name = check_name(name)?;
        let staff = self.staff_settings();
        staff.check_role("role", role)?;
        check_new_pin(pin, staff.pin_length())?;
        let hash = hashed(pin).await?;
        let mut tx = self.store().begin().await?;
        let id = tx.add_staff(&name, role, Some(&hash), now).await?;
        tx.staff_event(id, now, &actor.audit_name(), "added", Some(role))
            .await?;
        tx.commit().await?;
        self.staff_member(&name, now).await
    }

    /// `actor` signs out (locks the till, or the window locks itself after
    /// the idle time): recorded in the journal. Nothing else changes.
    pub async fn sign_out(&self, actor: &Actor, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.store().begin().await?;
        let payload = staff_payload(actor.staff_id.unwrap_or(0), &actor.role);
        let name = actor.name.as_str();
        journal(&mut tx, EntryKind::StaffSignedOut, &payload, name, now).await?;
        tx.commit().await
    }

    /// One staff member as the screens see them.
    pub async fn staff_member(&self, name: &str, now: DateTime<Utc>) -> Result<StaffMember> {
        let row = self
            .store()
            .staff_named(name)
            .await?
            .ok_or_else(|| Error::not_found("staff member", name))?;
        Ok(member(&row, now))
    }

    /// Signs `name` in with `pin`: their [`Actor`], or `unauthenticated`
    /// (wrong name or PIN: counted) or `locked`. A right PIN clears the count.
    pub async fn sign_in(&self, name: &str, pin: &str, now: DateTime<Utc>) -> Result<Actor> {
        let Some(row) = self.store().staff_named(name).await? else {
            return Err(wrong_pin());
        };
        if !row.active {
            return Err(wrong_pin());
        }
        if let Some(until) = row.locked_until.filter(|u| *u > now) {
            return Err(locked(&row.name, until, now));
        }
        let Some(hash) = row.pin_hash.as_deref() else {
            return Err(Error::Unauthenticated(format!(
                "{} has no PIN yet: set one first",
                row.name
            )));
        };
        let right = matches(pin, hash).await?;
        let mut tx = self.store().begin().await?;
        // Counted under the write lock: two tills guessing at once both count.
        let current = tx.staff_named(&row.name).await?.ok_or_else(wrong_pin)?;
        if right {
            if current.failures > 0 || current.locked_until.is_some() {
                tx.set_staff_failures(row.id, 0, None).await?;
            }
            let signed = staff_payload(row.id, &row.role);
            journal(&mut tx, EntryKind::StaffSignedIn, &signed, &row.name, now).await?;
            tx.commit().await?;
            let permissions = self.role_permissions(&row.role).map_err(|_| {
                Error::conflict(format!(
                    "{}'s role '{}' is not one of the shop's roles: ask the owner to give them one",
                    row.name, row.role
                ))
            })?;
            return Ok(Actor::with_permissions(
                row.id,
                &row.name,
                &row.role,
                permissions,
            ));
        }
        let failures = current.failures.saturating_add(1);
        let until = locked_until(failures, now);
        tx.set_staff_failures(row.id, failures, until).await?;
        if let Some(until) = until {
            let detail = format!(
                "{failures} wrong PINs in a row, until {}",
                until.to_rfc3339()
            );
            tx.staff_event(row.id, now, &row.name, "locked", Some(&detail))
                .await?;
        }
        tx.commit().await?;
        match until {
            Some(until) => Err(locked(&row.name, until, now)),
            None => Err(wrong_pin()),
        }
    }

    /// `actor` acting once with the approval of `manager`, who proves their
    /// PIN and must hold `permission` (wrong PINs count as at sign-in).
    pub async fn approve(
        &self,
        actor: &Actor,
        manager: &str,
        pin: &str,
        permission: Permission,
        now: DateTime<Utc>,
    ) -> Result<Actor> {
        let approver = self.sign_in(manager, pin, now).await?;
        approver.require(permission)?;
        Ok(actor.approved(approver, permission))
    }

    /// Sets `name`'s PIN: their own, or anyone's with `staff.manage`.
    pub async fn set_staff_pin(
        &self,
        actor: &Actor,
        name: &str,
        pin: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let row = self.staff_row(name).await?;
        if actor.staff_id != Some(row.id) {
            actor.require(Permission::ManageStaff)?;
        }
        check_new_pin(pin, self.staff_settings().pin_length())?;
        let hash = hashed(pin).await?;
        let mut tx = self.store().begin().await?;
        tx.set_staff_pin(row.id, &hash, now).await?;
        tx.staff_event(row.id, now, &actor.audit_name(), "pin_set", None)
            .await?;
        tx.commit().await
    }

    /// Ends a lock after wrong PINs (needs `staff.unlock`).
    pub async fn unlock_staff(&self, actor: &Actor, name: &str, now: DateTime<Utc>) -> Result<()> {
        actor.require(Permission::UnlockStaff)?;
        let row = self.staff_row(name).await?;
        let mut tx = self.store().begin().await?;
        tx.set_staff_failures(row.id, 0, None).await?;
        tx.staff_event(row.id, now, &actor.audit_name(), "unlocked", None)
            .await?;
        tx.commit().await
    }

    /// Disables or enables `name` (needs `staff.manage`); the last active
    /// owner stays.
    pub async fn set_staff_active(
        &self,
        actor: &Actor,
        name: &str,
        active: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        actor.require(Permission::ManageStaff)?;
        let row = self.staff_row(name).await?;
        let mut tx = self.store().begin().await?;
        if !active && row.active && row.role == OWNER && tx.count_active_role(OWNER).await? <= 1 {
            return Err(Error::conflict(format!(
                "{} is the shop's only owner: make someone else owner first",
                row.name
            )));
        }
        tx.set_staff_active(row.id, active, now).await?;
        let event = if active { "enabled" } else { "disabled" };
        tx.staff_event(row.id, now, &actor.audit_name(), event, None)
            .await?;
        tx.commit().await
    }

    /// Gives `name` another role (needs `staff.manage`); the last active
    /// owner stays owner.
    pub async fn set_staff_role(
        &self,
        actor: &Actor,
        name: &str,
        role: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        actor.require(Permission::ManageStaff)?;
        self.staff_settings().check_role("role", role)?;
        let row = self.staff_row(name).await?;
        let mut tx = self.store().begin().await?;
        if row.role == OWNER
            && role != OWNER
            && row.active
            && tx.count_active_role(OWNER).await? <= 1
        {
            return Err(Error::conflict(format!(
                "{} is the shop's only owner: make someone else owner first",
                row.name
            )));
        }
        tx.set_staff_role(row.id, role, now).await?;
        tx.staff_event(row.id, now, &actor.audit_name(), "role", Some(role))
            .await?;
        tx.commit().await
    }

    async fn staff_row(&self, name: &str) -> Result<StaffRow> {
        self.store()
            .staff_named(name)
            .await?
            .ok_or_else(|| Error::not_found("staff member", name))
    }
}
