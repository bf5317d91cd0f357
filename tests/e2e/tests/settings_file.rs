//! Settings export and import from the settings hub: a broken file is refused
//! with a message and changes nothing; a good one replaces the settings and
//! every screen shows them at once.
//! Ignored in a plain `cargo test`: `.ci/e2e.sh` runs it (see story.rs).

use tillflow_e2e::{App, TestResult};

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and an X display: run .ci/e2e.sh"]
async fn export_then_import_the_settings_file() -> TestResult {
    let app = App::launch().await?;
    let result = async {
        app.click("[data-testid=nav-settings]").await?;
        app.click("[data-testid=tab-wizards]").await?;
        app.click("[data-testid=wizard-item][data-key=laundry]")
            .await?;
        app.wait_for("[data-testid=wizard-editor]").await?;
        app.shot("settings-wizard-editor").await?;
        app.click("[data-testid=settings-export]").await?;
        let exported = app
            .wait_for("[role=dialog] textarea")
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        let mut doc: serde_json::Value = serde_json::from_str(&exported)?;
        assert_eq!(doc["format"], "tillflow.settings.v1");
        app.shot("settings-export").await?;
        app.click("[role=dialog] button.x").await?;
        app.wait_gone("[role=dialog]").await?;

        app.click("[data-testid=settings-import]").await?;
        app.set_value(
            "[role=dialog] textarea",
            r#"{"format": "tillflow.settings.v1", "shop": {}}"#,
        )
        .await?;
        app.click("[role=dialog] footer .btn.primary").await?;
        app.wait_for("[role=dialog] .banner.error").await?;
        app.shot("settings-import-refused").await?;

        doc["shop"]["name"] = "Corner Laundry".into();
        app.set_value("[role=dialog] textarea", &doc.to_string())
            .await?;
        app.click("[role=dialog] footer .btn.primary").await?;
        app.wait_for_text("[data-testid=toast]", "Settings imported")
            .await?;
        // The sidebar follows the new settings without a reload.
        let mut shop = String::new();
        for _ in 0..50 {
            shop = app
                .wait_for(".brand .shop")
                .await?
                .prop("textContent")
                .await?
                .unwrap_or_default();
            if shop == "Corner Laundry" {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(shop, "Corner Laundry");
        Ok(())
    }
    .await;
    if result.is_err() {
        let _ = app.shot("failure-settings-file").await;
    }
    app.close().await?;
    result
}
