//! An order keeps the pricing it was computed under: after the shop switches
//! from tax-inclusive to tax-exclusive prices (or changes its rounding), the
//! old order's documents still show the totals it was sold at, and new orders
//! are priced the new way.

mod common;

use common::{laundry_input, Shop};
use tillflow::documents::DocumentKind;
use tillflow::settings::{SettingsChange, TaxRounding};

#[tokio::test]
async fn old_orders_keep_their_pricing_after_the_shop_changes_it() {
    let shop = Shop::demo().await;
    let before = shop
        .till
        .create_order(
            &laundry_input(serde_json::json!([])),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("order");
    let sold = shop.till.order(&before.number).await.expect("view");

    let mut s = shop
        .till
        .snapshot()
        .expect("settings")
        .settings
        .shop
        .clone();
    assert!(s.prices_include_tax, "the demo shop prices include tax");
    s.prices_include_tax = false;
    s.tax_rounding = TaxRounding::PerDocument;
    shop.till
        .change_settings(
            SettingsChange::SaveShop { shop: s },
            &tillflow::staff::Actor::trusted("boss"),
            shop.now(),
        )
        .await
        .expect("pricing changed");

    // The old order: same totals on screen and on its invoice.
    let again = shop.till.order(&before.number).await.expect("view");
    assert_eq!(again.totals.total, sold.totals.total);
    assert_eq!(again.totals.tax, sold.totals.tax);
    let model = shop
        .till
        .document_model(&before.number)
        .await
        .expect("the old order still renders");
    assert_eq!(
        tillflow::money::format_minor(model.total_minor, 2),
        sold.totals.total
    );
    assert_eq!(
        tillflow::money::format_minor(model.tax_minor, 2),
        sold.totals.tax
    );
    let pdf = shop
        .till
        .render_document(&before.number, DocumentKind::Invoice, false)
        .await
        .expect("invoice");
    assert_eq!(pdf.len(), 1);

    // A new order with the same lines now has tax added on top.
    let after = shop
        .till
        .create_order(
            &laundry_input(serde_json::json!([])),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("order");
    let new = shop.till.order(&after.number).await.expect("view");
    assert_eq!(
        new.totals.subtotal, sold.totals.total,
        "old gross = new net"
    );
    assert_ne!(new.totals.total, sold.totals.total);
    let model = shop
        .till
        .document_model(&after.number)
        .await
        .expect("model");
    assert_eq!(
        tillflow::money::format_minor(model.total_minor, 2),
        new.totals.total
    );
}
