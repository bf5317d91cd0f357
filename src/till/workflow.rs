//! The workflow simulator on the shop's settings (or a draft of them):
//! the plan of an order type walked by [`crate::workflow::simulate`], the
//! same engine as real orders. Nothing is written.

use serde::{Deserialize, Serialize};

use super::Till;
use crate::error::{Error, Result};
use crate::settings::Settings;
use crate::workflow::{simulate, Plan, SimAction, SimStep};

/// What to simulate: an order type of the saved settings (or of `draft`,
/// validated first), an order `total` (default 100 in the shop's currency)
/// with `paid` at intake, then `events` in turn (trigger keys,
/// `pay:AMOUNT`, `ship`, `fill:FIELD`, `move:STATUS`, `override:STATUS`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SimulationInput {
    pub order_type: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub draft: Option<Settings>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub total: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub paid: Option<String>,
    #[serde(default)]
    pub events: Vec<String>,
}

/// The walk: the plan's statuses, then each step.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Simulation {
    pub order_type: String,
    /// Every step's status in order, then `completed`.
    pub statuses: Vec<String>,
    pub steps: Vec<SimStep>,
    /// Where the order ends.
    pub status: String,
}

/// At most this many events in one simulation.
const MAX_EVENTS: usize = 500;

impl Till {
    /// Walks a simulated order (see [`SimulationInput`]). Bad input is a
    /// typed error; nothing is written whatever the input.
    pub fn simulate_workflow(&self, input: &SimulationInput) -> Result<Simulation> {
        let snap = self.snapshot()?;
        let settings = match &input.draft {
            Some(d) => {
                crate::settings::validate(d)?;
                d
            }
            None => &snap.settings,
        };
        let currency = settings.currency()?;
        let plan = Plan::for_order_type(settings, input.order_type.trim())?;
        if input.events.len() > MAX_EVENTS {
            return Err(Error::invalid(
                "events",
                format!("at most {MAX_EVENTS} events in one simulation"),
            ));
        }
        let amount = |text: &Option<String>, field: &str, default: i64| match text {
            Some(t) if !t.trim().is_empty() => currency.parse(t.trim(), field),
            _ => Ok(default),
        };
        let total = amount(&input.total, "total", currency.parse("100", "total")?)?;
        let paid = amount(&input.paid, "paid", 0)?;
        if total < 0 || paid < 0 || paid > total {
            return Err(Error::invalid(
                "paid",
                "the total and what is paid are not negative, and no more is paid than the total",
            ));
        }
        let actions = input
            .events
            .iter()
            .flat_map(|e| e.split(','))
            .filter(|e| !e.trim().is_empty())
            .map(|e| SimAction::parse(e, &currency))
            .collect::<Result<Vec<_>>>()?;
        let steps = simulate(&plan, total, paid, &actions, &currency)?;
        let mut statuses: Vec<String> = plan.statuses().into_iter().map(String::from).collect();
        statuses.push(crate::settings::COMPLETED.to_string());
        Ok(Simulation {
            order_type: plan.order_type.clone(),
            statuses,
            status: steps.last().map(|s| s.to.clone()).unwrap_or_default(),
            steps,
        })
    }
}
