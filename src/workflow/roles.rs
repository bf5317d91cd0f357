//! Role rules on workflow steps (seed 000/001: who may make which move):
//! a step may name the roles that may fire its trigger and the roles that
//! may move an order out of it by hand. Pure; `Till` asks before writing,
//! for worker actions only (a trigger the system raises obeys no role).

use super::{Command, Plan, Position};
use crate::error::{Error, Result};
use crate::settings::Step;
use crate::staff::{Actor, Permission};

/// What a person does to an order at a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByHand {
    /// Fires the step's own trigger (a worker button, `order event`).
    Fire,
    /// Moves the order out of the step to another one (`order move`).
    MoveOut,
}

/// `Ok` when the step names no roles for `by`, or names the actor's role,
/// or the role of the person who approved this action. The owner is not
/// exempt (a rule says who, and the owner may change the rule); otherwise a
/// `forbidden` error naming the step and the roles it allows.
pub fn check_step_roles(step: &Step, actor: &Actor, by: ByHand) -> Result<()> {
    let (allowed, permission, what) = match by {
        ByHand::Fire => (
            &step.roles.fire,
            Permission::FireTriggers,
            format!("fire '{}' at step '{}'", step.trigger, step.status),
        ),
        ByHand::MoveOut => (
            &step.roles.move_out,
            Permission::MoveOrders,
            format!("move an order out of step '{}' by hand", step.status),
        ),
    };
    let approver = actor.approver_for(permission);
    if allowed.is_empty()
        || allowed.contains(&actor.role)
        || approver.is_some_and(|a| allowed.contains(&a.role))
    {
        return Ok(());
    }
    let by_whom = match approver {
        Some(a) => format!(", nor may {} ({}) approve it", a.name, a.role),
        None => String::new(),
    };
    Err(Error::Forbidden {
        permission: permission.key(),
        message: format!(
            "{} ({}) may not {what}: only {} may{by_whom}",
            actor.name,
            actor.role,
            allowed.join(", ")
        ),
    })
}

/// The role rule a command by a person meets at `at`: firing the current
/// step's own trigger, or moving out of it. Cancel has its own permission
/// (`orders.cancel`) and no step rule; an event that is not the step's
/// trigger moves nothing and meets none.
pub fn hand_rule<'a>(
    plan: &'a Plan,
    at: Position,
    command: &Command,
) -> Option<(&'a Step, ByHand)> {
    let step = plan.step_at(at)?;
    match command {
        Command::Event(t) if *t == step.trigger => Some((step, ByHand::Fire)),
        Command::Move { .. } => Some((step, ByHand::MoveOut)),
        _ => None,
    }
}

/// [`hand_rule`] then [`check_step_roles`]: whether `actor` may run
/// `command` by hand on an order at `at`.
pub fn check_hand(plan: &Plan, at: Position, command: &Command, actor: &Actor) -> Result<()> {
    match hand_rule(plan, at, command) {
        Some((step, by)) => check_step_roles(step, actor, by),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::StepRoles;
    use crate::staff::{CASHIER, MANAGER, OWNER};
    use crate::triggers::Trigger;

    fn step() -> Step {
        Step {
            status: "awaiting_payment".into(),
            trigger: Trigger::WorkCompleted,
            roles: StepRoles {
                fire: vec![],
                move_out: vec![MANAGER.into()],
            },
            guards: Vec::new(),
            target: None,
        }
    }

    #[test]
    fn a_rule_names_who_may() {
        let sam = Actor::staff(2, "Sam", CASHIER).expect("cashier");
        let lee = Actor::staff(1, "Lee", MANAGER).expect("manager");
        let olga = Actor::staff(3, "Olga", OWNER).expect("owner");
        assert!(check_step_roles(&step(), &sam, ByHand::Fire).is_ok());
        let e = check_step_roles(&step(), &sam, ByHand::MoveOut).expect_err("cashier");
        assert_eq!(e.code(), "forbidden");
        assert!(e.to_string().contains("'awaiting_payment'"), "{e}");
        assert!(e.to_string().contains("only manager"), "{e}");
        assert!(check_step_roles(&step(), &lee, ByHand::MoveOut).is_ok());
        assert!(check_step_roles(&step(), &olga, ByHand::MoveOut).is_err());
        assert!(check_step_roles(
            &step(),
            &sam.approved(lee, Permission::MoveOrders),
            ByHand::MoveOut
        )
        .is_ok());
        assert!(check_step_roles(
            &step(),
            &sam.approved(olga, Permission::MoveOrders),
            ByHand::MoveOut
        )
        .is_err());
    }
}
