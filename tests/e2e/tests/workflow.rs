//! Workflows in the real window (issue 13): a manual move blocked by the
//! demo's "Awaiting payment" guard, then an owner's override with a reason;
//! undo of that move; "Picked up" asks before it completes the order; the
//! simulator on the Order Types page walks the demo laundry type to completed.
//! Ignored in a plain `cargo test`: `.ci/e2e.sh` runs it (see story.rs).

use serde_json::json;
use tillflow_e2e::{App, TestResult};

const TOAST: &str = "[data-testid=toast]";

async fn repair_awaiting_payment(app: &App) -> TestResult<String> {
    let order = app
        .invoke(
            "order_create",
            json!({"input": {
                "type": "repair",
                "customer": {"name": "Ada Lovelace"},
                "fields": {"device": "Phone", "problem": "Cracked screen"},
                "lines": [{"sku": "DIAG", "qty": "1"}],
                "payments": []
            }}),
        )
        .await?;
    let number = order["number"].as_str().ok_or("order number")?.to_string();
    for trigger in [
        "quote.sent",
        "quote.approved",
        "work.completed",
        "order.marked_ready",
    ] {
        app.invoke("order_fire", json!({"number": number, "trigger": trigger}))
            .await?;
    }
    Ok(number)
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and an X display: run .ci/e2e.sh"]
async fn guarded_move_override_undo_confirm_and_the_simulator() -> TestResult {
    let app = App::launch().await?;
    let result = async {
        let n = repair_awaiting_payment(&app).await?;
        app.go(&format!("/orders/{n}")).await?;
        app.wait_for_text("[data-testid=order-status]", "Awaiting payment")
            .await?;
        app.wait_for_text("[data-testid=held-by]", "paid in full")
            .await?;

        // Past the guard without overriding: refused, naming the condition.
        app.click("[data-testid=move-order]").await?;
        app.set_value("[data-testid=move-to]", "ready_for_pickup")
            .await?;
        app.wait_for_text(
            "[data-testid=move-guard]",
            "“Awaiting payment” waits for: paid in full",
        )
        .await?;
        app.fill("[data-testid=move-reason]", "Customer is here")
            .await?;
        app.click("[data-testid=move-submit]").await?;
        app.wait_for_text(
            "[data-testid=move-error]",
            "cannot leave 'awaiting_payment' until: paid in full",
        )
        .await?;
        app.shot_painted("workflow-move-guarded").await?;

        // The owner overrides, with the reason: moved, and recorded.
        app.click("[data-testid=move-override]").await?;
        app.fill("[data-testid=move-reason]", "Pays on account")
            .await?;
        app.click("[data-testid=move-submit]").await?;
        app.wait_for_text("[data-testid=order-status]", "Ready for pickup")
            .await?;
        app.wait_for_text("[data-testid=timeline-entry]", "Guard overridden")
            .await?;
        app.wait_for_text("[data-testid=timeline-entry]", "Pays on account")
            .await?;

        // Undo the move: back at "Awaiting payment", both rows kept.
        app.click("[data-testid=undo-move]").await?;
        app.fill("[data-testid=undo-reason]", "Not on account after all")
            .await?;
        app.click("[data-testid=undo-submit]").await?;
        app.wait_for_text(TOAST, "Move undone").await?;
        app.wait_for_text("[data-testid=order-status]", "Awaiting payment")
            .await?;
        app.wait_for_text("[data-testid=timeline-entry]", "Move undone")
            .await?;
        app.dismiss_toasts().await?;
        app.shot_painted("workflow-undone").await?;

        // Paid: "Picked up" ends the workflow, so it asks first.
        let balance = app.invoke("order_get", json!({"number": n})).await?["totals"]["balance"]
            .as_str()
            .ok_or("balance")?
            .to_string();
        app.invoke(
            "order_pay",
            json!({"number": n, "payment": {"method": "cash", "amount": balance}}),
        )
        .await?;
        app.go("/").await?;
        app.go(&format!("/orders/{n}")).await?;
        app.wait_for_text("[data-testid=order-status]", "Ready for pickup")
            .await?;
        app.click("[data-testid=action][data-trigger='order.picked_up']")
            .await?;
        app.wait_for("[data-testid=final-dialog]").await?;
        app.shot_painted("workflow-confirm-picked-up").await?;
        app.click("[data-testid=final-confirm]").await?;
        app.wait_for_text("[data-testid=order-status]", "Completed")
            .await?;
        app.wait_for("[data-testid=undo-move]").await?;

        // The simulator walks the demo laundry type to completed.
        app.click("[data-testid=nav-settings]").await?;
        app.click("[data-testid=tab-order-types]").await?;
        app.click("[data-testid=order-type-item][data-key=laundry]")
            .await?;
        app.wait_for_text("[data-testid=sim-end]", "Received")
            .await?;
        for event in [
            "items.tagged",
            "work.completed",
            "order.marked_ready",
            "customer.notified",
            "order.picked_up",
        ] {
            app.click(&format!("[data-testid=sim-event][data-event='{event}']"))
                .await?;
        }
        app.wait_for_text("[data-testid=sim-end]", "Completed")
            .await?;
        app.wait_for_text(
            "[data-testid=sim-why]",
            "'order.picked_up' is the trigger of 'awaiting_pickup'",
        )
        .await?;
        let steps = app.attrs("[data-testid=sim-step]", "data-to").await?;
        assert_eq!(
            steps,
            [
                "received",
                "cleaning",
                "pressing",
                "ready_for_pickup",
                "awaiting_pickup",
                "completed"
            ]
        );
        app.client
            .execute(
                "document.querySelector('[data-testid=sim-end]').scrollIntoView({block: 'end'});",
                vec![],
            )
            .await?;
        app.shot_painted("workflow-simulator").await?;
        Ok(())
    }
    .await;
    app.close().await?;
    result
}
