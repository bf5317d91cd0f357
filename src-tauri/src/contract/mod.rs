//! The IPC contract: the types that are the shell's own (views that combine
//! core results, the print desk's jobs, the trigger catalogue). Everything
//! else a command takes or returns is a core type whose TypeScript binding
//! the core derives behind its `ts` feature; `bindings::render` writes them
//! all to ui/src/lib/api/bindings.ts. The tests below pin the JSON the UI
//! sends and gets.

pub mod dashboard;
pub mod fulfillment;
pub mod import;
pub mod inventory;
pub mod journal;
pub mod printing;
pub mod search;
pub mod settings;
pub mod staff;

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;
    use serde_json::{json, Value};
    use tillflow::settings::{Settings, SettingsChange};

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn to_json<T: serde::Serialize>(v: &T) -> Value {
        serde_json::to_value(v).expect("json")
    }

    fn from_ui<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, serde_json::Error> {
        serde_json::from_value(v)
    }

    fn at(text: &str) -> chrono::DateTime<chrono::Utc> {
        text.parse().expect("instant")
    }

    #[test]
    fn settings_the_ui_gets_come_back_unchanged() {
        let mut core = Settings::demo();
        core.shop.documents.paper = tillflow::documents::PaperSize::Letter;
        core.shop.documents.logo = Some(tillflow::settings::Logo::stored("ab".repeat(32)));
        core.shop.printing.invoice_printer = Some("Front desk".into());
        core.shop.printing.copies = 2;
        core.shop.printing.receipt_printer = tillflow::printing::ReceiptPrinter::Thermal(
            tillflow::printing::ThermalTarget::Network {
                host: "10.0.0.9".into(),
                port: 9100,
            },
        );
        core.order_types[0].deposit_percent = Some(Decimal::new(305, 1));
        core.order_types[0].abandon_after_hours = Some(48);
        let sent = to_json(&core);
        assert_eq!(sent["shop"]["documents"]["paper"], "letter");
        assert_eq!(
            sent["shop"]["printing"]["receipt_printer"],
            json!({"thermal": {"network": {"host": "10.0.0.9", "port": 9100}}})
        );
        assert_eq!(sent["order_types"][0]["deposit_percent"], "30.5");
        assert_eq!(
            sent["catalogue"][0]["price"],
            to_json(&core.catalogue[0].price.to_string())
        );
        let back: Settings = from_ui(sent).expect("back");
        assert_eq!(back, core);
        // Default document and printer settings are left out, as before.
        let demo = to_json(&Settings::demo());
        assert!(demo["shop"].get("documents").is_none());
        assert!(demo["shop"].get("printing").is_none());
    }

    #[test]
    fn every_settings_change_the_ui_sends_is_read() {
        let s = to_json(&Settings::demo());
        let changes = [
            json!({"op": "save_shop", "shop": s["shop"]}),
            json!({"op": "save_status", "status": s["statuses"][0]}),
            json!({"op": "save_workflow", "workflow": s["workflows"][0]}),
            json!({"op": "save_wizard", "wizard": s["wizards"][0]}),
            json!({"op": "save_order_type", "order_type": s["order_types"][0]}),
            json!({"op": "save_item", "item": s["catalogue"][0]}),
            json!({"op": "save_workflow_types", "workflow_types": ["intake"]}),
            json!({"op": "delete_status", "key": "x"}),
            json!({"op": "delete_item", "sku": "x"}),
        ];
        for c in changes {
            let parsed: SettingsChange = from_ui(c.clone()).expect("change");
            assert_eq!(to_json(&parsed), c);
        }
        let bad = json!({"op": "save_status", "status": {"key": "x"}});
        assert!(from_ui::<SettingsChange>(bad).is_err());
    }

    #[test]
    fn order_input_takes_decimal_strings_and_split_tender_in_order() {
        let ui = json!({
            "type": "laundry",
            "customer": {"id": 7},
            "fields": {"notes": "starch", "rush": true},
            "lines": [{"sku": "SHIRT", "qty": "1.5", "modifiers": [{"name": "Starch", "price": "0.50"}]}],
            "payments": [
                {"method": "cash", "amount": "5.00"},
                {"method": "store_credit", "amount": "7.15"}
            ]
        });
        let core: tillflow::orders::OrderInput = from_ui(ui).expect("input");
        assert_eq!(core.order_type, "laundry");
        assert_eq!(core.customer.as_ref().and_then(|c| c.id), Some(7));
        assert_eq!(core.fields["rush"], true);
        assert_eq!(core.lines[0].qty, d("1.5"));
        assert_eq!(core.lines[0].modifiers[0].price, Some(d("0.50")));
        let methods: Vec<&str> = core.payments.iter().map(|p| p.method.as_str()).collect();
        assert_eq!(methods, ["cash", "store_credit"]);
        assert_eq!(core.payments[1].amount, d("7.15"));
        // What is not an amount or a quantity is refused, nothing guessed.
        let bad = json!({"type": "laundry", "lines": [{"qty": "two"}]});
        assert!(from_ui::<tillflow::orders::OrderInput>(bad).is_err());
        let bad = json!({"method": "cash", "amount": "1,50"});
        assert!(from_ui::<tillflow::orders::PaymentInput>(bad).is_err());
    }

    #[test]
    fn an_unreadable_argument_reaches_the_ui_in_the_form_its_client_reads() {
        // ui/src/lib/api/client.ts turns this text into an `invalid` error on
        // the argument's field.
        let bad = json!({"method": "cash", "amount": "1,50"});
        let err = from_ui::<tillflow::orders::PaymentInput>(bad).expect_err("not an amount");
        let text = tauri::Error::InvalidArgs("order_pay", "payment", err).to_string();
        assert!(
            text.starts_with("invalid args `payment` for command `order_pay`: "),
            "{text}"
        );
    }

    #[test]
    fn shipment_return_and_exchange_inputs_are_read() {
        let ship: tillflow::shipments::ShipmentInput = from_ui(json!({
            "method": "carrier", "carrier": "DHL", "lines": [{"line": 1, "qty": "0.5"}]
        }))
        .expect("shipment");
        assert_eq!(ship.lines[0].qty, d("0.5"));
        assert_eq!(ship.method, tillflow::shipments::DeliveryMethod::Carrier);
        let ret = json!({
            "lines": [{"line": 0, "qty": "1"}], "restock": "store",
            "refund_to": "store_credit", "reason": "too small"
        });
        let core: tillflow::returns::ReturnInput = from_ui(ret).expect("return");
        assert_eq!(core.refund_to, tillflow::payments::RefundTo::StoreCredit);
        assert_eq!(core.restock.as_deref(), Some("store"));
        // An exchange is the return's fields plus `add` and `method`, flat.
        let ex = json!({
            "lines": [{"line": 0, "qty": "1"}], "refund_to": "original",
            "reason": "other colour", "add": [{"sku": "MUG", "qty": "2"}], "method": "card"
        });
        let core: tillflow::returns::ExchangeInput = from_ui(ex).expect("exchange");
        assert_eq!(core.ret.reason, "other colour");
        assert_eq!(core.add[0].qty, d("2"));
        assert_eq!(core.method.as_deref(), Some("card"));
        let bad = json!({"method": "pickup", "lines": [{"line": 0, "qty": "two"}]});
        assert!(from_ui::<tillflow::shipments::ShipmentInput>(bad).is_err());
    }

    #[test]
    fn the_order_fulfillment_view_keeps_its_json() {
        use tillflow::inventory::{Level, Site, SiteKind};
        use tillflow::shipments as s;
        use tillflow::till::{LineFulfillment, OrderFulfillment, Reservation};
        let when = at("2026-03-02T09:00:00Z");
        let view = OrderFulfillment {
            number: "TF-000001".into(),
            state: tillflow::fulfillment::FulfillmentState::PartiallyShipped,
            lines: vec![LineFulfillment {
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
                reservations: vec![Reservation {
                    site: "store".into(),
                    qty: d("3"),
                    shipped: d("2"),
                }],
            }],
            shipments: vec![s::Shipment {
                id: 7,
                method: s::DeliveryMethod::Carrier,
                carrier: Some("DHL".into()),
                tracking: None,
                status: s::ShipmentStatus::Shipped,
                lines: vec![s::ShipmentLine {
                    line: 0,
                    site: Some("store".into()),
                    qty: d("2"),
                }],
                created_at: when,
                shipped_at: Some(when),
                delivered_at: None,
            }],
            sites: vec![Site {
                key: "store".into(),
                name: "Store".into(),
                kind: SiteKind::Store,
                home: true,
            }],
            stock: vec![Level::new("store", "MUG", d("4"), d("1"))],
            store_credit: Some("0.00".into()),
            goods: true,
        };
        let json = to_json(&view);
        assert_eq!(json["state"], "partially_shipped");
        assert_eq!(json["goods"], true);
        assert_eq!(json["lines"][0]["shippable"], "1");
        assert_eq!(json["lines"][0]["reservations"][0]["shipped"], "2");
        assert_eq!(json["stock"][0]["available"], "3");
        assert_eq!(json["shipments"][0]["status"], "shipped");
        assert_eq!(json["shipments"][0]["created_at"], "2026-03-02T09:00:00Z");
        assert_eq!(json["shipments"][0]["tracking"], Value::Null);
        assert_eq!(
            json["sites"][0],
            json!({"key": "store", "name": "Store", "kind": "store", "home": true})
        );
    }

    #[test]
    fn inventory_keeps_exact_quantities() {
        use tillflow::inventory as core;
        let site: core::Site =
            from_ui(json!({"key": "wh-north", "name": "North warehouse", "kind": "warehouse"}))
                .expect("site");
        assert_eq!(site.kind, core::SiteKind::Warehouse);
        assert!(!site.home);
        let level = core::Level::new("store", "MUG", Decimal::new(25, 1), Decimal::new(4, 0));
        assert_eq!(
            to_json(&level),
            json!({"site": "store", "sku": "MUG", "on_hand": "2.5", "allocated": "4", "available": "-1.5"})
        );
        let m = core::Movement {
            id: 3,
            site: "store".into(),
            sku: "MUG".into(),
            kind: core::MovementKind::Adjustment,
            qty: Decimal::new(-2, 0),
            order: None,
            note: Some("broken".into()),
            at: at("2026-11-26T10:00:00Z"),
            actor: "counter".into(),
        };
        let json = to_json(&m);
        assert_eq!(json["kind"], "adjustment");
        assert_eq!(json["qty"], "-2");
        assert_eq!(json["at"], "2026-11-26T10:00:00Z");
        let inv = super::inventory::Inventory {
            sites: vec![site],
            levels: vec![level],
            counted: vec![core::CountedItem {
                sku: "MUG".into(),
                allow_backorder: true,
            }],
        };
        assert_eq!(to_json(&inv)["counted"][0]["allow_backorder"], true);
    }

    #[test]
    fn the_filter_reads_every_field_the_ui_sends() {
        use tillflow::orders::{OrderFilter, OrderSort};
        let ui = json!({
            "number": "TF-000042", "customer": "ada love", "phone": "0991", "email": "ada@",
            "status": "cleaning", "stage": "production", "type": "laundry", "site": "wh-north",
            "fulfillment_state": "partially_shipped", "as_of": "2026-03-01T10:00:00Z",
            "created_from": "2026-01-02", "created_to": "2026-02-03", "balance_due": true,
            "min_balance": 1250, "text": "velvet", "open_only": true, "sort": "balance",
            "limit": 50, "after": "b12:300"
        });
        let f: OrderFilter = from_ui(ui).expect("filter");
        let expected = OrderFilter {
            number: Some("TF-000042".into()),
            customer: Some("ada love".into()),
            phone: Some("0991".into()),
            email: Some("ada@".into()),
            status: Some("cleaning".into()),
            stage: Some("production".into()),
            order_type: Some("laundry".into()),
            site: Some("wh-north".into()),
            fulfillment_state: Some(tillflow::fulfillment::FulfillmentState::PartiallyShipped),
            as_of: Some(at("2026-03-01T10:00:00Z")),
            created_from: chrono::NaiveDate::from_ymd_opt(2026, 1, 2),
            created_to: chrono::NaiveDate::from_ymd_opt(2026, 2, 3),
            balance_due: true,
            min_balance: Some(1250),
            text: Some("velvet".into()),
            open_only: true,
            sort: OrderSort::Balance,
            limit: Some(50),
            after: Some("b12:300".into()),
            ..OrderFilter::default()
        };
        assert_eq!(f, expected);
        // An empty filter takes the core's defaults.
        let empty: OrderFilter = from_ui(json!({})).expect("empty");
        assert_eq!(empty, OrderFilter::default());
        let bad = json!({"created_from": "26/11/2026"});
        assert!(from_ui::<OrderFilter>(bad).is_err());
    }

    #[test]
    fn export_progress_import_report_and_triggers_keep_their_json() {
        let p = tillflow::export::ExportProgress { done: 7, total: 9 };
        assert_eq!(to_json(&p), json!({"done": 7, "total": 9}));
        let report = tillflow::import::ImportReport {
            dry_run: true,
            rows: 3,
            created: 1,
            updated: 1,
            problems: vec![tillflow::import::Problem::new(
                4,
                "phone",
                "not a phone number",
            )],
            written: false,
        };
        assert_eq!(
            to_json(&report),
            json!({"dry_run": true, "rows": 3, "created": 1, "updated": 1, "written": false,
                   "problems": [{"row": 4, "column": "phone", "message": "not a phone number"}]})
        );
        let t = super::settings::TriggerInfo::from(tillflow::triggers::Trigger::PaymentCaptured);
        assert_eq!(
            to_json(&t),
            json!({"key": "payment.captured", "label": "Payment captured", "source": "system",
                   "is_state": false, "description": "A payment (any amount) was recorded."})
        );
    }
}
