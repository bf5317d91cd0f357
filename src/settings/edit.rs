//! Single edits made in the settings hub. Each edit is applied to a copy of
//! the settings, the whole result is validated, and only then stored.

use serde::{Deserialize, Serialize};

use super::{CatalogueItem, OrderType, Settings, Shop, Status, Wizard, Workflow, BUILTIN_STATUSES};
use crate::error::{Error, Result};
use crate::messages::MessageSettings;
use crate::staff::StaffSettings;

// One edit at a time, moved once: variant sizes do not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum SettingsChange {
    SaveShop {
        shop: Shop,
    },
    SaveStatus {
        status: Status,
    },
    DeleteStatus {
        key: String,
    },
    SaveWorkflowTypes {
        workflow_types: Vec<String>,
    },
    SaveWorkflow {
        workflow: Workflow,
    },
    DeleteWorkflow {
        key: String,
    },
    SaveWizard {
        wizard: Wizard,
    },
    DeleteWizard {
        key: String,
    },
    SaveOrderType {
        order_type: OrderType,
    },
    DeleteOrderType {
        key: String,
    },
    SaveItem {
        item: CatalogueItem,
    },
    DeleteItem {
        sku: String,
    },
    /// The shop's list of item categories, replaced whole; a category
    /// still given to an item or an order type cannot be left out.
    SaveCategories {
        categories: Vec<String>,
    },
    /// The Messages page: SMTP server and templates (the rest of the shop kept).
    SaveMessages {
        messages: MessageSettings,
    },
    /// The Roles page: PIN length, auto-lock and the shop's own roles (the
    /// rest of the shop kept). A role still named by a workflow step cannot
    /// be left out (nor one a staff member holds: see `Till`).
    SaveStaffSettings {
        staff: StaffSettings,
    },
}

fn upsert<T>(list: &mut Vec<T>, item: T, same: impl Fn(&T) -> bool) {
    match list.iter_mut().find(|x| same(x)) {
        Some(slot) => *slot = item,
        None => list.push(item),
    }
}

fn remove<T>(
    list: &mut Vec<T>,
    kind: &'static str,
    key: &str,
    same: impl Fn(&T) -> bool,
) -> Result<()> {
    let before = list.len();
    list.retain(|x| !same(x));
    if list.len() == before {
        return Err(Error::not_found(kind, key));
    }
    Ok(())
}

impl SettingsChange {
    /// Applies the change to `s`; refuses removals of things still in use.
    pub fn apply(self, s: &mut Settings) -> Result<()> {
        match self {
            SettingsChange::SaveShop { shop } => s.shop = shop,
            SettingsChange::SaveMessages { messages } => s.shop.messages = messages,
            SettingsChange::SaveStaffSettings { staff } => {
                for gone in s
                    .shop
                    .staff
                    .roles
                    .iter()
                    .filter(|r| !staff.has_role(&r.key))
                {
                    if let Some((wf, step)) = s.workflows.iter().find_map(|w| {
                        w.steps
                            .iter()
                            .find(|st| {
                                st.roles.fire.contains(&gone.key)
                                    || st.roles.move_out.contains(&gone.key)
                            })
                            .map(|st| (w, st))
                    }) {
                        return Err(Error::conflict(format!(
                            "the role '{}' ({}) is named by step '{}' of workflow '{}': take it off that step first",
                            gone.key, gone.name, step.status, wf.name
                        )));
                    }
                }
                s.shop.staff = staff
            }
            SettingsChange::SaveStatus { status } => {
                let key = status.key.clone();
                upsert(&mut s.statuses, status, |x| x.key == key)
            }
            SettingsChange::DeleteStatus { key } => {
                if BUILTIN_STATUSES.contains(&key.as_str()) {
                    return Err(Error::conflict(format!(
                        "'{key}' is a built-in status and cannot be deleted"
                    )));
                }
                if let Some(wf) = s
                    .workflows
                    .iter()
                    .find(|w| w.steps.iter().any(|st| st.status == key))
                {
                    return Err(Error::conflict(format!(
                        "status '{key}' is used by workflow '{}'; remove it from that workflow first",
                        wf.name
                    )));
                }
                remove(&mut s.statuses, "status", &key, |x| x.key == key)?
            }
            SettingsChange::SaveWorkflowTypes { workflow_types } => {
                for t in &s.workflow_types {
                    if !workflow_types.contains(t) {
                        if let Some(wf) = s.workflows.iter().find(|w| &w.kind == t) {
                            return Err(Error::conflict(format!(
                                "workflow type '{t}' is used by workflow '{}'",
                                wf.name
                            )));
                        }
                    }
                }
                s.workflow_types = workflow_types;
            }
            SettingsChange::SaveWorkflow { mut workflow } => {
                workflow.version = None;
                let key = workflow.key.clone();
                upsert(&mut s.workflows, workflow, |x| x.key == key)
            }
            SettingsChange::DeleteWorkflow { key } => {
                if let Some(ot) = s.order_types.iter().find(|t| {
                    t.stages
                        .values()
                        .any(|w| w.as_deref() == Some(key.as_str()))
                }) {
                    return Err(Error::conflict(format!(
                        "workflow '{key}' is used by order type '{}'",
                        ot.name
                    )));
                }
                remove(&mut s.workflows, "workflow", &key, |x| x.key == key)?
            }
            SettingsChange::SaveWizard { wizard } => {
                let key = wizard.key.clone();
                upsert(&mut s.wizards, wizard, |x| x.key == key)
            }
            SettingsChange::DeleteWizard { key } => {
                if let Some(ot) = s.order_types.iter().find(|t| t.wizard == key) {
                    return Err(Error::conflict(format!(
                        "wizard '{key}' is used by order type '{}'",
                        ot.name
                    )));
                }
                remove(&mut s.wizards, "wizard", &key, |x| x.key == key)?
            }
            SettingsChange::SaveOrderType { mut order_type } => {
                order_type.version = None;
                let key = order_type.key.clone();
                upsert(&mut s.order_types, order_type, |x| x.key == key)
            }
            SettingsChange::DeleteOrderType { key } => {
                remove(&mut s.order_types, "order type", &key, |x| x.key == key)?
            }
            SettingsChange::SaveItem { item } => {
                let sku = item.sku.clone();
                upsert(&mut s.catalogue, item, |x| x.sku == sku)
            }
            SettingsChange::DeleteItem { sku } => {
                remove(&mut s.catalogue, "item", &sku, |x| x.sku == sku)?
            }
            SettingsChange::SaveCategories { categories } => {
                for gone in s.categories.iter().filter(|c| !categories.contains(c)) {
                    if let Some(item) = s.catalogue.iter().find(|i| i.categories.contains(gone)) {
                        return Err(Error::conflict(format!(
                            "category '{gone}' is given to item '{}'; take it off that item first",
                            item.name
                        )));
                    }
                    if let Some(ot) = s.order_types.iter().find(|t| t.categories.contains(gone)) {
                        return Err(Error::conflict(format!(
                            "order type '{}' offers category '{gone}'; take it off that order type first",
                            ot.name
                        )));
                    }
                }
                s.categories = categories
            }
        }
        Ok(())
    }
}
