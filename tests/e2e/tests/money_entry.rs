//! Money typed at the POS is judged by the core, in the shop's currency: in
//! a Bahraini shop (BHD, three decimals by ISO 4217) the repair wizard's
//! "Estimate limit" takes 1.250, refuses 1.2500 with the core's message on
//! the field, and the order stores 1.250. The amount placeholder and the
//! review's payment rows follow the currency too.
//!
//! Ignored in a plain `cargo test`: `.ci/e2e.sh` runs it (see story.rs).

use tillflow::orders::OrderFilter;
use tillflow::storage::Durability;
use tillflow::Till;
use tillflow_e2e::{App, TestResult};

const ESTIMATE: &str = "[data-testid=input-estimate]";

async fn bhd_estimate(app: &App) -> TestResult {
    // The shop switches to BHD through the app's own settings import.
    let exported = app.invoke("settings_export", serde_json::json!({})).await?;
    let mut settings: serde_json::Value =
        serde_json::from_str(exported.as_str().ok_or("settings_export: not text")?)?;
    settings["shop"]["currency"] = "BHD".into();
    app.invoke(
        "settings_import",
        serde_json::json!({ "json": settings.to_string() }),
    )
    .await?;

    app.click("[data-testid=nav-pos]").await?;
    app.click("[data-testid=order-type][data-key=repair]")
        .await?;
    app.click("[data-testid=customer-new]").await?;
    app.fill("[data-testid=customer-new-name]", "Layla Haddad")
        .await?;
    app.click("[data-testid=customer-new-save]").await?;
    app.wait_for_text("[data-testid=customer-chosen]", "Layla Haddad")
        .await?;
    app.click("[data-testid=wizard-next]").await?;
    app.fill("[data-testid=input-device]", "Laptop").await?;
    app.fill("[data-testid=input-problem]", "Fan noise").await?;
    app.click("[data-testid=wizard-next]").await?;

    let placeholder = app.wait_for(ESTIMATE).await?.attr("placeholder").await?;
    assert_eq!(placeholder.as_deref(), Some("12.500"));
    // Four decimals: refused on the field with the core's reason.
    app.fill(ESTIMATE, "1.2500").await?;
    app.click("[data-testid=wizard-next]").await?;
    app.wait_for_text(
        "[data-testid=field-error]",
        "1.2500 has more than 3 decimals for BHD",
    )
    .await?;
    app.shot("pos-bhd-estimate-refused").await?;
    // Three: taken (a fixed two-decimal rule would have refused it).
    app.fill(ESTIMATE, "1.250").await?;
    app.click("[data-testid=wizard-next]").await?;
    app.wait_for("[data-testid=review-totals]").await?;
    assert!(app.texts("[data-testid=field-error]").await?.is_empty());
    let pay = app
        .wait_for("[data-testid=payment-amount][data-row='0']")
        .await?
        .attr("placeholder")
        .await?;
    assert_eq!(pay.as_deref(), Some("12.500"));
    app.shot("pos-bhd-review").await?;
    app.click("[data-testid=wizard-create]").await?;
    app.wait_for("[data-testid=order-created]").await?;

    let till = Till::open(&app.db, Durability::Normal).await?;
    let orders = till.list_orders(&OrderFilter::default()).await?;
    let order = till.order(&orders[0].number).await?;
    till.close().await;
    assert_eq!(order.currency, "BHD");
    assert_eq!(order.fields["estimate"], "1.250");
    Ok(())
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and an X display: run .ci/e2e.sh"]
async fn a_bhd_shop_types_three_decimals() -> TestResult {
    let app = App::launch().await?;
    let result = bhd_estimate(&app).await;
    if result.is_err() {
        let _ = app.shot("failure-bhd-estimate").await;
    }
    app.close().await?;
    result
}
