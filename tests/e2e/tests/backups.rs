//! Backups from the settings hub: back up, take an order, restore that
//! backup after the confirmation that names what will be replaced; the
//! order taken after the backup is gone, the earlier ones are there, and
//! the restore is in the restored database's history.
//! Ignored in a plain `cargo test`: `.ci/e2e.sh` runs it (see story.rs).

use serde_json::json;
use tillflow_e2e::{App, TestResult};

async fn take_order(app: &App, name: &str) -> TestResult<String> {
    let order = app
        .invoke(
            "order_create",
            json!({"input": {
                "type": "laundry",
                "customer": {"name": name, "phone": "+33 6 12 34 56 78"},
                "fields": {"due_date": "2030-01-15"},
                "lines": [{"sku": "SHIRT", "qty": "2"}],
                "payments": []
            }}),
        )
        .await?;
    Ok(order["number"].as_str().ok_or("order number")?.to_string())
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and an X display: run .ci/e2e.sh"]
async fn back_up_take_an_order_restore() -> TestResult {
    let app = App::launch().await?;
    let result = async {
        let first = take_order(&app, "Ada Lovelace").await?;
        let second = take_order(&app, "Grace Hopper").await?;

        app.click("[data-testid=nav-settings]").await?;
        app.click("[data-testid=tab-backups]").await?;
        app.wait_for("[data-testid=backups-empty]").await?;
        app.click("[data-testid=backup-now]").await?;
        app.wait_for_text("[data-testid=toast]", "Backed up: 2 orders")
            .await?;
        app.wait_for("[data-testid=backup-row]").await?;
        assert_eq!(app.texts("[data-testid=backup-row]").await?.len(), 1);
        app.dismiss_toasts().await?;
        app.shot("backups").await?;

        // An order after the backup.
        let third = take_order(&app, "Katherine Johnson").await?;

        app.click("[data-testid=backup-restore]").await?;
        let summary = app
            .wait_for("[data-testid=restore-summary]")
            .await?
            .prop("textContent")
            .await?
            .unwrap_or_default();
        assert!(summary.contains("3 orders"), "{summary}");
        assert!(
            summary.contains(&third) && summary.contains(&second),
            "{summary}"
        );
        app.wait_for_text("[data-testid=restore-loss]", "1 order taken since")
            .await?;
        app.shot("backups-restore-confirm").await?;
        app.click("[data-testid=restore-confirm]").await?;

        // The page reloads on the restored database.
        app.wait_for_text("[data-testid=restore-done]", "with 2 orders")
            .await?;
        app.wait_for_text("[data-testid=backup-history]", "backup restored")
            .await?;
        let rows = app.texts("[data-testid=backup-row]").await?;
        assert_eq!(
            rows.len(),
            2,
            "the backup and the pre-restore copy: {rows:?}"
        );
        app.shot("backups-restored").await?;

        for kept in [&first, &second] {
            let o = app.invoke("order_get", json!({"number": kept})).await?;
            assert_eq!(o["number"].as_str(), Some(kept.as_str()));
        }
        let gone = app.invoke("order_get", json!({"number": third})).await;
        let err = gone.expect_err("the order taken after the backup is gone");
        assert!(err.to_string().contains("not_found"), "{err}");

        // Encryption asks for a passphrase (not saved here).
        app.click("[data-testid=backup-encrypt]").await?;
        app.wait_for("[data-testid=backup-passphrase]").await?;
        app.client
            .execute(
                "document.querySelector('[data-testid=backup-settings]').scrollIntoView()",
                vec![],
            )
            .await?;
        app.shot("backups-encryption").await?;

        // The app goes on working on the restored database.
        let fourth = take_order(&app, "Mary Jackson").await?;
        app.go(&format!("/orders/{fourth}")).await?;
        app.wait_for_text("[data-testid=order-number]", &fourth)
            .await?;

        Ok(())
    }
    .await;
    if result.is_err() {
        let _ = app.shot("failure-backups").await;
    }
    app.close().await?;
    result
}
