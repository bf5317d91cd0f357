//! Telling the customer: an order entering a status with a template queues a
//! message in the same transaction; the sender delivers it to a real SMTP
//! server (aiosmtpd, started here) and raises `customer.notified`; a server
//! that is down leaves the message failed with the reason, the order as it
//! was, and a later retry delivers it.

mod common;
mod smtp;

use std::time::Duration;

use chrono::Duration as Minutes;
use common::{laundry_input, Shop};
use serde_json::json;
use smtp::{free_port, SmtpServer};
use tillflow::audit::AuditEvent;
use tillflow::messages::{MessageSettings, MessageTemplate, OutboxState, SmtpSettings, TlsMode};
use tillflow::settings::SettingsChange;
use tillflow::till::MessagesChange;
use tillflow::triggers::Trigger;

const BODY: &str =
    "Hello {customer}, your {order_type} {number} is ready. Balance due {balance}. {shop}";

fn messages(port: u16) -> MessageSettings {
    MessageSettings {
        email: Some(SmtpSettings {
            host: "127.0.0.1".into(),
            port,
            tls: TlsMode::None,
            user: String::new(),
            from: "Tillflow Demo Shop <shop@example.com>".into(),
        }),
        templates: vec![MessageTemplate {
            status: "ready_for_pickup".into(),
            subject: "{number} is ready for pickup".into(),
            body: BODY.into(),
        }],
    }
}

async fn with_messages(port: u16) -> Shop {
    let shop = Shop::demo().await;
    shop.till
        .change_settings(
            SettingsChange::SaveMessages {
                messages: messages(port),
            },
            &tillflow::staff::Actor::trusted("boss"),
            shop.now(),
        )
        .await
        .expect("the messages settings are saved");
    shop
}

/// A laundry order for a customer with an email, 10.00 paid.
async fn order_with_email(shop: &Shop, email: Option<&str>) -> String {
    let mut input = laundry_input(json!([{"method": "cash", "amount": "10.00"}]));
    if let Some(c) = input.customer.as_mut() {
        c.email = email.map(String::from);
    }
    shop.till
        .create_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .expect("order created")
        .number
}

/// Moves a laundry order from intake to "Ready for pickup".
async fn make_ready(shop: &Shop, number: &str) {
    for t in [
        Trigger::ItemsTagged,
        Trigger::WorkCompleted,
        Trigger::OrderMarkedReady,
    ] {
        shop.till
            .fire_event(
                number,
                t,
                &tillflow::staff::Actor::trusted("anna"),
                shop.now(),
            )
            .await
            .expect("trigger");
    }
    assert_eq!(shop.status(number).await.1, "ready_for_pickup");
}

fn notified(view: &tillflow::orders::OrderView) -> usize {
    view.history
        .iter()
        .filter(|h| h.event == AuditEvent::from(Trigger::CustomerNotified))
        .count()
}

#[tokio::test]
async fn entering_ready_emails_the_customer_and_records_it() {
    let port = free_port();
    let shop = with_messages(port).await;
    let server = SmtpServer::start(port, shop.dir.path());
    let number = order_with_email(&shop, Some("marie@example.com")).await;
    // Intake and production have no template: nothing queued.
    assert!(shop
        .till
        .order_messages(&number)
        .await
        .expect("list")
        .is_empty());
    make_ready(&shop, &number).await;

    // The move and its message were committed together.
    let queued = shop.till.order_messages(&number).await.expect("list");
    assert_eq!(queued.len(), 1);
    let m = &queued[0];
    assert_eq!(m.state, OutboxState::Queued);
    assert_eq!(m.status, "ready_for_pickup");
    assert_eq!(m.recipient, "marie@example.com");
    let view = shop.till.order(&number).await.expect("order");
    let entered = view
        .history
        .iter()
        .rfind(|h| h.to_status == "ready_for_pickup" && h.moved)
        .expect("the move is in the history");
    assert_eq!(
        entered.at, m.created_at,
        "queued by the change that moved it"
    );
    let balance = view.totals.balance.clone();
    assert_eq!(
        m.body,
        format!(
            "Hello Marie Curie, your Laundry & dry cleaning {number} is ready. Balance due €{balance}. Tillflow Demo Shop"
        )
    );

    let now = shop.now();
    let report = shop.till.send_due_messages(now, 10).await.expect("send");
    assert_eq!((report.sent, report.failed), (1, 0));
    let got = server.received(1, Duration::from_secs(5));
    assert_eq!(got.len(), 1, "the SMTP server received the message");
    assert_eq!(got[0].rcpt_tos, vec!["marie@example.com".to_string()]);
    assert_eq!(got[0].mail_from, "shop@example.com");
    assert_eq!(got[0].subject, format!("{number} is ready for pickup"));
    assert_eq!(got[0].body.trim_end(), m.body);

    let after = shop.till.order_messages(&number).await.expect("list");
    assert_eq!(after[0].state, OutboxState::Sent);
    assert_eq!(after[0].attempts, 1);
    assert!(after[0].sent_at.is_some());
    // customer.notified was raised by the system: the demo's pickup step
    // moves on to "Awaiting pickup".
    let view = shop.till.order(&number).await.expect("order");
    assert_eq!(notified(&view), 1);
    assert_eq!(view.status, "awaiting_pickup");
    let h = view.history.last().expect("history");
    assert_eq!(h.actor, tillflow::till::SENDER_ACTOR);

    // A second pass sends nothing more.
    let again = shop
        .till
        .send_due_messages(now + Minutes::minutes(10), 10)
        .await
        .expect("send");
    assert_eq!((again.sent, again.failed), (0, 0));
    assert_eq!(server.received(2, Duration::from_millis(300)).len(), 1);
}

#[tokio::test]
async fn a_server_that_is_down_fails_the_message_not_the_order_and_a_retry_delivers() {
    let port = free_port();
    let shop = with_messages(port).await;
    let number = order_with_email(&shop, Some("marie@example.com")).await;
    make_ready(&shop, &number).await;

    // Nobody listens on the port.
    let t = shop.now();
    let report = shop
        .till
        .send_due_messages(t, 10)
        .await
        .expect("a failure is not an error");
    assert_eq!((report.sent, report.failed), (0, 1));
    let m = &shop.till.order_messages(&number).await.expect("list")[0];
    assert_eq!(m.state, OutboxState::Failed);
    assert_eq!(m.attempts, 1);
    let reason = m.last_error.clone().unwrap_or_default();
    assert!(reason.contains(&format!("127.0.0.1:{port}")), "{reason}");
    assert!(
        reason.to_lowercase().contains("connection refused"),
        "{reason}"
    );
    assert_eq!(m.next_attempt_at, Some(t + Minutes::minutes(1)), "backoff");
    // The order is as it was: still ready, not notified; it can move on.
    let view = shop.till.order(&number).await.expect("order");
    assert_eq!(view.status, "ready_for_pickup");
    assert_eq!(notified(&view), 0);

    // Before the backoff is over nothing is tried.
    let early = shop
        .till
        .send_due_messages(t + Minutes::seconds(30), 10)
        .await
        .expect("send");
    assert_eq!((early.sent, early.failed), (0, 0));

    // The server comes up; the retry after the backoff delivers.
    let server = SmtpServer::start(port, shop.dir.path());
    let later = shop
        .till
        .send_due_messages(t + Minutes::minutes(2), 10)
        .await
        .expect("send");
    assert_eq!((later.sent, later.failed), (1, 0));
    let got = server.received(1, Duration::from_secs(5));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].subject, format!("{number} is ready for pickup"));
    let m = &shop.till.order_messages(&number).await.expect("list")[0];
    assert_eq!(m.state, OutboxState::Sent);
    assert_eq!(m.attempts, 2);
    assert_eq!(m.last_error, None);
    let view = shop.till.order(&number).await.expect("order");
    assert_eq!(notified(&view), 1);
    assert_eq!(view.status, "awaiting_pickup");
}

#[tokio::test]
async fn retry_makes_a_given_up_message_due_now() {
    let port = free_port();
    let shop = with_messages(port).await;
    let number = order_with_email(&shop, Some("marie@example.com")).await;
    make_ready(&shop, &number).await;
    let mut t = shop.now();
    for _ in 0..tillflow::messages::MAX_ATTEMPTS {
        shop.till.send_due_messages(t, 10).await.expect("send");
        t += Minutes::hours(1);
    }
    let m = shop.till.order_messages(&number).await.expect("list")[0].clone();
    assert_eq!(m.state, OutboxState::Failed);
    assert_eq!(m.attempts, tillflow::messages::MAX_ATTEMPTS);
    assert_eq!(m.next_attempt_at, None, "given up");
    let server = SmtpServer::start(port, shop.dir.path());
    shop.till
        .retry_message(&tillflow::staff::Actor::cli(), m.id, t)
        .await
        .expect("retry");
    let r = shop.till.send_due_messages(t, 10).await.expect("send");
    assert_eq!(r.sent, 1);
    assert_eq!(server.received(1, Duration::from_secs(5)).len(), 1);
    // A sent message cannot be retried.
    assert!(shop
        .till
        .retry_message(&tillflow::staff::Actor::cli(), m.id, t)
        .await
        .is_err());
}

#[tokio::test]
async fn no_email_no_template_no_message() {
    let port = free_port();
    let shop = with_messages(port).await;
    let number = order_with_email(&shop, None).await;
    make_ready(&shop, &number).await;
    assert!(shop
        .till
        .order_messages(&number)
        .await
        .expect("list")
        .is_empty());
}

#[tokio::test]
async fn templates_are_checked_and_the_password_stays_on_the_machine() {
    let shop = Shop::demo().await;
    let before = shop.till.export_settings().await.expect("export");
    for (status, body, says) in [
        (
            "ready_for_pickup",
            "Hello {name}",
            "unknown placeholder '{name}'",
        ),
        ("ready_for_pickup", "Hello {customer", "is not closed"),
        ("washed", "Hello", "unknown status 'washed'"),
    ] {
        let mut bad = messages(2525);
        bad.templates[0].status = status.into();
        bad.templates[0].body = body.into();
        let change = SettingsChange::SaveMessages { messages: bad };
        let err = shop
            .till
            .change_settings(change, &tillflow::staff::Actor::trusted("boss"), shop.now())
            .await
            .expect_err("refused");
        assert_eq!(err.code(), "invalid");
        assert!(err.to_string().contains(says), "{err}");
    }
    let after = shop.till.export_settings().await.expect("export");
    assert_eq!(before, after, "a refused change writes nothing");

    let view = shop
        .till
        .save_messages(
            MessagesChange {
                messages: messages(2525),
                password: "s3cret-smtp-pass".into(),
                clear_password: false,
            },
            &tillflow::staff::Actor::trusted("boss"),
            shop.now(),
        )
        .await
        .expect("saved");
    assert!(view.password_set);
    let export = shop.till.export_settings().await.expect("export");
    assert!(export.contains("ready_for_pickup") && export.contains("127.0.0.1"));
    assert!(
        !export.contains("s3cret-smtp-pass"),
        "the password is not exported"
    );
    let machine = std::fs::read_to_string(shop.dir.path().join("tillflow.machine.json"))
        .expect("machine settings");
    assert!(machine.contains("s3cret-smtp-pass"));
    // An import of the exported file keeps the templates and server.
    let s: tillflow::settings::Settings = serde_json::from_str(&export).expect("parse");
    assert_eq!(s.shop.messages, messages(2525));

    let preview = shop
        .till
        .preview_message(&messages(2525).templates[0], shop.now())
        .expect("preview");
    assert_eq!(
        preview.body,
        "Hello Ana Ruiz, your Laundry & dry cleaning TF-000123 is ready. Balance due €45.00. Tillflow Demo Shop"
    );
}

#[tokio::test]
async fn the_cli_drains_the_outbox() {
    let port = free_port();
    let shop = with_messages(port).await;
    let server = SmtpServer::start(port, shop.dir.path());
    let number = order_with_email(&shop, Some("marie@example.com")).await;
    make_ready(&shop, &number).await;
    let cli = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_tillflow"))
            .arg("--db")
            .arg(shop.dir.path().join("shop.db"))
            .args(args)
            .output()
            .expect("run the CLI")
    };
    let out = cli(&["--json", "messages", "send"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["sent"], 1);
    let got = server.received(1, Duration::from_secs(5));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].subject, format!("{number} is ready for pickup"));
    let out = cli(&["messages", "list", &number]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("marie@example.com") && text.contains("sent"),
        "{text}"
    );
    assert_eq!(shop.status(&number).await.1, "awaiting_pickup");
}

#[tokio::test]
async fn a_receipt_is_emailed_with_its_pdf() {
    let port = free_port();
    let shop = with_messages(port).await;
    let number = order_with_email(&shop, Some("marie@example.com")).await;
    // Without a server listening: the error says why, at once.
    let err = shop
        .till
        .email_receipt(&tillflow::staff::Actor::cli(), &number, "marie@example.com")
        .await
        .expect_err("nobody listens");
    assert_eq!(err.code(), "mail_failed");
    let server = SmtpServer::start(port, shop.dir.path());
    shop.till
        .email_receipt(&tillflow::staff::Actor::cli(), &number, "marie@example.com")
        .await
        .expect("sent");
    let got = server.received(1, Duration::from_secs(5));
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert_eq!(m.rcpt_tos, vec!["marie@example.com".to_string()]);
    assert_eq!(
        m.subject,
        format!("Your receipt {number} from Tillflow Demo Shop")
    );
    assert!(m
        .body
        .contains(&format!("your receipt for order {number} is attached")));
    assert_eq!(m.attachments.len(), 1);
    let (name, kind, path) = &m.attachments[0];
    assert_eq!(name, &format!("receipt-{number}.pdf"));
    assert_eq!(kind, "application/pdf");
    let text = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains(&number), "{text}");
    assert!(text.contains("Tillflow Demo Shop"), "{text}");
}
