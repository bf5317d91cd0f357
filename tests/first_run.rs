//! The first-run set-up on real database files: each template and blank,
//! with the shop's profile as typed, one note in the settings history, and
//! refused once the shop has settings (the settings before kept).

mod common;

use common::{t0, Shop};
use tillflow::error::Error;
use tillflow::settings::{template_list, ShopSetup, BUILTIN_STATUSES, TEMPLATES};

fn setup(name: &str, template: Option<&str>) -> ShopSetup {
    ShopSetup {
        name: format!("  {name} "),
        currency: "usd".into(),
        time_zone: Some("America/Chicago".into()),
        template: template.map(String::from),
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
            .set_up(&setup("Spokes Bike Repair", key), "owner", t0())
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
        .set_up(&setup("Spokes Bike Repair", Some("repair")), "owner", t0())
        .await
        .expect_err("already configured");
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    assert_eq!(shop.till.settings().expect("kept"), before);
    assert!(notes(&shop).await.is_empty());

    // A second set-up right after the first is refused too.
    let fresh = Shop::blank().await;
    fresh
        .till
        .set_up(&setup("Spokes", None), "owner", t0())
        .await
        .expect("first");
    assert!(fresh
        .till
        .set_up(&setup("Other", Some("laundry")), "owner", t0())
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
            .set_up(&case, "owner", t0())
            .await
            .expect_err("refused");
        assert!(matches!(err, Error::Invalid { .. }), "{case:?}: {err:?}");
        assert!(!shop.till.is_configured(), "{case:?}");
    }
    assert!(notes(&shop).await.is_empty());
}
