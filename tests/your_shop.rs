//! Issue 10's day one through the core, on a real database file and a real
//! SMTP server: a bike shop set up blank, its statuses, workflow,
//! categories, catalogue, a wizard whose "Promised for" date is the due date
//! and whose bike serial prints on the job ticket and tags, an order type
//! limited to one category, an e-mail template on "Ready for pickup"; then an
//! order taken, its ticket and 2 tags printed (PDFs read back), marked ready
//! → the customer's e-mail arrives; the customer's page shows the order and
//! what they owe.

mod common;
mod smtp;

use std::time::Duration;

use common::{t0, Shop};
use serde_json::{json, Value};
use smtp::{free_port, SmtpServer};
use tillflow::customers::CustomerSearch;
use tillflow::documents::DocumentKind;
use tillflow::orders::OrderInput;
use tillflow::settings::{SettingsChange, ShopSetup};
use tillflow::triggers::Trigger;

fn change(v: Value) -> SettingsChange {
    serde_json::from_value(v).expect("a settings change")
}

fn pdf_text(pdf: &[u8], dir: &std::path::Path, name: &str) -> String {
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).expect("write");
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn a_bike_shop_from_blank_to_the_customer_told_it_is_ready() {
    let shop = Shop::blank().await;
    let t = &shop.till;
    let setup: ShopSetup = serde_json::from_value(json!({
        "name": "Spokes Bike Repair", "currency": "USD", "time_zone": "America/Chicago",
        "address": ["12 Chain Street", "Chicago IL 60601"], "phone": "+1 312 555 0100",
        "order_prefix": "BK-"
    }))
    .expect("setup");
    t.set_up(&setup, &tillflow::staff::Actor::trusted("owner"), t0())
        .await
        .expect("set up blank");

    let port = free_port();
    for c in [
        json!({"op": "save_status", "status": {"key": "checked_in", "name": "Checked in", "color": "#5c6bc0"}}),
        json!({"op": "save_status", "status": {"key": "repairing", "name": "Repairing", "color": "#0288d1"}}),
        json!({"op": "save_status", "status": {"key": "ready", "name": "Ready for pickup", "color": "#43a047"}}),
        json!({"op": "save_workflow", "workflow": {"key": "bike", "name": "Bike repair", "type": "intake", "steps": [
            {"status": "checked_in", "trigger": "work.started"},
            {"status": "repairing", "trigger": "order.marked_ready"},
            {"status": "ready", "trigger": "order.picked_up"}]}}),
        json!({"op": "save_categories", "categories": ["Bike parts", "Bike services"]}),
        json!({"op": "save_item", "item": {"sku": "TUNE", "name": "Tune-up", "price": "45.00", "tax_rate": "0", "categories": ["Bike services"]}}),
        json!({"op": "save_item", "item": {"sku": "BRAKE", "name": "Brake service", "price": "25.00", "tax_rate": "0", "categories": ["Bike services"]}}),
        json!({"op": "save_item", "item": {"sku": "TUBE", "name": "Inner tube", "price": "8.90", "tax_rate": "0", "categories": ["Bike parts"]}}),
        json!({"op": "save_wizard", "wizard": {"key": "bike", "name": "Bike check-in", "steps": [
            {"title": "Customer", "fields": [{"key": "customer", "label": "Customer", "kind": "customer", "required": true}]},
            {"title": "Bike", "fields": [
                {"key": "bike_make", "label": "Bike make", "kind": "text", "print_on": ["ticket"]},
                {"key": "bike_serial", "label": "Bike serial", "kind": "text", "role": "item_identifier", "print_on": ["ticket", "tags"]},
                {"key": "promised_for", "label": "Promised for", "kind": "date", "role": "due_date", "required": true},
                {"key": "lines", "label": "Work", "kind": "lines", "required": true}]}]}}),
        json!({"op": "save_order_type", "order_type": {"key": "bike", "name": "Bike repair", "wizard": "bike",
            "stages": {"intake": "bike"}, "categories": ["Bike services"]}}),
        json!({"op": "save_messages", "messages": {
            "email": {"host": "127.0.0.1", "port": port, "tls": "none", "user": "", "from": "Spokes <shop@spokes.example>"},
            "templates": [{"status": "ready", "subject": "Your bike {number} is ready",
                "body": "Hello {customer}, your {order_type} {number} is ready. Balance due {balance}."}]}}),
    ] {
        t.change_settings(
            change(c.clone()),
            &tillflow::staff::Actor::trusted("owner"),
            t0(),
        )
        .await
        .unwrap_or_else(|e| panic!("{c}: {e}"));
    }

    // The order type offers its category only.
    let offered: Vec<String> = t
        .find_items(Some("bike"), "")
        .expect("items")
        .into_iter()
        .map(|i| i.sku)
        .collect();
    assert_eq!(offered, ["TUNE", "BRAKE"]);

    // The morning's float: a new shop takes no cash before its drawer is open.
    shop.open_drawer("100.00").await;
    let input = |lines: Value| -> OrderInput {
        serde_json::from_value(json!({
            "type": "bike",
            "customer": {"name": "Eddy Merckx", "phone": "+1 312 555 0111", "email": "eddy@example.com"},
            "fields": {"bike_make": "Gazelle", "bike_serial": "WTU-4471", "promised_for": "2026-03-09"},
            "lines": lines,
            "payments": [{"method": "cash", "amount": "20.00"}]
        }))
        .expect("order input")
    };
    // A part the order type does not offer is refused, nothing written.
    let refused = t
        .create_order(
            &input(json!([{"sku": "TUBE", "qty": "1"}])),
            &tillflow::staff::Actor::trusted("sam"),
            t0(),
        )
        .await;
    assert!(refused.is_err(), "{refused:?}");
    let number = t
        .create_order(
            &input(json!([{"sku": "TUNE", "qty": "1"}, {"sku": "BRAKE", "qty": "1"}])),
            &tillflow::staff::Actor::trusted("sam"),
            t0(),
        )
        .await
        .expect("order")
        .number;
    assert_eq!(number, "BK-000001");
    let view = t.order(&number).await.expect("view");
    assert_eq!(
        view.due_date.map(|d| d.to_string()).as_deref(),
        Some("2026-03-09")
    );

    // The job ticket and the two tags, read back.
    let dir = shop.dir.path();
    let ticket = t
        .render_document(&number, DocumentKind::Ticket, false)
        .await
        .expect("ticket");
    let text = pdf_text(&ticket[0].pdf, dir, "ticket");
    for wanted in [
        "BK-000001",
        "Eddy Merckx",
        "Bike make: Gazelle",
        "Bike serial: WTU-4471",
        // The due date as a US shop (USD, Chicago: en-US) writes it.
        "03/09/2026",
        "Tune-up",
        "Brake service",
    ] {
        assert!(
            text.contains(wanted),
            "{wanted:?} not on the ticket:\n{text}"
        );
    }
    let tags = t
        .render_document(&number, DocumentKind::Tags, false)
        .await
        .expect("tags");
    let text = pdf_text(&tags[0].pdf, dir, "tags");
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages.len(), 2, "{text}");
    assert!(
        pages[0].contains("1 of 2") && pages[1].contains("2 of 2"),
        "{text}"
    );
    assert!(pages
        .iter()
        .all(|p| p.contains("WTU-4471") && !p.contains("Gazelle")));

    // Work done, marked ready → the e-mail, through a real SMTP server.
    let server = SmtpServer::start(port, dir);
    t.fire_event(
        &number,
        Trigger::WorkStarted,
        &tillflow::staff::Actor::trusted("sam"),
        t0(),
    )
    .await
    .expect("started");
    t.fire_event(
        &number,
        Trigger::OrderMarkedReady,
        &tillflow::staff::Actor::trusted("sam"),
        t0(),
    )
    .await
    .expect("ready");
    assert_eq!(shop.status(&number).await.1, "ready");
    let report = t.send_due_messages(t0(), 10).await.expect("send");
    assert_eq!((report.sent, report.failed), (1, 0));
    let got = server.received(1, Duration::from_secs(5));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].rcpt_tos, ["eddy@example.com"]);
    assert_eq!(got[0].subject, "Your bike BK-000001 is ready");
    assert_eq!(
        got[0].body.trim_end(),
        "Hello Eddy Merckx, your Bike repair BK-000001 is ready. Balance due $50.00."
    );

    // The customer's page: found by the phone as typed another way, the
    // order and what they owe.
    let found = t
        .search_customers(&CustomerSearch {
            text: "312 555 0111".into(),
            after: None,
            limit: None,
        })
        .await
        .expect("search");
    assert_eq!(found.total, 1);
    let id = found.customers[0].id;
    let customer = t.customer(id).await.expect("customer");
    assert_eq!(customer.customer.name, "Eddy Merckx");
    assert_eq!((customer.orders, customer.open_orders), (1, 1));
    assert_eq!(customer.balance, "50.00");
    let orders = t.customer_orders(id, None, None).await.expect("orders");
    assert_eq!(orders.orders.len(), 1);
    assert_eq!(orders.orders[0].number, "BK-000001");
}
