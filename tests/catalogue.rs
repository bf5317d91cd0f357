//! The catalogue on real database files: categories (the shop's list, an
//! item's, an order type's limit), inactive items, what an order type
//! offers at the POS, the validation of all of it, and the catalogue CSV
//! (export read back by the import, categories included, formulas guarded).

mod common;

use common::Shop;
use rust_decimal::Decimal;
use tillflow::settings::{CatalogueItem, CatalogueModifier, SettingsChange};
use tillflow::Error;

fn item(sku: &str, name: &str, price: &str, categories: &[&str]) -> CatalogueItem {
    CatalogueItem {
        sku: sku.into(),
        name: name.into(),
        price: price.parse().expect("price"),
        tax_rate: Decimal::from(20),
        unit: None,
        barcode: None,
        modifiers: Vec::new(),
        categories: categories.iter().map(|c| c.to_string()).collect(),
        active: true,
    }
}

async fn change(shop: &Shop, change: SettingsChange) -> tillflow::Result<()> {
    shop.till
        .change_settings(change, &tillflow::staff::Actor::trusted("test"), shop.now())
        .await
        .map(|_| ())
}

fn invalid_field(e: Error) -> (String, String) {
    match e {
        Error::Invalid { field, message } => (field, message),
        other => panic!("expected an invalid field, got {other:?}"),
    }
}

/// A demo shop with the categories "Bike parts" and "Services", a tube (a
/// part, with a modifier) and a tune-up (a service), and the repair order
/// type limited to both.
async fn bike_shop() -> Shop {
    let shop = Shop::demo().await;
    change(
        &shop,
        SettingsChange::SaveCategories {
            categories: vec!["Bike parts".into(), "Services".into(), "Laundry".into()],
        },
    )
    .await
    .expect("categories");
    let mut tube = item("TUBE", "Inner tube 28\"", "8.90", &["Bike parts"]);
    tube.modifiers.push(CatalogueModifier {
        name: "Fitted".into(),
        price: "3.00".parse().expect("price"),
    });
    for it in [tube, item("TUNE", "Tune-up", "45.00", &["Services"])] {
        change(&shop, SettingsChange::SaveItem { item: it })
            .await
            .expect("item");
    }
    let mut repair = shop
        .till
        .settings()
        .expect("settings")
        .order_type("repair")
        .cloned()
        .expect("repair");
    repair.categories = vec!["Bike parts".into(), "Services".into()];
    change(&shop, SettingsChange::SaveOrderType { order_type: repair })
        .await
        .expect("order type");
    shop
}

/// Saves the item `sku` as inactive.
async fn deactivate(shop: &Shop, sku: &str) {
    let mut it = shop
        .till
        .settings()
        .expect("settings")
        .item(sku)
        .cloned()
        .expect("item");
    it.active = false;
    change(shop, SettingsChange::SaveItem { item: it })
        .await
        .expect("save");
}

fn skus(items: &[CatalogueItem]) -> Vec<&str> {
    items.iter().map(|i| i.sku.as_str()).collect()
}

#[tokio::test]
async fn an_order_type_offers_only_its_categories_and_active_items_survive_a_reopen() {
    let shop = bike_shop().await;
    let all = shop.till.find_items(Some("repair"), "").expect("find");
    assert_eq!(
        skus(&all),
        ["TUBE", "TUNE"],
        "a bike order sees bike parts and services only"
    );
    assert_eq!(
        skus(&shop.till.find_items(Some("repair"), "tune").expect("find")),
        ["TUNE"]
    );
    // The laundry type names no category: it offers the whole catalogue.
    let laundry = shop.till.find_items(Some("laundry"), "").expect("find");
    assert!(skus(&laundry).contains(&"SHIRT") && skus(&laundry).contains(&"TUBE"));
    assert!(matches!(
        shop.till.find_items(Some("nope"), ""),
        Err(Error::NotFound { .. })
    ));

    // An inactive item is not offered, but stays in the catalogue.
    deactivate(&shop, "TUBE").await;
    assert_eq!(
        skus(&shop.till.find_items(Some("repair"), "").expect("find")),
        ["TUNE"]
    );
    assert!(!skus(&shop.till.find_items(Some("laundry"), "tube").expect("f")).contains(&"TUBE"));
    assert_eq!(
        skus(&shop.till.find_items(None, "tube").expect("find")),
        ["TUBE"]
    );

    // All of it is in the database file, not only in memory.
    let path = shop.dir.path().join("shop.db");
    drop(shop.till);
    let till = tillflow::Till::open(&path, tillflow::storage::Durability::Normal)
        .await
        .expect("reopen");
    let s = till.settings().expect("settings");
    assert_eq!(s.categories, ["Bike parts", "Services", "Laundry"]);
    let tube = s.item("TUBE").expect("tube");
    assert!(!tube.active);
    assert_eq!(tube.categories, ["Bike parts"]);
    assert_eq!(tube.modifiers[0].name, "Fitted");
    assert_eq!(
        s.order_type("repair").expect("r").categories,
        ["Bike parts", "Services"]
    );
    // Searching by barcode, SKU or name, case-insensitive.
    assert_eq!(
        skus(&till.find_items(None, "4006381333948").expect("f")),
        ["MUG"]
    );
    assert_eq!(
        skus(&till.find_items(None, "tshirt").expect("f")),
        ["TSHIRT-BLK"]
    );
    assert_eq!(skus(&till.find_items(None, "DUVET").expect("f")), ["DUVET"]);
}

#[tokio::test]
async fn unknown_or_repeated_categories_and_categories_in_use_are_refused() {
    let shop = bike_shop().await;
    let s = shop.till.settings().expect("settings");

    let mut repair = s.order_type("repair").cloned().expect("repair");
    repair.categories = vec!["Bikes".into()];
    let (field, message) = invalid_field(
        change(&shop, SettingsChange::SaveOrderType { order_type: repair })
            .await
            .expect_err("unknown category on an order type"),
    );
    assert_eq!(field, "order_types[repair].categories");
    assert!(
        message.contains("'Bikes' is not one of the shop's categories"),
        "{message}"
    );

    let (field, _) = invalid_field(
        change(
            &shop,
            SettingsChange::SaveItem {
                item: item("BELL", "Bell", "5.00", &["Accessories"]),
            },
        )
        .await
        .expect_err("unknown category on an item"),
    );
    assert_eq!(field, "catalogue[BELL].categories");

    let (field, _) = invalid_field(
        change(
            &shop,
            SettingsChange::SaveItem {
                item: item("BELL", "Bell", "5.00", &["Bike parts", "Bike parts"]),
            },
        )
        .await
        .expect_err("a category twice"),
    );
    assert_eq!(field, "catalogue[BELL].categories");

    let mut two = item("BELL", "Bell", "5.00", &[]);
    for _ in 0..2 {
        two.modifiers.push(CatalogueModifier {
            name: "Fitted".into(),
            price: Decimal::ONE,
        });
    }
    let (field, _) = invalid_field(
        change(&shop, SettingsChange::SaveItem { item: two })
            .await
            .expect_err("a modifier twice"),
    );
    assert_eq!(field, "catalogue[BELL].modifiers");

    for bad in [
        vec!["A".to_string(), "A".to_string()],
        vec!["A|B".to_string()],
        vec![" ".to_string()],
    ] {
        let mut list = s.categories.clone();
        list.extend(bad.clone());
        let e = change(&shop, SettingsChange::SaveCategories { categories: list })
            .await
            .expect_err("bad category list");
        let (field, _) = invalid_field(e);
        assert!(field.starts_with("categories"), "{bad:?}: {field}");
    }

    // A category still in use cannot be taken off the list…
    let e = change(
        &shop,
        SettingsChange::SaveCategories {
            categories: vec!["Services".into(), "Laundry".into()],
        },
    )
    .await
    .expect_err("in use by an item");
    assert!(
        matches!(e, Error::Conflict(ref m) if m.contains("Bike parts")),
        "{e:?}"
    );
    // …an unused one can.
    change(
        &shop,
        SettingsChange::SaveCategories {
            categories: vec!["Bike parts".into(), "Services".into()],
        },
    )
    .await
    .expect("unused category removed");
    // Nothing refused was stored.
    let s = shop.till.settings().expect("settings");
    assert!(s.item("BELL").is_none());
    assert_eq!(s.categories, ["Bike parts", "Services"]);
    assert_eq!(
        s.order_type("repair").expect("r").categories,
        ["Bike parts", "Services"]
    );
}

#[tokio::test]
async fn the_catalogue_csv_reads_back_into_a_new_shop_with_its_categories() {
    let shop = bike_shop().await;
    let mut tube = shop
        .till
        .settings()
        .expect("s")
        .item("TUBE")
        .cloned()
        .expect("tube");
    tube.active = false;
    tube.barcode = Some("4006381333955".into());
    tube.unit = Some("piece".into());
    change(&shop, SettingsChange::SaveItem { item: tube })
        .await
        .expect("save");
    change(
        &shop,
        SettingsChange::SaveItem {
            item: item(
                "EVIL",
                "=HYPERLINK(\"http://x\")",
                "1.00",
                &["Bike parts", "Services"],
            ),
        },
    )
    .await
    .expect("save");

    let mut csv = Vec::new();
    let n = shop
        .till
        .export_catalogue_csv(&tillflow::staff::Actor::cli(), &mut csv)
        .expect("export");
    let text = String::from_utf8(csv).expect("utf8");
    let source = shop.till.settings().expect("settings");
    assert_eq!(n, source.catalogue.len());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "sku,name,price,tax_rate,unit,barcode,categories,active"
    );
    assert!(
        lines.contains(&"TUBE,\"Inner tube 28\"\"\",8.90,20,piece,4006381333955,Bike parts,no"),
        "{text}"
    );
    assert!(
        lines.contains(&"TUNE,Tune-up,45.00,20,,,Services,yes"),
        "{text}"
    );
    // The formula guard: the name cannot run in a spreadsheet.
    assert!(
        text.contains("EVIL,\"'=HYPERLINK(\"\"http://x\"\")\",1.00,20,,,Bike parts|Services,yes"),
        "{text}"
    );

    // A new, blank-catalogue shop: a dry run writes nothing, the import
    // brings every item back as it was (modifiers are not in the file).
    let fresh = Shop::demo().await;
    let dry = fresh
        .till
        .import_items(
            text.as_bytes(),
            true,
            &tillflow::staff::Actor::trusted("test"),
            fresh.now(),
        )
        .await
        .expect("dry run");
    assert!(dry.problems.is_empty(), "{:?}", dry.problems);
    assert!(!dry.written);
    assert!(fresh.till.settings().expect("s").categories.is_empty());
    let report = fresh
        .till
        .import_items(
            text.as_bytes(),
            false,
            &tillflow::staff::Actor::trusted("test"),
            fresh.now(),
        )
        .await
        .expect("import");
    assert!(report.written && report.problems.is_empty(), "{report:?}");
    assert_eq!(
        report.updated,
        source.catalogue.len() - 3,
        "the demo items are updated"
    );
    let got = fresh.till.settings().expect("settings");
    assert_eq!(got.categories, ["Bike parts", "Services"]);
    for want in &source.catalogue {
        let have = got.item(&want.sku).expect("imported");
        let without_modifiers = CatalogueItem {
            modifiers: have.modifiers.clone(),
            ..want.clone()
        };
        assert_eq!(have, &without_modifiers);
    }
    assert!(got.item("TUBE").expect("tube").modifiers.is_empty());

    // A bad `active` value is a problem on its row, and nothing is written.
    let bad = "sku,name,price,tax_rate,active\nTUNE,Tune-up,45.00,20,maybe\n";
    let r = fresh
        .till
        .import_items(
            bad.as_bytes(),
            false,
            &tillflow::staff::Actor::trusted("test"),
            fresh.now(),
        )
        .await
        .expect("runs");
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert_eq!(
        (r.problems[0].row, r.problems[0].column.as_str()),
        (2, "active")
    );
    assert!(!r.written);
}

#[tokio::test]
async fn a_new_order_takes_only_items_its_order_type_offers_old_orders_keep_theirs() {
    let shop = bike_shop().await;
    let repair = |sku: &str| {
        serde_json::from_value::<tillflow::orders::OrderInput>(serde_json::json!({
            "type": "repair",
            "customer": {"name": "Ada Cyclist", "phone": "+44 117 496 0555"},
            "fields": {"device": "Road bike", "problem": "Flat tyre"},
            "lines": [{"sku": sku, "qty": "1"}]
        }))
        .expect("input")
    };
    let taken = shop
        .till
        .create_order(
            &repair("TUBE"),
            &tillflow::staff::Actor::trusted("test"),
            shop.now(),
        )
        .await
        .expect("a bike part is offered");
    let e = shop
        .till
        .create_order(
            &repair("SHIRT"),
            &tillflow::staff::Actor::trusted("test"),
            shop.now(),
        )
        .await
        .expect_err("a shirt is not offered to a repair");
    let (field, message) = invalid_field(e);
    assert_eq!(field, "lines[0].sku");
    assert!(message.contains("not in its categories"), "{message}");

    // The tube made inactive: no new order takes it; the old order keeps it.
    deactivate(&shop, "TUBE").await;
    let (_, message) = invalid_field(
        shop.till
            .create_order(
                &repair("TUBE"),
                &tillflow::staff::Actor::trusted("test"),
                shop.now(),
            )
            .await
            .expect_err("inactive"),
    );
    assert!(message.contains("inactive"), "{message}");
    let old = shop.till.order(&taken.number).await.expect("old order");
    assert_eq!(old.lines[0].sku.as_deref(), Some("TUBE"));
}
