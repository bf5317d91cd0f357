//! The shop's staff settings (`shop.staff` in the settings file): the PIN
//! length, the auto-lock time and the shop's custom roles. A role key is
//! resolved to its permissions here, and only here: a built-in role's
//! matrix ([`builtin_permissions`]) or a custom role's checklist.

use serde::{Deserialize, Serialize};

use super::permissions::{builtin_permissions, Permission, BUILTIN_ROLES};
use super::pin::{DEFAULT_PIN_LENGTH, PIN_MAX, PIN_MIN};
use crate::error::{Error, Result};

/// Minutes of no use before the app locks by default (0 = never).
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;
/// The longest auto-lock a shop may set: 12 hours.
pub const MAX_AUTO_LOCK_MINUTES: u32 = 720;

/// `shop.staff`: how staff sign in and the shop's own roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct StaffSettings {
    /// The fewest digits a new PIN has (4 to 8; default 6).
    pub pin_length: u32,
    /// Minutes without use before the app locks (0 = never; default 5).
    pub auto_lock_minutes: u32,
    /// The shop's own roles, besides cashier, manager and owner.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<CustomRole>>", optional))]
    pub roles: Vec<CustomRole>,
    /// The largest discount, in percent of what it is taken off, a role may
    /// give without the `orders.discount` permission (role key → percent,
    /// e.g. `{"cashier": "10"}`). Above it, or for a role not listed, the
    /// permission (or a manager's approval) is needed.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    #[cfg_attr(
        feature = "ts",
        ts(as = "Option<std::collections::BTreeMap<String, String>>", optional)
    )]
    pub discount_limits: std::collections::BTreeMap<String, rust_decimal::Decimal>,
}

impl Default for StaffSettings {
    fn default() -> Self {
        StaffSettings {
            pin_length: DEFAULT_PIN_LENGTH as u32,
            auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES,
            roles: Vec::new(),
            discount_limits: std::collections::BTreeMap::new(),
        }
    }
}

/// A role of the shop's own: a key staff rows and step rules name, a name
/// for screens, and its permission checklist (permission keys).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomRole {
    pub key: String,
    pub name: String,
    /// Permission keys (`orders.take`, …); an unknown key is refused.
    #[serde(default)]
    pub permissions: Vec<String>,
}

/// A permission as screens list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PermissionInfo {
    pub key: String,
    pub label: String,
}

/// A role as screens and `tillflow roles` list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RoleInfo {
    pub key: String,
    pub name: String,
    /// Cashier, manager and owner: their permissions are fixed.
    pub builtin: bool,
    /// Permission keys, in the order of [`Permission::ALL`].
    pub permissions: Vec<String>,
}

/// What the Roles page shows: every permission with its label, and every
/// role with its permissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RolesView {
    pub permissions: Vec<PermissionInfo>,
    pub roles: Vec<RoleInfo>,
}

/// Every permission with its label, in the matrix's order.
pub fn permission_list() -> Vec<PermissionInfo> {
    Permission::ALL
        .iter()
        .map(|p| PermissionInfo {
            key: p.key().to_string(),
            label: p.label().to_string(),
        })
        .collect()
}

/// The name screens give a built-in role.
fn builtin_name(role: &str) -> String {
    let mut c = role.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl StaffSettings {
    /// The fewest digits of a new PIN, kept within 4..=8.
    pub fn pin_length(&self) -> usize {
        (self.pin_length as usize).clamp(PIN_MIN, PIN_MAX)
    }

    pub fn custom_role(&self, key: &str) -> Option<&CustomRole> {
        self.roles.iter().find(|r| r.key == key)
    }

    /// The permissions of `role`: a built-in role's matrix, a custom role's
    /// checklist (sorted; unknown keys, refused when the settings are
    /// saved, are left out); `None` for a role the shop does not have.
    pub fn permissions_of(&self, role: &str) -> Option<Vec<Permission>> {
        if let Some(list) = builtin_permissions(role) {
            return Some(list);
        }
        let custom = self.custom_role(role)?;
        let mut list: Vec<Permission> = custom
            .permissions
            .iter()
            .filter_map(|k| Permission::parse(k).ok())
            .collect();
        list.sort();
        list.dedup();
        Some(list)
    }

    /// Whether the shop has the role `key` (built-in or its own).
    pub fn has_role(&self, key: &str) -> bool {
        BUILTIN_ROLES.contains(&key) || self.custom_role(key).is_some()
    }

    /// Every role key, built-in first.
    pub fn role_keys(&self) -> Vec<&str> {
        BUILTIN_ROLES
            .iter()
            .copied()
            .chain(self.roles.iter().map(|r| r.key.as_str()))
            .collect()
    }

    /// `Ok` when the shop has `role`; else an `invalid` error on `field`
    /// listing the roles it has.
    pub fn check_role(&self, field: &str, role: &str) -> Result<()> {
        if self.has_role(role) {
            return Ok(());
        }
        Err(Error::invalid(
            field,
            format!(
                "unknown role '{role}' (the shop's roles: {})",
                self.role_keys().join(", ")
            ),
        ))
    }

    /// Every role with its permissions, built-in first.
    pub fn role_list(&self) -> Vec<RoleInfo> {
        let keys = |list: Vec<Permission>| -> Vec<String> {
            Permission::ALL
                .iter()
                .filter(|p| list.contains(p))
                .map(|p| p.key().to_string())
                .collect()
        };
        let builtin = BUILTIN_ROLES.iter().map(|r| RoleInfo {
            key: r.to_string(),
            name: builtin_name(r),
            builtin: true,
            permissions: keys(builtin_permissions(r).unwrap_or_default()),
        });
        let custom = self.roles.iter().map(|r| RoleInfo {
            key: r.key.clone(),
            name: r.name.clone(),
            builtin: false,
            permissions: keys(self.permissions_of(&r.key).unwrap_or_default()),
        });
        builtin.chain(custom).collect()
    }

    /// The permission list and every role, for the Roles page.
    pub fn roles_view(&self) -> RolesView {
        RolesView {
            permissions: permission_list(),
            roles: self.role_list(),
        }
    }

    /// Checks the section on its own: PIN length, auto-lock, and each
    /// custom role (its key not a built-in one, not twice; a name; known
    /// permission keys, each once). Key spelling is checked with the other
    /// settings keys (`settings::validate`).
    pub fn check(&self, at: &str) -> Result<()> {
        let len = self.pin_length as usize;
        if !(PIN_MIN..=PIN_MAX).contains(&len) {
            return Err(Error::invalid(
                format!("{at}.pin_length"),
                format!("a PIN has at least {PIN_MIN} and at most {PIN_MAX} digits (not {len})"),
            ));
        }
        if self.auto_lock_minutes > MAX_AUTO_LOCK_MINUTES {
            return Err(Error::invalid(
                format!("{at}.auto_lock_minutes"),
                format!("at most {MAX_AUTO_LOCK_MINUTES} minutes (0: never lock)"),
            ));
        }
        for (role, limit) in &self.discount_limits {
            let known =
                BUILTIN_ROLES.contains(&role.as_str()) || self.roles.iter().any(|r| &r.key == role);
            if !known {
                return Err(Error::invalid(
                    format!("{at}.discount_limits.{role}"),
                    format!("no role '{role}'"),
                ));
            }
            if *limit < rust_decimal::Decimal::ZERO || *limit > rust_decimal::Decimal::ONE_HUNDRED {
                return Err(Error::invalid(
                    format!("{at}.discount_limits.{role}"),
                    format!("a discount limit is a percent from 0 to 100 (not {limit})"),
                ));
            }
        }
        for (i, role) in self.roles.iter().enumerate() {
            let place = format!("{at}.roles[{}]", role.key);
            if BUILTIN_ROLES.contains(&role.key.as_str()) {
                return Err(Error::invalid(
                    format!("{place}.key"),
                    format!(
                        "'{}' is a built-in role: give the shop's own role another key",
                        role.key
                    ),
                ));
            }
            if self.roles[..i].iter().any(|r| r.key == role.key) {
                return Err(Error::invalid(
                    format!("{at}.roles"),
                    format!("the role '{}' is defined twice", role.key),
                ));
            }
            if role.name.trim().is_empty() {
                return Err(Error::invalid(
                    format!("{place}.name"),
                    format!("the role '{}' needs a name", role.key),
                ));
            }
            for (j, key) in role.permissions.iter().enumerate() {
                if Permission::parse(key).is_err() {
                    return Err(Error::invalid(
                        format!("{place}.permissions"),
                        format!(
                            "role '{}' ({}): unknown permission '{key}'",
                            role.key, role.name
                        ),
                    ));
                }
                if role.permissions[..j].contains(key) {
                    return Err(Error::invalid(
                        format!("{place}.permissions"),
                        format!(
                            "role '{}' ({}): '{key}' is listed twice",
                            role.key, role.name
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::{CASHIER, OWNER};

    fn baker() -> StaffSettings {
        StaffSettings {
            roles: vec![CustomRole {
                key: "baker".into(),
                name: "Baker".into(),
                permissions: vec!["orders.take".into(), "stock.manage".into()],
            }],
            ..StaffSettings::default()
        }
    }

    #[test]
    fn a_role_resolves_to_the_matrix_or_its_checklist() {
        let s = baker();
        assert_eq!(s.permissions_of(CASHIER), builtin_permissions(CASHIER));
        assert_eq!(
            s.permissions_of("baker"),
            Some(vec![Permission::TakeOrders, Permission::ManageStock])
        );
        assert_eq!(s.permissions_of("florist"), None);
        assert!(s.check_role("role", "florist").is_err());
        let list = s.role_list();
        assert_eq!(list.len(), 4);
        assert_eq!(list[2].key, OWNER);
        assert_eq!(list[2].name, "Owner");
        assert_eq!(list[3].permissions, ["orders.take", "stock.manage"]);
    }

    #[test]
    fn the_section_is_checked() {
        assert!(baker().check("shop.staff").is_ok());
        let mut s = baker();
        s.pin_length = 3;
        let e = s.check("shop.staff").expect_err("3 digits");
        assert!(e.to_string().contains("shop.staff.pin_length"), "{e}");
        let mut s = baker();
        s.roles[0].key = "manager".into();
        assert!(s.check("shop.staff").is_err());
        let mut s = baker();
        s.roles[0].permissions.push("orders.everything".into());
        let e = s.check("shop.staff").expect_err("unknown");
        assert!(e.to_string().contains("role 'baker' (Baker)"), "{e}");
    }
}
