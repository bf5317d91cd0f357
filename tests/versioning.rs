//! Editing a workflow or order type makes a new version; in-flight orders
//! finish on the version they started on.

mod common;

use common::Shop;
use serde_json::json;
use tillflow::settings::{SettingsChange, Step};
use tillflow::triggers::Trigger;

#[tokio::test]
async fn orders_in_flight_finish_on_their_version_new_orders_take_the_new_one() {
    let shop = Shop::demo().await;
    let old = shop.laundry(json!([])).await;
    shop.till
        .fire_event(
            &old,
            Trigger::ItemsTagged,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(shop.status(&old).await.1, "cleaning");

    // Production gains a quality-check step in the middle, and "cleaning" now ends on work.started.
    let mut s = shop.till.settings().unwrap();
    s.statuses.push(tillflow::settings::Status {
        key: "qc".into(),
        name: "Quality check".into(),
        color: "#123456".into(),
    });
    shop.till
        .import_settings(s, &tillflow::staff::Actor::trusted("owner"), shop.now())
        .await
        .unwrap();
    let mut wf = shop
        .till
        .settings()
        .unwrap()
        .workflow("laundry-production")
        .unwrap()
        .clone();
    assert_eq!(wf.version, Some(1));
    wf.steps = vec![
        Step {
            status: "cleaning".into(),
            trigger: Trigger::WorkStarted,
            roles: Default::default(),
            guards: Vec::new(),
            target: None,
        },
        Step {
            status: "qc".into(),
            trigger: Trigger::WorkCompleted,
            roles: Default::default(),
            guards: Vec::new(),
            target: None,
        },
        Step {
            status: "pressing".into(),
            trigger: Trigger::OrderMarkedReady,
            roles: Default::default(),
            guards: Vec::new(),
            target: None,
        },
    ];
    let saved = shop
        .till
        .change_settings(
            SettingsChange::SaveWorkflow { workflow: wf },
            &tillflow::staff::Actor::trusted("owner"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(
        saved.workflow("laundry-production").unwrap().version,
        Some(2)
    );
    // An unchanged save makes no new version.
    let again = shop
        .till
        .import_settings(
            saved.clone(),
            &tillflow::staff::Actor::trusted("owner"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(
        again.workflow("laundry-production").unwrap().version,
        Some(2)
    );

    // The old order still runs version 1: work.started does nothing, work.completed moves to pressing.
    let r = shop
        .till
        .fire_event(
            &old,
            Trigger::WorkStarted,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert!(!r.moved);
    let r = shop
        .till
        .fire_event(
            &old,
            Trigger::WorkCompleted,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(r.status, "pressing");
    assert_eq!(
        shop.till.order(&old).await.unwrap().workflow_version,
        Some(1)
    );

    // A new order runs version 2.
    let new = shop.laundry(json!([])).await;
    shop.till
        .fire_event(
            &new,
            Trigger::ItemsTagged,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    let r = shop
        .till
        .fire_event(
            &new,
            Trigger::WorkStarted,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(r.status, "qc");
    assert_eq!(
        shop.till.order(&new).await.unwrap().workflow_version,
        Some(2)
    );

    // Both finish.
    for t in [
        Trigger::OrderMarkedReady,
        Trigger::CustomerNotified,
        Trigger::OrderPickedUp,
    ] {
        shop.till
            .fire_event(&old, t, &tillflow::staff::Actor::trusted("bob"), shop.now())
            .await
            .unwrap();
    }
    for t in [
        Trigger::WorkCompleted,
        Trigger::OrderMarkedReady,
        Trigger::CustomerNotified,
        Trigger::OrderPickedUp,
    ] {
        shop.till
            .fire_event(&new, t, &tillflow::staff::Actor::trusted("bob"), shop.now())
            .await
            .unwrap();
    }
    assert_eq!(shop.status(&old).await.1, "completed");
    assert_eq!(shop.status(&new).await.1, "completed");
}

#[tokio::test]
async fn order_type_edits_are_versioned_and_stage_skips_apply_to_new_orders_only() {
    let shop = Shop::demo().await;
    let old = shop.laundry(json!([])).await;
    let mut ot = shop
        .till
        .settings()
        .unwrap()
        .order_type("laundry")
        .unwrap()
        .clone();
    assert_eq!(ot.version, Some(1));
    ot.stages.insert("production".into(), None);
    let s = shop
        .till
        .change_settings(
            SettingsChange::SaveOrderType { order_type: ot },
            &tillflow::staff::Actor::trusted("owner"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(s.order_type("laundry").unwrap().version, Some(2));

    let r = shop
        .till
        .fire_event(
            &old,
            Trigger::ItemsTagged,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(
        r.stage, "production",
        "old order keeps its production stage"
    );
    let new = shop.laundry(json!([])).await;
    let r = shop
        .till
        .fire_event(
            &new,
            Trigger::ItemsTagged,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(
        (r.stage.as_str(), r.status.as_str()),
        ("fulfillment", "ready_for_pickup")
    );
    assert_eq!(shop.till.order(&new).await.unwrap().order_type_version, 2);
}

#[tokio::test]
async fn a_status_still_reachable_by_orders_in_flight_cannot_be_dropped() {
    let shop = Shop::demo().await;
    let n = shop.laundry(json!([])).await;
    // Remove "pressing" from the current workflow: allowed (new version)...
    let mut wf = shop
        .till
        .settings()
        .unwrap()
        .workflow("laundry-production")
        .unwrap()
        .clone();
    wf.steps.retain(|s| s.status != "pressing");
    shop.till
        .change_settings(
            SettingsChange::SaveWorkflow { workflow: wf },
            &tillflow::staff::Actor::trusted("owner"),
            shop.now(),
        )
        .await
        .unwrap();
    // ...but deleting the status itself is refused while the open order's version can reach it.
    let err = shop
        .till
        .change_settings(
            SettingsChange::DeleteStatus {
                key: "pressing".into(),
            },
            &tillflow::staff::Actor::trusted("owner"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(
        err.to_string()
            .contains("'pressing' is in use by 1 order(s)"),
        "{err}"
    );
    // Once that order is finished the status can go.
    shop.till
        .cancel(
            &n,
            "test",
            &tillflow::staff::Actor::trusted("owner"),
            shop.now(),
        )
        .await
        .unwrap();
    shop.till
        .change_settings(
            SettingsChange::DeleteStatus {
                key: "pressing".into(),
            },
            &tillflow::staff::Actor::trusted("owner"),
            shop.now(),
        )
        .await
        .unwrap();
    assert!(shop.till.settings().unwrap().status("pressing").is_none());
}
