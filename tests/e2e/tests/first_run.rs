//! First start of a new database in the real window: the first-run set-up
//! (no demo shop), a bike shop typed in and started from the repair
//! template → the dashboard names the shop and the POS offers the repair
//! order type (the core's settings, read back through the shell).

use tillflow_e2e::{App, TestResult};

async fn set_up_a_bike_shop(app: &App) -> TestResult {
    // The templates come from the core, each with its one-line description.
    app.wait_for("[data-testid=setup-template-retail]").await?;
    let offered = app
        .attrs("[data-testid^=setup-template-]", "data-testid")
        .await?;
    for key in ["laundry", "repair", "tailoring", "retail", "blank"] {
        let id = format!("setup-template-{key}");
        assert!(offered.contains(&id), "{id} offered: {offered:?}");
    }
    app.shot("first-run").await?;

    app.fill("[data-testid=setup-name]", "Spokes Bike Repair")
        .await?;
    app.fill("[data-testid=setup-currency]", "usd").await?;
    app.fill("[data-testid=setup-time-zone]", "America/Chicago")
        .await?;
    app.click("[data-testid=setup-template-repair]").await?;
    // The template's number prefix and footer are shown, to keep or change.
    let prefix = app
        .wait_for("[data-testid=setup-prefix]")
        .await?
        .prop("value")
        .await?;
    assert_eq!(prefix.as_deref(), Some("RP-"));
    app.set_value(
        "[data-testid=setup-address]",
        "12 Chain Street\nChicago IL 60601",
    )
    .await?;
    app.fill("[data-testid=setup-phone]", "+1 312 555 0100")
        .await?;
    app.fill("[data-testid=setup-tax-id]", "US-99-1234567")
        .await?;
    app.set_value("[data-testid=setup-prefix]", "BK-").await?;
    app.shot("first-run-filled").await?;
    app.click("[data-testid=setup-submit]").await?;

    app.wait_for("[data-testid=nav-dashboard]").await?;
    app.wait_for_text(".page-head p", "Spokes Bike Repair")
        .await?;
    app.wait_for("[data-testid=tile-open-count]").await?;
    app.dismiss_toasts().await?;
    app.shot("first-run-dashboard").await?;

    app.click("[data-testid=nav-pos]").await?;
    app.wait_for("[data-testid=order-type][data-key=repair]")
        .await?;
    let types = app.attrs("[data-testid=order-type]", "data-key").await?;
    assert_eq!(types, ["repair"], "the repair template's order types only");
    app.shot("first-run-pos").await?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and an X display: run .ci/e2e.sh"]
async fn a_new_database_shows_the_set_up_then_the_dashboard() -> TestResult {
    let app = App::launch_fresh().await?;
    let result = set_up_a_bike_shop(&app).await;
    if result.is_err() {
        let _ = app.shot("failure").await;
    }
    let stored = app.invoke("settings_get", serde_json::json!({})).await;
    app.close().await?;
    result?;
    let shop = &stored?["shop"];
    assert_eq!(shop["name"], "Spokes Bike Repair");
    assert_eq!(shop["currency"], "USD");
    assert_eq!(shop["time_zone"], "America/Chicago");
    assert_eq!(
        shop["address"],
        serde_json::json!(["12 Chain Street", "Chicago IL 60601"])
    );
    assert_eq!(shop["phone"], "+1 312 555 0100");
    assert_eq!(shop["tax_id"], "US-99-1234567");
    assert_eq!(shop["order_prefix"], "BK-");
    assert!(shop["footer"]
        .as_str()
        .is_some_and(|f| f.contains("guaranteed for 90 days")));
    Ok(())
}
