//! Which version a workflow or an order type gets when the settings are
//! stored: the version in force when its content is unchanged, the next one
//! when it changed, 1 when it is new. Orders keep the plan (and so the
//! versions) they were created with; only changed parts get a new version.
//! Pure: storage reads what is in force and writes what this decides.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{OrderType, Workflow};

/// The version for a part whose content is now `content`, given the
/// version in force and its content (none when the part is new).
pub fn version_for<T: PartialEq + ?Sized>(in_force: Option<(u32, &T)>, content: &T) -> u32 {
    match in_force {
        Some((version, old)) if old == content => version,
        Some((version, _)) => version + 1,
        None => 1,
    }
}

/// What a workflow's version covers: its name, type and steps (as stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkflowContent {
    pub name: String,
    pub kind: String,
    /// The steps as JSON.
    pub steps: String,
}

impl WorkflowContent {
    pub fn of(wf: &Workflow) -> serde_json::Result<Self> {
        Ok(WorkflowContent {
            name: wf.name.clone(),
            kind: wf.kind.clone(),
            steps: serde_json::to_string(&wf.steps)?,
        })
    }
}

/// What an order type's version covers (everything but its key and
/// version), stored as one JSON document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderTypeContent {
    pub name: String,
    pub wizard: String,
    pub stages: BTreeMap<String, Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deposit_percent: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abandon_after_hours: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
}

impl OrderTypeContent {
    pub fn of(ot: &OrderType) -> Self {
        OrderTypeContent {
            name: ot.name.clone(),
            wizard: ot.wizard.clone(),
            stages: ot.stages.clone(),
            deposit_percent: ot.deposit_percent,
            abandon_after_hours: ot.abandon_after_hours,
            categories: ot.categories.clone(),
        }
    }

    /// The order type `key` at `version` with this content.
    pub fn into_order_type(self, key: String, version: u32) -> OrderType {
        OrderType {
            key,
            version: Some(version),
            name: self.name,
            wizard: self.wizard,
            stages: self.stages,
            deposit_percent: self.deposit_percent,
            abandon_after_hours: self.abandon_after_hours,
            categories: self.categories,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    #[test]
    fn unchanged_keeps_its_version_changed_gets_the_next_new_starts_at_one() {
        assert_eq!(version_for(Some((3, "a")), "a"), 3);
        assert_eq!(version_for(Some((3, "a")), "b"), 4);
        assert_eq!(version_for(None, "a"), 1);
    }

    #[test]
    fn a_workflow_changes_version_when_its_name_type_or_steps_change() {
        let s = Settings::demo();
        let wf = s.workflows[0].clone();
        let stored = WorkflowContent::of(&wf).unwrap();
        let same = WorkflowContent::of(&wf).unwrap();
        assert_eq!(version_for(Some((2, &stored)), &same), 2);
        let mut renamed = wf.clone();
        renamed.name.push_str(" (new)");
        let renamed = WorkflowContent::of(&renamed).unwrap();
        assert_eq!(version_for(Some((2, &stored)), &renamed), 3);
        let mut fewer = wf.clone();
        fewer.steps.pop();
        let fewer = WorkflowContent::of(&fewer).unwrap();
        assert_eq!(version_for(Some((2, &stored)), &fewer), 3);
        // The version it carries is not part of its content.
        let mut versioned = wf;
        versioned.version = Some(9);
        let versioned = WorkflowContent::of(&versioned).unwrap();
        assert_eq!(version_for(Some((2, &stored)), &versioned), 2);
    }

    #[test]
    fn an_order_type_changes_version_when_its_content_changes() {
        let s = Settings::demo();
        let ot = s.order_types[0].clone();
        let stored = OrderTypeContent::of(&ot);
        let mut deposit = ot.clone();
        deposit.deposit_percent = Some(Decimal::from(30));
        assert_eq!(
            version_for(Some((1, &stored)), &OrderTypeContent::of(&ot)),
            1
        );
        assert_eq!(
            version_for(Some((1, &stored)), &OrderTypeContent::of(&deposit)),
            2
        );
        let back = stored.clone().into_order_type(ot.key.clone(), 1);
        assert_eq!(OrderTypeContent::of(&back), stored);
    }
}
