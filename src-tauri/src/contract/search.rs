//! Order search and CSV export: the one filter (a complete mirror of
//! `tillflow::orders::OrderFilter`) used by the board, the dashboard and the
//! export, its pages, and export progress.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::orders::OrderSummary;

/// Sort orders of a list (every sort ends with the order id).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OrderSort {
    /// Newest first.
    #[default]
    Newest,
    Oldest,
    /// Earliest due date first; orders without one last.
    Due,
    /// Largest balance due first.
    Balance,
}

/// Where an order stands in fulfillment (see docs/fulfillment.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FulfillmentState {
    Open,
    ReadyToShip,
    PartiallyShipped,
    PartiallyClosed,
    Closed,
    Canceled,
    Returned,
    Failed,
    Abandoned,
}

/// Which orders, in which order, which page. Every criterion is optional and
/// they combine with AND. The flags and the sort are left out of the JSON
/// when unset, so the core takes its defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct OrderFilter {
    /// Exact order number.
    #[serde(default)]
    #[ts(optional)]
    pub number: Option<String>,
    /// Customer name: every word typed must start a word of the name.
    #[serde(default)]
    #[ts(optional)]
    pub customer: Option<String>,
    /// Customer phone: start or end of the digits.
    #[serde(default)]
    #[ts(optional)]
    pub phone: Option<String>,
    /// Customer e-mail: case-insensitive prefix.
    #[serde(default)]
    #[ts(optional)]
    pub email: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub status: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub stage: Option<String>,
    #[serde(default, rename = "type")]
    #[ts(optional)]
    pub order_type: Option<String>,
    /// Only orders that take stock from this site (key).
    #[serde(default)]
    #[ts(optional)]
    pub site: Option<String>,
    /// Only orders in this fulfillment state (`abandoned` as of now).
    #[serde(default)]
    #[ts(optional)]
    pub fulfillment_state: Option<FulfillmentState>,
    /// The instant (RFC 3339) time-dependent criteria are judged at; now
    /// when absent.
    #[serde(default)]
    #[ts(optional)]
    pub as_of: Option<String>,
    /// Created on or after this day (ISO date, UTC).
    #[serde(default)]
    #[ts(optional)]
    pub created_from: Option<String>,
    /// Created on or before this day (ISO date, UTC).
    #[serde(default)]
    #[ts(optional)]
    pub created_to: Option<String>,
    /// Only orders with something left to pay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub balance_due: Option<bool>,
    /// Only orders whose balance is at least this many minor units.
    #[serde(default)]
    #[ts(optional)]
    pub min_balance: Option<i64>,
    /// Free text: notes and text answers (full-text index), order number,
    /// customer name, phone digits or e-mail.
    #[serde(default)]
    #[ts(optional)]
    pub text: Option<String>,
    /// Only orders still in progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub open_only: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sort: Option<OrderSort>,
    /// Page size (default 200, at most 5000).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
    /// Cursor from the previous page's `next`.
    #[serde(default)]
    #[ts(optional)]
    pub after: Option<String>,
}

/// One page of a search, the cursor of the next one, and how many match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrderPage {
    pub orders: Vec<OrderSummary>,
    pub next: Option<String>,
    pub total: u32,
}

/// How far an export is: orders written, and how many match in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportProgress {
    pub done: u32,
    pub total: u32,
}

/// A finished export: the file written and what is in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportedFile {
    pub path: String,
    pub orders: u32,
    /// Data rows (one per order, or per line with lines).
    pub rows: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::mirror;
    use chrono::NaiveDate;
    use tillflow::orders::{OrderFilter as CoreFilter, OrderSort as CoreSort};

    fn every_field() -> CoreFilter {
        CoreFilter {
            number: Some("TF-000042".into()),
            customer: Some("ada love".into()),
            phone: Some("0991".into()),
            email: Some("ada@".into()),
            status: Some("cleaning".into()),
            stage: Some("production".into()),
            order_type: Some("laundry".into()),
            site: Some("wh-north".into()),
            fulfillment_state: Some(tillflow::fulfillment::FulfillmentState::PartiallyShipped),
            as_of: "2026-03-01T10:00:00Z".parse().ok(),
            created_from: NaiveDate::from_ymd_opt(2026, 1, 2),
            created_to: NaiveDate::from_ymd_opt(2026, 2, 3),
            balance_due: true,
            min_balance: Some(1250),
            text: Some("velvet".into()),
            open_only: true,
            sort: CoreSort::Balance,
            limit: Some(50),
            after: Some("b12:300".into()),
            ..CoreFilter::default()
        }
    }

    #[test]
    fn the_filter_mirrors_every_core_field() {
        let core = every_field();
        let ours: OrderFilter = mirror(&core).expect("mirror");
        assert_eq!(ours.created_from.as_deref(), Some("2026-01-02"));
        assert_eq!(ours.sort, Some(OrderSort::Balance));
        assert_eq!(ours.balance_due, Some(true));
        let back: CoreFilter = mirror(&ours).expect("back");
        assert_eq!(back, core);
        // Same JSON both ways: no field of the core is missing here.
        assert_eq!(
            serde_json::to_value(&ours).expect("json"),
            serde_json::to_value(&core).expect("json")
        );
    }

    #[test]
    fn an_empty_filter_takes_the_core_defaults() {
        let back: CoreFilter = mirror(&OrderFilter::default()).expect("back");
        assert_eq!(back, CoreFilter::default());
        let ui: OrderFilter =
            serde_json::from_str(r#"{"email":"a@b","sort":"due","balance_due":true}"#)
                .expect("from the UI");
        let core: CoreFilter = mirror(&ui).expect("core");
        assert_eq!(core.email.as_deref(), Some("a@b"));
        assert_eq!(core.sort, CoreSort::Due);
        assert!(core.balance_due && !core.open_only);
    }

    #[test]
    fn a_bad_date_is_refused() {
        let ui = OrderFilter {
            created_from: Some("26/11/2026".into()),
            ..Default::default()
        };
        assert!(mirror::<_, CoreFilter>(&ui).is_err());
    }

    #[test]
    fn export_progress_crosses_over() {
        let core = tillflow::export::ExportProgress { done: 7, total: 9 };
        let ours: ExportProgress = mirror(&core).expect("mirror");
        assert_eq!(ours, ExportProgress { done: 7, total: 9 });
    }
}
