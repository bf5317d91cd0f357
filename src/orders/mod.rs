//! Orders: what a cashier enters (inputs), what is stored (records), what
//! screens and the CLI show (views).

pub mod document;
mod filter;
mod intake;
mod overdue;
pub mod totals;
mod view;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::workflow::Position;

pub use filter::AbandonCutoffs;
pub(crate) use filter::{Cursor, CursorKey};
pub use filter::{OrderFilter, OrderPage, OrderSort, DEFAULT_PAGE, MAX_PAGE};
pub(crate) use intake::price_line;
pub use intake::{check_payment, prepare, pricing, NewOrder};
pub use overdue::{is_open_stage, is_overdue, mark_overdue};
pub use view::{OrderSummary, OrderView};

/// A customer as given at intake: an existing one by id, or details to find
/// (by phone) or create one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerInput {
    #[serde(default)]
    pub id: Option<i64>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModifierInput {
    pub name: String,
    /// Price adjustment per unit; defaults to the catalogue modifier's price.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub price: Option<Decimal>,
}

/// A line as entered in the line-item entry wizard.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LineInput {
    #[serde(default)]
    pub sku: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(with = "rust_decimal::serde::str")]
    pub qty: Decimal,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub unit_price: Option<Decimal>,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub tax_rate: Option<Decimal>,
    #[serde(default)]
    pub modifiers: Vec<ModifierInput>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub delivery_method: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentInput {
    pub method: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    #[serde(default)]
    pub reference: Option<String>,
}

/// Everything the intake wizard collected.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OrderInput {
    #[serde(rename = "type")]
    pub order_type: String,
    #[serde(default)]
    pub customer: Option<CustomerInput>,
    #[serde(default)]
    pub fields: Map<String, Value>,
    #[serde(default)]
    pub lines: Vec<LineInput>,
    #[serde(default)]
    pub payments: Vec<PaymentInput>,
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
    pub amount: i64,
    pub tax: i64,
}

impl Line {
    pub fn priced(&self) -> totals::PricedLine {
        totals::PricedLine {
            qty: self.qty,
            unit_price: self.unit_price,
            modifiers: self.modifiers.iter().map(|m| m.price).sum(),
            tax_rate: self.tax_rate,
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
}

/// One audit row: an event and the move it made (from = to when it moved nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub event: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub moved: bool,
    pub actor: String,
    #[serde(skip_serializing_if = "Option::is_none")]
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
