//! Story tests: orders taken through every stage by trigger events, on a real SQLite file.

mod common;

use common::Shop;
use serde_json::json;
use tillflow::documents::DocumentKind;
use tillflow::orders::{OrderInput, PaymentInput};
use tillflow::shipments::{DeliveryMethod, LineQty, ShipmentInput};
use tillflow::triggers::Trigger;

#[tokio::test]
async fn laundry_order_runs_intake_production_fulfillment_to_completed() {
    let shop = Shop::demo().await;
    let n = shop
        .laundry(json!([{"method": "cash", "amount": "10.00"}]))
        .await;
    assert_eq!(n, "TF-000001");
    let o = shop.till.order(&n).await.unwrap();
    assert_eq!(
        (o.stage.as_str(), o.status.as_str()),
        ("intake", "received")
    );
    assert_eq!(o.workflow.as_deref(), Some("laundry-intake"));
    assert_eq!(o.workflow_version, Some(1));
    assert_eq!(o.totals.total, "40.50");
    assert_eq!(o.totals.paid, "10.00");
    assert_eq!(o.totals.balance, "30.50");
    assert_eq!(
        o.actions.iter().map(|a| a.trigger).collect::<Vec<_>>(),
        vec![Trigger::ItemsTagged]
    );

    let steps = [
        (Trigger::ItemsTagged, "production", "cleaning"),
        (Trigger::WorkCompleted, "production", "pressing"),
        (Trigger::OrderMarkedReady, "fulfillment", "ready_for_pickup"),
        (Trigger::CustomerNotified, "fulfillment", "awaiting_pickup"),
        (Trigger::OrderPickedUp, "done", "completed"),
    ];
    for (trigger, stage, status) in steps {
        let r = shop
            .till
            .fire_event(
                &n,
                trigger,
                &tillflow::staff::Actor::trusted("bob"),
                shop.now(),
            )
            .await
            .unwrap();
        assert!(r.moved, "{trigger} should move the order");
        assert_eq!(
            (r.stage.as_str(), r.status.as_str()),
            (stage, status),
            "after {trigger}"
        );
    }
    let o = shop.till.order(&n).await.unwrap();
    let moves: Vec<(Option<&str>, &str, &str)> = o
        .history
        .iter()
        .filter(|h| h.moved)
        .map(|h| {
            (
                h.from_status.as_deref(),
                h.to_status.as_str(),
                h.event.as_str(),
            )
        })
        .collect();
    assert_eq!(
        moves,
        vec![
            (None, "received", "order.created"),
            (Some("received"), "cleaning", "items.tagged"),
            (Some("cleaning"), "pressing", "work.completed"),
            (Some("pressing"), "ready_for_pickup", "order.marked_ready"),
            (
                Some("ready_for_pickup"),
                "awaiting_pickup",
                "customer.notified"
            ),
            (Some("awaiting_pickup"), "completed", "order.picked_up"),
        ]
    );
    assert!(o.history.iter().all(|h| !h.actor.is_empty()));
    // A finished order records later events (a reprint) but never leaves `completed`.
    let r = shop.print(&n, DocumentKind::Invoice).await;
    assert!(!r.moved);
    assert_eq!(r.status, "completed");
    let err = shop
        .till
        .cancel(
            &n,
            "changed mind",
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
}

#[tokio::test]
async fn an_event_that_is_not_the_steps_trigger_is_recorded_and_moves_nothing() {
    let shop = Shop::demo().await;
    let n = shop.laundry(json!([])).await;
    let before = shop.till.order(&n).await.unwrap().history.len();
    let r = shop
        .till
        .fire_event(
            &n,
            Trigger::OrderPickedUp,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert!(!r.moved);
    assert_eq!(r.status, "received");
    let o = shop.till.order(&n).await.unwrap();
    assert_eq!(o.history.len(), before + 1);
    let last = o.history.last().unwrap();
    assert_eq!(
        (last.event.as_str(), last.moved),
        ("order.picked_up", false)
    );
    assert_eq!(last.from_status.as_deref(), Some("received"));
}

#[tokio::test]
async fn repair_waits_for_payment_then_moves_on_when_paid_in_full() {
    let shop = Shop::demo().await;
    let input: OrderInput = serde_json::from_value(json!({
        "type": "repair",
        "customer": {"name": "Ada Lovelace", "phone": "020 7946 0000"},
        "fields": {"device": "Phone X", "problem": "Cracked screen"},
        "lines": [{"sku": "SCREEN", "qty": "1"}]
    }))
    .unwrap();
    let n = shop
        .till
        .create_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .unwrap()
        .number;
    for t in [
        Trigger::QuoteSent,
        Trigger::QuoteApproved,
        Trigger::WorkCompleted,
        Trigger::OrderMarkedReady,
    ] {
        shop.till
            .fire_event(&n, t, &tillflow::staff::Actor::trusted("tech"), shop.now())
            .await
            .unwrap();
    }
    assert_eq!(
        shop.status(&n).await,
        ("fulfillment".into(), "awaiting_payment".into())
    );
    // A deposit is captured but the order is not yet paid in full.
    let pay = |amount: &str| PaymentInput {
        method: "card".into(),
        amount: amount.parse().unwrap(),
        reference: Some("T-1".into()),
    };
    let r = shop
        .till
        .pay(
            &n,
            &pay("40.00"),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap();
    assert!(!r.result.moved);
    let r = shop
        .till
        .pay(
            &n,
            &pay("49.00"),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .unwrap();
    assert!(r.result.moved);
    assert_eq!(r.result.status, "ready_for_pickup");
    let o = shop.till.order(&n).await.unwrap();
    assert_eq!(o.totals.balance, "0.00");
    let events: Vec<&str> = o
        .history
        .iter()
        .rev()
        .take(3)
        .map(|h| h.event.as_str())
        .collect();
    assert_eq!(
        events,
        vec!["order.paid_in_full", "payment.captured", "payment.captured"]
    );
}

#[tokio::test]
async fn retail_paid_at_intake_passes_its_paid_in_full_step_at_once() {
    let shop = Shop::demo().await;
    let input: OrderInput = serde_json::from_value(json!({
        "type": "retail",
        "customer": {"name": "Grace Hopper", "email": "grace@example.com"},
        "fields": {"delivery": "courier", "shipping_address": "1 Navy Way"},
        "lines": [{"sku": "MUG", "qty": "2"}],
        "payments": [{"method": "card", "amount": "19.00", "reference": "AUTH-77"}]
    }))
    .unwrap();
    let r = shop
        .till
        .create_order(&input, &tillflow::staff::Actor::trusted("web"), shop.now())
        .await
        .unwrap();
    assert_eq!(
        (r.stage.as_str(), r.status.as_str()),
        ("fulfillment", "picking")
    );
    assert_eq!(r.path, vec!["placed", "picking"]);
    // The system raises the rest as they happen: the packing slip prints,
    // the shipment leaves and arrives.
    let n = r.number;
    assert_eq!(
        shop.print(&n, DocumentKind::PackingSlip).await.status,
        "packed"
    );
    let all = ShipmentInput {
        method: DeliveryMethod::Carrier,
        carrier: Some("DHL".into()),
        tracking: Some("TRK-1".into()),
        lines: vec![LineQty {
            line: 0,
            qty: "2".parse().unwrap(),
        }],
    };
    let s = shop
        .till
        .create_shipment(&n, &all, &tillflow::staff::Actor::trusted("wh"), shop.now())
        .await
        .unwrap();
    assert_eq!(s.result.status, "packed");
    for (r, status) in [
        (
            shop.till
                .ship_shipment(
                    &n,
                    s.shipment,
                    &tillflow::staff::Actor::trusted("wh"),
                    shop.now(),
                )
                .await,
            "shipped",
        ),
        (
            shop.till
                .deliver_shipment(
                    &n,
                    s.shipment,
                    &tillflow::staff::Actor::trusted("wh"),
                    shop.now(),
                )
                .await,
            "completed",
        ),
    ] {
        assert_eq!(r.unwrap().status, status);
    }
}

#[tokio::test]
async fn manual_move_needs_a_reason_goes_to_a_step_of_the_plan_and_is_audited() {
    let shop = Shop::demo().await;
    let n = shop.laundry(json!([])).await;
    shop.till
        .fire_event(
            &n,
            Trigger::ItemsTagged,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    shop.till
        .fire_event(
            &n,
            Trigger::WorkCompleted,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    let err = shop
        .till
        .move_order(
            &n,
            "cleaning",
            "  ",
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "reason: a reason is required");
    // Any step of the order's plan (issue 13), not a status outside it.
    let err = shop
        .till
        .move_order(
            &n,
            "nowhere",
            "oops",
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("'nowhere' is not a step of this order's plan"),
        "{err}"
    );
    let err = shop
        .till
        .move_order(
            &n,
            "canceled",
            "oops",
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("canceled with cancel"), "{err}");
    let r = shop
        .till
        .move_order(
            &n,
            "cleaning",
            "stain came back",
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(r.status, "cleaning");
    let last = shop.till.order(&n).await.unwrap().history.pop().unwrap();
    assert_eq!(last.event, "manual.move");
    assert_eq!(last.reason.as_deref(), Some("stain came back"));
    assert_eq!(
        (last.from_status.as_deref(), last.to_status.as_str()),
        (Some("pressing"), "cleaning")
    );
    // Back to another stage's step.
    let r = shop
        .till
        .move_order(
            &n,
            "received",
            "retag the bag",
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(
        (r.stage.as_str(), r.status.as_str()),
        ("intake", "received")
    );
}

#[tokio::test]
async fn cancel_from_any_open_step_with_a_reason() {
    let shop = Shop::demo().await;
    let n = shop.laundry(json!([])).await;
    shop.till
        .fire_event(
            &n,
            Trigger::ItemsTagged,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    let r = shop
        .till
        .cancel(
            &n,
            "customer withdrew",
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(
        (r.stage.as_str(), r.status.as_str()),
        ("canceled", "canceled")
    );
    let err = shop
        .till
        .fire_event(
            &n,
            Trigger::WorkCompleted,
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(err.status, "canceled");
    let err = shop
        .till
        .pay(
            &n,
            &PaymentInput {
                method: "cash".into(),
                amount: "1".parse().unwrap(),
                reference: None,
            },
            &tillflow::staff::Actor::trusted("bob"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
}

#[tokio::test]
async fn order_numbers_are_sequential_with_the_shop_prefix_and_the_database_survives_reopen() {
    let shop = Shop::demo().await;
    let a = shop.laundry(json!([])).await;
    let b = shop.laundry(json!([])).await;
    assert_eq!((a.as_str(), b.as_str()), ("TF-000001", "TF-000002"));
    let path = shop.dir.path().join("shop.db");
    shop.till.close().await;
    let till = tillflow::Till::open(&path, tillflow::storage::Durability::Full)
        .await
        .unwrap();
    assert_eq!(till.order(&b).await.unwrap().status, "received");
    let list = till.list_orders(&Default::default()).await.unwrap();
    assert_eq!(
        list.iter().map(|o| o.number.as_str()).collect::<Vec<_>>(),
        vec![b.as_str(), a.as_str()]
    );
    let found = till.find_customers("+33 6 12").await.unwrap();
    assert_eq!(found.len(), 1, "one customer, reused by phone");
    assert_eq!(found[0].name, "Marie Curie");
}

#[tokio::test]
async fn a_completed_order_with_a_balance_takes_payment_a_canceled_one_does_not() {
    let shop = Shop::demo().await;
    let n = shop.laundry(json!([])).await;
    for t in [
        Trigger::ItemsTagged,
        Trigger::WorkCompleted,
        Trigger::OrderMarkedReady,
        Trigger::CustomerNotified,
        Trigger::OrderPickedUp,
    ] {
        shop.till
            .fire_event(&n, t, &tillflow::staff::Actor::trusted("bob"), shop.now())
            .await
            .expect("event");
    }
    let done = shop.till.order(&n).await.expect("view");
    assert_eq!(
        (done.stage.as_str(), done.status.as_str()),
        ("done", "completed")
    );
    let owed = done.totals.balance.clone();
    assert_ne!(owed, "0.00");

    let pay = |amount: &str| PaymentInput {
        method: "cash".into(),
        amount: amount.parse().expect("decimal"),
        reference: None,
    };
    let r = shop
        .till
        .pay(
            &n,
            &pay(&owed),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("a completed order's balance can be collected");
    assert!(!r.result.moved, "it stays completed");
    let after = shop.till.order(&n).await.expect("view");
    assert_eq!(after.totals.balance, "0.00");
    assert_eq!(after.status, "completed");
    let tail: Vec<_> = after
        .history
        .iter()
        .rev()
        .take(2)
        .map(|h| h.event.as_str())
        .collect();
    assert_eq!(tail, ["order.paid_in_full", "payment.captured"]);

    let c = shop.laundry(json!([])).await;
    shop.till
        .cancel(
            &c,
            "customer changed their mind",
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("cancel");
    let err = shop
        .till
        .pay(
            &c,
            &pay("1.00"),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect_err("a canceled order takes no payment");
    assert_eq!(err.code(), "conflict");
    assert_eq!(shop.till.order(&c).await.expect("view").totals.paid, "0.00");
}
