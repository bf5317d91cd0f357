//! Refunds outside returns in the real window: a canceled order's 20.00
//! deposit given back from the order page (the dialog shows the core's
//! split before anything is written; the timeline and the payments show the
//! refund), and a same-day mistake voided (canceled, both tenders given
//! back, newest first).
//!
//! Ignored in a plain `cargo test`: `.ci/e2e.sh` runs it (see story.rs).

use serde_json::json;
use tillflow::orders::OrderInput;
use tillflow::staff::Actor;
use tillflow::storage::Durability;
use tillflow::Till;
use tillflow_e2e::{App, TestResult};

const TOAST: &str = "[data-testid=toast]";

fn laundry(payments: serde_json::Value) -> TestResult<OrderInput> {
    Ok(serde_json::from_value(json!({
        "type": "laundry",
        "customer": {"name": "Marie Curie", "phone": "+33 6 12 34 56 78"},
        "fields": {"due_date": "2030-03-05"},
        "lines": [{"sku": "SHIRT", "qty": "3"}, {"name": "Curtain", "qty": "1", "unit_price": "18.00", "tax_rate": "20"}],
        "payments": payments
    }))?)
}

async fn refunds(app: &App, till: &Till) -> TestResult {
    let now = chrono::Utc::now();
    let anna = Actor::trusted("anna");
    let input = laundry(json!([{"method": "card", "amount": "20.00"}]))?;
    let canceled = till.create_order(&input, &anna, now).await?.number;
    till.cancel(&canceled, "customer moved away", &anna, now)
        .await?;

    // The deposit of the canceled order, back to the card.
    app.go(&format!("/orders/{canceled}")).await?;
    app.wait_for_text("[data-testid=order-number]", &canceled)
        .await?;
    assert!(app.texts("[data-testid=void-order]").await?.is_empty());
    app.click("[data-testid=refund-order]").await?;
    app.wait_for_text("[data-testid=refund-split][data-method=card]", "20,00")
        .await?;
    app.fill("[data-testid=refund-amount]", "20.01").await?;
    app.wait_for_text(
        "[data-testid=refund-preview-error]",
        "at most 20.00 can be refunded",
    )
    .await?;
    app.fill("[data-testid=refund-amount]", "20.00").await?;
    app.wait_for_text("[data-testid=refund-split][data-method=card]", "20,00")
        .await?;
    app.fill(
        "[data-testid=refund-reason]",
        "deposit back, order canceled",
    )
    .await?;
    app.shot_painted("order-refund-dialog").await?;
    app.click("[data-testid=refund-submit]").await?;
    app.wait_gone("[data-testid=refund-dialog]").await?;
    app.wait_for_text(TOAST, "Refunded").await?;
    app.wait_for_text("[data-testid=timeline-entry]", "Refund issued")
        .await?;
    app.wait_for_text(
        "[data-testid=timeline-entry]",
        "deposit back, order canceled",
    )
    .await?;
    // The deposit and its refund, both on the card.
    let lines = app
        .texts("[data-testid=payment-line][data-method=card]")
        .await?;
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[1].contains("20,00"), "{lines:?}");
    // Nothing is left to refund: the button goes.
    app.wait_gone("[data-testid=refund-order]").await?;
    app.dismiss_toasts().await?;
    app.client
        .execute(
            "document.querySelector('[data-testid=payment-line]').scrollIntoView({ block: 'center' });",
            vec![],
        )
        .await?;
    app.shot_painted("order-refunded").await?;
    let o = till.order(&canceled).await?;
    assert_eq!(o.totals.paid, "0.00");
    let last = o.payments.last().ok_or("no payments")?;
    assert_eq!(
        (last.method.as_str(), last.amount.as_str()),
        ("card", "-20.00")
    );

    // A mistake of today: voided, card and cash given back.
    let input = laundry(
        json!([{"method": "card", "amount": "10.00"}, {"method": "cash", "amount": "5.00"}]),
    )?;
    let wrong = till.create_order(&input, &anna, now).await?.number;
    app.go(&format!("/orders/{wrong}")).await?;
    app.wait_for_text("[data-testid=order-number]", &wrong)
        .await?;
    app.click("[data-testid=void-order]").await?;
    app.wait_for_text("[data-testid=void-split][data-method=cash]", "5,00")
        .await?;
    app.wait_for_text("[data-testid=void-split][data-method=card]", "10,00")
        .await?;
    app.fill("[data-testid=void-reason]", "rang up the wrong customer")
        .await?;
    app.shot_painted("order-void-dialog").await?;
    app.click("[data-testid=void-submit]").await?;
    app.wait_gone("[data-testid=void-dialog]").await?;
    app.wait_for_text(TOAST, &format!("Order {wrong} voided"))
        .await?;
    app.wait_for_text("[data-testid=order-status]", "Canceled")
        .await?;
    app.wait_for_text("[data-testid=timeline-entry]", "rang up the wrong customer")
        .await?;
    app.wait_gone("[data-testid=void-order]").await?;
    app.dismiss_toasts().await?;
    app.shot_painted("order-voided").await?;
    let o = till.order(&wrong).await?;
    assert_eq!(
        (o.stage.as_str(), o.totals.paid.as_str()),
        ("canceled", "0.00")
    );
    assert!(till.verify_journal(&anna).await?.ok);
    Ok(())
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and an X display: run .ci/e2e.sh"]
async fn refund_a_canceled_deposit_and_void_an_order() -> TestResult {
    let app = App::launch().await?;
    let till = Till::open(&app.db, Durability::Normal).await?;
    let result = refunds(&app, &till).await;
    if result.is_err() {
        let _ = app.shot("failure-refunds").await;
    }
    till.close().await;
    app.close().await?;
    result
}
