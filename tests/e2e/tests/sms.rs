//! Telling the customer by SMS, in the real window: Settings › Messages
//! turns on the SMS gateway (a real HTTP server, Python's http.server,
//! started here), keeps the API key on this computer, sends a test SMS and
//! sets "Ready for pickup" to go by SMS; an order made ready is texted by
//! the app's background sender and its page shows the SMS sent; a gateway
//! that refuses the request (400) leaves the SMS failed with its answer on
//! the order page.
//! Ignored in a plain `cargo test`: `.ci/e2e.sh` runs it (see story.rs).

#[path = "../../gateway/mod.rs"]
mod gateway;
#[path = "../../smtp/mod.rs"]
mod smtp;

use std::time::Duration;

use gateway::Gateway;
use serde_json::json;
use smtp::free_port;
use tillflow_e2e::{App, TestResult};

const KEY: &str = "e2e-sms-key";

async fn ready_order(app: &App, phone: &str) -> TestResult<String> {
    let order = app
        .invoke(
            "order_create",
            json!({"input": {
                "type": "laundry",
                "customer": {"name": "Marie Curie", "phone": phone},
                "fields": {"due_date": "2030-01-15"},
                "lines": [{"sku": "SHIRT", "qty": "2"}],
                "payments": []
            }}),
        )
        .await?;
    let number = order["number"].as_str().ok_or("order number")?.to_string();
    for t in ["items.tagged", "work.completed", "order.marked_ready"] {
        app.invoke("order_fire", json!({"number": number, "trigger": t}))
            .await?;
    }
    Ok(number)
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and an X display: run .ci/e2e.sh"]
async fn an_sms_gateway_is_set_up_and_an_order_is_texted_when_ready() -> TestResult {
    let port = free_port();
    let dir = tempfile::tempdir()?;
    let gw = Gateway::start(port, dir.path(), "200");
    let app = App::launch().await?;
    let result = async {
        app.click("[data-testid=nav-settings]").await?;
        app.click("[data-testid=tab-messages]").await?;
        app.wait_for("[data-testid=sms-settings]").await?;
        app.click("[data-testid=sms-on]").await?;
        app.fill(
            "[data-testid=sms-url]",
            &format!(
                "http://127.0.0.1:{port}/send?to={{to}}&text={{text}}&key={{key}}&from={{sender}}"
            ),
        )
        .await?;
        app.fill("[data-testid=sms-key]", KEY).await?;
        app.fill("[data-testid=sms-sender]", "DemoShop").await?;
        app.fill("[data-testid=sms-country]", "33").await?;
        app.set_value("[data-testid=template-status]", "ready_for_pickup")
            .await?;
        app.click("[data-testid=template-add]").await?;
        app.set_value("[data-testid=template-channel]", "sms")
            .await?;
        app.wait_gone("[data-testid=template-subject]").await?;
        app.fill(
            "[data-testid=template-body]",
            "Hello {customer}, your {order_type} {number} is ready. Balance due {balance}.",
        )
        .await?;
        app.wait_for_text("[data-testid=template-sms-length]", "characters")
            .await?;

        // A test SMS to a national number goes to it made international.
        app.fill("[data-testid=sms-test-to]", "06 98 76 54 32")
            .await?;
        app.click("[data-testid=sms-test-send]").await?;
        app.wait_for_text("[data-testid=sms-test-result]", "+33698765432")
            .await?;
        let got = gw.requests(1, Duration::from_secs(5));
        assert_eq!(got.len(), 1, "the test SMS reached the gateway");
        assert_eq!(got[0].query["to"], "+33698765432");
        assert_eq!(got[0].query["key"], KEY);
        assert_eq!(got[0].query["from"], "DemoShop");

        app.click("[data-testid=messages-save]").await?;
        app.wait_for_text("[data-testid=toast]", "Messages saved")
            .await?;
        app.dismiss_toasts().await?;
        // The key is kept on this computer, not in the settings export.
        let export = app.invoke("settings_export", json!({})).await?;
        let export = export.as_str().ok_or("export text")?;
        assert!(export.contains("/send?to={to}"), "the gateway is exported");
        assert!(!export.contains(KEY), "the key is not exported");
        app.wait_for_text(
            "[data-testid=sms-settings]",
            "API key (set; empty keeps it)",
        )
        .await?;
        app.client
            .execute(
                "document.querySelector('[data-testid=sms-settings]').scrollIntoView()",
                vec![],
            )
            .await?;
        app.shot_painted("settings-messages-sms").await?;

        // An order made ready is texted by the background sender.
        let number = ready_order(&app, "06 12 34 56 78").await?;
        app.go(&format!("/orders/{number}")).await?;
        app.wait_for("[data-testid=order-message][data-channel=sms]")
            .await?;
        app.wait_for_text_within("[data-testid=message-state]", "Sent", 20)
            .await?;
        app.wait_for_text("[data-testid=order-messages]", "By SMS to +33612345678")
            .await?;
        let got = gw.requests(2, Duration::from_secs(5));
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].query["to"], "+33612345678");
        // The demo shop writes amounts as fr-FR does: "Balance due 30,50 €."
        let text = &got[1].query["text"];
        assert!(
            text.starts_with(&format!(
                "Hello Marie Curie, your Laundry & dry cleaning {number} is ready. Balance due "
            )) && text.ends_with("\u{a0}€."),
            "{text}"
        );
        app.shot("order-sms-sent").await?;
        Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
    }
    .await;
    if let Err(e) = result {
        let _ = app.shot("sms-failure").await;
        app.close().await?;
        return Err(e);
    }

    // The gateway refuses the next one: failed for good, its answer shown.
    drop(gw);
    let refused_dir = tempfile::tempdir()?;
    let refusing = Gateway::start(port, refused_dir.path(), "400:Invalid destination number");
    let result = async {
        let number = ready_order(&app, "06 11 22 33 44").await?;
        app.go(&format!("/orders/{number}")).await?;
        app.wait_for_text_within(
            "[data-testid=message-error]",
            "400 Bad Request: Invalid destination number",
            20,
        )
        .await?;
        app.wait_for_text("[data-testid=message-error]", "No more automatic attempts")
            .await?;
        let o = app.invoke("order_get", json!({"number": number})).await?;
        assert_eq!(o["status"].as_str(), Some("ready_for_pickup"));
        assert_eq!(refusing.requests(1, Duration::from_secs(5)).len(), 1);
        app.shot("order-sms-failed").await?;
        Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
    }
    .await;
    if result.is_err() {
        let _ = app.shot("sms-failure").await;
    }
    app.close().await?;
    result
}
