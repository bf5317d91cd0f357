//! Telling the customer, in the real window: Settings › Messages sets the
//! SMTP server (a real one, aiosmtpd, started here) and a "Ready for
//! pickup" message with the core's live preview, sends a test email; an
//! order made ready is emailed by the app's background sender and its page
//! shows the message sent; with the server down the page shows the failure
//! and its reason, and Retry delivers once the server is back. The receipt
//! is emailed from the order page with its PDF attached.
//! Ignored in a plain `cargo test`: `.ci/e2e.sh` runs it (see story.rs).

#[path = "../../smtp/mod.rs"]
mod smtp;

use std::time::Duration;

use serde_json::json;
use smtp::{free_port, SmtpServer};
use tillflow_e2e::{App, TestResult};

async fn ready_order(app: &App, email: &str) -> TestResult<String> {
    let order = app
        .invoke(
            "order_create",
            json!({"input": {
                "type": "laundry",
                "customer": {"name": "Marie Curie", "phone": "+33 6 12 34 56 78", "email": email},
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
async fn messages_page_and_an_order_emailed_when_ready() -> TestResult {
    let port = free_port();
    let mail_dir = tempfile::tempdir()?;
    let server = SmtpServer::start(port, mail_dir.path());
    let app = App::launch().await?;
    let result = async {
        app.click("[data-testid=nav-settings]").await?;
        app.click("[data-testid=tab-messages]").await?;
        app.wait_for("[data-testid=templates-empty]").await?;
        app.fill("[data-testid=smtp-host]", "127.0.0.1").await?;
        app.set_value("[data-testid=smtp-tls]", "none").await?;
        app.fill("[data-testid=smtp-port]", &port.to_string()).await?;
        app.fill("[data-testid=smtp-from]", "Tillflow Demo Shop <shop@example.com>")
            .await?;
        app.set_value("[data-testid=template-status]", "ready_for_pickup")
            .await?;
        app.click("[data-testid=template-add]").await?;
        app.fill(
            "[data-testid=template-body]",
            "Hello {customer}, your {order_type} {number} is ready. Balance due {balance}.",
        )
        .await?;
        // The core fills the template for an example order, the balance as
        // the demo shop (fr-FR) writes amounts.
        app.wait_for_text(
            "[data-testid=template-preview]",
            "Hello Ana Ruiz, your Laundry & dry cleaning TF-000123 is ready. Balance due 45,00",
        )
        .await?;
        // An unknown placeholder is named in the preview.
        app.fill("[data-testid=template-subject]", "Ready: {numbr}").await?;
        app.wait_for_text("[data-testid=template-error]", "placeholder '{numbr}'")
            .await?;
        app.fill("[data-testid=template-subject]", "{number} is ready for pickup")
            .await?;
        app.wait_gone("[data-testid=template-error]").await?;

        app.fill("[data-testid=test-to]", "owner@example.com").await?;
        app.click("[data-testid=test-send]").await?;
        app.wait_for_text("[data-testid=test-result]", "Sent to owner@example.com")
            .await?;
        let got = server.received(1, Duration::from_secs(5));
        assert_eq!(got.len(), 1, "the test email arrived");
        assert_eq!(got[0].rcpt_tos, vec!["owner@example.com".to_string()]);
        assert!(got[0].subject.starts_with("Test email from"), "{}", got[0].subject);

        app.click("[data-testid=messages-save]").await?;
        app.wait_for_text("[data-testid=toast]", "Messages saved").await?;
        app.dismiss_toasts().await?;
        app.shot("settings-messages").await?;
        app.client
            .execute("window.scrollTo(0, 0); document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; });", vec![])
            .await?;
        app.shot("settings-messages-server").await?;

        // An order made ready is emailed by the background sender.
        let number = ready_order(&app, "marie@example.com").await?;
        app.go(&format!("/orders/{number}")).await?;
        app.wait_for("[data-testid=order-message]").await?;
        app.wait_for_text_within("[data-testid=message-state]", "Sent", 20)
            .await?;
        let got = server.received(2, Duration::from_secs(5));
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].rcpt_tos, vec!["marie@example.com".to_string()]);
        assert_eq!(got[1].subject, format!("{number} is ready for pickup"));
        assert!(
            got[1].body.starts_with(&format!(
                "Hello Marie Curie, your Laundry & dry cleaning {number} is ready. Balance due "
            )),
            "{}",
            got[1].body
        );
        // customer.notified (raised by the system) moved the order on.
        let o = app.invoke("order_get", json!({"number": number})).await?;
        assert_eq!(o["status"].as_str(), Some("awaiting_pickup"));
        app.wait_for_text("[data-testid=timeline-entry]", "· system").await?;
        app.shot("order-message-sent").await?;

        // The receipt by email, its PDF attached (the address is the customer's).
        app.click("[data-testid=email-receipt-send]").await?;
        app.wait_for_text("[data-testid=toast]", "Receipt emailed to marie@example.com")
            .await?;
        let got = server.received(3, Duration::from_secs(5));
        assert_eq!(got.len(), 3);
        assert_eq!(got[2].subject, format!("Your receipt {number} from Tillflow Demo Shop"));
        assert_eq!(got[2].attachments.len(), 1);
        assert_eq!(got[2].attachments[0].0, format!("receipt-{number}.pdf"));
        assert!(std::fs::read(&got[2].attachments[0].2)?.starts_with(b"%PDF"));
        app.dismiss_toasts().await?;
        Ok::<String, Box<dyn std::error::Error + Send + Sync>>(number)
    }
    .await;
    let number = match result {
        Ok(n) => n,
        Err(e) => {
            let _ = app.shot("messages-failure").await;
            app.close().await?;
            return Err(e);
        }
    };
    drop(number);

    // The server goes down: the order is unaffected, the message fails
    // with its reason; Retry delivers once the server is back.
    drop(server);
    let result = async {
        let number = ready_order(&app, "pierre@example.com").await?;
        let o = app.invoke("order_get", json!({"number": number})).await?;
        assert_eq!(o["status"].as_str(), Some("ready_for_pickup"));
        app.go(&format!("/orders/{number}")).await?;
        app.wait_for_text_within("[data-testid=message-error]", "refused", 20)
            .await?;
        app.shot("order-message-failed").await?;
        let o = app.invoke("order_get", json!({"number": number})).await?;
        assert_eq!(o["status"].as_str(), Some("ready_for_pickup"));
        let server = SmtpServer::start(port, mail_dir.path());
        app.click("[data-testid=message-retry]").await?;
        app.wait_for_text_within("[data-testid=message-state]", "Sent", 20)
            .await?;
        let got = server.received(4, Duration::from_secs(5));
        assert_eq!(got.len(), 4);
        assert_eq!(
            got.last().map(|m| m.rcpt_tos.clone()),
            Some(vec!["pierre@example.com".to_string()])
        );
        Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
    }
    .await;
    if result.is_err() {
        let _ = app.shot("messages-failure").await;
    }
    app.close().await?;
    result
}
