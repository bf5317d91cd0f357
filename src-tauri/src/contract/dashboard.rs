//! The dashboard: what needs attention now.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::orders::OrderSummary;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StatusCount {
    pub status: String,
    pub name: String,
    pub color: String,
    pub stage: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Dashboard {
    /// Open orders per status, in workflow order.
    pub by_status: Vec<StatusCount>,
    pub open: u32,
    /// Open orders whose due date has passed.
    pub overdue: Vec<OrderSummary>,
    /// Open orders with a balance left to pay.
    pub unpaid: Vec<OrderSummary>,
    /// Sum of the unpaid balances, decimal string.
    pub unpaid_total: String,
    pub currency: String,
    /// Orders created per day, last 7 days (oldest first).
    pub created_per_day: Vec<DayCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DayCount {
    /// ISO date.
    pub day: String,
    pub count: u32,
}

/// Basic facts about the running app (window title, about box).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub database: String,
    pub shop_name: String,
    pub currency: String,
}
