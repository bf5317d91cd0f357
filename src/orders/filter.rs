//! The one filter for order lists: the board, the dashboard, search and the
//! CSV export all take an [`OrderFilter`].
//!
//! Extending it: add a field here (with `#[serde(default)]`, so existing
//! callers and the app's JSON keep working) and one clause in
//! `storage::search::push_criteria`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fulfillment::FulfillmentState;

/// Sort orders of a list. Every sort ends with the order id, so paging is
/// stable even when keys tie.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OrderSort {
    /// Newest first (created).
    #[default]
    Newest,
    /// Oldest first (created).
    Oldest,
    /// Earliest due date first; orders without one last.
    Due,
    /// Largest balance due first.
    Balance,
}

impl OrderSort {
    pub fn parse(text: &str) -> Result<OrderSort> {
        match text.trim().to_ascii_lowercase().as_str() {
            "newest" => Ok(OrderSort::Newest),
            "oldest" => Ok(OrderSort::Oldest),
            "due" | "due_date" | "due-date" => Ok(OrderSort::Due),
            "balance" => Ok(OrderSort::Balance),
            other => Err(Error::invalid(
                "sort",
                format!("'{other}' is not one of newest, oldest, due, balance"),
            )),
        }
    }

    pub(crate) fn code(self) -> char {
        match self {
            OrderSort::Newest => 'n',
            OrderSort::Oldest => 'o',
            OrderSort::Due => 'd',
            OrderSort::Balance => 'b',
        }
    }
}

/// Which orders, in which order, which page. Every criterion is optional and
/// they combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrderFilter {
    /// Exact order number.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub number: Option<String>,
    /// Customer name: every word typed must start a word of the name.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub customer: Option<String>,
    /// Customer phone: digits prefix (spaces, `+`, dashes ignored).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub phone: Option<String>,
    /// Customer e-mail: case-insensitive prefix.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub email: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub status: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub stage: Option<String>,
    #[serde(default, rename = "type")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub order_type: Option<String>,
    /// Only orders that take stock from this site (stock reserved there,
    /// shipped or not).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub site: Option<String>,
    /// Created on or after this day (UTC).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub created_from: Option<NaiveDate>,
    /// Created on or before this day (UTC).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub created_to: Option<NaiveDate>,
    /// Only orders in this fulfillment state (`abandoned` as of `as_of`).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub fulfillment_state: Option<FulfillmentState>,
    /// The time criteria that depend on the clock are judged at (now when
    /// absent): an order is `abandoned` after waiting long enough.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub as_of: Option<DateTime<Utc>>,
    /// Set by the till from the settings and `as_of` before the store runs
    /// the filter (callers leave it default): per order type, untouched
    /// intake orders created before this instant count as abandoned.
    #[serde(skip)]
    pub abandoned_before: AbandonCutoffs,
    /// Only orders with something left to pay.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<bool>"))]
    pub balance_due: bool,
    /// Only orders whose balance is at least this many minor units.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub min_balance: Option<i64>,
    /// Free text, word prefixes: found in the notes and text answers of the
    /// order (full-text index), or as order number, customer name, phone
    /// digits or e-mail prefix.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub text: Option<String>,
    /// Only orders still in progress.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<bool>"))]
    pub open_only: bool,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<OrderSort>"))]
    pub sort: OrderSort,
    /// Page size (lists: default 200, at most 5000; export: everything).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub limit: Option<u32>,
    /// Cursor from the previous page's `next`.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub after: Option<String>,
}

/// When an untouched intake order counts as abandoned, per order type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AbandonCutoffs {
    /// (order type, created before) for every order type of the shop.
    pub by_type: Vec<(String, DateTime<Utc>)>,
    /// For order types not in the settings any more.
    pub otherwise: Option<DateTime<Utc>>,
}

/// Default and largest page size of a list.
pub const DEFAULT_PAGE: u32 = 200;
pub const MAX_PAGE: u32 = 5000;

impl OrderFilter {
    /// Refuses a filter that cannot mean what it says: a page of 0 or more
    /// than [`MAX_PAGE`] orders (never silently another size), a phone with
    /// no digits (it would match every phone).
    pub fn check(&self) -> Result<()> {
        if let Some(limit) = self.limit {
            if limit == 0 || limit > MAX_PAGE {
                return Err(Error::invalid(
                    "limit",
                    format!("a page is 1 to {MAX_PAGE} orders, not {limit}"),
                ));
            }
        }
        if let Some(phone) = &self.phone {
            if !phone.chars().any(|c| c.is_ascii_digit()) {
                return Err(Error::invalid(
                    "phone",
                    format!("'{phone}' has no digits to look for"),
                ));
            }
        }
        Ok(())
    }

    /// The page size a list uses.
    pub fn page_size(&self) -> u32 {
        self.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE)
    }
}

/// One page of a list, and the cursor of the next one (none at the end).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrderPage {
    pub orders: Vec<super::OrderSummary>,
    pub next: Option<String>,
}

/// A keyset position: the sort key and id of the last row of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cursor {
    pub key: CursorKey,
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CursorKey {
    Text(String),
    Int(i64),
}

impl Cursor {
    /// `<sort code><id>:<key>`; opaque to callers.
    pub fn encode(&self, sort: OrderSort) -> String {
        match &self.key {
            CursorKey::Text(t) => format!("{}{}:{t}", sort.code(), self.id),
            CursorKey::Int(i) => format!("{}{}:{i}", sort.code(), self.id),
        }
    }

    pub fn decode(text: &str, sort: OrderSort) -> Result<Cursor> {
        let bad = || Error::invalid("after", format!("'{text}' is not a cursor of this sort"));
        let rest = text.strip_prefix(sort.code()).ok_or_else(bad)?;
        let (id, key) = rest.split_once(':').ok_or_else(bad)?;
        let id = id.parse().map_err(|_| bad())?;
        let key = match sort {
            OrderSort::Balance => CursorKey::Int(key.parse().map_err(|_| bad())?),
            _ => CursorKey::Text(key.to_string()),
        };
        Ok(Cursor { key, id })
    }
}
