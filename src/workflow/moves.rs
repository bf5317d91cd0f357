//! Where a person may move an order by hand, and what stands in the way:
//! every step of every stage of its plan and `completed`, each with the
//! unmet guards a forward move there would pass (the app's move menu; the
//! engine refuses the same moves, [`super::decide`]).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Facts, Plan, Position};
use crate::settings::{Settings, COMPLETED};

/// A guard in the way of a move.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Blocker {
    /// The step that holds the order.
    pub status: String,
    /// The guard's key (`paid_in_full`…).
    pub condition: String,
    /// In words.
    pub text: String,
}

/// A place to move the order to.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MoveTarget {
    /// What `order move --to` takes (`stage:status` when the status is in two stages).
    pub to: String,
    pub stage: String,
    pub status: String,
    pub name: String,
    /// Further along than the order is.
    pub forward: bool,
    /// Unmet guards a move there passes (empty: it may go).
    pub blocked_by: Vec<Blocker>,
}

/// The order's move menu and undo window.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MovesView {
    pub targets: Vec<MoveTarget>,
    /// Until when its last move may be undone (none: it may not).
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub undo_until: Option<DateTime<Utc>>,
    /// System events kept for a later step (trigger keys).
    pub kept: Vec<String>,
    /// Unmet guards of the current step.
    pub held_by: Vec<Blocker>,
}

/// The move menu of an order at `at` (empty when it is finished).
pub fn moves_view(
    plan: &Plan,
    at: Position,
    facts: &Facts,
    settings: &Settings,
    undo_until: Option<DateTime<Utc>>,
) -> MovesView {
    let mut targets = Vec::new();
    let blockers = |from: Position, to: Position| {
        let mut out = Vec::new();
        let mut q = from;
        while plan.before(q, to) {
            if let Some(step) = plan.step_at(q) {
                out.extend(facts.unmet(&step.guards).into_iter().map(|g| Blocker {
                    status: step.status.clone(),
                    condition: g.key().to_string(),
                    text: g.to_string(),
                }));
            }
            q = plan.next(q);
        }
        out
    };
    if !at.is_terminal() {
        for (si, stage) in plan.stages.iter().enumerate() {
            for (i, step) in stage.steps.iter().enumerate() {
                let p = Position::Step { stage: si, step: i };
                if p == at {
                    continue;
                }
                let twice = plan
                    .statuses()
                    .iter()
                    .filter(|s| **s == step.status)
                    .count()
                    > 1;
                targets.push(MoveTarget {
                    to: if twice {
                        format!("{}:{}", stage.stage, step.status)
                    } else {
                        step.status.clone()
                    },
                    stage: stage.stage.clone(),
                    status: step.status.clone(),
                    name: settings
                        .status(&step.status)
                        .map_or(step.status.clone(), |s| s.name.clone()),
                    forward: plan.before(at, p),
                    blocked_by: blockers(at, p),
                });
            }
        }
        targets.push(MoveTarget {
            to: COMPLETED.to_string(),
            stage: "done".to_string(),
            status: COMPLETED.to_string(),
            name: settings
                .status(COMPLETED)
                .map_or("Completed".to_string(), |s| s.name.clone()),
            forward: true,
            blocked_by: blockers(at, Position::Completed),
        });
    }
    let held_by = plan
        .step_at(at)
        .map(|s| {
            facts
                .unmet(&s.guards)
                .into_iter()
                .map(|g| Blocker {
                    status: s.status.clone(),
                    condition: g.key().to_string(),
                    text: g.to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    MovesView {
        targets,
        undo_until,
        kept: facts.kept.iter().map(|t| t.key().to_string()).collect(),
        held_by,
    }
}
