//! A shop sets itself up in the settings hub and works an order through the
//! real app: status → three-step workflow (reordered by drag and by keyboard)
//! → order type → POS intake (a missing required field is refused, then
//! accepted) → board → triggers until completed → found by phone.
//!
//! Needs the app built with `custom-protocol`, tauri-driver and an X server,
//! so it is ignored by a plain `cargo test`; `.ci/e2e.sh` builds everything
//! and runs it: `xvfb-run -a cargo test -p tillflow-e2e -- --ignored`.

use tillflow_e2e::{App, TestResult, KEY_DOWN, KEY_ENTER, KEY_ESCAPE, KEY_UP};

const TOAST: &str = "[data-testid=toast]";

async fn step_order(app: &App) -> TestResult<Vec<String>> {
    app.attrs("[data-testid=step-row]", "data-status").await
}

async fn build_settings(app: &App) -> TestResult {
    // A new status in the Status Library.
    app.click("[data-testid=nav-settings]").await?;
    app.click("[data-testid=tab-statuses]").await?;
    app.click("[data-testid=status-new]").await?;
    app.click("[data-testid=status-save]").await?;
    app.wait_for_text(".error-text", "Give the status a name")
        .await?;
    app.fill("[data-testid=status-name]", "Quality check")
        .await?;
    assert_eq!(
        app.wait_for("[data-testid=status-key]")
            .await?
            .prop("value")
            .await?
            .as_deref(),
        Some("quality_check")
    );
    app.shot("settings-status-form").await?;
    app.click("[data-testid=status-save]").await?;
    app.wait_for_text(TOAST, "Status “Quality check” created")
        .await?;
    app.wait_for("[data-testid=status-row][data-key=quality_check]")
        .await?;

    // A three-step workflow with a trigger per step.
    app.click("[data-testid=tab-workflows]").await?;
    app.click("[data-testid=workflow-new]").await?;
    app.fill("[data-testid=workflow-name]", "Alteration work")
        .await?;
    app.set_value("[data-testid=workflow-type]", "production")
        .await?;
    app.click("[data-testid=workflow-save]").await?;
    app.wait_for_text("[data-testid=steps-error]", "Add at least one step")
        .await?;
    for (status, trigger) in [
        ("received", "items.tagged"),
        ("ready_for_pickup", "order.picked_up"),
        ("quality_check", "work.completed"),
    ] {
        app.click("[data-testid=step-add]").await?;
        app.click(&format!("[data-testid=pick-status][data-key={status}]"))
            .await?;
        app.click(&format!("[data-testid=pick-trigger][data-key='{trigger}']"))
            .await?;
        app.wait_gone("[role=dialog]").await?;
    }
    assert_eq!(
        step_order(app).await?,
        ["received", "ready_for_pickup", "quality_check"]
    );

    // Reorder by dragging the dot handle: quality check goes above ready for pickup.
    app.drag(
        "[data-testid=step-row][data-status=quality_check] [data-testid=step-handle]",
        "[data-testid=step-row][data-status=ready_for_pickup]",
        -10.0,
    )
    .await?;
    assert_eq!(
        step_order(app).await?,
        ["received", "quality_check", "ready_for_pickup"]
    );

    // Reorder by keyboard: ↑ then ↓ on the focused handle.
    let handle = "[data-testid=step-row][data-status=ready_for_pickup] [data-testid=step-handle]";
    app.keys(handle, KEY_UP).await?;
    assert_eq!(
        step_order(app).await?,
        ["received", "ready_for_pickup", "quality_check"]
    );
    app.keys(handle, KEY_DOWN).await?;
    assert_eq!(
        step_order(app).await?,
        ["received", "quality_check", "ready_for_pickup"]
    );
    app.shot("settings-workflow-editor").await?;
    app.click("[data-testid=workflow-save]").await?;
    app.wait_for_text(TOAST, "Workflow “Alteration work” created")
        .await?;
    app.wait_for("[data-testid=workflow-item][data-key=alteration-work]")
        .await?;

    // An order type running that workflow in production, with the laundry wizard.
    app.click("[data-testid=tab-order-types]").await?;
    app.click("[data-testid=order-type-new]").await?;
    // A new order type does not borrow another type's wizard.
    let wizard = app
        .wait_for("[data-testid=order-type-wizard]")
        .await?
        .prop("value")
        .await?;
    assert_eq!(wizard.as_deref(), Some(""));
    app.fill("[data-testid=order-type-name]", "Alterations")
        .await?;
    app.set_value("[data-testid=order-type-wizard]", "laundry")
        .await?;
    app.set_value(
        "[data-testid=order-type-stage][data-stage=production]",
        "alteration-work",
    )
    .await?;
    app.shot("settings-order-type").await?;
    app.click("[data-testid=order-type-save]").await?;
    app.wait_for_text(TOAST, "Order type “Alterations” created")
        .await?;
    Ok(())
}

async fn take_order(app: &App) -> TestResult<String> {
    app.click("[data-testid=nav-pos]").await?;
    app.shot("pos-order-types").await?;
    app.click("[data-testid=order-type][data-key=alterations]")
        .await?;

    // Customer step: refused without a customer, then a new customer is added.
    app.click("[data-testid=wizard-next]").await?;
    app.wait_for_text("[data-testid=field-error]", "Choose or add a customer")
        .await?;
    app.click("[data-testid=customer-new]").await?;
    app.fill("[data-testid=customer-new-name]", "Ada Lovelace")
        .await?;
    app.fill("[data-testid=customer-new-phone]", "+44 20 7946 0991")
        .await?;
    app.click("[data-testid=customer-new-save]").await?;
    app.wait_for_text("[data-testid=customer-chosen]", "Ada Lovelace")
        .await?;
    app.click("[data-testid=wizard-next]").await?;

    // Items step: catalogue search, quantity; the due date is required.
    app.fill("[data-testid=item-search]", "shirt").await?;
    app.click("[data-testid=item-result][data-sku=SHIRT]")
        .await?;
    app.fill("[data-testid=line-qty]", "3").await?;
    app.fill("[data-testid=line-note]", "Take in the sleeves")
        .await?;
    app.click("[data-testid=wizard-next]").await?;
    app.wait_for_text("[data-testid=field-error]", "Ready by is required")
        .await?;
    app.shot("pos-required-field").await?;
    app.set_value("[data-testid=input-due_date]", "2030-01-15")
        .await?;
    let due = app
        .wait_for("[data-testid=input-due_date]")
        .await?
        .prop("value")
        .await?;
    assert_eq!(due.as_deref(), Some("2030-01-15"));
    // WebKit's date editor takes in a value set from script a moment later;
    // an Enter sent at once can reach it first and clear the date (seen here
    // about one run in ten). A person typing the date never hits this.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    // Enter advances, Esc backs out.
    app.keys("[data-testid=input-due_date]", KEY_ENTER).await?;
    app.wait_for_text("[data-testid=wizard-step] h2", "Details")
        .await?;
    app.keys("[data-testid=input-notes]", KEY_ESCAPE).await?;
    app.wait_for_text("[data-testid=wizard-step] h2", "Items")
        .await?;
    app.click("[data-testid=wizard-next]").await?;
    app.wait_for_text("[data-testid=wizard-step] h2", "Details")
        .await?;
    app.click("[data-testid=wizard-next]").await?;

    // Review: totals from the core (3 × 3.50, prices include tax).
    app.wait_for_text("[data-testid=review-total]", "10,50")
        .await?;
    app.shot("pos-review").await?;
    app.click("[data-testid=wizard-create]").await?;
    let number = app
        .wait_for("[data-testid=created-number]")
        .await?
        .text()
        .await?;
    app.wait_for_text(TOAST, &format!("Order {number} created"))
        .await?;
    Ok(number)
}

async fn work_order(app: &App, number: &str) -> TestResult {
    app.click("[data-testid=nav-orders]").await?;
    let card = format!(
        "[data-testid=board-column][data-status=received] [data-testid=order-card][data-number='{number}']"
    );
    app.wait_for_text(&card, "Ada Lovelace").await?;
    app.shot("orders-board").await?;
    app.click(&card).await?;
    app.wait_for_text("[data-testid=order-number]", number)
        .await?;
    app.shot("order-detail").await?;
    // Take the full balance at the counter.
    app.click("[data-testid=take-payment]").await?;
    let amount = app
        .wait_for("[data-testid=pay-amount]")
        .await?
        .prop("value")
        .await?;
    assert_eq!(amount.as_deref(), Some("10.50"));
    app.click("[data-testid=pay-submit]").await?;
    app.wait_for_text("[data-testid=order-balance]", "0,00")
        .await?;
    // A manual move back, with a reason that lands in the timeline.
    app.click("[data-testid=action][data-trigger='items.tagged']")
        .await?;
    app.wait_for_text("[data-testid=order-status]", "Quality check")
        .await?;
    app.click("[data-testid=move-order]").await?;
    app.set_value("[data-testid=move-to]", "received").await?;
    app.fill("[data-testid=move-reason]", "Tag fell off")
        .await?;
    app.click("[data-testid=move-submit]").await?;
    app.wait_for_text("[data-testid=order-status]", "Received")
        .await?;
    app.wait_for_text("[data-testid=timeline-entry]", "Tag fell off")
        .await?;
    // The timeline's words are the core's labels of its audit events.
    app.wait_for_text("[data-testid=timeline-entry]", "Moved by hand")
        .await?;
    for (trigger, now) in [
        ("items.tagged", "Quality check"),
        ("work.completed", "Ready for pickup"),
        ("order.picked_up", "Completed"),
    ] {
        app.click(&format!("[data-testid=action][data-trigger='{trigger}']"))
            .await?;
        if now == "Completed" {
            // The last button completes the order: it asks first.
            app.click("[data-testid=final-confirm]").await?;
        }
        app.wait_for_text("[data-testid=order-status]", now).await?;
    }
    app.wait_for_text("[data-testid=order-actions]", "completed")
        .await?;
    let timeline = app.texts("[data-testid=timeline-entry]").await?;
    assert!(timeline.len() >= 4, "timeline: {timeline:?}");
    app.dismiss_toasts().await?;
    app.shot("order-completed").await?;
    Ok(())
}

/// An order created elsewhere (here: straight through the IPC, as another
/// till window would) shows up on the open board without a refresh.
async fn board_updates_live(app: &App) -> TestResult {
    app.click("[data-testid=nav-orders]").await?;
    app.wait_for("[data-testid=board]").await?;
    let created = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             window.__TAURI_INTERNALS__.invoke('order_create', { input: { type: 'laundry', \
               customer: { name: 'Grace Hopper', phone: '+1 202 555 0143' }, \
               fields: { due_date: '2030-02-01' }, \
               lines: [{ sku: 'SUIT', qty: '1', modifiers: [] }], payments: [] } }) \
             .then(o => done(o.number), e => done('error: ' + JSON.stringify(e)));",
            vec![],
        )
        .await?;
    let number = created.as_str().unwrap_or_default().to_string();
    assert!(!number.starts_with("error"), "order_create: {number}");
    let card = format!("[data-testid=order-card][data-number='{number}']");
    app.wait_for_text(&card, "Grace Hopper").await?;

    // The customer changed their mind: cancel it, with a reason.
    app.click(&card).await?;
    app.click("[data-testid=cancel-order]").await?;
    app.fill("[data-testid=cancel-reason]", "Customer changed their mind")
        .await?;
    app.click("[data-testid=cancel-submit]").await?;
    app.wait_for_text("[data-testid=order-status]", "Canceled")
        .await?;
    app.wait_for_text(
        "[data-testid=timeline-entry]",
        "Customer changed their mind",
    )
    .await?;
    Ok(())
}

async fn find_by_phone(app: &App, number: &str) -> TestResult {
    app.click("[data-testid=nav-dashboard]").await?;
    app.fill("[data-testid=dashboard-search]", "7946 0991")
        .await?;
    app.wait_for(&format!(
        "[data-testid=search-results] [data-testid=order-row][data-number='{number}']"
    ))
    .await?;
    app.shot("dashboard-search").await?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and an X display: run .ci/e2e.sh"]
async fn a_shop_sets_up_and_works_an_order() -> TestResult {
    let app = App::launch().await?;
    app.shot("dashboard").await?;
    let result = async {
        build_settings(&app).await?;
        let number = take_order(&app).await?;
        work_order(&app, &number).await?;
        board_updates_live(&app).await?;
        find_by_phone(&app, &number).await?;
        app.click("[data-testid=theme-toggle]").await?;
        app.shot("dashboard-dark").await?;
        app.click("[data-testid=nav-pos]").await?;
        app.shot("pos-order-types-dark").await
    }
    .await;
    if result.is_err() {
        let _ = app.shot("failure").await;
    }
    app.close().await?;
    result
}
