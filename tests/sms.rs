//! Telling the customer by SMS: a template on the SMS channel queues a text
//! message with the customer's number made international; the sender calls
//! a real HTTP server standing in for the gateway (Python's http.server,
//! started here) with the URL template filled and escaped; a 5xx is tried
//! again after the backoff, a 4xx fails for good with the gateway's answer
//! on the order; the API key stays on this machine.

mod common;
mod gateway;
mod smtp;

use std::time::Duration;

use chrono::Duration as Minutes;
use common::{laundry_input, make_ready, notified, Shop};
use gateway::Gateway;
use serde_json::json;
use smtp::free_port;
use tillflow::messages::{
    BodyFormat, HttpMethod, MessageChannel, MessageSettings, MessageTemplate, OutboxState, SmsAuth,
    SmsSettings, TemplateChannel,
};
use tillflow::till::MessagesChange;

const KEY: &str = "sms-k3y/secret";
const BODY: &str = "Hello {customer}, your {order_type} {number} is ready. Balance due {balance}.";

fn gateway_get(port: u16) -> SmsSettings {
    SmsSettings {
        url: format!(
            "http://127.0.0.1:{port}/send?to={{to}}&text={{text}}&key={{key}}&from={{sender}}"
        ),
        method: HttpMethod::Get,
        body: String::new(),
        body_format: BodyFormat::Form,
        auth: SmsAuth::None,
        user: String::new(),
        sender: "Spokes".into(),
        country_code: "33".into(),
    }
}

fn messages(sms: SmsSettings) -> MessageSettings {
    MessageSettings {
        email: None,
        sms: Some(sms),
        templates: vec![MessageTemplate {
            status: "ready_for_pickup".into(),
            subject: String::new(),
            body: BODY.into(),
            channel: TemplateChannel::Sms,
        }],
    }
}

/// The demo shop with `sms` as its gateway and the key saved on this
/// machine, as the Messages page saves them.
async fn with_gateway(sms: SmsSettings) -> Shop {
    let shop = Shop::demo().await;
    let view = shop
        .till
        .save_messages(
            MessagesChange {
                messages: messages(sms),
                password: String::new(),
                clear_password: false,
                sms_key: KEY.into(),
                clear_sms_key: false,
            },
            &tillflow::staff::Actor::trusted("boss"),
            shop.now(),
        )
        .await
        .expect("the messages settings are saved");
    assert!(view.sms_key_set);
    shop
}

/// A laundry order for a customer with the phone number `phone`.
async fn order_with_phone(shop: &Shop, phone: &str) -> String {
    let mut input = laundry_input(json!([{"method": "cash", "amount": "10.00"}]));
    if let Some(c) = input.customer.as_mut() {
        c.phone = Some(phone.into());
        c.email = Some("marie@example.com".into());
    }
    shop.till
        .create_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .expect("order created")
        .number
}

#[tokio::test]
async fn entering_ready_texts_the_customer_through_the_gateway() {
    let port = free_port();
    let shop = with_gateway(gateway_get(port)).await;
    let gw = Gateway::start(port, shop.dir.path(), "200");
    // A national number: the shop's calling code makes it international.
    let number = order_with_phone(&shop, "06 12 34 56 78").await;
    make_ready(&shop, &number).await;

    let queued = shop.till.order_messages(&number).await.expect("list");
    assert_eq!(queued.len(), 1, "SMS only: no email, though she has one");
    let m = &queued[0];
    assert_eq!(m.channel, MessageChannel::Sms);
    assert_eq!(m.recipient, "+33612345678");
    assert_eq!(m.state, OutboxState::Queued);
    let balance = shop
        .till
        .order(&number)
        .await
        .expect("order")
        .totals
        .balance;
    assert_eq!(balance.to_string(), "30.50");
    // The demo shop is fr-FR: its amounts read "30,50 €" (a no-break space).
    let text = format!(
        "Hello Marie Curie, your Laundry & dry cleaning {number} is ready. Balance due 30,50\u{a0}€."
    );
    assert_eq!(m.body, text);

    let report = shop
        .till
        .send_due_messages(shop.now(), 10)
        .await
        .expect("send");
    assert_eq!((report.sent, report.failed), (1, 0));
    let got = gw.requests(1, Duration::from_secs(5));
    assert_eq!(got.len(), 1, "the gateway got one request");
    let r = &got[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/send"));
    // The query decodes back to exactly the values: escaped, not mangled.
    assert_eq!(r.query["to"], "+33612345678");
    assert_eq!(r.query["text"], text);
    assert_eq!(r.query["key"], KEY);
    assert_eq!(r.query["from"], "Spokes");

    let m = &shop.till.order_messages(&number).await.expect("list")[0];
    assert_eq!(m.state, OutboxState::Sent);
    let view = shop.till.order(&number).await.expect("order");
    assert_eq!(notified(&view), 1, "customer.notified raised");
    assert_eq!(view.status, "awaiting_pickup");

    // The command line lists the message with its channel.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tillflow"))
        .arg("--db")
        .arg(shop.dir.path().join("shop.db"))
        .args(["messages", "list", &number])
        .output()
        .expect("run the CLI");
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        listed.contains("ready_for_pickup sms → +33612345678") && listed.contains(": sent"),
        "{listed}"
    );
}

#[tokio::test]
async fn a_gateway_error_is_retried_after_the_backoff() {
    let port = free_port();
    let shop = with_gateway(gateway_get(port)).await;
    let gw = Gateway::start(port, shop.dir.path(), "500:Internal error,200");
    let number = order_with_phone(&shop, "+33 6 12 34 56 78").await;
    make_ready(&shop, &number).await;

    let t = shop.now();
    let first = shop.till.send_due_messages(t, 10).await.expect("send");
    assert_eq!((first.sent, first.failed), (0, 1));
    let m = &shop.till.order_messages(&number).await.expect("list")[0];
    assert_eq!(m.state, OutboxState::Failed);
    assert_eq!(m.attempts, 1);
    let reason = m.last_error.clone().unwrap_or_default();
    assert!(
        reason.contains("500 Internal Server Error: Internal error"),
        "{reason}"
    );
    assert_eq!(m.next_attempt_at, Some(t + Minutes::minutes(1)), "backoff");
    assert_eq!(notified(&shop.till.order(&number).await.expect("order")), 0);

    let later = shop
        .till
        .send_due_messages(t + Minutes::minutes(2), 10)
        .await
        .expect("send");
    assert_eq!((later.sent, later.failed), (1, 0));
    assert_eq!(gw.requests(2, Duration::from_secs(5)).len(), 2);
    let m = &shop.till.order_messages(&number).await.expect("list")[0];
    assert_eq!((m.state, m.attempts), (OutboxState::Sent, 2));
    assert_eq!(m.last_error, None);
    assert_eq!(notified(&shop.till.order(&number).await.expect("order")), 1);
}

#[tokio::test]
async fn a_refused_request_fails_for_good_and_the_order_shows_why() {
    let port = free_port();
    let shop = with_gateway(gateway_get(port)).await;
    // The gateway echoes the key in its refusal: the order must not show it.
    let answer = format!("400:Invalid destination number (key {KEY})");
    let gw = Gateway::start(port, shop.dir.path(), &answer);
    let number = order_with_phone(&shop, "+33 6 12 34 56 78").await;
    make_ready(&shop, &number).await;

    let t = shop.now();
    let r = shop.till.send_due_messages(t, 10).await.expect("send");
    assert_eq!((r.sent, r.failed), (0, 1));
    let m = &shop.till.order_messages(&number).await.expect("list")[0];
    assert_eq!(m.state, OutboxState::Failed);
    assert_eq!(m.next_attempt_at, None, "not tried again by itself");
    let reason = m.last_error.clone().unwrap_or_default();
    assert!(
        reason.contains("400 Bad Request: Invalid destination number"),
        "{reason}"
    );
    assert!(!reason.contains(KEY), "the key is blanked: {reason}");
    let again = shop
        .till
        .send_due_messages(t + Minutes::hours(1), 10)
        .await
        .expect("send");
    assert_eq!((again.sent, again.failed), (0, 0));
    assert_eq!(gw.requests(2, Duration::from_millis(300)).len(), 1);
    let view = shop.till.order(&number).await.expect("order");
    assert_eq!(view.status, "ready_for_pickup", "the order is unaffected");
    assert_eq!(notified(&view), 0);
}

#[tokio::test]
async fn a_post_gateway_gets_a_form_with_basic_auth_and_the_key_stays_here() {
    let port = free_port();
    let twilio_like = SmsSettings {
        url: format!("http://127.0.0.1:{port}/2010-04-01/Accounts/AC123/Messages.json"),
        method: HttpMethod::Post,
        body: "To={to}&From={sender}&Body={text}".into(),
        body_format: BodyFormat::Form,
        auth: SmsAuth::Basic,
        user: "AC123".into(),
        sender: "+15005550006".into(),
        country_code: "1".into(),
    };
    let shop = with_gateway(twilio_like.clone()).await;
    let gw = Gateway::start(port, shop.dir.path(), "201");
    let number = order_with_phone(&shop, "(415) 555-0134").await;
    make_ready(&shop, &number).await;
    let r = shop
        .till
        .send_due_messages(shop.now(), 10)
        .await
        .expect("send");
    assert_eq!((r.sent, r.failed), (1, 0), "201 Created is sent");
    let got = gw.requests(1, Duration::from_secs(5));
    let req = &got[0];
    assert_eq!(req.method, "POST");
    assert_eq!(
        req.headers["content-type"],
        "application/x-www-form-urlencoded"
    );
    let form: std::collections::BTreeMap<String, String> = req
        .body
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), decode(v)))
        .collect();
    assert_eq!(form["To"], "+14155550134");
    assert_eq!(form["From"], "+15005550006");
    assert!(form["Body"].starts_with("Hello Marie Curie, your Laundry"));
    use base64::Engine;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("AC123:{KEY}"));
    assert_eq!(req.headers["authorization"], format!("Basic {basic}"));

    // The settings export has the gateway but never the key; this
    // machine's settings hold it.
    let export = shop.till.export_settings().await.expect("export");
    assert!(export.contains("/2010-04-01/Accounts/AC123/Messages.json"));
    assert!(!export.contains(KEY), "the key is not exported");
    let machine = std::fs::read_to_string(shop.dir.path().join("tillflow.machine.json"))
        .expect("machine settings");
    assert!(machine.contains(KEY));
    let s: tillflow::settings::Settings = serde_json::from_str(&export).expect("parse");
    assert_eq!(s.shop.messages.sms, Some(twilio_like));
}

#[tokio::test]
async fn a_test_sms_goes_to_the_number_made_international() {
    let port = free_port();
    let shop = with_gateway(gateway_get(port)).await;
    let gw = Gateway::start(port, shop.dir.path(), "200");
    let to = shop
        .till
        .send_test_sms(&gateway_get(port), "", "06 12 34 56 78")
        .await
        .expect("sent");
    assert_eq!(to, "+33612345678");
    let got = gw.requests(1, Duration::from_secs(5));
    assert_eq!(got[0].query["to"], "+33612345678");
    assert_eq!(got[0].query["key"], KEY, "the saved key");
    assert_eq!(
        got[0].query["text"],
        "This is a test SMS from Tillflow at Tillflow Demo Shop."
    );
    let err = shop
        .till
        .send_test_sms(&gateway_get(port), "", "12")
        .await
        .expect_err("not a number");
    assert_eq!(err.code(), "invalid");
}

/// `%XX` escapes of a form value decoded (UTF-8).
fn decode(v: &str) -> String {
    let mut bytes = Vec::new();
    let mut it = v.bytes();
    while let Some(b) = it.next() {
        match b {
            b'%' => {
                let hex: String = it.by_ref().take(2).map(char::from).collect();
                bytes.push(u8::from_str_radix(&hex, 16).expect("hex"));
            }
            b'+' => bytes.push(b' '),
            other => bytes.push(other),
        }
    }
    String::from_utf8(bytes).expect("utf-8")
}
