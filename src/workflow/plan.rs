//! Plans: the frozen chain of workflow versions an order of a type runs.

use serde::{Deserialize, Serialize};

use super::{terminal_status, Position};
use crate::error::{Error, Result};
use crate::settings::{Settings, Step, CANCELED, COMPLETED};
use crate::triggers::Trigger;

/// One stage of a plan: a workflow at a fixed version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanStage {
    pub stage: String,
    pub workflow: String,
    pub version: u32,
    pub name: String,
    pub steps: Vec<Step>,
}

/// The stages an order runs, each with its pinned workflow version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub order_type: String,
    pub order_type_version: u32,
    pub stages: Vec<PlanStage>,
}

impl Plan {
    /// The plan of an order type under the given (stored, versioned) settings.
    pub fn for_order_type(settings: &Settings, order_type: &str) -> Result<Plan> {
        let ot = settings
            .order_type(order_type)
            .ok_or_else(|| Error::not_found("order type", order_type))?;
        let stages = ot
            .pipeline(&settings.workflow_types)
            .into_iter()
            .map(|(stage, wf_key)| {
                let wf = settings
                    .workflow(wf_key)
                    .ok_or_else(|| Error::not_found("workflow", wf_key))?;
                Ok(PlanStage {
                    stage: stage.to_string(),
                    workflow: wf.key.clone(),
                    version: wf.version.unwrap_or(1),
                    name: wf.name.clone(),
                    steps: wf.steps.clone(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        if stages.is_empty() {
            return Err(Error::invalid(
                "stages",
                format!("order type '{order_type}' has no stages"),
            ));
        }
        Ok(Plan {
            order_type: ot.key.clone(),
            order_type_version: ot.version.unwrap_or(1),
            stages,
        })
    }

    /// Whether the plan ships: one of its steps waits for a shipment event.
    pub fn ships(&self) -> bool {
        self.stages.iter().flat_map(|s| &s.steps).any(|s| {
            matches!(
                s.trigger,
                Trigger::ShipmentCreated | Trigger::ShipmentShipped | Trigger::ShipmentDelivered
            )
        })
    }

    /// Whether a step's guard looks at all lines having shipped.
    pub fn needs_all_shipped(&self) -> bool {
        self.stages
            .iter()
            .flat_map(|s| &s.steps)
            .any(|s| s.guards.contains(&crate::settings::Guard::AllShipped))
    }

    pub fn step_count(&self) -> usize {
        self.stages.iter().map(|s| s.steps.len()).sum()
    }

    /// The step at `p` (none when the order is completed or canceled).
    pub fn step_at(&self, p: Position) -> Option<&Step> {
        match p {
            Position::Step { stage, step } => self.stages.get(stage)?.steps.get(step),
            _ => None,
        }
    }

    /// The auto-progress trigger of the step at `p`.
    pub fn trigger_at(&self, p: Position) -> Option<Trigger> {
        self.step_at(p).map(|s| s.trigger)
    }

    /// The status key at `p`.
    pub fn status_at(&self, p: Position) -> &str {
        match self.step_at(p) {
            Some(s) => &s.status,
            None => terminal_status(p).unwrap_or("unknown"),
        }
    }

    /// The stage name at `p`: a workflow type, or `done` / `canceled`.
    pub fn stage_at(&self, p: Position) -> &str {
        match p {
            Position::Step { stage, .. } => self
                .stages
                .get(stage)
                .map(|s| s.stage.as_str())
                .unwrap_or("unknown"),
            Position::Completed => "done",
            Position::Canceled => "canceled",
        }
    }

    /// The stage at `p`, if not terminal.
    pub fn plan_stage(&self, p: Position) -> Option<&PlanStage> {
        match p {
            Position::Step { stage, .. } => self.stages.get(stage),
            _ => None,
        }
    }

    /// The position of a status a person may move an order to: a step of
    /// any stage (`stage:status` when the status is in more than one), or
    /// `completed`.
    pub fn find(&self, to: &str) -> Result<Position> {
        if to == COMPLETED {
            return Ok(Position::Completed);
        }
        if to == CANCELED {
            return Err(Error::invalid(
                "to",
                "an order is canceled with cancel (its stock is released), not moved there",
            ));
        }
        let (stage_name, status) = match to.split_once(':') {
            Some((a, b)) => (Some(a), b),
            None => (None, to),
        };
        let found: Vec<Position> = self
            .stages
            .iter()
            .enumerate()
            .filter(|(_, s)| stage_name.is_none_or(|n| n == s.stage))
            .flat_map(|(si, s)| {
                s.steps
                    .iter()
                    .enumerate()
                    .filter(|(_, st)| st.status == status)
                    .map(move |(i, _)| Position::Step { stage: si, step: i })
            })
            .collect();
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(Error::invalid(
                "to",
                format!(
                    "'{to}' is not a step of this order's plan ({}) nor '{COMPLETED}'",
                    self.statuses().join(", ")
                ),
            )),
            _ => Err(Error::invalid(
                "to",
                format!("'{status}' is in more than one stage: name it as stage:status"),
            )),
        }
    }

    /// Every step's status, in order.
    pub fn statuses(&self) -> Vec<&str> {
        self.stages
            .iter()
            .flat_map(|s| s.steps.iter().map(|x| x.status.as_str()))
            .collect()
    }

    /// Whether `a` comes before `b` on the way to `completed` (canceled
    /// comes before nothing and after nothing).
    pub fn before(&self, a: Position, b: Position) -> bool {
        match (a, b) {
            (
                Position::Step { stage, step },
                Position::Step {
                    stage: s2,
                    step: t2,
                },
            ) => (stage, step) < (s2, t2),
            (Position::Step { .. }, Position::Completed) => true,
            _ => false,
        }
    }

    /// The status of the first step after `p` whose trigger is `t`.
    pub fn later_step_waiting_for(&self, p: Position, t: Trigger) -> Option<&str> {
        let mut q = self.next(p);
        for _ in 0..self.step_count() {
            let step = self.step_at(q)?;
            if step.trigger == t {
                return Some(&step.status);
            }
            q = self.next(q);
        }
        None
    }

    /// The position after `p`: next step, else first step of the next stage,
    /// else completed.
    pub fn next(&self, p: Position) -> Position {
        match p {
            Position::Step { stage, step } => {
                let steps = self.stages.get(stage).map_or(0, |s| s.steps.len());
                if step + 1 < steps {
                    Position::Step {
                        stage,
                        step: step + 1,
                    }
                } else if stage + 1 < self.stages.len() {
                    Position::Step {
                        stage: stage + 1,
                        step: 0,
                    }
                } else {
                    Position::Completed
                }
            }
            other => other,
        }
    }
}
