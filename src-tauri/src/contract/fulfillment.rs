//! The order lifecycle as the UI sees it: stock per site, reservations,
//! shipments, returns and exchanges. Mirrors of `tillflow::{inventory,
//! shipments, returns}` and `tillflow::till` views (quantities and money are
//! decimal strings; dates RFC 3339 strings).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::orders::{LineInput, OrderView};

/// A quantity of one order line (line numbers start at 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LineQty {
    pub line: i64,
    /// Decimal string ("2", "0.5").
    pub qty: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryMethod {
    Carrier,
    Pickup,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ShipmentStatus {
    Created,
    Shipped,
    Delivered,
    Failed,
}

/// A new shipment: by carrier (carrier required, tracking optional) or
/// picked up in store (neither).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ShipmentInput {
    pub method: DeliveryMethod,
    #[ts(optional)]
    pub carrier: Option<String>,
    #[ts(optional)]
    pub tracking: Option<String>,
    pub lines: Vec<LineQty>,
}

/// How much of an order line a shipment carries, from which site (none for
/// items whose stock is not counted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ShipmentLine {
    pub line: i64,
    pub site: Option<String>,
    pub qty: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Shipment {
    pub id: i64,
    pub method: DeliveryMethod,
    pub carrier: Option<String>,
    pub tracking: Option<String>,
    pub status: ShipmentStatus,
    pub lines: Vec<ShipmentLine>,
    pub created_at: String,
    pub shipped_at: Option<String>,
    pub delivered_at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SiteKind {
    Store,
    Warehouse,
}

/// A warehouse or store; `home` is this store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Site {
    pub key: String,
    pub name: String,
    pub kind: SiteKind,
    pub home: bool,
}

/// Stock of one item at one site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StockLevel {
    pub site: String,
    pub sku: String,
    pub on_hand: String,
    pub allocated: String,
    /// On hand minus allocated (negative when backordered).
    pub available: String,
}

/// A counted item's stock at every site (POS intake).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ItemStock {
    pub sku: String,
    pub allow_backorder: bool,
    pub levels: Vec<StockLevel>,
}

/// Stock reserved for a line at a site, and how much of it shipped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Reservation {
    pub site: String,
    pub qty: String,
    pub shipped: String,
}

/// One order line's fulfillment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LineFulfillment {
    pub line: i64,
    pub sku: Option<String>,
    pub name: String,
    /// Its stock is counted (reserved before it ships).
    pub counted: bool,
    pub ordered: String,
    pub reserved: String,
    pub shipped: String,
    pub delivered: String,
    pub returned: String,
    /// Not in any shipment yet: what a new shipment may take.
    pub shippable: String,
    /// Handed over and not returned: what may come back.
    pub returnable: String,
    /// A counted line's kept quantity not reserved yet.
    pub unreserved: String,
    pub reservations: Vec<Reservation>,
}

/// The order screen's stock, shipments and returns panels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrderFulfillment {
    pub number: String,
    /// `open`, `ready_to_ship`, `partially_shipped`… (docs/fulfillment.md).
    pub state: String,
    pub lines: Vec<LineFulfillment>,
    pub shipments: Vec<Shipment>,
    pub sites: Vec<Site>,
    /// The order's counted items at every site, by SKU then site.
    pub stock: Vec<StockLevel>,
    /// The customer's store credit, when the order has a customer.
    pub store_credit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RefundTo {
    /// Back to the methods the customer paid with.
    Original,
    /// Store credit on the customer's account.
    StoreCredit,
}

/// Lines coming back: restocked at a site, or written off (no `restock`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReturnInput {
    pub lines: Vec<LineQty>,
    #[ts(optional)]
    pub restock: Option<String>,
    pub refund_to: RefundTo,
    pub reason: String,
}

/// A return plus new lines, settled as one difference (`method` pays a
/// difference in the shop's favour). Same JSON as the core's flattened type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExchangeInput {
    pub lines: Vec<LineQty>,
    #[ts(optional)]
    pub restock: Option<String>,
    pub refund_to: RefundTo,
    pub reason: String,
    pub add: Vec<LineInput>,
    #[ts(optional)]
    pub method: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RefundView {
    pub method: String,
    pub amount: String,
}

/// What a return or exchange would settle, computed by the core (nothing written).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReturnPreview {
    pub refund: String,
    pub charge: String,
    pub refunds: Vec<RefundView>,
    /// The order's new total.
    pub total: String,
    pub balance: String,
}

/// A return or exchange done: its settlement and the order as it is now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReturnOutcome {
    pub settled: ReturnPreview,
    pub order: OrderView,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::mirror;
    use rust_decimal::Decimal;
    use serde_json::json;
    use tillflow::inventory::Level;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn shipment_return_and_exchange_inputs_cross_over() {
        let ship = ShipmentInput {
            method: DeliveryMethod::Carrier,
            carrier: Some("DHL".into()),
            tracking: None,
            lines: vec![LineQty {
                line: 1,
                qty: "0.5".into(),
            }],
        };
        let core: tillflow::shipments::ShipmentInput = mirror(&ship).expect("shipment");
        assert_eq!(core.lines[0].qty, d("0.5"));
        assert_eq!(core.method, tillflow::shipments::DeliveryMethod::Carrier);

        let ret = ReturnInput {
            lines: vec![LineQty {
                line: 0,
                qty: "1".into(),
            }],
            restock: Some("store".into()),
            refund_to: RefundTo::StoreCredit,
            reason: "too small".into(),
        };
        let core: tillflow::returns::ReturnInput = mirror(&ret).expect("return");
        assert_eq!(core.refund_to, tillflow::payments::RefundTo::StoreCredit);
        assert_eq!(core.restock.as_deref(), Some("store"));

        let ex = ExchangeInput {
            lines: ret.lines.clone(),
            restock: None,
            refund_to: RefundTo::Original,
            reason: "other colour".into(),
            add: vec![LineInput {
                sku: Some("MUG".into()),
                name: None,
                qty: "2".into(),
                unit_price: None,
                tax_rate: None,
                modifiers: vec![],
                note: None,
            }],
            method: Some("card".into()),
        };
        let core: tillflow::returns::ExchangeInput = mirror(&ex).expect("exchange");
        assert_eq!(core.ret.reason, "other colour");
        assert_eq!(core.add[0].qty, d("2"));
        assert_eq!(core.method.as_deref(), Some("card"));
        let back: ExchangeInput = mirror(&core).expect("back");
        assert_eq!(back, ex);
        // A quantity that is not a number does not cross.
        let bad = json!({"method": "pickup", "lines": [{"line": 0, "qty": "two"}]});
        let r: Result<tillflow::shipments::ShipmentInput, _> = mirror(&bad);
        assert!(r.is_err());
    }

    #[test]
    fn the_order_fulfillment_view_crosses_over_unchanged() {
        use tillflow::shipments as s;
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
            .expect("date")
            .with_timezone(&chrono::Utc);
        let core = tillflow::till::OrderFulfillment {
            number: "TF-000001".into(),
            state: tillflow::fulfillment::FulfillmentState::PartiallyShipped,
            lines: vec![tillflow::till::LineFulfillment {
                line: 0,
                sku: Some("MUG".into()),
                name: "Mug".into(),
                counted: true,
                ordered: d("3"),
                reserved: d("3"),
                shipped: d("2"),
                delivered: d("0"),
                returned: d("0"),
                shippable: d("1"),
                returnable: d("0"),
                unreserved: d("0"),
                reservations: vec![tillflow::till::Reservation {
                    site: "store".into(),
                    qty: d("3"),
                    shipped: d("2"),
                }],
            }],
            shipments: vec![s::Shipment {
                id: 7,
                method: s::DeliveryMethod::Carrier,
                carrier: Some("DHL".into()),
                tracking: Some("TRK".into()),
                status: s::ShipmentStatus::Shipped,
                lines: vec![s::ShipmentLine {
                    line: 0,
                    site: Some("store".into()),
                    qty: d("2"),
                }],
                created_at: at,
                shipped_at: Some(at),
                delivered_at: None,
            }],
            sites: vec![tillflow::inventory::Site {
                key: "store".into(),
                name: "Store".into(),
                kind: tillflow::inventory::SiteKind::Store,
                home: true,
            }],
            stock: vec![Level::new("store", "MUG", d("4"), d("1"))],
            store_credit: Some("0.00".into()),
        };
        let ours: OrderFulfillment = mirror(&core).expect("view");
        assert_eq!(ours.state, "partially_shipped");
        assert_eq!(ours.stock[0].available, "3");
        assert_eq!(ours.shipments[0].status, ShipmentStatus::Shipped);
        assert_eq!(
            serde_json::to_value(&ours).expect("json"),
            serde_json::to_value(&core).expect("json")
        );
        let stock = tillflow::till::ItemStock {
            sku: "MUG".into(),
            allow_backorder: false,
            levels: core.stock.clone(),
        };
        let ours: ItemStock = mirror(&stock).expect("stock");
        assert_eq!(
            serde_json::to_value(&ours).expect("json"),
            serde_json::to_value(&stock).expect("json")
        );
    }
}
