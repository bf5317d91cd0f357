//! Every settings and intake validation error, with the message a user sees,
//! and proof that nothing was written.

mod common;

use common::{laundry_input, Shop};
use serde_json::json;
use tillflow::settings::{Settings, SettingsChange, Step};
use tillflow::triggers::Trigger;

fn demo() -> Settings {
    Settings::demo()
}

fn err_of(s: &Settings) -> String {
    tillflow::settings::validate(s)
        .expect_err("must be refused")
        .to_string()
}

#[test]
fn demo_settings_are_valid() {
    tillflow::settings::validate(&demo()).unwrap();
}

#[test]
fn workflow_with_no_steps() {
    let mut s = demo();
    s.workflows[0].steps.clear();
    assert_eq!(
        err_of(&s),
        "workflows[laundry-intake].steps: a workflow needs at least one step"
    );
}

#[test]
fn step_status_not_in_library() {
    let mut s = demo();
    s.workflows[1].steps[1].status = "ironing".into();
    assert_eq!(
        err_of(&s),
        "workflows[laundry-production].steps[1].status: 'ironing' is not in the Status Library"
    );
}

#[test]
fn terminal_status_as_a_step() {
    let mut s = demo();
    s.workflows[0].steps.push(Step {
        status: "completed".into(),
        trigger: Trigger::ManualAdvance,
        roles: Default::default(),
        guards: Vec::new(),
        target: None,
    });
    assert!(err_of(&s).contains("'completed' is a terminal status and cannot be a step"));
}

#[test]
fn order_type_naming_a_workflow_of_the_wrong_type() {
    let mut s = demo();
    s.order_types[0]
        .stages
        .insert("production".into(), Some("laundry-intake".into()));
    assert_eq!(
        err_of(&s),
        "order_types[laundry].stages.production: workflow 'laundry-intake' is of type 'intake', not 'production'"
    );
}

#[test]
fn order_type_naming_missing_wizard_workflow_or_stage() {
    let mut s = demo();
    s.order_types[0].wizard = "nope".into();
    assert_eq!(
        err_of(&s),
        "order_types[laundry].wizard: no Action Wizard 'nope'"
    );
    let mut s = demo();
    s.order_types[0]
        .stages
        .insert("intake".into(), Some("nope".into()));
    assert_eq!(
        err_of(&s),
        "order_types[laundry].stages.intake: no workflow 'nope'"
    );
    let mut s = demo();
    s.order_types[0]
        .stages
        .insert("delivery".into(), Some("laundry-pickup".into()));
    assert_eq!(
        err_of(&s),
        "order_types[laundry].stages.delivery: 'delivery' is not a workflow type"
    );
    let mut s = demo();
    s.order_types[0].stages.clear();
    assert_eq!(
        err_of(&s),
        "order_types[laundry].stages: an order type needs a workflow for at least one stage"
    );
}

#[test]
fn duplicates_bad_keys_colours_and_currency() {
    let mut s = demo();
    let dup = s.statuses[0].clone();
    s.statuses.push(dup);
    assert_eq!(err_of(&s), "statuses: 'received' is defined twice");
    let mut s = demo();
    s.statuses[0].color = "blue".into();
    assert_eq!(
        err_of(&s),
        "statuses[received].color: 'blue' is not a colour like #2a7 or #22aa77"
    );
    let mut s = demo();
    s.workflows[0].key = "Laundry Intake".into();
    assert!(err_of(&s).contains("is not a valid key"));
    let mut s = demo();
    s.shop.currency = "EURO".into();
    assert!(err_of(&s).starts_with("shop.currency:"));
    s.shop.currency = "ZZZ".into();
    assert_eq!(
        err_of(&s),
        "shop.currency: 'ZZZ' is not an ISO 4217 currency code"
    );
    s.shop.currency = "eur".into();
    assert_eq!(
        err_of(&s),
        "shop.currency: 'eur' is not an ISO 4217 currency code (codes are upper case: EUR)"
    );
    s.shop.currency = "BHD".into();
    tillflow::settings::validate(&s).expect("a BHD shop");
    let mut s = demo();
    s.workflows[0].kind = "delivery".into();
    assert_eq!(
        err_of(&s),
        "workflows[laundry-intake].type: 'delivery' is not a workflow type"
    );
    let mut s = demo();
    s.wizards[0].steps[2].fields[0].options.clear();
    assert_eq!(
        err_of(&s),
        "wizards[laundry].steps[2].fields[0].options: a choice field needs at least one option"
    );
    let mut s = demo();
    s.catalogue[0].price = "3.505".parse().unwrap();
    assert!(err_of(&s).contains("catalogue[SHIRT].price"));
}

#[test]
fn settings_file_must_have_the_format_and_builtins() {
    let mut s = demo();
    s.format = "other".into();
    assert_eq!(
        err_of(&s),
        "format: expected 'tillflow.settings.v1', found 'other'"
    );
    let mut s = demo();
    s.statuses.retain(|x| x.key != "canceled");
    assert_eq!(
        err_of(&s),
        "statuses: the built-in status 'canceled' cannot be removed"
    );
    assert!(Settings::from_json("{not json")
        .unwrap_err()
        .to_string()
        .starts_with("settings: not a valid settings file"));
}

#[test]
fn the_issue_example_shape_is_accepted() {
    let text = r##"{"format": "tillflow.settings.v1",
     "shop": {"name": "Suds", "currency": "EUR", "prices_include_tax": false, "tax_rounding": "per_line"},
     "statuses": [{"key": "received", "name": "Received", "color": "#2a7"}],
     "workflow_types": ["intake", "production", "fulfillment"],
     "workflows": [{"key": "laundry-intake", "name": "Laundry intake", "type": "intake",
                    "steps": [{"status": "received", "trigger": "items.tagged"}]}],
     "wizards": [{"key": "laundry", "name": "Laundry intake",
                  "steps": [{"title": "Customer", "fields": [{"key": "customer", "kind": "customer", "required": true}]},
                            {"title": "Items", "fields": [{"key": "lines", "kind": "lines", "required": true},
                                                          {"key": "due_date", "kind": "date", "required": true}]}]}],
     "order_types": [{"key": "laundry", "name": "Laundry", "wizard": "laundry",
                      "stages": {"intake": "laundry-intake"}}]}"##;
    let s = Settings::from_json(text).unwrap();
    tillflow::settings::validate(&s).unwrap();
    assert!(s.status("completed").is_some() && s.status("canceled").is_some());
}

#[tokio::test]
async fn hub_deletes_refuse_things_in_use() {
    let shop = Shop::demo().await;
    let now = shop.now();
    let cases = [
        (SettingsChange::DeleteStatus { key: "cleaning".into() }, "status 'cleaning' is used by workflow 'Laundry production'; remove it from that workflow first"),
        (SettingsChange::DeleteStatus { key: "completed".into() }, "'completed' is a built-in status and cannot be deleted"),
        (SettingsChange::DeleteWorkflow { key: "laundry-intake".into() }, "workflow 'laundry-intake' is used by order type 'Laundry & dry cleaning'"),
        (SettingsChange::DeleteWizard { key: "repair".into() }, "wizard 'repair' is used by order type 'Repair'"),
    ];
    for (change, message) in cases {
        let err = shop
            .till
            .change_settings(change, &tillflow::staff::Actor::trusted("owner"), now)
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), message);
    }
    assert_eq!(shop.till.settings().unwrap(), shop.till.settings().unwrap());
    assert!(shop.till.settings().unwrap().status("cleaning").is_some());
}

#[tokio::test]
async fn import_is_all_or_nothing() {
    let shop = Shop::demo().await;
    let before = shop.till.settings().unwrap();
    let mut bad = before.clone();
    bad.shop.name = "Renamed".into();
    bad.workflows[2].steps[0].status = "ghost".into();
    assert!(shop
        .till
        .import_settings(bad, &tillflow::staff::Actor::trusted("owner"), shop.now())
        .await
        .is_err());
    assert_eq!(shop.till.settings().unwrap(), before);
    // And from disk, after reopening.
    let path = shop.dir.path().join("shop.db");
    shop.till.close().await;
    let till = tillflow::Till::open(&path, tillflow::storage::Durability::Full)
        .await
        .unwrap();
    assert_eq!(till.settings().unwrap(), before);
}

#[tokio::test]
async fn intake_errors_name_the_field_and_write_nothing() {
    let shop = Shop::demo().await;
    let cases: Vec<(serde_json::Value, &str)> = vec![
        (json!({"type": "laundry", "lines": [{"sku": "SHIRT", "qty": "1"}], "fields": {"due_date": "2026-03-05"}}), "customer: Choose or add a customer (Customer is required)"),
        (json!({"type": "laundry", "customer": {"name": "A"}, "lines": [], "fields": {"due_date": "2026-03-05"}}), "lines: Items needs at least one line"),
        (json!({"type": "laundry", "customer": {"name": "A"}, "lines": [{"sku": "SHIRT", "qty": "1"}], "fields": {}}), "due_date: Ready by is required"),
        (json!({"type": "laundry", "customer": {"name": "A"}, "lines": [{"sku": "SHIRT", "qty": "1"}], "fields": {"due_date": "05/03/2026"}}), "due_date: Ready by must be a date YYYY-MM-DD"),
        (json!({"type": "laundry", "customer": {"name": "A"}, "lines": [{"sku": "SHIRT", "qty": "1"}], "fields": {"due_date": "2026-03-05", "starch": "Extra"}}), "starch: Starch must be one of: None, Light, Heavy"),
        (json!({"type": "laundry", "customer": {"name": "A"}, "lines": [{"sku": "SHIRT", "qty": "1"}], "fields": {"due_date": "2026-03-05", "colour": "red"}}), "fields.colour: not a field of wizard 'Laundry drop-off'"),
        (json!({"type": "laundry", "customer": {"name": "A"}, "lines": [{"sku": "NOPE", "qty": "1"}], "fields": {"due_date": "2026-03-05"}}), "lines[0].sku: no catalogue item 'NOPE'; give a name and unit price for a free-text line"),
        (json!({"type": "laundry", "customer": {"name": "A"}, "lines": [{"sku": "SHIRT", "qty": "0"}], "fields": {"due_date": "2026-03-05"}}), "lines[0].qty: quantity must be greater than zero"),
        (json!({"type": "laundry", "customer": {"name": "A"}, "lines": [{"name": "Rug", "qty": "1", "unit_price": "9.999", "tax_rate": "20"}], "fields": {"due_date": "2026-03-05"}}), "lines[0].unit_price: 9.999 has more than 2 decimals for EUR"),
        (json!({"type": "laundry", "customer": {"name": "A", "phone": "call me"}, "lines": [{"sku": "SHIRT", "qty": "1"}], "fields": {"due_date": "2026-03-05"}}), "customer.phone: 'call me' is not a phone number (only digits, spaces and + - ( ) . are allowed)"),
        (json!({"type": "laundry", "customer": {"name": "A"}, "lines": [{"sku": "SHIRT", "qty": "1"}], "fields": {"due_date": "2026-03-05"}, "payments": [{"method": "card", "amount": "99.00"}]}), "payments: payments exceed the order total"),
        (json!({"type": "laundry", "customer": {"name": "A"}, "lines": [{"sku": "SHIRT", "qty": "1"}], "fields": {"due_date": "2026-03-05"}, "payments": [{"method": "card", "amount": "1.00", "reference": "4111 1111 1111 1111"}]}), "payments[0].reference: looks like a card number; store only the terminal's transaction reference"),
        (json!({"type": "dog-walking", "lines": []}), "type: no order type 'dog-walking'"),
    ];
    for (input, message) in cases {
        let input = serde_json::from_value(input).unwrap();
        let err = shop
            .till
            .create_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
            .await
            .unwrap_err();
        assert_eq!(err.to_string(), message);
        assert_eq!(err.code(), "invalid");
    }
    assert!(shop
        .till
        .list_orders(&Default::default())
        .await
        .unwrap()
        .is_empty());
    assert!(shop.till.find_customers("A").await.unwrap().is_empty());
    // The number sequence did not advance either.
    assert_eq!(shop.laundry(json!([])).await, "TF-000001");
    let _ = laundry_input(json!([]));
}

#[tokio::test]
async fn unknown_order_and_unknown_event_are_clear_errors() {
    let shop = Shop::demo().await;
    let err = shop
        .till
        .fire_event(
            "TF-999999",
            Trigger::ItemsTagged,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(
        (err.code(), err.to_string().as_str()),
        ("not_found", "order not found: TF-999999")
    );
    let err = Trigger::parse("items.washed").unwrap_err();
    assert_eq!(
        err.to_string(),
        "event: unknown trigger event 'items.washed'"
    );
}

#[tokio::test]
async fn system_triggers_are_refused_from_outside_and_write_nothing() {
    use tillflow::triggers::Source;
    let shop = Shop::demo().await;
    let n = shop.laundry(json!([])).await;
    let before = serde_json::to_value(shop.till.order(&n).await.unwrap()).unwrap();
    let system: Vec<Trigger> = Trigger::ALL
        .iter()
        .copied()
        .filter(|t| t.source() == Source::System)
        .collect();
    assert!(system.contains(&Trigger::ShipmentDelivered));
    assert!(system.contains(&Trigger::InvoicePrinted));
    assert!(system.contains(&Trigger::PaymentCaptured));
    for t in system {
        let err = shop
            .till
            .fire_event(&n, t, &tillflow::staff::Actor::trusted("bob"), shop.now())
            .await
            .unwrap_err();
        assert_eq!(err.code(), "invalid", "{t}");
        let message = err.to_string();
        assert!(message.contains(t.key()), "{message}");
        assert!(message.contains("raised by the system"), "{message}");
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["code"], "invalid");
    }
    let after = serde_json::to_value(shop.till.order(&n).await.unwrap()).unwrap();
    assert_eq!(after, before, "nothing written");
    // A worker's trigger still moves the order.
    let r = shop
        .till
        .fire_event(
            &n,
            Trigger::ItemsTagged,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!((r.moved, r.status.as_str()), (true, "cleaning"));
}

#[tokio::test]
async fn a_hostile_phone_number_is_refused_at_once_and_writes_nothing() {
    let shop = Shop::demo().await;
    for digits in [21, 200_000] {
        let input = serde_json::from_value(json!({
            "type": "laundry",
            "customer": {"name": "A", "phone": "1".repeat(digits)},
            "lines": [{"sku": "SHIRT", "qty": "1"}],
            "fields": {"due_date": "2026-03-05"}
        }))
        .unwrap();
        let started = std::time::Instant::now();
        let err = shop
            .till
            .create_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
            .await
            .unwrap_err();
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        assert_eq!(err.code(), "invalid");
        let text = err.to_string();
        assert!(text.starts_with("customer.phone: '111"), "{text}");
        assert!(
            text.len() < 200,
            "the message does not repeat the input: {} bytes",
            text.len()
        );
    }
    assert!(shop.till.find_customers("1111").await.unwrap().is_empty());
}
