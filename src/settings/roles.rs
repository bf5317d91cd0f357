//! Roles in the settings file: the shop's own roles (`shop.staff.roles`)
//! and the role rules of workflow steps (`workflows[].steps[].roles`).
//! Which permissions a role has is the staff module's; here: that every
//! role a file names exists.

use serde::{Deserialize, Serialize};

use super::Settings;
use crate::error::{Error, Result};
use crate::triggers::Source;

/// A step's role rules: the roles that may fire its trigger and the roles
/// that may move an order out of it by hand. An empty list: anyone whose
/// role has the permission (`orders.fire_trigger`, `orders.move`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct StepRoles {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub fire: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub move_out: Vec<String>,
}

impl StepRoles {
    pub fn is_empty(&self) -> bool {
        self.fire.is_empty() && self.move_out.is_empty()
    }
}

/// The shop's own roles (keys spelled like every key, the rest by
/// [`crate::staff::StaffSettings::check`]) and every step's role rules: roles the shop
/// has, each once; no `fire` rule on a step whose trigger the system raises.
pub(super) fn check_roles(s: &Settings) -> Result<()> {
    let staff = &s.shop.staff;
    for role in &staff.roles {
        super::validate::check_key(&format!("shop.staff.roles[{}].key", role.key), &role.key)?;
    }
    staff.check("shop.staff")?;
    for wf in &s.workflows {
        for (i, step) in wf.steps.iter().enumerate() {
            let at = format!("workflows[{}].steps[{i}].roles", wf.key);
            for (list, name) in [
                (&step.roles.fire, "fire"),
                (&step.roles.move_out, "move_out"),
            ] {
                for (j, role) in list.iter().enumerate() {
                    staff.check_role(&format!("{at}.{name}"), role)?;
                    if list[..j].contains(role) {
                        return Err(Error::invalid(
                            format!("{at}.{name}"),
                            format!("the role '{role}' is listed twice"),
                        ));
                    }
                }
            }
            if !step.roles.fire.is_empty() && step.trigger.source() == Source::System {
                return Err(Error::invalid(
                    format!("{at}.fire"),
                    format!(
                        "'{}' ({}) is raised by the system, not fired by a person: no roles to name",
                        step.trigger,
                        step.trigger.label()
                    ),
                ));
            }
        }
    }
    Ok(())
}
