//! Correcting a taken order in the real window (issue 13): "Edit order…"
//! changes a line's quantity, an update-wizard field, the due date and adds
//! an item from the catalogue search, with the core's preview of the new
//! totals and the difference before saving; the order page and its
//! timeline show the result, and its totals are the core's; a shipped line
//! cannot be removed. Then a cashier
//! gives 10 % within their role's limit, and 20 % above it, which asks a
//! manager's approval and is applied once she enters her PIN.
//! Ignored in a plain `cargo test`: `.ci/e2e.sh` runs it (see story.rs).

use serde_json::json;
use tillflow_e2e::{App, TestResult};

const TOAST: &str = "[data-testid=toast]";
const CASHIER_PIN: &str = "135790";
const MANAGER_PIN: &str = "246810";

/// The demo settings with "Starch level" in the laundry update wizard and
/// cashiers allowed discounts up to 10 %; a cashier and a manager.
async fn shop_with_limits(app: &App) -> TestResult {
    let exported = app.invoke("settings_export", json!({})).await?;
    let mut settings: serde_json::Value =
        serde_json::from_str(exported.as_str().ok_or("settings export")?)?;
    let laundry = settings["wizards"]
        .as_array_mut()
        .ok_or("wizards")?
        .iter_mut()
        .find(|w| w["key"] == "laundry")
        .ok_or("laundry wizard")?;
    laundry["update_fields"]
        .as_array_mut()
        .ok_or("update fields")?
        .push(json!({
            "key": "starch", "label": "Starch level", "kind": "choice",
            "options": ["None", "Light", "Heavy"]
        }));
    let shop = settings["shop"].as_object_mut().ok_or("shop")?;
    let staff = shop.entry("staff").or_insert_with(|| json!({}));
    staff["discount_limits"] = json!({"cashier": "10"});
    app.invoke("settings_import", json!({"json": settings.to_string()}))
        .await?;
    for (name, role, pin) in [
        ("Cleo", "cashier", CASHIER_PIN),
        ("Mara", "manager", MANAGER_PIN),
    ] {
        app.invoke("staff_add", json!({"name": name, "role": role, "pin": pin}))
            .await?;
    }
    Ok(())
}

/// `data-amount` of the one element matching `css`, once it has one.
async fn amount(app: &App, css: &str) -> TestResult<String> {
    app.wait_for(&format!("{css}[data-amount]")).await?;
    Ok(app
        .attrs(css, "data-amount")
        .await?
        .into_iter()
        .next()
        .unwrap_or_default())
}

/// Waits until the element matching `css` has `data-amount` equal to `want`.
async fn wait_amount(app: &App, css: &str, want: &str) -> TestResult {
    app.wait_for(&format!("{css}[data-amount='{want}']"))
        .await
        .map(|_| ())
        .map_err(|e| format!("{css}: {e}").into())
}

async fn edit_the_order(app: &App, n: &str) -> TestResult {
    app.go(&format!("/orders/{n}")).await?;
    app.wait_for_text("[data-testid=order-number]", n).await?;
    app.click("[data-testid=edit-order]").await?;
    let dialog = "[data-testid=edit-dialog]";
    app.wait_for(&format!("{dialog} [data-testid=field][data-key=starch]"))
        .await?;
    // The update wizard's labels, from the settings.
    app.wait_for_text(&format!("{dialog} [data-testid=field]"), "Starch level")
        .await?;
    app.wait_for_text(&format!("{dialog} [data-testid=field]"), "Ready by")
        .await?;
    app.wait_for_text("[data-testid=edit-preview]", "Change something")
        .await?;

    let qty =
        format!("{dialog} [data-testid=edit-line][data-line='0'] [data-testid=edit-line-qty]");
    // The core's refusal shows in the dialog, and nothing can be saved.
    app.fill(&qty, "0").await?;
    app.wait_for_text("[data-testid=edit-preview-error]", "greater than zero")
        .await?;
    let save = app.wait_for("[data-testid=edit-save]").await?;
    assert_eq!(save.attr("disabled").await?.as_deref(), Some("true"));
    app.fill(&qty, "3").await?;
    app.click_text(&format!("{dialog} [data-testid=choice-starch]"), "Heavy")
        .await?;
    app.set_value(
        &format!("{dialog} [data-testid=input-due_date]"),
        "2030-03-20",
    )
    .await?;
    // An item from the POS's catalogue search.
    app.fill(&format!("{dialog} [data-testid=item-search]"), "dress")
        .await?;
    app.click(&format!(
        "{dialog} [data-testid=item-result][data-sku=DRESS]"
    ))
    .await?;
    app.wait_for(&format!("{dialog} [data-testid=edit-added-line]"))
        .await?;

    // The preview is the core's: 3 shirts 10.50 + a dress 12.00, 15.50 more.
    wait_amount(app, "[data-testid=edit-preview-total]", "22.50").await?;
    wait_amount(app, "[data-testid=edit-preview-difference]", "15.50").await?;
    let edit = json!({
        "fields": {"due_date": "2030-03-20", "starch": "Heavy"},
        "change_lines": [{"line": 0, "qty": "3"}],
        "add_lines": [{"sku": "DRESS", "name": "Dress, dry cleaned", "qty": "1", "modifiers": []}],
        "remove_lines": []
    });
    let core = app
        .invoke("order_edit_preview", json!({"number": n, "edit": edit}))
        .await?;
    assert_eq!(
        amount(app, "[data-testid=edit-preview-total]").await?,
        core["after"]["total"].as_str().ok_or("after total")?
    );
    app.wait_for_text("[data-testid=edit-preview-changes]", "qty 2 → 3")
        .await?;
    app.wait_for_text("[data-testid=edit-preview-changes]", "Starch level")
        .await?;
    app.wait_for_text("[data-testid=edit-preview-difference]", "more to pay")
        .await?;
    app.shot_painted("corrections-edit-order").await?;

    app.click("[data-testid=edit-save]").await?;
    app.wait_for_text(TOAST, "updated").await?;
    app.wait_gone(dialog).await?;
    app.wait_for_text("[data-testid=order-total]", "22,50")
        .await?;
    let order = app.invoke("order_get", json!({"number": n})).await?;
    assert_eq!(order["totals"]["total"], "22.50", "{order}");
    assert_eq!(order["due_date"], "2030-03-20");
    assert_eq!(order["fields"]["starch"], "Heavy");
    let entry = app
        .wait_for_text("[data-testid=timeline-entry]", "Order updated")
        .await?
        .text()
        .await?;
    for part in [
        "qty 2 → 3",
        "Starch level: Light → Heavy",
        "Added: 1 × Dress",
    ] {
        assert!(entry.contains(part), "{part:?} not in {entry:?}");
    }
    app.dismiss_toasts().await?;
    app.shot_painted("corrections-edited-order").await?;
    Ok(())
}

/// A retail order whose first line has shipped: the edit dialog offers no
/// way to remove it and says why (the core's edit form).
async fn a_shipped_line_stays(app: &App) -> TestResult {
    let order = app
        .invoke(
            "order_create",
            json!({"input": {
                "type": "retail",
                "customer": {"name": "Ada Lovelace"},
                "fields": {"delivery": "courier", "shipping_address": "1 Analytical Row"},
                "lines": [{"sku": "TSHIRT-BLK", "qty": "2"}, {"sku": "BOOK", "qty": "1"}],
                "payments": []
            }}),
        )
        .await?;
    let n = order["number"].as_str().ok_or("order number")?.to_string();
    app.invoke(
        "shipment_create",
        json!({"number": n, "shipment": {
            "method": "carrier", "carrier": "DHL", "lines": [{"line": 0, "qty": "2"}]
        }}),
    )
    .await?;
    let f = app
        .invoke("order_fulfillment", json!({"number": n}))
        .await?;
    let id = f["shipments"][0]["id"].as_i64().ok_or("shipment id")?;
    app.invoke("shipment_ship", json!({"number": n, "id": id}))
        .await?;
    app.go(&format!("/orders/{n}")).await?;
    app.wait_for_text("[data-testid=order-number]", &n).await?;
    app.click("[data-testid=edit-order]").await?;
    app.wait_for_text(
        "[data-testid=edit-line][data-line='0'] [data-testid=edit-line-kept]",
        "Already shipped or picked up: cannot be removed, at least 2",
    )
    .await?;
    assert!(app
        .texts("[data-testid=edit-line][data-line='0'] [data-testid=edit-line-remove]")
        .await?
        .is_empty());
    app.wait_for("[data-testid=edit-line][data-line='1'] [data-testid=edit-line-remove]")
        .await?;
    app.shot_painted("corrections-edit-shipped-line").await?;
    app.click("[data-testid=edit-dialog] button.x").await?;
    app.wait_gone("[data-testid=edit-dialog]").await?;
    Ok(())
}

async fn discounts_as_a_cashier(app: &App, n: &str) -> TestResult {
    app.click("[data-testid=switch-user]").await?;
    app.sign_in("Cleo", CASHIER_PIN).await?;
    app.go(&format!("/orders/{n}")).await?;
    app.wait_for_text("[data-testid=order-number]", n).await?;
    app.wait_for("[data-testid=discount-order]").await?;
    // A cashier may not edit orders: the button is not offered.
    assert!(app.texts("[data-testid=edit-order]").await?.is_empty());

    // 10 % of the whole order, within the cashier's limit.
    app.click("[data-testid=discount-order]").await?;
    app.fill("[data-testid=discount-value]", "10").await?;
    app.fill("[data-testid=discount-reason]", "Loyal customer")
        .await?;
    wait_amount(app, "[data-testid=discount-taken]", "2.25").await?;
    wait_amount(app, "[data-testid=discount-new-total]", "20.25").await?;
    assert!(app
        .texts("[data-testid=discount-needs-approval]")
        .await?
        .is_empty());
    app.shot_painted("corrections-discount").await?;
    app.click("[data-testid=discount-submit]").await?;
    app.wait_for_text(TOAST, "Discount given").await?;
    app.wait_gone("[data-testid=discount-dialog]").await?;
    app.wait_for_text("[data-testid=order-discount]", "2,25")
        .await?;
    app.wait_for_text("[data-testid=line-discount]", "Loyal customer")
        .await?;
    let order = app.invoke("order_get", json!({"number": n})).await?;
    assert_eq!(order["totals"]["total"], "20.25", "{order}");
    app.wait_for_text("[data-testid=order-total]", "20,25")
        .await?;

    // 20 % off the dress is above 10 %: the manager approves it.
    app.dismiss_toasts().await?;
    app.click("[data-testid=discount-order]").await?;
    app.fill("[data-testid=discount-value]", "20").await?;
    app.set_value("[data-testid=discount-target]", "1").await?;
    // Its share of the order discount is replaced, and the dialog says so.
    app.wait_for_text("[data-testid=discount-replaces]", "replaces it")
        .await?;
    app.fill("[data-testid=discount-reason]", "Stain we could not remove")
        .await?;
    app.wait_for_text("[data-testid=discount-needs-approval]", "limit of 10 %")
        .await?;
    let taken = amount(app, "[data-testid=discount-taken]").await?;
    app.shot_painted("corrections-discount-over-limit").await?;
    app.click("[data-testid=discount-submit]").await?;
    app.wait_for_text("[data-testid=approval-reason]", "discount")
        .await?;
    app.click("[data-testid=approver-tile][data-name='Mara']")
        .await?;
    app.wait_for_text("[data-testid=approval-who]", "Mara")
        .await?;
    app.shot_painted("corrections-discount-approval").await?;
    app.enter_pin("approval-pin-input", MANAGER_PIN).await?;
    app.wait_gone("[data-testid=approval-dialog]").await?;
    app.wait_gone("[data-testid=discount-dialog]").await?;
    app.wait_for_text("[data-testid=timeline-entry]", "Cleo (approved by Mara)")
        .await?;
    app.wait_for_text("[data-testid=line-discount]", "Stain we could not remove")
        .await?;
    let order = app.invoke("order_get", json!({"number": n})).await?;
    let dress = &order["lines"][1];
    assert_eq!(dress["discount"], json!(taken), "{order}");
    app.wait_for_text(
        "[data-testid=order-total]",
        &order["totals"]["total"]
            .as_str()
            .ok_or("total")?
            .replace('.', ","),
    )
    .await?;
    app.dismiss_toasts().await?;
    app.shot_painted("corrections-discounted-order").await?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and an X display: run .ci/e2e.sh"]
async fn edit_an_order_then_discounts_within_and_above_the_limit() -> TestResult {
    let app = App::launch().await?;
    let result = async {
        shop_with_limits(&app).await?;
        let order = app
            .invoke(
                "order_create",
                json!({"input": {
                    "type": "laundry",
                    "customer": {"name": "Grace Hopper"},
                    "fields": {"due_date": "2030-03-05", "starch": "Light"},
                    "lines": [{"sku": "SHIRT", "qty": "2"}],
                    "payments": []
                }}),
            )
            .await?;
        let n = order["number"].as_str().ok_or("order number")?.to_string();
        edit_the_order(&app, &n).await?;
        a_shipped_line_stays(&app).await?;
        discounts_as_a_cashier(&app, &n).await?;
        Ok(())
    }
    .await;
    app.close().await?;
    result
}
