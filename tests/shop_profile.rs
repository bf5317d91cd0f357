//! The shop profile on real database files: the logo copied into the
//! database (never read from a path again), carried inline by the settings
//! file, a path refused; the document preview drawn by the documents' code
//! reflecting the profile as typed; every template imports.

mod common;

use common::Shop;
use serde_json::json;
use tillflow::documents::{DocumentKind, ShopLogo};
use tillflow::settings::{Settings, SettingsChange, TEMPLATES};

/// A logo as shops have them: 400 × 120 with detail (tens of kilobytes of
/// PNG: far longer inline than any text a settings file may hold).
fn logo_png() -> Vec<u8> {
    let (w, h) = (400u32, 120u32);
    let mut rgb8 = Vec::new();
    let mut x: u32 = 7;
    for i in 0..w * h {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let grain = (x >> 24) as u8 / 4;
        rgb8.extend([21 + grain, 101 + (i % w) as u8 / 4, 192 - grain]);
    }
    let png = ShopLogo {
        width_px: w,
        height_px: h,
        rgb8,
    }
    .to_png()
    .expect("png");
    assert!(png.len() > 20_000, "a detailed logo: {} bytes", png.len());
    png
}

/// The text runs of an SVG drawn by the documents (`<text>…</text>`).
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|part| {
            let start = part.find('>')? + 1;
            let end = part.find("</text>")?;
            Some(
                part[start..end]
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&"),
            )
        })
        .collect()
}

fn logo_rows(shop: &Shop) -> i64 {
    let conn = rusqlite::Connection::open(shop.dir.path().join("shop.db")).expect("sqlite");
    conn.query_row("SELECT COUNT(*) FROM logos", [], |r| r.get(0))
        .expect("count")
}

#[tokio::test]
async fn the_logo_is_kept_in_the_database_and_travels_inline_in_the_settings_file() {
    let shop = Shop::demo().await;
    let png = logo_png();
    // Chosen from a file that is gone afterwards: documents never read it.
    let file = shop.dir.path().join("logo.png");
    std::fs::write(&file, &png).expect("write");
    let bytes = std::fs::read(&file).expect("read");
    std::fs::remove_file(&file).expect("remove");
    let s = shop
        .till
        .set_logo(
            Some(&bytes),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("logo set");
    let logo = s.shop.documents.logo.clone().expect("logo");
    assert_eq!(logo.sha256, tillflow::settings::sha256_hex(&png));
    assert_eq!(logo.png, None, "the settings name the stored logo");
    assert_eq!(logo_rows(&shop), 1);

    let number = shop.laundry(json!([])).await;
    let model = shop.till.document_model(&number).await.expect("model");
    let printed = model.shop.logo.expect("the invoice has the logo");
    assert_eq!((printed.width_px, printed.height_px), (400, 120));
    let pdf = shop
        .till
        .render_document(&number, DocumentKind::Invoice, false)
        .await
        .expect("invoice");
    assert!(
        String::from_utf8_lossy(&pdf[0].pdf).contains("/Subtype /Image")
            || String::from_utf8_lossy(&pdf[0].pdf).contains("/Subtype/Image"),
        "the invoice PDF holds an image"
    );

    // The settings file carries the PNG itself …
    let file = shop.till.export_settings().await.expect("export");
    let doc: serde_json::Value = serde_json::from_str(&file).expect("json");
    assert!(
        doc["shop"]["documents"]["logo"]["png"].is_string(),
        "{file}"
    );

    // … so another shop's database gets the same logo from it alone.
    let other = Shop::blank().await;
    let imported = other
        .till
        .import_settings(
            Settings::from_json(&file).expect("parse"),
            &tillflow::staff::Actor::trusted("anna"),
            other.now(),
        )
        .await
        .expect("import");
    assert_eq!(
        imported.shop.documents.logo.expect("logo").sha256,
        logo.sha256
    );
    assert_eq!(logo_rows(&other), 1);
    let again = other.till.export_settings().await.expect("export");
    assert_eq!(again, file, "export → import → export is the same file");

    // Importing it twice keeps one copy; removing the logo prints none.
    other
        .till
        .import_settings(
            Settings::from_json(&file).expect("parse"),
            &tillflow::staff::Actor::trusted("anna"),
            other.now(),
        )
        .await
        .expect("import again");
    assert_eq!(logo_rows(&other), 1);
    let s = shop
        .till
        .set_logo(None, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .expect("removed");
    assert!(s.shop.documents.logo.is_none());
    let model = shop.till.document_model(&number).await.expect("model");
    assert!(model.shop.logo.is_none());
}

#[tokio::test]
async fn a_logo_path_or_an_unknown_or_broken_logo_is_refused() {
    let shop = Shop::demo().await;
    let mut doc: serde_json::Value =
        serde_json::from_str(&shop.till.export_settings().await.expect("export")).expect("json");
    doc["shop"]["documents"] = json!({"logo": "/etc/passwd"});
    let err = Settings::from_json(&doc.to_string()).expect_err("a path is refused");
    assert!(err.to_string().contains("is a path"), "{err}");

    // A logo named by a hash this database does not have.
    doc["shop"]["documents"] = json!({"logo": {"sha256": "ab".repeat(32)}});
    let s = Settings::from_json(&doc.to_string()).expect("parses");
    let err = shop
        .till
        .import_settings(s, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .expect_err("unknown logo");
    assert!(err.to_string().contains("no logo"), "{err}");

    // Not a PNG.
    let err = shop
        .till
        .set_logo(
            Some(b"P6 1 1 255\n\0\0\0"),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect_err("not a png");
    assert!(err.to_string().contains("shop.documents.logo"), "{err}");
    assert!(shop
        .till
        .settings()
        .expect("s")
        .shop
        .documents
        .logo
        .is_none());
}

#[tokio::test]
async fn the_preview_shows_the_profile_as_typed_without_saving_it() {
    let shop = Shop::demo().await;
    let mut profile = shop.till.settings().expect("settings").shop;
    profile.name = "Spoke & Chain Bikes".into();
    profile.footer = Some("Open Tuesday to Saturday, 9–18".into());
    profile.order_prefix = "BK-".into();
    profile.tax_id = Some("GB123456789".into());
    profile.documents.logo = Some(tillflow::settings::Logo::from_png(&logo_png()).expect("logo"));
    let preview = shop
        .till
        .preview_documents(profile.clone(), shop.now())
        .await
        .expect("preview");
    for svg in [&preview.invoice_svg, &preview.receipt_svg] {
        let texts = svg_texts(svg);
        assert!(
            texts.iter().any(|t| t == "Spoke & Chain Bikes"),
            "{texts:?}"
        );
        assert!(
            texts.iter().any(|t| t.contains("Open Tuesday to Saturday")),
            "{texts:?}"
        );
        assert!(texts.iter().any(|t| t.contains("BK-000123")), "{texts:?}");
        assert!(texts.iter().any(|t| t.contains("GB123456789")), "{texts:?}");
    }
    assert!(preview.invoice_svg.contains("<image"), "the logo is drawn");
    // Nothing was saved; the logo chosen for the preview is not stored.
    assert_eq!(
        shop.till.settings().expect("s").shop.name,
        "Tillflow Demo Shop"
    );
    assert_eq!(logo_rows(&shop), 0);

    // Prices with or without tax change the sample's totals.
    profile.prices_include_tax = !profile.prices_include_tax;
    let other = shop
        .till
        .preview_documents(profile.clone(), shop.now())
        .await
        .expect("preview");
    assert_ne!(
        svg_texts(&other.receipt_svg),
        svg_texts(&preview.receipt_svg)
    );

    // A profile the settings would refuse is refused by the preview too.
    profile.name = "  ".into();
    let err = shop
        .till
        .preview_documents(profile, shop.now())
        .await
        .expect_err("no name");
    assert!(err.to_string().starts_with("shop.name"), "{err}");
}

#[tokio::test]
async fn the_currency_cannot_change_once_orders_exist() {
    let shop = Shop::demo().await;
    let mut profile = shop.till.settings().expect("settings").shop;
    profile.currency = "USD".into();
    shop.laundry(json!([])).await;
    let err = shop
        .till
        .change_settings(
            SettingsChange::SaveShop { shop: profile },
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect_err("refused");
    assert!(err.to_string().starts_with("shop.currency"), "{err}");
}

#[tokio::test]
async fn every_template_starts_a_shop_that_takes_an_order() {
    for template in TEMPLATES {
        let shop = Shop::blank().await;
        assert!(shop
            .till
            .init_from_template(&template, shop.now())
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", template.key)));
        let s = shop.till.settings().expect("settings");
        assert!(!s.order_types.is_empty(), "{}", template.key);
        assert!(!s.catalogue.is_empty(), "{}", template.key);
        // A configured shop is left alone.
        assert!(!shop
            .till
            .init_from_template(&template, shop.now())
            .await
            .expect("no-op"));
    }
}
