//! Orders: what a cashier enters (inputs), what is stored (records), what
//! screens and the CLI show (views).

mod answers;
pub mod contact;
pub mod credit_note;
pub mod discount;
pub mod document;
pub mod edit;
mod filter;
mod intake;
mod overdue;
mod preview;
pub mod totals;
mod view;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::audit::AuditEvent;
use crate::workflow::Position;

pub use answers::{answers, due_date, printed_on, role_date, role_text, Answer};
pub use filter::AbandonCutoffs;
pub(crate) use filter::{Cursor, CursorKey};
pub use filter::{OrderFilter, OrderPage, OrderSort, DEFAULT_PAGE, MAX_PAGE};
pub(crate) use intake::price_line;
pub use intake::{
    check_customer, check_order, check_payment, prepare, pricing, FieldError, Intake, NewOrder,
};
pub use overdue::{is_open_stage, is_overdue, mark_overdue};
pub use preview::{preview, OrderPreview, PreviewDiscount, PreviewTotals};
pub use view::{CreditNoteView, OrderSummary, OrderView, TotalsView};

/// Orders counted by stage and status.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StatusCount {
    pub stage: String,
    pub status: String,
    pub count: i64,
}

/// A customer as given at intake: an existing one by id, or details to find
/// (by phone) or create one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerInput {
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub id: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub phone: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub email: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub address: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Customer {
    pub id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ModifierInput {
    pub name: String,
    /// Price adjustment per unit; defaults to the catalogue modifier's price.
    #[serde(default, with = "crate::money::strict_option")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<String>"))]
    pub price: Option<Decimal>,
}

/// A line as entered in the line-item entry wizard.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LineInput {
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub sku: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub name: Option<String>,
    #[serde(with = "crate::money::strict")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub qty: Decimal,
    #[serde(default, with = "crate::money::strict_option")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<String>"))]
    pub unit_price: Option<Decimal>,
    #[serde(default, with = "crate::money::strict_option")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<String>"))]
    pub tax_rate: Option<Decimal>,
    #[serde(default)]
    pub modifiers: Vec<ModifierInput>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub note: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub delivery_method: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentInput {
    pub method: String,
    #[serde(with = "crate::money::strict")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub amount: Decimal,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub reference: Option<String>,
}

/// Everything the intake wizard collected.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrderInput {
    #[serde(rename = "type")]
    pub order_type: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub customer: Option<CustomerInput>,
    #[serde(default)]
    #[cfg_attr(
        feature = "ts",
        ts(type = "Record<string, string | number | boolean | null>")
    )]
    pub fields: Map<String, Value>,
    #[serde(default)]
    pub lines: Vec<LineInput>,
    #[serde(default)]
    pub payments: Vec<PaymentInput>,
    /// A discount code the customer gave (`settings.discount_codes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub discount_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Modifier {
    pub name: String,
    pub price: i64,
}

/// A priced order line (money in minor units).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub sku: Option<String>,
    pub name: String,
    pub qty: Decimal,
    pub unit_price: i64,
    pub modifiers: Vec<Modifier>,
    pub tax_rate: Decimal,
    pub note: Option<String>,
    pub delivery_method: Option<String>,
    /// After the discount.
    pub amount: i64,
    pub tax: i64,
    pub discount: Option<totals::Discount>,
    pub discount_reason: Option<String>,
}

impl Line {
    pub fn priced(&self) -> totals::PricedLine {
        totals::PricedLine {
            qty: self.qty,
            unit_price: self.unit_price,
            modifiers: self.modifiers.iter().map(|m| m.price).sum(),
            tax_rate: self.tax_rate,
            discount: self.discount,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub method: String,
    pub amount: i64,
    pub reference: Option<String>,
    pub at: DateTime<Utc>,
    pub actor: String,
    /// Cash given back, and the cash rounding (docs/tills-day.md).
    pub change: i64,
    pub rounding: i64,
}

/// One audit row: an event and the move it made (from = to when it moved nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    /// Serialised as its stable key (`payment.captured`, `stock.allocated`…).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub event: AuditEvent,
    /// What the timeline calls it (`Payment captured`, `Stock reserved`…).
    pub label: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub moved: bool,
    pub actor: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub reason: Option<String>,
}

/// An order as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderRecord {
    pub id: i64,
    pub number: String,
    pub order_type: String,
    pub plan_id: i64,
    pub position: Position,
    pub customer: Option<Customer>,
    pub fields: Map<String, Value>,
    pub lines: Vec<Line>,
    pub payments: Vec<Payment>,
    pub history: Vec<HistoryEntry>,
    pub subtotal: i64,
    pub tax: i64,
    pub total: i64,
    pub paid: i64,
    pub due_date: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The pricing the order was computed under (`None`: an order from
    /// before pricing was stored; the shop's current pricing applies).
    pub pricing: Option<totals::Pricing>,
}

impl OrderRecord {
    pub fn balance(&self) -> i64 {
        self.total - self.paid
    }
}
