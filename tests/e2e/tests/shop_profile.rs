//! The Shop page in the real app: the owner of a bike shop types the shop's
//! name, footer and the rest, chooses a logo, sees the preview follow
//! (drawn by the core), saves, and the invoice PDF of an order says so
//! (read back with pdftotext). Changing the currency once orders exist is
//! refused with the core's message at the currency field.
//!
//! Run by `.ci/e2e.sh` (`xvfb-run -a cargo test -p tillflow-e2e -- --ignored`).

use std::process::Command;

use serde_json::json;
use tillflow_e2e::{App, TestResult};

const TOAST: &str = "[data-testid=toast]";
const NAME: &str = "Spoke & Chain Bikes";
const FOOTER: &str = "Bikes not collected within 60 days may be sold to cover repair costs.";

/// A 120 × 40 PNG logo: a blue band with a white stripe.
fn logo_png() -> Vec<u8> {
    let (w, h) = (120u32, 40u32);
    let mut rgb8 = Vec::new();
    for y in 0..h {
        for _ in 0..w {
            rgb8.extend(if (16..24).contains(&y) {
                [255, 255, 255]
            } else {
                [21, 101, 192]
            });
        }
    }
    tillflow::documents::ShopLogo {
        width_px: w,
        height_px: h,
        rgb8,
    }
    .to_png()
    .expect("png")
}

/// Waits until the invoice preview's SVG contains `text`.
async fn preview_shows(app: &App, text: &str) -> TestResult {
    for _ in 0..100 {
        let svg = app
            .client
            .execute(
                "const i = document.querySelector('[data-testid=preview-invoice]'); \
                 return i ? decodeURIComponent(i.src) : '';",
                vec![],
            )
            .await?;
        if svg.as_str().unwrap_or_default().contains(text) {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("the invoice preview never showed {text:?}").into())
}

/// A screenshot once the window has painted what the last step did (under
/// Xvfb the screen showed the frame before it).
async fn shot(app: &App, name: &str) -> TestResult {
    for _ in 0..3 {
        app.client
            .execute("return document.body.offsetHeight;", vec![])
            .await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    app.shot(name).await
}

/// No field focused (no suggestion list open), scrolled to the top.
async fn top_of_page(app: &App) -> TestResult {
    app.client
        .execute(
            "document.activeElement?.blur(); window.scrollTo(0, 0); \
             document.querySelectorAll('main, .main, .content').forEach(e => e.scrollTo(0, 0));",
            vec![],
        )
        .await?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and an X server (.ci/e2e.sh)"]
async fn the_shop_profile_is_edited_previewed_saved_and_printed() -> TestResult {
    let docs = tempfile::tempdir()?;
    let app = App::launch_with(&[("TILLFLOW_DOCUMENTS_DIR", docs.path())]).await?;
    let result = async {
        app.click("[data-testid=nav-settings]").await?;
        app.click("[data-testid=tab-shop]").await?;
        app.wait_for("[data-testid=shop-form]").await?;
        preview_shows(&app, "Tillflow Demo Shop").await?;

        app.fill("[data-testid=shop-name]", NAME).await?;
        app.set_value(
            "[data-testid=shop-address]",
            "14 Wheelwright Lane\nBristol BS1 4DJ",
        )
        .await?;
        app.fill("[data-testid=shop-phone]", "+44 117 496 0123").await?;
        app.fill("[data-testid=shop-tax-id]", "GB 123 4567 89").await?;
        app.fill("[data-testid=shop-prefix]", "BK-").await?;
        app.set_value("[data-testid=shop-footer]", FOOTER).await?;
        app.set_value("[data-testid=shop-time-zone]", "Europe/London")
            .await?;
        // Choose a logo as the file picker would.
        use base64::Engine;
        let png = base64::engine::general_purpose::STANDARD.encode(logo_png());
        app.client
            .execute(
                "const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0)); \
                 const dt = new DataTransfer(); \
                 dt.items.add(new File([bytes], 'spoke-chain-logo.png', { type: 'image/png' })); \
                 const input = document.querySelector('[data-testid=shop-logo-file]'); \
                 input.files = dt.files; input.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![png.into()],
            )
            .await?;
        app.wait_for_text("[data-testid=shop-logo-name]", "spoke-chain-logo.png")
            .await?;
        // The preview follows what is typed, before anything is saved.
        preview_shows(&app, "Spoke &amp; Chain Bikes").await?;
        preview_shows(&app, "Bikes not collected within 60 days").await?;
        preview_shows(&app, "<image").await?;
        top_of_page(&app).await?;
        shot(&app, "settings-shop").await?;
        app.click("[data-testid=preview-zoom]").await?;
        shot(&app, "settings-shop-preview-zoomed").await?;
        app.click("[data-testid=preview-zoom]").await?;

        app.click("[data-testid=shop-save]").await?;
        app.wait_for_text(TOAST, "Shop profile saved").await?;
        let saved = app.invoke("settings_get", json!({})).await?;
        assert_eq!(saved["shop"]["name"], NAME);
        assert_eq!(saved["shop"]["footer"], FOOTER);
        assert_eq!(saved["shop"]["time_zone"], "Europe/London");
        assert_eq!(saved["shop"]["documents"]["logo"]["sha256"].as_str().map(str::len), Some(64));
        assert!(saved["shop"]["documents"]["logo"].get("png").is_none());
        // The sidebar follows.
        let mut sidebar = String::new();
        for _ in 0..50 {
            sidebar = app
                .wait_for(".brand .shop")
                .await?
                .prop("textContent")
                .await?
                .unwrap_or_default();
            if sidebar == NAME {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(sidebar, NAME);
        app.dismiss_toasts().await?;

        // An order's invoice, saved as PDF, says so.
        let order = app
            .invoke(
                "order_create",
                json!({"input": {
                    "type": "repair",
                    "customer": {"name": "Grace Hopper", "phone": "+44 117 496 0999"},
                    "fields": {"device": "Brompton M6L", "problem": "Gears slip in 3rd"},
                    "lines": [{"sku": "DIAG", "qty": "1"}],
                    "payments": []
                }}),
            )
            .await?;
        let number = order["number"].as_str().ok_or("order number")?.to_string();
        assert!(number.starts_with("BK-"), "{number}");
        app.go(&format!("/orders/{number}")).await?;
        app.wait_for_text("[data-testid=order-number]", &number)
            .await?;
        app.click("[data-testid=save-pdf]").await?;
        let file = docs.path().join(format!("invoice-{number}.pdf"));
        app.wait_for_text(TOAST, &file.display().to_string())
            .await?;
        let out = Command::new("pdftotext")
            .arg("-layout")
            .arg(&file)
            .arg("-")
            .output()?;
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(NAME), "{text}");
        assert!(text.contains("14 Wheelwright Lane"), "{text}");
        assert!(text.contains("Tax ID: GB 123 4567 89"), "{text}");
        assert!(text.contains("Bikes not collected within 60 days"), "{text}");
        assert!(!text.contains("Tillflow Demo Shop"), "{text}");
        let images = Command::new("pdfimages").arg("-list").arg(&file).output()?;
        let images = String::from_utf8_lossy(&images.stdout);
        assert!(images.contains(" 120 "), "the logo is in the PDF:\n{images}");
        app.dismiss_toasts().await?;

        // The currency cannot change once there are orders: the core says why.
        app.click("[data-testid=nav-settings]").await?;
        app.click("[data-testid=tab-shop]").await?;
        app.wait_for("[data-testid=shop-form]").await?;
        app.wait_for_text("[data-testid=shop-logo-name]", "Logo in use")
            .await?;
        app.set_value("[data-testid=shop-currency]", "USD").await?;
        app.click("[data-testid=shop-save]").await?;
        app.wait_for_text("[data-testid=shop-currency-error]", "cannot change")
            .await?;
        app.client
            .execute(
                "document.activeElement?.blur(); \
                 document.querySelector('[data-testid=shop-currency]').scrollIntoView({block: 'center'});",
                vec![],
            )
            .await?;
        shot(&app, "settings-shop-currency-refused").await?;
        let kept = app.invoke("settings_get", json!({})).await?;
        assert_eq!(kept["shop"]["currency"], "EUR");
        Ok(())
    }
    .await;
    if result.is_err() {
        let _ = app.shot("failure-shop-profile").await;
    }
    app.close().await?;
    result
}
