//! The workflow engine. A [`Plan`] is the frozen chain of workflow versions an
//! order runs (one per stage of its order type). [`decide`] is a pure function
//! of (plan, position, command, facts) that returns an [`Outcome`]; the
//! storage executor applies it in one transaction with its audit rows.

mod journal;
mod plan;
mod roles;

use serde::{Deserialize, Serialize};

use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::settings::{CANCELED, COMPLETED};
use crate::triggers::Trigger;

pub use journal::{AuditRow, Journal};
pub use plan::{Plan, PlanStage};
pub use roles::{check_hand, check_step_roles, hand_rule, ByHand};

/// Where an order is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "at", rename_all = "snake_case")]
pub enum Position {
    Step { stage: usize, step: usize },
    Completed,
    Canceled,
}

impl Position {
    pub fn is_terminal(self) -> bool {
        !matches!(self, Position::Step { .. })
    }
}

/// What happened to an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command<'a> {
    /// A trigger event (worker button or system event).
    Event(Trigger),
    /// A worker moves the order to another step of its current workflow.
    Move { to_status: &'a str },
    /// The order is canceled.
    Cancel,
}

/// Facts about the order that state triggers look at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facts {
    pub paid_in_full: bool,
}

impl Facts {
    fn holds(self, trigger: Trigger) -> bool {
        match trigger {
            Trigger::OrderPaidInFull => self.paid_in_full,
            _ => false,
        }
    }
}

/// Why a transition happened (what the audit row records as its event).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    Trigger(Trigger),
    Move,
    Cancel,
    Start,
}

impl Cause {
    /// The audit event a transition with this cause is recorded as.
    pub fn event(self) -> AuditEvent {
        match self {
            Cause::Trigger(t) => AuditEvent::Trigger(t),
            Cause::Move => AuditEvent::ManualMove,
            Cause::Cancel => AuditEvent::OrderCanceled,
            Cause::Start => AuditEvent::Trigger(Trigger::OrderCreated),
        }
    }

    pub fn key(self) -> &'static str {
        self.event().key()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub cause: Cause,
    pub from: Option<Position>,
    pub to: Position,
}

/// The result of a decision: the transitions to apply, in order (empty when
/// the event is only recorded), and where the order ends up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub transitions: Vec<Transition>,
    pub end: Position,
}

impl Outcome {
    pub fn moved(&self) -> bool {
        !self.transitions.is_empty()
    }
}

/// Where an order starts: the first step of its first stage (then any state
/// triggers that already hold).
pub fn start(plan: &Plan, facts: Facts) -> Outcome {
    let first = Position::Step { stage: 0, step: 0 };
    let mut transitions = vec![Transition {
        cause: Cause::Start,
        from: None,
        to: first,
    }];
    let end = settle(plan, first, facts, &mut transitions);
    Outcome { transitions, end }
}

/// Decides what a command does to an order at `at`.
pub fn decide(plan: &Plan, at: Position, command: &Command, facts: Facts) -> Result<Outcome> {
    let mut transitions = Vec::new();
    let end = match (command, at) {
        (Command::Event(_), p) if p.is_terminal() => p,
        (Command::Event(trigger), p) => {
            if plan.trigger_at(p) == Some(*trigger) {
                let next = plan.next(p);
                transitions.push(Transition {
                    cause: Cause::Trigger(*trigger),
                    from: Some(p),
                    to: next,
                });
                settle(plan, next, facts, &mut transitions)
            } else {
                p
            }
        }
        (Command::Move { .. } | Command::Cancel, Position::Completed | Position::Canceled) => {
            return Err(Error::conflict(format!(
                "the order is {} and can no longer change",
                plan.status_at(at)
            )));
        }
        (Command::Move { to_status }, Position::Step { stage, step }) => {
            let target = plan.stages[stage]
                .steps
                .iter()
                .position(|s| s.status == *to_status)
                .ok_or_else(|| {
                    Error::invalid(
                        "to",
                        format!(
                            "'{to_status}' is not a step of workflow '{}'",
                            plan.stages[stage].name
                        ),
                    )
                })?;
            if target == step {
                return Err(Error::invalid(
                    "to",
                    format!("the order is already at '{to_status}'"),
                ));
            }
            let to = Position::Step {
                stage,
                step: target,
            };
            transitions.push(Transition {
                cause: Cause::Move,
                from: Some(at),
                to,
            });
            settle(plan, to, facts, &mut transitions)
        }
        (Command::Cancel, p) => {
            transitions.push(Transition {
                cause: Cause::Cancel,
                from: Some(p),
                to: Position::Canceled,
            });
            Position::Canceled
        }
    };
    Ok(Outcome { transitions, end })
}

/// Moves on through steps whose trigger describes a state that already holds.
/// Bounded by the plan's step count, so it cannot loop.
fn settle(plan: &Plan, mut at: Position, facts: Facts, out: &mut Vec<Transition>) -> Position {
    for _ in 0..=plan.step_count() {
        match plan.trigger_at(at) {
            Some(t) if t.is_state() && facts.holds(t) => {
                let next = plan.next(at);
                out.push(Transition {
                    cause: Cause::Trigger(t),
                    from: Some(at),
                    to: next,
                });
                at = next;
            }
            _ => break,
        }
    }
    at
}

/// Status key of a terminal position.
pub fn terminal_status(p: Position) -> Option<&'static str> {
    match p {
        Position::Completed => Some(COMPLETED),
        Position::Canceled => Some(CANCELED),
        Position::Step { .. } => None,
    }
}
