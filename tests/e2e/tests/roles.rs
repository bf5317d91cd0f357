//! Roles in the real window: Settings › Roles shows the built-in roles'
//! fixed permission checklist (from the core), creates a custom role as a
//! checklist and sets the shop's PIN length and auto-lock; the workflow
//! editor's step role pickers set who may fire a trigger and who may move
//! an order out by hand (no "fire" picker on a system trigger). Everything
//! is saved in the settings file and shown again after a reload.
//! Ignored in a plain `cargo test`: `.ci/e2e.sh` runs it (see story.rs).

use tillflow::staff::Permission;
use tillflow_e2e::{App, TestResult};

const TOAST: &str = "[data-testid=toast]";

async fn checked(app: &App, scope: &str) -> TestResult<Vec<String>> {
    let out = app
        .client
        .execute(
            "return [...document.querySelectorAll(arguments[0] + ' input[type=checkbox]')] \
               .filter(i => i.checked).map(i => i.dataset.key);",
            vec![scope.into()],
        )
        .await?;
    Ok(serde_json::from_value(out)?)
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and an X display: run .ci/e2e.sh"]
async fn custom_role_and_step_role_rules_saved_and_shown_after_reload() -> TestResult {
    let app = App::launch().await?;
    let result = async {
        app.click("[data-testid=nav-settings]").await?;
        app.click("[data-testid=tab-roles]").await?;
        app.wait_for_text(
            "[data-testid=role-item][data-key=owner]",
            &format!(
                "Owner built-in · {n} of {n} permissions",
                n = Permission::ALL.len()
            ),
        )
        .await?;
        assert_eq!(
            app.attrs("[data-testid=role-item]", "data-key").await?,
            ["cashier", "manager", "owner"]
        );

        // A built-in role: its matrix, read-only.
        app.click("[data-testid=role-item][data-key=manager]").await?;
        app.wait_for("[data-testid=role-view]").await?;
        let manager = checked(&app, "[data-testid=role-view]").await?;
        assert!(manager.contains(&"orders.cancel".to_string()), "{manager:?}");
        assert!(!manager.contains(&"staff.manage".to_string()), "{manager:?}");
        let disabled = app
            .client
            .execute(
                "return document.querySelector('[data-testid=role-view] fieldset').disabled;",
                vec![],
            )
            .await?;
        assert_eq!(disabled, serde_json::json!(true));
        app.shot_painted("roles-builtin").await?;

        // A custom role: a name, its key, a checklist.
        app.click("[data-testid=role-new]").await?;
        app.fill("[data-testid=role-name]", "Shift lead").await?;
        app.wait_for_text("[data-testid=role-key]", "shift_lead")
            .await?;
        for key in [
            "orders.take",
            "payments.take",
            "orders.fire_trigger",
            "orders.move",
        ] {
            app.click(&format!(
                "[data-testid=role-permission][data-key='{key}']"
            ))
            .await?;
        }
        app.shot_painted("roles-custom").await?;
        app.click("[data-testid=role-save]").await?;
        app.wait_for_text(TOAST, "Role “Shift lead” created").await?;
        app.wait_for_text(
            "[data-testid=role-item][data-key=shift_lead]",
            &format!("4 of {} permissions", Permission::ALL.len()),
        )
        .await?;

        // Sign-in: 4-digit PINs, lock after 10 minutes.
        app.set_value("[data-testid=pin-length]", "4").await?;
        app.fill("[data-testid=auto-lock]", "10").await?;
        app.click("[data-testid=signin-save]").await?;
        app.wait_for_text(TOAST, "Sign-in settings saved").await?;
        app.dismiss_toasts().await?;

        // The step role pickers of "Repair pickup".
        app.click("[data-testid=tab-workflows]").await?;
        app.click("[data-testid=workflow-item][data-key=repair-pickup]")
            .await?;
        let pay = "[data-testid=step-row][data-status=awaiting_payment] [data-testid=step-roles]";
        app.wait_for_text(pay, "Anyone").await?;
        app.click(pay).await?;
        app.wait_for("[data-testid=step-roles]").await?;
        // "Order paid in full" is raised by Tillflow: nobody fires it.
        app.wait_for_text("[data-testid=step-roles-fire]", "no person fires it")
            .await?;
        for role in ["manager", "shift_lead"] {
            app.click(&format!(
                "[data-testid=step-roles-move] input[data-key={role}]"
            ))
            .await?;
        }
        app.shot_painted("roles-step-pickers").await?;
        app.click("[data-testid=step-roles-done]").await?;
        app.wait_gone("[role=dialog]").await?;
        app.wait_for_text(pay, "move out: Manager, Shift lead")
            .await?;
        let pickup = "[data-testid=step-row][data-status=ready_for_pickup] [data-testid=step-roles]";
        app.click(pickup).await?;
        app.click("[data-testid=step-roles-fire] input[data-key=shift_lead]")
            .await?;
        app.click("[data-testid=step-roles-fire] input[data-key=owner]")
            .await?;
        app.click("[data-testid=step-roles-done]").await?;
        app.wait_gone("[role=dialog]").await?;
        app.wait_for_text(pickup, "fire: Owner, Shift lead").await?;
        app.shot_painted("roles-workflow-editor").await?;
        app.click("[data-testid=workflow-save]").await?;
        app.wait_for_text(TOAST, "Workflow “Repair pickup” saved")
            .await?;

        // In the settings file, as the core wrote it.
        let file = app.invoke("settings_export", serde_json::json!({})).await?;
        let doc: serde_json::Value = serde_json::from_str(file.as_str().ok_or("text")?)?;
        assert_eq!(doc["shop"]["staff"]["pin_length"], 4);
        assert_eq!(doc["shop"]["staff"]["auto_lock_minutes"], 10);
        assert_eq!(
            doc["shop"]["staff"]["roles"][0],
            serde_json::json!({"key": "shift_lead", "name": "Shift lead",
                "permissions": ["orders.take", "payments.take", "orders.fire_trigger", "orders.move"]})
        );
        let wf = doc["workflows"]
            .as_array()
            .ok_or("workflows")?
            .iter()
            .find(|w| w["key"] == "repair-pickup")
            .ok_or("repair-pickup")?;
        assert_eq!(wf["version"], 2);
        assert_eq!(
            wf["steps"][0]["roles"],
            serde_json::json!({"move_out": ["manager", "shift_lead"]})
        );
        assert_eq!(
            wf["steps"][1]["roles"],
            serde_json::json!({"fire": ["owner", "shift_lead"]})
        );

        // After a reload the screens show what was saved.
        app.client.refresh().await?;
        app.wait_for("[data-testid=nav-settings]").await?;
        app.go("/settings/workflows").await?;
        app.click("[data-testid=workflow-item][data-key=repair-pickup]")
            .await?;
        app.wait_for_text(pay, "move out: Manager, Shift lead")
            .await?;
        app.wait_for_text(pickup, "fire: Owner, Shift lead").await?;
        app.click(pickup).await?;
        assert_eq!(
            checked(&app, "[data-testid=step-roles-fire]").await?,
            ["owner", "shift_lead"]
        );
        app.click("[data-testid=step-roles] button.x").await?;
        app.wait_gone("[role=dialog]").await?;
        app.click("[data-testid=tab-roles]").await?;
        app.click("[data-testid=role-item][data-key=shift_lead]")
            .await?;
        app.wait_for("[data-testid=role-editor]").await?;
        assert_eq!(
            checked(&app, "[data-testid=role-permissions]").await?,
            [
                "orders.take",
                "payments.take",
                "orders.fire_trigger",
                "orders.move"
            ]
        );
        let pin = app
            .wait_for("[data-testid=pin-length]")
            .await?
            .prop("value")
            .await?;
        assert_eq!(pin.as_deref(), Some("4"));
        let lock = app
            .wait_for("[data-testid=auto-lock]")
            .await?
            .prop("value")
            .await?;
        assert_eq!(lock.as_deref(), Some("10"));

        // A role named by a step is not deleted: the core says where.
        app.click("[data-testid=role-delete]").await?;
        app.wait_for_text(
            "[data-testid=role-error]",
            "named by step 'awaiting_payment' of workflow 'Repair pickup'",
        )
        .await?;
        app.client
            .execute(
                "document.querySelector('[data-testid=role-error]').scrollIntoView({block: 'center'});",
                vec![],
            )
            .await?;
        app.dismiss_toasts().await?;
        app.shot_painted("roles-delete-refused").await?;
        Ok(())
    }
    .await;
    app.close().await?;
    result
}
