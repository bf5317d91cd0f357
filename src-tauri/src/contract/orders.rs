//! Orders as the UI sees them: mirrors of `tillflow::orders` inputs and views
//! (money and quantities are decimal strings; dates ISO strings).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use super::search::OrderFilter;

/// A customer at intake: an existing one by id, or details to find or create one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct CustomerInput {
    #[ts(optional)]
    pub id: Option<i64>,
    #[ts(optional)]
    pub name: Option<String>,
    #[ts(optional)]
    pub phone: Option<String>,
    #[ts(optional)]
    pub email: Option<String>,
    #[ts(optional)]
    pub address: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Customer {
    pub id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ModifierInput {
    pub name: String,
    /// Per-unit adjustment; defaults to the catalogue modifier's price.
    #[ts(optional)]
    pub price: Option<String>,
}

/// A line as entered in the line-item entry wizard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LineInput {
    #[ts(optional)]
    pub sku: Option<String>,
    #[ts(optional)]
    pub name: Option<String>,
    /// Decimal string ("2", "1.5").
    pub qty: String,
    #[ts(optional)]
    pub unit_price: Option<String>,
    #[ts(optional)]
    pub tax_rate: Option<String>,
    #[serde(default)]
    pub modifiers: Vec<ModifierInput>,
    #[ts(optional)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PaymentInput {
    pub method: String,
    /// Decimal string in the shop currency.
    pub amount: String,
    #[ts(optional)]
    pub reference: Option<String>,
}

/// Everything the intake wizard collected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrderInput {
    #[serde(rename = "type")]
    pub order_type: String,
    #[ts(optional)]
    pub customer: Option<CustomerInput>,
    /// Answers of the wizard's plain fields, by field key.
    #[ts(type = "Record<string, string | number | boolean | null>")]
    pub fields: serde_json::Map<String, serde_json::Value>,
    pub lines: Vec<LineInput>,
    pub payments: Vec<PaymentInput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TotalsView {
    pub subtotal: String,
    pub tax: String,
    pub total: String,
    pub paid: String,
    pub balance: String,
}

/// Totals of an order not created yet (the POS review step).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrderPreview {
    pub totals: TotalsView,
    /// Each line's amount, in input order.
    pub line_amounts: Vec<String>,
    /// The deposit the order type requires at creation ("0.00" without a
    /// rule), by the core's one rounding rule.
    pub deposit_required: String,
    /// What the payments entered still lack of that deposit ("0.00" when met).
    pub deposit_due: String,
    /// The order type's deposit rule, percent of the total (decimal string).
    pub deposit_percent: Option<String>,
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ModifierView {
    pub name: String,
    pub price: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LineView {
    pub sku: Option<String>,
    pub name: String,
    pub qty: String,
    pub unit_price: String,
    pub modifiers: Vec<ModifierView>,
    pub tax_rate: String,
    pub note: Option<String>,
    pub delivery_method: Option<String>,
    pub amount: String,
    pub tax: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PaymentView {
    pub method: String,
    pub amount: String,
    pub reference: Option<String>,
    /// RFC 3339 timestamp.
    pub at: String,
    pub actor: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StepView {
    pub status: String,
    pub name: String,
    pub color: String,
    pub trigger: String,
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ActionView {
    pub trigger: String,
    pub label: String,
}

/// One audit row of the order's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HistoryEntry {
    pub at: String,
    pub event: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub moved: bool,
    pub actor: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrderView {
    pub number: String,
    #[serde(rename = "type")]
    pub order_type: String,
    pub type_name: String,
    /// A workflow type, or `done` / `canceled`.
    pub stage: String,
    pub status: String,
    pub status_name: String,
    pub status_color: String,
    pub workflow: Option<String>,
    pub workflow_version: Option<u32>,
    pub order_type_version: u32,
    pub currency: String,
    pub customer: Option<Customer>,
    #[ts(type = "Record<string, string | number | boolean | null>")]
    pub fields: serde_json::Map<String, serde_json::Value>,
    pub lines: Vec<LineView>,
    pub totals: TotalsView,
    pub payments: Vec<PaymentView>,
    pub history: Vec<HistoryEntry>,
    pub steps: Vec<StepView>,
    pub actions: Vec<ActionView>,
    /// ISO date (YYYY-MM-DD).
    pub due_date: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Fulfillment state beside the workflow status (`open`, `ready_to_ship`,
    /// `partially_shipped`, `closed`, `returned`…; see docs/fulfillment.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub fulfillment_state: Option<String>,
}

/// A row of an order list (board card, dashboard search).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrderSummary {
    pub number: String,
    #[serde(rename = "type")]
    pub order_type: String,
    pub stage: String,
    pub status: String,
    pub customer: Option<String>,
    pub phone: Option<String>,
    pub total: String,
    pub balance: String,
    pub due_date: Option<String>,
    pub created_at: String,
    /// Open and due before the shop's today (`tillflow::orders::is_overdue`).
    #[serde(default)]
    pub overdue: bool,
}
