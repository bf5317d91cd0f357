//! What the dashboard and the order board show: exact counts from SQL, the
//! first orders of each list, money formatted in the shop currency. Built by
//! `Till::dashboard` and `Till::board`; the app and `tillflow dashboard`
//! print these as they are.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::orders::{OrderSummary, StatusCount};
use crate::settings::Settings;

/// How many overdue and unpaid orders the dashboard lists.
pub const DASHBOARD_LIST: u32 = 8;
/// Cards per board column page.
pub const BOARD_PAGE: u32 = 20;
/// Days of intake the dashboard charts (today included).
pub const DAYS: u32 = 7;

/// The dashboard.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Dashboard {
    pub currency: String,
    /// The shop's IANA time zone, which decides "today".
    pub time_zone: String,
    /// The shop's local day.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub today: NaiveDate,
    /// Open orders (not completed, not canceled).
    pub open: u32,
    /// Open orders due before today.
    pub overdue: u32,
    /// Orders with a balance left to pay, completed ones included.
    pub unpaid: u32,
    /// The sum of those balances, in the shop currency's decimals.
    pub unpaid_total: String,
    /// Open orders per status, in workflow order (statuses with orders only).
    pub by_status: Vec<StatusTotal>,
    /// Orders created per local day, oldest first, today last.
    pub created_per_day: Vec<DayCount>,
    /// The first overdue orders, earliest due first.
    pub overdue_orders: Vec<OrderSummary>,
    /// The largest unpaid balances first.
    pub unpaid_orders: Vec<OrderSummary>,
    /// Open orders past their step's time target (`steps[].target`).
    pub over_target: u32,
    /// The first of them, longest over first.
    pub over_target_orders: Vec<OrderSummary>,
}

/// Open orders of one status.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatusTotal {
    pub stage: String,
    pub status: String,
    pub name: String,
    pub color: String,
    pub count: u32,
}

/// Orders created on one local day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DayCount {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub day: NaiveDate,
    pub count: u32,
}

/// Which open orders the board shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BoardQuery {
    /// Only this order type (all when absent).
    #[serde(default, rename = "type")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub order_type: Option<String>,
}

/// The order board: open orders by stage and status.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Board {
    /// Open orders on the board (all columns).
    pub open: u32,
    /// Columns stage by stage, in workflow order; empty ones included.
    pub columns: Vec<BoardColumn>,
}

/// One status column: its true count and its first page of cards.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BoardColumn {
    pub stage: String,
    pub status: String,
    pub name: String,
    pub color: String,
    pub count: u32,
    /// Newest first.
    pub cards: Vec<OrderSummary>,
    /// Cursor of the next page (`board_more`), none at the end.
    pub next: Option<String>,
}

/// The next cards of one column.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BoardPage {
    pub cards: Vec<OrderSummary>,
    pub next: Option<String>,
}

/// A count as the screens show it.
pub(crate) fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// (stage, status) in workflow order: stage by stage, the steps of the
/// workflows the order types (one, or all) run there, then statuses that
/// have open orders but are no longer a step (orders on an older workflow
/// version), each once per stage.
pub fn status_order(
    settings: &Settings,
    order_type: Option<&str>,
    counts: &[StatusCount],
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |stage: &str, status: &str| {
        if !out.iter().any(|(g, s)| g == stage && s == status) {
            out.push((stage.to_string(), status.to_string()));
        }
    };
    for stage in &settings.workflow_types {
        for t in settings
            .order_types
            .iter()
            .filter(|t| order_type.is_none_or(|k| k == t.key))
        {
            let Some(Some(wf)) = t.stages.get(stage) else {
                continue;
            };
            if let Some(wf) = settings.workflow(wf) {
                for step in &wf.steps {
                    push(stage, &step.status);
                }
            }
        }
        for c in counts.iter().filter(|c| &c.stage == stage) {
            push(stage, &c.status);
        }
    }
    // Stages no longer in the settings, last.
    for c in counts {
        push(&c.stage, &c.status);
    }
    out
}

/// The display name and colour of a status.
pub(crate) fn status_look(settings: &Settings, status: &str) -> (String, String) {
    settings.status(status).map_or_else(
        || (status.to_string(), "#888".to_string()),
        |s| (s.name.clone(), s.color.clone()),
    )
}
