//! Customers as a screen of their own: the search the list pages through,
//! a customer's page (contact details, orders, balance, store credit,
//! marketing consent and history), an edit of their details, and the merge
//! of a duplicate into the customer kept. The contact rules themselves are
//! those of intake (`orders::contact`, `orders::check_customer`).

mod lookup;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::orders::{check_customer, Customer, CustomerInput, OrderSummary};

pub use lookup::{looks_like_phone, phone_runs, Lookup};

/// Customers on a page of the list unless asked otherwise, and at most.
pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 200;

/// Where a page of customers (sorted by name, then id) starts after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerCursor {
    pub name: String,
    pub id: i64,
}

/// A search of the customer list: by the start of the name's words, by
/// phone digits in any formatting (anywhere in the number), or by the
/// start of the e-mail. Empty text lists every customer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerSearch {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub after: Option<CustomerCursor>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub limit: Option<u32>,
}

impl CustomerSearch {
    pub fn page_size(&self) -> u32 {
        self.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE)
    }
}

/// One page of customers and how many match in all (exact).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerPage {
    pub customers: Vec<Customer>,
    pub total: i64,
    /// Where the next page starts; none on the last page.
    pub next: Option<CustomerCursor>,
}

/// Where a page of a customer's orders (open first, then newest first)
/// starts after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerOrdersCursor {
    pub closed: bool,
    pub created_at: String,
    pub id: i64,
}

/// One page of a customer's orders: open ones first, each part newest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerOrders {
    pub orders: Vec<OrderSummary>,
    pub next: Option<CustomerOrdersCursor>,
}

/// What is recorded about a customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CustomerEventKind {
    /// Contact details changed (`detail`: the fields, old and new).
    Edited,
    /// Marketing consent given or withdrawn (`detail.given`).
    Consent,
    /// A duplicate was merged into this customer (`detail`: the duplicate,
    /// orders and credit moved).
    Merged,
}

impl CustomerEventKind {
    pub fn key(self) -> &'static str {
        match self {
            CustomerEventKind::Edited => "customer.edited",
            CustomerEventKind::Consent => "customer.consent",
            CustomerEventKind::Merged => "customer.merged",
        }
    }

    pub fn parse(key: &str) -> Result<Self> {
        [Self::Edited, Self::Consent, Self::Merged]
            .into_iter()
            .find(|k| k.key() == key)
            .ok_or_else(|| Error::invalid("event", format!("unknown customer event '{key}'")))
    }
}

/// One row of a customer's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerEvent {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub kind: CustomerEventKind,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub detail: Value,
}

/// A customer's page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerView {
    pub customer: Customer,
    pub marketing_consent: bool,
    /// When consent was last given or withdrawn (from the history).
    pub consent_changed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Their orders, and how many are still open.
    pub orders: i64,
    pub open_orders: i64,
    /// What they owe over all their orders (formatted).
    pub balance: String,
    /// Their store credit (formatted).
    pub store_credit: String,
    /// The newest history rows first.
    pub events: Vec<CustomerEvent>,
}

/// New contact details for a customer (all of them: a field left empty is
/// cleared) and the marketing consent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerEdit {
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub phone: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub email: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub address: Option<String>,
    #[serde(default)]
    pub marketing_consent: bool,
}

/// Contact details as stored, checked by intake's rules (errors name
/// `customer.name`, `customer.phone`, `customer.email`, `customer.address`).
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedEdit {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub marketing_consent: bool,
}

impl CustomerEdit {
    pub fn checked(&self, id: i64) -> Result<CheckedEdit> {
        let c = check_customer(
            &CustomerInput {
                id: Some(id),
                name: Some(self.name.clone()),
                phone: self.phone.clone(),
                email: self.email.clone(),
                address: self.address.clone(),
            },
            "customer",
        )?;
        let name = c
            .name
            .ok_or_else(|| Error::invalid("customer.name", "a customer needs a name"))?;
        Ok(CheckedEdit {
            name,
            phone: c.phone,
            email: c.email,
            address: c.address,
            marketing_consent: self.marketing_consent,
        })
    }
}

/// What changes between the stored details and an edit: `(field, old,
/// new)` for each field that differs (consent as "yes"/"no").
pub fn changes(
    old: &Customer,
    old_consent: bool,
    new: &CheckedEdit,
) -> Vec<(&'static str, Value, Value)> {
    let mut out = Vec::new();
    let mut diff = |field, a: Option<&str>, b: Option<&str>| {
        if a != b {
            out.push((field, Value::from(a), Value::from(b)));
        }
    };
    diff("name", Some(old.name.as_str()), Some(new.name.as_str()));
    diff("phone", old.phone.as_deref(), new.phone.as_deref());
    diff("email", old.email.as_deref(), new.email.as_deref());
    diff("address", old.address.as_deref(), new.address.as_deref());
    if old_consent != new.marketing_consent {
        out.push((
            "marketing_consent",
            Value::from(old_consent),
            Value::from(new.marketing_consent),
        ));
    }
    out
}

/// What merging `duplicate` into `keep` will do.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergePreview {
    pub keep: Customer,
    pub duplicate: Customer,
    /// The duplicate's orders, moved to the customer kept.
    pub orders_moved: i64,
    /// The duplicate's store credit (formatted), added to the kept one's.
    pub credit_moved: String,
    /// The kept customer's store credit after the merge (formatted).
    pub credit_after: String,
    /// History rows moved.
    pub events_moved: i64,
    /// Details the kept customer lacks, taken from the duplicate.
    pub fills: Vec<String>,
}

/// Which of the kept customer's empty details the duplicate fills in.
pub fn fills(keep: &Customer, duplicate: &Customer) -> Vec<String> {
    let mut out = Vec::new();
    for (field, k, d) in [
        ("phone", &keep.phone, &duplicate.phone),
        ("email", &keep.email, &duplicate.email),
        ("address", &keep.address, &duplicate.address),
    ] {
        if k.is_none() && d.is_some() {
            out.push(field.to_string());
        }
    }
    out
}

/// A merge must name two different customers.
pub fn check_merge(keep: i64, duplicate: i64) -> Result<()> {
    if keep == duplicate {
        return Err(Error::invalid(
            "duplicate",
            "choose another customer: a customer cannot be merged into itself",
        ));
    }
    Ok(())
}
