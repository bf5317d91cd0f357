//! The workflow simulator: the same engine as real orders, on an order
//! that exists only here. Events, payments, shipments, filled fields and
//! manual moves are applied in turn; each says where the order went and
//! why (the trigger it met, the event kept for a later step, the guard
//! that held). Nothing is written.

use serde::Serialize;

use super::{check_fire, Command, Facts, Journal, Money, Outcome, Plan, Why};
use crate::audit::AuditEvent;
use crate::error::{Error, Result};
use crate::money::Currency;
use crate::settings::Guard;
use crate::triggers::{Source, Trigger};

/// One thing that happens to the simulated order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SimAction {
    /// A trigger event (a worker's button or what the system raises).
    Event(Trigger),
    /// A payment of this many minor units (`payment.captured`, then
    /// `order.paid_in_full` when it pays the balance).
    Pay(i64),
    /// Every line ships (`shipment.shipped`; all lines shipped).
    Ship,
    /// A field gets a value.
    Fill(String),
    /// A person moves the order (past guards with `override_guards`).
    Move { to: String, override_guards: bool },
}

impl SimAction {
    /// Reads one action: a trigger key, `pay:AMOUNT` (in `currency`),
    /// `ship`, `fill:FIELD`, `move:STATUS` or `override:STATUS`.
    pub fn parse(text: &str, currency: &Currency) -> Result<SimAction> {
        let t = text.trim();
        Ok(match t.split_once(':') {
            Some(("pay", amount)) => SimAction::Pay(currency.parse(amount.trim(), "events")?),
            Some(("fill", field)) => SimAction::Fill(field.trim().to_string()),
            Some(("move", to)) => SimAction::Move {
                to: to.trim().to_string(),
                override_guards: false,
            },
            Some(("override", to)) => SimAction::Move {
                to: to.trim().to_string(),
                override_guards: true,
            },
            _ if t == "ship" => SimAction::Ship,
            _ => match Trigger::parse(t) {
                Ok(trigger) => SimAction::Event(trigger),
                Err(_) => {
                    return Err(Error::invalid(
                        "events",
                        format!(
                            "{} is not an event: a trigger key (order.picked_up…), pay:AMOUNT, ship, fill:FIELD, move:STATUS or override:STATUS",
                            crate::error::quoted(t)
                        ),
                    ))
                }
            },
        })
    }

    fn label(&self, currency: &Currency) -> String {
        match self {
            SimAction::Event(t) => t.key().to_string(),
            SimAction::Pay(a) => format!("pay {}", currency.format(*a)),
            SimAction::Ship => "ship everything".to_string(),
            SimAction::Fill(f) => format!("fill '{f}'"),
            SimAction::Move {
                to,
                override_guards: false,
            } => format!("move to '{to}'"),
            SimAction::Move { to, .. } => format!("move to '{to}' past its guards"),
        }
    }
}

/// What one action did.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SimStep {
    pub action: String,
    pub from: String,
    pub to: String,
    pub moved: bool,
    /// Every status entered, in order.
    pub path: Vec<String>,
    /// Why, in words.
    pub why: String,
    /// The guards that held the order (their keys), if any.
    pub guards: Vec<String>,
    /// The refusal's code, when the action was refused (`guarded`,
    /// `invalid`, `conflict`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub refused: Option<String>,
    /// Money paid so far (minor units).
    pub paid: i64,
}

/// Walks a new order of `plan` with `total` (minor units), `paid` at
/// intake, through `actions`. The first step is the intake.
pub fn simulate(
    plan: &Plan,
    total: i64,
    paid: i64,
    actions: &[SimAction],
    currency: &Currency,
) -> Result<Vec<SimStep>> {
    let mut j = Journal::started(plan, Facts::of_money(Money { total, paid: 0 }))?;
    let mut money = Money { total, paid: 0 };
    let mut out = Vec::new();
    let first = plan.status_at(super::Position::Step { stage: 0, step: 0 });
    let mut intake = sim_step("order.created".to_string(), first, &j, 0, money.paid);
    intake.from = String::new();
    intake.why = format!("a new order starts at '{first}'");
    if paid > 0 {
        let before = j.rows.len();
        pay(&mut j, &mut money, paid)?;
        intake.why.push_str(&format!(
            "; {} paid at intake{}",
            currency.format(paid),
            moved_on(&j, before)
        ));
    }
    intake.to = plan.status_at(j.at).to_string();
    intake.path = entered(&j, 0);
    intake.moved = true;
    intake.paid = money.paid;
    out.push(intake);
    for action in actions {
        let from = plan.status_at(j.at).to_string();
        let before = j.rows.len();
        let label = action.label(currency);
        let done = apply(&mut j, &mut money, action);
        let mut step = sim_step(label, &from, &j, before, money.paid);
        match done {
            Ok((text, guards)) => {
                step.why = text;
                step.guards = guards;
            }
            Err(e) => {
                step.refused = Some(e.code().to_string());
                step.why = format!("refused: {e}");
                if let Error::Guarded { condition, .. } = &e {
                    step.guards = vec![condition.clone()];
                }
            }
        }
        out.push(step);
    }
    Ok(out)
}

fn sim_step(action: String, from: &str, j: &Journal, before: usize, paid: i64) -> SimStep {
    SimStep {
        action,
        from: from.to_string(),
        to: j.plan().status_at(j.at).to_string(),
        moved: j.rows[before..].iter().any(|r| r.moved),
        path: entered(j, before),
        why: String::new(),
        guards: Vec::new(),
        refused: None,
        paid,
    }
}

fn entered(j: &Journal, before: usize) -> Vec<String> {
    j.rows[before..]
        .iter()
        .filter(|r| r.moved)
        .map(|r| r.to_status.clone())
        .collect()
}

fn moved_on(j: &Journal, before: usize) -> String {
    let path = entered(j, before);
    match path.last() {
        Some(last) => format!(": moved on to '{last}'"),
        None => String::new(),
    }
}

fn pay(j: &mut Journal, money: &mut Money, amount: i64) -> Result<Outcome> {
    if amount <= 0 {
        return Err(Error::invalid("amount", "a payment is more than zero"));
    }
    let was_paid = money.paid >= money.total;
    money.paid = money
        .paid
        .checked_add(amount)
        .ok_or_else(|| Error::invalid("amount", "too large"))?;
    let captured = j.step(
        &Command::Event(Trigger::PaymentCaptured),
        *money,
        Trigger::PaymentCaptured.into(),
        None,
    )?;
    if !was_paid && money.paid >= money.total {
        return j.step(
            &Command::Event(Trigger::OrderPaidInFull),
            *money,
            Trigger::OrderPaidInFull.into(),
            None,
        );
    }
    Ok(captured)
}

/// Applies one action; says why in words, with the guards that held.
fn apply(j: &mut Journal, money: &mut Money, action: &SimAction) -> Result<(String, Vec<String>)> {
    let plan = j.plan();
    let status = plan.status_at(j.at).to_string();
    let before = j.rows.len();
    let (outcome, what) = match action {
        SimAction::Event(t) => {
            if t.source() == Source::Worker {
                check_fire(plan, j.at, *t, &j.facts)?;
            }
            let o = j.step(&Command::Event(*t), *money, (*t).into(), None)?;
            (o, format!("'{t}'"))
        }
        SimAction::Pay(a) => (pay(j, money, *a)?, "the payment".to_string()),
        SimAction::Ship => {
            j.facts.all_shipped = true;
            let t = Trigger::ShipmentShipped;
            (
                j.step(&Command::Event(t), *money, t.into(), None)?,
                format!("'{t}'"),
            )
        }
        SimAction::Fill(f) => {
            if !j.facts.filled.contains(f) {
                j.facts.filled.push(f.clone());
            }
            let t = Trigger::OrderUpdated;
            (
                j.step(&Command::Event(t), *money, t.into(), None)?,
                format!("'{t}'"),
            )
        }
        SimAction::Move {
            to,
            override_guards,
        } => {
            let command = Command::Move {
                to_status: to,
                override_guards: *override_guards,
            };
            let o = j.step(&command, *money, AuditEvent::ManualMove, Some("simulated"))?;
            let past: Vec<String> = o
                .overridden
                .iter()
                .map(|(s, g)| format!("'{s}': {g}"))
                .collect();
            let mut text = format!("moved by hand from '{status}'{}", moved_on(j, before));
            if !past.is_empty() {
                text.push_str(&format!(" (past the guards {})", past.join("; ")));
            }
            let keys = o
                .overridden
                .iter()
                .map(|(_, g)| g.key().to_string())
                .collect();
            return Ok((text, keys));
        }
    };
    let mut guards = Vec::new();
    let mut text = match &outcome.why {
        Why::Moved => format!("{what} is the trigger of '{status}'"),
        Why::Kept { for_status } => {
            format!("{what} is not the trigger of '{status}': kept for '{for_status}'")
        }
        Why::Held { guards: g } => {
            guards = g.iter().map(|x: &Guard| x.key().to_string()).collect();
            let list: Vec<String> = g.iter().map(|x| x.to_string()).collect();
            format!(
                "{what} is the trigger of '{status}' but a guard holds: {} (kept until met)",
                list.join(", ")
            )
        }
        Why::NotThisStep { waiting_for } => {
            format!("{what} is not the trigger of '{status}' (it waits for '{waiting_for}'): recorded only")
        }
        Why::Finished => format!("the order is {status}: recorded only"),
    };
    text.push_str(&moved_on(j, before));
    if let Some(step) = plan.step_at(j.at) {
        let unmet = j.facts.unmet(&step.guards);
        if !unmet.is_empty() && guards.is_empty() {
            let list: Vec<String> = unmet.iter().map(|g| g.to_string()).collect();
            text.push_str(&format!(
                "; '{}' will wait for: {}",
                step.status,
                list.join(", ")
            ));
        }
    }
    Ok((text, guards))
}
