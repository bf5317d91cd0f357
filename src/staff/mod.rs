//! Staff: who works the till, with which role, signed in with a PIN.
//! An [`Actor`] is a resolved identity — a staff member who proved their
//! PIN (or the command line's built-in `cli`) — with the permissions of
//! their role. Operations ask it for a permission before writing.

mod lockout;
mod permissions;
mod pin;
mod roles;

use serde::Serialize;

use crate::error::{Error, Result};

pub use lockout::{
    brute_force_secs, lock_after, locked_until, FIRST_LOCK_SECS, FREE_FAILURES, MAX_LOCK_SECS,
};
pub use permissions::{builtin_permissions, Permission, BUILTIN_ROLES, CASHIER, MANAGER, OWNER};
pub use pin::{
    check_new_pin, hash_pin, pin_matches, ARGON2_LANES, ARGON2_MEMORY_KIB, ARGON2_PASSES,
    DEFAULT_PIN_LENGTH, PIN_MAX, PIN_MIN,
};
pub use roles::{
    permission_list, CustomRole, PermissionInfo, RoleInfo, RolesView, StaffSettings,
    DEFAULT_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES,
};

/// The command line's actor when no `--as` is given: owner rights, recorded
/// as `cli` (whoever runs it can read the database file anyway).
pub const CLI: &str = "cli";

/// The shop's own processes (the outbox, backups, first set-up), as
/// recorded in audit rows.
pub const SYSTEM: &str = "system";

/// A staff member as every screen and command may see them: never a PIN or
/// its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StaffMember {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub active: bool,
    /// Whether a PIN is set (a new owner of an existing shop has none yet).
    pub has_pin: bool,
    /// Locked after wrong PINs until this time (RFC 3339), if locked now.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub locked_until: Option<String>,
}

/// Who acts: a signed-in staff member (or `cli`), with their permissions,
/// and the manager who approved this one action, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// `None` for the command line's built-in actor.
    pub staff_id: Option<i64>,
    pub name: String,
    pub role: String,
    permissions: Vec<Permission>,
    /// A second person who approved this action with their PIN.
    pub approved_by: Option<Box<Actor>>,
    /// The one permission that approval lends.
    approved_for: Option<Permission>,
}

impl Actor {
    /// A signed-in staff member with a built-in `role`'s permissions
    /// (a shop's own roles: [`Actor::with_permissions`]).
    pub fn staff(id: i64, name: &str, role: &str) -> Result<Actor> {
        let permissions = builtin_permissions(role)
            .ok_or_else(|| Error::invalid("role", format!("unknown role '{role}'")))?;
        Ok(Actor::with_permissions(id, name, role, permissions))
    }

    /// A signed-in staff member with the permissions their role has in the
    /// shop's settings ([`StaffSettings::permissions_of`]).
    pub fn with_permissions(
        id: i64,
        name: &str,
        role: &str,
        mut permissions: Vec<Permission>,
    ) -> Actor {
        permissions.sort();
        permissions.dedup();
        Actor {
            staff_id: Some(id),
            name: name.to_string(),
            role: role.to_string(),
            permissions,
            approved_by: None,
            approved_for: None,
        }
    }

    /// The command line acting without `--as`: owner rights.
    pub fn cli() -> Actor {
        Actor::trusted(CLI)
    }

    /// An actor with owner rights that the caller vouches for, recorded as
    /// `name`: the command line's `cli`, the shop's own processes
    /// (`system`), tests. The app never makes one: its actors come from a
    /// PIN checked by [`crate::Till::sign_in`].
    pub fn trusted(name: &str) -> Actor {
        Actor {
            staff_id: None,
            name: name.to_string(),
            role: OWNER.to_string(),
            permissions: Permission::ALL.to_vec(),
            approved_by: None,
            approved_for: None,
        }
    }

    pub fn may(&self, p: Permission) -> bool {
        self.permissions.contains(&p)
            || (self.approved_for == Some(p)
                && self
                    .approved_by
                    .as_ref()
                    .is_some_and(|a| a.permissions.contains(&p)))
    }

    /// `Ok` when this actor (or the person who approved) holds `p`; else a
    /// `forbidden` error naming the permission.
    pub fn require(&self, p: Permission) -> Result<()> {
        if self.may(p) {
            return Ok(());
        }
        Err(Error::Forbidden {
            permission: p.key(),
            message: format!(
                "{} ({}) may not {}: ask a manager",
                self.name,
                self.role,
                p.label().to_lowercase()
            ),
        })
    }

    /// Checks `p` (see [`Actor::require`]) and gives the name the audit
    /// rows of the action record.
    pub fn acting(&self, p: Permission) -> Result<String> {
        self.require(p)?;
        Ok(self.audit_name())
    }

    pub fn permissions(&self) -> &[Permission] {
        &self.permissions
    }

    /// The person who approved this action for `p`, if it was approved
    /// for that permission.
    pub fn approver_for(&self, p: Permission) -> Option<&Actor> {
        self.approved_by
            .as_deref()
            .filter(|_| self.approved_for == Some(p))
    }

    /// The name audit rows record: "Sam", or "Sam (approved by Lee)".
    pub fn audit_name(&self) -> String {
        match &self.approved_by {
            Some(a) => format!("{} (approved by {})", self.name, a.name),
            None => self.name.clone(),
        }
    }

    /// This actor for one action needing `permission`, approved by
    /// `manager` (who lends that permission only).
    pub fn approved(&self, manager: Actor, permission: Permission) -> Actor {
        Actor {
            approved_by: Some(Box::new(manager)),
            approved_for: Some(permission),
            ..self.clone()
        }
    }
}

/// A staff member's name as typed: trimmed, 1 to 60 characters, no control
/// characters. Names are unique whatever their case.
pub fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", "type the staff member's name"));
    }
    if name.chars().count() > 60 || name.chars().any(char::is_control) {
        return Err(Error::invalid(
            "name",
            "a name has at most 60 characters and no control characters",
        ));
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_approval_lends_the_managers_permission_for_one_action() {
        let sam = Actor::staff(2, "Sam", CASHIER).expect("cashier");
        let lee = Actor::staff(1, "Lee", MANAGER).expect("manager");
        let err = sam.require(Permission::CancelOrders).expect_err("refused");
        assert_eq!(err.code(), "forbidden");
        assert!(err.to_string().contains("cancel an order"), "{err}");
        let approved = sam.approved(lee, Permission::CancelOrders);
        assert!(approved.require(Permission::CancelOrders).is_ok());
        assert_eq!(approved.audit_name(), "Sam (approved by Lee)");
        assert!(approved.require(Permission::ManageStaff).is_err());
        assert!(
            approved.require(Permission::MoveOrders).is_err(),
            "the approval lends the one permission only"
        );
        assert!(Actor::staff(3, "Kim", "baker").is_err());
        assert!(Actor::cli().require(Permission::ManageStaff).is_ok());
    }
}
