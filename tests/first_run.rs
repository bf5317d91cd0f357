//! The first-run set-up on real database files: each template and blank,
//! with the shop's profile as typed, one note in the settings history, and
//! refused once the shop has settings (the settings before kept).

mod common;

use common::{t0, Shop};
use tillflow::documents::{DocumentKind, ShopLogo};
use tillflow::error::Error;
use tillflow::settings::{template_list, Logo, ShopSetup, BUILTIN_STATUSES, TEMPLATES};

fn setup(name: &str, template: Option<&str>) -> ShopSetup {
    ShopSetup {
        name: format!("  {name} "),
        currency: "usd".into(),
        time_zone: Some("America/Chicago".into()),
        template: template.map(String::from),
        address: Vec::new(),
        phone: None,
        email: None,
        tax_id: None,
        prices_include_tax: None,
        order_prefix: None,
        footer: None,
        logo: None,
    }
}

async fn notes(shop: &Shop) -> Vec<(String, String, String)> {
    shop.till
        .store()
        .notes("shop set up", 10)
        .await
        .expect("settings history")
}

#[tokio::test]
async fn every_template_and_blank_set_up_a_new_shop() {
    let mut keys: Vec<Option<&str>> = TEMPLATES.iter().map(|t| Some(t.key)).collect();
    keys.push(None);
    assert_eq!(template_list().len(), TEMPLATES.len());
    for key in keys {
        let shop = Shop::blank().await;
        assert!(!shop.till.is_configured());
        let saved = shop
            .till
            .set_up(
                &setup("Spokes Bike Repair", key),
                &tillflow::staff::Actor::trusted("owner"),
                t0(),
            )
            .await
            .unwrap_or_else(|e| panic!("{key:?}: {e}"));
        assert_eq!(saved.shop.name, "Spokes Bike Repair", "{key:?}");
        assert_eq!(saved.shop.currency, "USD", "{key:?}");
        assert_eq!(saved.shop.time_zone.as_deref(), Some("America/Chicago"));
        // In force, and read back from the file by a new till.
        assert_eq!(shop.till.settings().expect("in force"), saved);
        let reopened = tillflow::till::Till::open(
            &shop.dir.path().join("shop.db"),
            tillflow::storage::Durability::Normal,
        )
        .await
        .expect("reopen");
        assert_eq!(
            reopened.settings().expect("stored").shop.name,
            "Spokes Bike Repair"
        );
        match key {
            Some(k) => {
                let template = TEMPLATES.iter().find(|t| t.key == k).expect("template");
                let wanted = template.settings().expect("template settings");
                let types: Vec<_> = saved.order_types.iter().map(|t| &t.key).collect();
                let want: Vec<_> = wanted.order_types.iter().map(|t| &t.key).collect();
                assert_eq!(types, want, "{k}");
                assert!(!saved.order_types.is_empty(), "{k}");
                assert_eq!(saved.catalogue.len(), wanted.catalogue.len(), "{k}");
            }
            None => {
                let statuses: Vec<_> = saved.statuses.iter().map(|s| s.key.as_str()).collect();
                assert_eq!(statuses, BUILTIN_STATUSES, "blank: built-ins only");
                assert!(saved.order_types.is_empty() && saved.catalogue.is_empty());
            }
        }
        let notes = notes(&shop).await;
        assert_eq!(notes.len(), 1, "{key:?}: one audit row");
        let (at, actor, summary) = &notes[0];
        assert_eq!(actor, "owner");
        assert!(at.starts_with("2026-03-02"), "{at}");
        assert_eq!(
            summary,
            &format!(
                "shop set up: Spokes Bike Repair ({})",
                key.unwrap_or("blank")
            )
        );
    }
}

#[tokio::test]
async fn set_up_is_refused_once_the_shop_has_settings() {
    let shop = Shop::demo().await;
    let before = shop.till.settings().expect("demo");
    let err = shop
        .till
        .set_up(
            &setup("Spokes Bike Repair", Some("repair")),
            &tillflow::staff::Actor::trusted("owner"),
            t0(),
        )
        .await
        .expect_err("already configured");
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    assert_eq!(shop.till.settings().expect("kept"), before);
    assert!(notes(&shop).await.is_empty());

    // A second set-up right after the first is refused too.
    let fresh = Shop::blank().await;
    fresh
        .till
        .set_up(
            &setup("Spokes", None),
            &tillflow::staff::Actor::trusted("owner"),
            t0(),
        )
        .await
        .expect("first");
    assert!(fresh
        .till
        .set_up(
            &setup("Other", Some("laundry")),
            &tillflow::staff::Actor::trusted("owner"),
            t0()
        )
        .await
        .is_err());
    assert_eq!(fresh.till.settings().expect("kept").shop.name, "Spokes");
    assert_eq!(notes(&fresh).await.len(), 1);
}

#[tokio::test]
async fn a_bad_profile_or_template_stores_nothing() {
    let shop = Shop::blank().await;
    let cases = [
        ShopSetup {
            currency: "EURO".into(),
            ..setup("Spokes", None)
        },
        ShopSetup {
            time_zone: Some("Mars/Olympus".into()),
            ..setup("Spokes", None)
        },
        setup("   ", Some("repair")),
        setup("Spokes", Some("bakery")),
    ];
    for case in cases {
        let err = shop
            .till
            .set_up(&case, &tillflow::staff::Actor::trusted("owner"), t0())
            .await
            .expect_err("refused");
        assert!(matches!(err, Error::Invalid { .. }), "{case:?}: {err:?}");
        assert!(!shop.till.is_configured(), "{case:?}");
    }
    assert!(notes(&shop).await.is_empty());
}

#[tokio::test]
async fn the_papers_carry_the_details_typed_at_set_up() {
    let shop = Shop::blank().await;
    let png = ShopLogo {
        width_px: 8,
        height_px: 4,
        rgb8: vec![200; 8 * 4 * 3],
    }
    .to_png()
    .expect("png");
    let typed = ShopSetup {
        address: vec![
            " 12 Chain Street ".into(),
            "".into(),
            "Chicago IL 60601".into(),
        ],
        phone: Some(" +1 312 555 0100 ".into()),
        email: Some("hello@spokes.example".into()),
        tax_id: Some("US-99-1234567".into()),
        prices_include_tax: Some(false),
        order_prefix: Some("BK-".into()),
        footer: Some("Rides guaranteed for 30 days.\n".into()),
        logo: Some(Logo::from_png(&png).expect("logo")),
        ..setup("Spokes Bike Repair", Some("repair"))
    };
    let saved = shop
        .till
        .set_up(&typed, &tillflow::staff::Actor::trusted("owner"), t0())
        .await
        .expect("set up");
    let p = &saved.shop;
    assert_eq!(p.address, ["12 Chain Street", "Chicago IL 60601"]);
    assert_eq!(p.phone.as_deref(), Some("+1 312 555 0100"));
    assert_eq!(p.email.as_deref(), Some("hello@spokes.example"));
    assert_eq!(p.tax_id.as_deref(), Some("US-99-1234567"));
    assert!(!p.prices_include_tax);
    assert_eq!(p.order_prefix, "BK-");
    assert_eq!(p.footer.as_deref(), Some("Rides guaranteed for 30 days."));
    // The logo is in the database, the settings name it.
    let logo = p.documents.logo.as_ref().expect("logo");
    assert!(logo.png.is_none());
    assert_eq!(logo.sha256, tillflow::settings::sha256_hex(&png));

    // The first order's receipt prints them.
    let order = shop
        .till
        .create_order(
            &serde_json::from_value(serde_json::json!({
                "type": saved.order_types[0].key,
                "customer": {"name": "Ada Byke", "phone": "3125550111"},
                "fields": {"item": "Road bike", "problem": "Squeaky brakes", "due_date": "2026-03-09"},
                "lines": [{"name": "Brake service", "qty": "1", "unit_price": "25.00", "tax_rate": "0"}]
            }))
            .expect("order input"),
            &tillflow::staff::Actor::trusted("owner"),
            t0(),
        )
        .await;
    let number = order.expect("order").number;
    let view = shop.till.order(&number).await.expect("order view");
    assert_eq!(
        view.due_date.map(|d| d.to_string()).as_deref(),
        Some("2026-03-09")
    );
    assert!(number.starts_with("BK-"), "{number}");
    let text = shop.document_text(&number, DocumentKind::Receipt).await;
    for wanted in [
        "Spokes Bike Repair",
        "12 Chain Street",
        "+1 312 555 0100",
        "Tax ID: US-99-1234567",
        "Rides guaranteed for 30 days.",
        // The template's "Promised for" field is the due date and prints on receipts.
        "Promised for: 2026-03-09",
    ] {
        assert!(
            text.contains(wanted),
            "{wanted:?} not on the receipt:\n{text}"
        );
    }
}

#[tokio::test]
async fn templates_say_what_they_start_with() {
    let list = template_list();
    let repair = list.iter().find(|t| t.key == "repair").expect("repair");
    assert_eq!(repair.order_prefix, "RP-");
    assert!(repair.prices_include_tax);
    assert!(repair
        .footer
        .as_deref()
        .is_some_and(|f| f.contains("90 days")));
    // Left out, the template's own choices stay.
    let shop = Shop::blank().await;
    let saved = shop
        .till
        .set_up(
            &setup("Spokes", Some("repair")),
            &tillflow::staff::Actor::trusted("owner"),
            t0(),
        )
        .await
        .expect("set up");
    assert_eq!(saved.shop.order_prefix, "RP-");
    assert_eq!(saved.shop.footer, repair.footer);
    // An empty footer means none.
    let shop = Shop::blank().await;
    let none = ShopSetup {
        footer: Some("  ".into()),
        ..setup("Spokes", Some("repair"))
    };
    let saved = shop
        .till
        .set_up(&none, &tillflow::staff::Actor::trusted("owner"), t0())
        .await
        .expect("set up");
    assert_eq!(saved.shop.footer, None);
}
