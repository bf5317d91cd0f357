//! The workflow engine. A [`Plan`] is the frozen chain of workflow versions an
//! order runs (one per stage of its order type). [`decide`] is a pure function
//! of (plan, position, command, facts) that returns an [`Outcome`]; the
//! storage executor applies it in one transaction with its audit rows.

mod facts;
mod journal;
mod moves;
mod plan;
mod roles;
mod simulate;
mod undo;

use serde::{Deserialize, Serialize};

use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::settings::{Guard, CANCELED, COMPLETED};
use crate::triggers::Trigger;

pub use facts::{filled, keepable, Facts, Kept, Money};
pub use journal::{AuditRow, Journal};
pub use moves::{moves_view, Blocker, MoveTarget, MovesView};
pub use plan::{Plan, PlanStage};
pub use roles::{check_hand, check_step_roles, hand_rule, ByHand};
pub use simulate::{simulate, SimAction, SimStep};
pub use undo::{undo, UndoPoint};

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
    /// A person moves the order to a step of any stage of its plan, or to
    /// `completed`; past the guards of the steps it leaves only with
    /// `override_guards` (the caller checked the permission).
    Move {
        to_status: &'a str,
        override_guards: bool,
    },
    /// The order is canceled.
    Cancel,
}

/// Why a transition happened (what the audit row records as its event).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    Trigger(Trigger),
    Move,
    Cancel,
    Start,
    Undo,
}

impl Cause {
    /// The audit event a transition with this cause is recorded as.
    pub fn event(self) -> AuditEvent {
        match self {
            Cause::Trigger(t) => AuditEvent::Trigger(t),
            Cause::Move => AuditEvent::ManualMove,
            Cause::Cancel => AuditEvent::OrderCanceled,
            Cause::Start => AuditEvent::Trigger(Trigger::OrderCreated),
            Cause::Undo => AuditEvent::MoveUndone,
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

/// What the command itself did (the simulator says it; the audit row of an
/// event that moved nothing is written from it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Why {
    /// It was the step's trigger (or a move, cancel, start): the order moved.
    Moved,
    /// It is not this step's trigger; a later step waits for it: kept.
    Kept { for_status: String },
    /// It was the step's trigger, but a guard held (kept until it clears).
    Held { guards: Vec<Guard> },
    /// It is not this step's trigger and no later step waits for it.
    NotThisStep { waiting_for: Trigger },
    /// The order is completed or canceled.
    Finished,
}

/// The result of a decision: the transitions to apply, in order (empty when
/// the event is only recorded), where the order ends up, and the events
/// kept for later steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub transitions: Vec<Transition>,
    pub end: Position,
    pub kept: Kept,
    pub why: Why,
    /// Whether the first transition is the command's own (otherwise the
    /// command moved nothing and what followed was a kept event or a state
    /// that now holds, its guards met).
    pub by_command: bool,
    /// Guards a move went past (with `override_guards`): (status, guard).
    pub overridden: Vec<(String, Guard)>,
}

impl Outcome {
    pub fn moved(&self) -> bool {
        !self.transitions.is_empty()
    }

    /// The command's own move(s), ending at `end`.
    pub(crate) fn by_command(transitions: Vec<Transition>, end: Position, kept: Kept) -> Outcome {
        Outcome {
            transitions,
            end,
            kept,
            why: Why::Moved,
            by_command: true,
            overridden: Vec::new(),
        }
    }

    fn stay(at: Position, kept: Kept, why: Why) -> Outcome {
        Outcome {
            transitions: Vec::new(),
            end: at,
            kept,
            why,
            by_command: false,
            overridden: Vec::new(),
        }
    }
}

/// Where an order starts: the first step of its first stage (then any state
/// triggers that already hold).
pub fn start(plan: &Plan, facts: &Facts) -> Outcome {
    let first = Position::Step { stage: 0, step: 0 };
    let mut transitions = vec![Transition {
        cause: Cause::Start,
        from: None,
        to: first,
    }];
    let mut kept = facts.kept;
    let end = settle(plan, first, facts, &mut kept, &mut transitions);
    Outcome::by_command(transitions, end, kept)
}

/// A refusal: a guard of a step the order would leave is not met.
pub fn guarded(status: &str, guards: &[&Guard]) -> Error {
    let what: Vec<String> = guards.iter().map(|g| g.to_string()).collect();
    Error::Guarded {
        condition: guards.first().map_or("", |g| g.key()).to_string(),
        message: format!(
            "the order cannot leave '{status}' until: {} (a person with the permission to override guards may move it past, with a reason)",
            what.join(", ")
        ),
    }
}

/// Whether a person may fire `trigger` at `at`: when it is the step's
/// trigger, the step's guards must be met (a `guarded` refusal otherwise).
pub fn check_fire(plan: &Plan, at: Position, trigger: Trigger, facts: &Facts) -> Result<()> {
    match plan.step_at(at) {
        Some(step) if step.trigger == trigger => {
            let unmet = facts.unmet(&step.guards);
            if unmet.is_empty() {
                Ok(())
            } else {
                Err(guarded(&step.status, &unmet))
            }
        }
        _ => Ok(()),
    }
}

/// Decides what a command does to an order at `at`.
pub fn decide(plan: &Plan, at: Position, command: &Command, facts: &Facts) -> Result<Outcome> {
    let mut kept = facts.kept;
    match (command, at) {
        (Command::Event(_), p) if p.is_terminal() => Ok(Outcome::stay(p, kept, Why::Finished)),
        (Command::Event(trigger), p) => Ok(event(plan, p, *trigger, facts)),
        (Command::Move { .. } | Command::Cancel, Position::Completed | Position::Canceled) => {
            Err(Error::conflict(format!(
                "the order is {} and can no longer change",
                plan.status_at(at)
            )))
        }
        (
            Command::Move {
                to_status,
                override_guards,
            },
            p,
        ) => {
            let to = plan.find(to_status)?;
            if to == p {
                return Err(Error::invalid(
                    "to",
                    format!("the order is already at '{to_status}'"),
                ));
            }
            // Forward: every step left or passed must let the order go.
            let mut overridden = Vec::new();
            let mut q = p;
            while plan.before(q, to) {
                if let Some(step) = plan.step_at(q) {
                    let unmet = facts.unmet(&step.guards);
                    if !unmet.is_empty() && !override_guards {
                        return Err(guarded(&step.status, &unmet));
                    }
                    overridden.extend(unmet.into_iter().map(|g| (step.status.clone(), g.clone())));
                }
                q = plan.next(q);
            }
            let mut transitions = vec![Transition {
                cause: Cause::Move,
                from: Some(p),
                to,
            }];
            let end = settle(plan, to, facts, &mut kept, &mut transitions);
            Ok(Outcome {
                overridden,
                ..Outcome::by_command(transitions, end, kept)
            })
        }
        (Command::Cancel, p) => {
            let cancel = Transition {
                cause: Cause::Cancel,
                from: Some(p),
                to: Position::Canceled,
            };
            Ok(Outcome::by_command(vec![cancel], Position::Canceled, kept))
        }
    }
}

/// An event at step `p`: the step's trigger moves the order on when its
/// guards are met (held, and kept, otherwise); a system event a later step
/// waits for is kept; then whatever a held trigger waited for is looked at
/// again (a payment may have met its guard).
fn event(plan: &Plan, p: Position, trigger: Trigger, facts: &Facts) -> Outcome {
    let mut kept = facts.kept;
    let mut transitions = Vec::new();
    let Some(step) = plan.step_at(p) else {
        return Outcome::stay(p, kept, Why::Finished);
    };
    if step.trigger == trigger {
        let unmet = facts.unmet(&step.guards);
        if !unmet.is_empty() {
            kept.insert(trigger);
            let guards = unmet.into_iter().cloned().collect();
            return Outcome::stay(p, kept, Why::Held { guards });
        }
        kept.remove(trigger);
        let next = plan.next(p);
        transitions.push(Transition {
            cause: Cause::Trigger(trigger),
            from: Some(p),
            to: next,
        });
        let end = settle(plan, next, facts, &mut kept, &mut transitions);
        return Outcome::by_command(transitions, end, kept);
    }
    let why = match plan.later_step_waiting_for(p, trigger) {
        Some(status) if keepable(trigger) => {
            kept.insert(trigger);
            Why::Kept {
                for_status: status.to_string(),
            }
        }
        _ => Why::NotThisStep {
            waiting_for: step.trigger,
        },
    };
    // A trigger held by a guard moves on once the guard is met.
    let end = if kept.contains(step.trigger) {
        settle(plan, p, facts, &mut kept, &mut transitions)
    } else {
        p
    };
    Outcome {
        transitions,
        end,
        kept,
        why,
        by_command: false,
        overridden: Vec::new(),
    }
}

/// Moves on through steps whose trigger already happened: a state that
/// holds, or an event kept for it; each step's guards must be met (a held
/// trigger is kept). Bounded by the plan's step count, so it cannot loop.
fn settle(
    plan: &Plan,
    mut at: Position,
    facts: &Facts,
    kept: &mut Kept,
    out: &mut Vec<Transition>,
) -> Position {
    for _ in 0..=plan.step_count() {
        let Some(step) = plan.step_at(at) else { break };
        let t = step.trigger;
        let happened = if t.is_state() {
            facts.holds(t)
        } else {
            kept.contains(t)
        };
        if !happened {
            break;
        }
        if !facts.unmet(&step.guards).is_empty() {
            kept.insert(t);
            break;
        }
        kept.remove(t);
        let next = plan.next(at);
        out.push(Transition {
            cause: Cause::Trigger(t),
            from: Some(at),
            to: next,
        });
        at = next;
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
