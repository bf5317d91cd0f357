//! A discount code at the POS, judged by the core: the shop's codes come
//! from its settings file; at the review an unknown or expired code is
//! refused on the code's field with the core's reason and nothing is
//! written; a valid one (typed in lower case) shows its discount in the
//! totals and the order is taken with it.
//!
//! Ignored in a plain `cargo test`: `.ci/e2e.sh` runs it (see story.rs).

use serde_json::json;
use tillflow::orders::OrderFilter;
use tillflow::storage::Durability;
use tillflow::Till;
use tillflow_e2e::{App, TestResult};

const CODE: &str = "[data-testid=discount-code]";

async fn codes(app: &App) -> TestResult {
    let exported = app.invoke("settings_export", json!({})).await?;
    let mut settings: serde_json::Value =
        serde_json::from_str(exported.as_str().ok_or("settings_export: not text")?)?;
    settings["discount_codes"] = json!([
        {"code": "WELCOME10", "percent": "10"},
        {"code": "SUMMER", "percent": "20", "valid_to": "2020-08-31"}
    ]);
    app.invoke("settings_import", json!({ "json": settings.to_string() }))
        .await?;

    app.click("[data-testid=nav-pos]").await?;
    app.click("[data-testid=order-type][data-key=repair]")
        .await?;
    app.click("[data-testid=customer-new]").await?;
    app.fill("[data-testid=customer-new-name]", "Grace Hopper")
        .await?;
    app.click("[data-testid=customer-new-save]").await?;
    app.wait_for_text("[data-testid=customer-chosen]", "Grace Hopper")
        .await?;
    app.click("[data-testid=wizard-next]").await?;
    app.fill("[data-testid=input-device]", "Laptop").await?;
    app.fill("[data-testid=input-problem]", "Hinge broken")
        .await?;
    app.click("[data-testid=wizard-next]").await?;
    for (query, sku) in [("diag", "DIAG"), ("battery", "BATTERY")] {
        app.fill("[data-testid=item-search]", query).await?;
        app.click(&format!("[data-testid=item-result][data-sku={sku}]"))
            .await?;
    }
    app.click("[data-testid=wizard-next]").await?;
    app.wait_for_text("[data-testid=review-total]", "74,00")
        .await?;

    // Expired: refused on the field, the order cannot be taken with it.
    app.fill(CODE, "summer").await?;
    app.wait_for_text(
        "[data-testid=discount-code-error]",
        "SUMMER ended on 2020-08-31",
    )
    .await?;
    app.click("[data-testid=wizard-create]").await?;
    app.shot("pos-discount-code-refused").await?;
    let till = Till::open(&app.db, Durability::Normal).await?;
    assert_eq!(till.count_orders(&OrderFilter::default()).await?, 0);

    // Valid, in lower case: 10 % off 74,00 by the core.
    app.fill(CODE, "welcome10").await?;
    app.wait_gone("[data-testid=discount-code-error]").await?;
    app.wait_for_text("[data-testid=review-discount]", "Includes code WELCOME10")
        .await?;
    app.wait_for_text("[data-testid=review-discount]", "7,40")
        .await?;
    app.wait_for_text("[data-testid=review-total]", "66,60")
        .await?;
    app.shot("pos-discount-code").await?;
    app.click("[data-testid=wizard-create]").await?;
    let number = app
        .wait_for("[data-testid=created-number]")
        .await?
        .text()
        .await?;
    let order = till.order(&number).await?;
    assert_eq!(order.totals.total, "66.60");
    till.close().await;
    Ok(())
}

#[tokio::test]
#[ignore = "real window: run by .ci/e2e.sh"]
async fn a_discount_code_at_the_pos() -> TestResult {
    let app = App::launch().await?;
    let outcome = codes(&app).await;
    app.close().await?;
    outcome
}
