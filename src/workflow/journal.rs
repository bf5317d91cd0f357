//! A journal accumulates the outcomes of one transaction's commands: where
//! the order ends up, the events kept for later steps, and the audit rows
//! to write with it.

use super::{Command, Facts, Money, Outcome, Plan, Position};
use crate::audit::AuditEvent;
use crate::error::Result;
use crate::triggers::Trigger;

/// One audit row: an event, and the move it made (from = to when it moved nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub event: AuditEvent,
    pub from_status: Option<String>,
    pub to_status: String,
    pub moved: bool,
    pub reason: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Journal<'p> {
    plan: &'p Plan,
    pub at: Position,
    pub rows: Vec<AuditRow>,
    start: Option<Position>,
    /// What the engine knows of the order; the kept events follow each
    /// outcome, the money each command.
    pub facts: Facts,
}

impl<'p> Journal<'p> {
    /// A journal for an order already at `at`, with what is known of it.
    pub fn new(plan: &'p Plan, at: Position, facts: Facts) -> Self {
        Journal {
            plan,
            at,
            rows: Vec::new(),
            start: Some(at),
            facts,
        }
    }

    /// A journal for a new order: started on its plan (the entry row is
    /// the `order.created` event), then `order.created` applied as a trigger
    /// (recorded again only when it moves the order on).
    pub fn started(plan: &'p Plan, facts: Facts) -> Result<Self> {
        let outcome = super::start(plan, &facts);
        let mut j = Journal {
            plan,
            at: outcome.end,
            rows: Vec::new(),
            start: None,
            facts,
        };
        j.record(&outcome, Trigger::OrderCreated.into(), None);
        let created = super::decide(plan, j.at, &Command::Event(Trigger::OrderCreated), &j.facts)?;
        if created.moved() {
            j.record(&created, Trigger::OrderCreated.into(), None);
        } else {
            j.facts.kept = created.kept;
        }
        Ok(j)
    }

    /// Whether the order's position changed since the journal began.
    pub fn moved(&self) -> bool {
        self.start != Some(self.at)
    }

    pub fn plan(&self) -> &'p Plan {
        self.plan
    }

    /// Decides `command` at the current position with the order's money
    /// now `money`, and records the outcome, which it returns.
    pub fn step(
        &mut self,
        command: &Command,
        money: Money,
        event: AuditEvent,
        reason: Option<&str>,
    ) -> Result<Outcome> {
        self.facts.set_money(money);
        let outcome: Outcome = super::decide(self.plan, self.at, command, &self.facts)?;
        self.record(&outcome, event, reason);
        Ok(outcome)
    }

    /// [`Journal::step`]; returns whether this command moved the order.
    pub fn run(
        &mut self,
        command: &Command,
        money: Money,
        event: AuditEvent,
        reason: Option<&str>,
    ) -> Result<bool> {
        Ok(self.step(command, money, event, reason)?.moved())
    }

    /// Raises a trigger event.
    pub fn event(&mut self, trigger: Trigger, money: Money) -> Result<bool> {
        self.run(&Command::Event(trigger), money, trigger.into(), None)
    }

    /// Applies a decided outcome that is not a command's (an undo).
    pub fn apply(&mut self, outcome: &Outcome, event: AuditEvent, reason: Option<&str>) {
        self.record(outcome, event, reason);
    }

    /// Records an event that moves nothing (a stock allocation, a deleted
    /// shipment, a refund): one audit row at the current status.
    pub fn note(&mut self, event: AuditEvent, reason: Option<&str>) {
        let status = self.plan.status_at(self.at).to_string();
        self.rows.push(AuditRow {
            event,
            from_status: Some(status.clone()),
            to_status: status,
            moved: false,
            reason: reason.map(String::from),
        });
    }

    fn record(&mut self, outcome: &Outcome, event: AuditEvent, reason: Option<&str>) {
        if !outcome.by_command {
            self.note(event, reason);
        }
        if !outcome.overridden.is_empty() {
            let what: Vec<String> = outcome
                .overridden
                .iter()
                .map(|(status, g)| format!("'{status}': {g}"))
                .collect();
            let text = match reason {
                Some(r) => format!("{} ({r})", what.join("; ")),
                None => what.join("; "),
            };
            self.note(AuditEvent::GuardOverridden, Some(&text));
        }
        for (i, t) in outcome.transitions.iter().enumerate() {
            self.rows.push(AuditRow {
                event: t.cause.event(),
                from_status: t.from.map(|p| self.plan.status_at(p).to_string()),
                to_status: self.plan.status_at(t.to).to_string(),
                moved: true,
                reason: reason
                    .filter(|_| i == 0 && outcome.by_command)
                    .map(String::from),
            });
        }
        self.at = outcome.end;
        self.facts.kept = outcome.kept;
    }
}
