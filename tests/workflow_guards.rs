//! Guards, manual moves across stages, undo, step time targets and the
//! workflow simulator (issue 13), on a real database with the demo settings.

mod common;

use chrono::Duration;
use common::{table_rows, Shop};
use serde_json::json;
use tillflow::orders::{OrderInput, PaymentInput};
use tillflow::settings::Settings;
use tillflow::staff::{Actor, CASHIER, MANAGER, OWNER};
use tillflow::till::SimulationInput;
use tillflow::triggers::Trigger;

fn lee() -> Actor {
    Actor::staff(1, "Lee", MANAGER).expect("manager")
}

fn olga() -> Actor {
    Actor::staff(2, "Olga", OWNER).expect("owner")
}

fn sam() -> Actor {
    Actor::staff(3, "Sam", CASHIER).expect("cashier")
}

fn repair() -> OrderInput {
    serde_json::from_value(json!({
        "type": "repair",
        "customer": {"name": "Ada Lovelace"},
        "fields": {"device": "Phone", "problem": "Cracked screen"},
        "lines": [{"sku": "DIAG", "qty": "1"}],
        "payments": []
    }))
    .expect("repair input")
}

async fn fire(shop: &Shop, n: &str, triggers: &[Trigger]) {
    for t in triggers {
        shop.till
            .fire_event(n, *t, &sam(), shop.now())
            .await
            .expect("the trigger is fired");
    }
}

async fn history_len(shop: &Shop, n: &str) -> usize {
    shop.till.order(n).await.expect("order").history.len()
}

#[tokio::test]
async fn awaiting_payment_holds_an_unpaid_order_until_an_owner_overrides() {
    let shop = Shop::demo().await;
    let n = shop
        .till
        .create_order(&repair(), &sam(), shop.now())
        .await
        .expect("repair order")
        .number;
    fire(&shop, &n, &[Trigger::QuoteSent, Trigger::QuoteApproved]).await;
    assert_eq!(shop.status(&n).await.1, "repairing");

    // Straight to completed from production: it would pass "Awaiting payment".
    let rows = history_len(&shop, &n).await;
    let e = shop
        .till
        .move_order(&n, "completed", "done already", &lee(), shop.now())
        .await
        .expect_err("guarded");
    assert_eq!(e.code(), "guarded");
    assert!(e.to_string().contains("'awaiting_payment'"), "{e}");
    assert!(e.to_string().contains("paid in full"), "{e}");
    assert_eq!(history_len(&shop, &n).await, rows, "nothing written");
    assert_eq!(shop.status(&n).await.1, "repairing");

    // A move to a step of another stage, short of the guard, is allowed.
    let r = shop
        .till
        .move_order(
            &n,
            "awaiting_payment",
            "tested at the counter",
            &lee(),
            shop.now(),
        )
        .await
        .expect("move across stages");
    assert_eq!(
        (r.stage.as_str(), r.status.as_str()),
        ("fulfillment", "awaiting_payment")
    );

    let e = shop
        .till
        .move_order(
            &n,
            "ready_for_pickup",
            "customer is here",
            &lee(),
            shop.now(),
        )
        .await
        .expect_err("guarded");
    assert_eq!(e.code(), "guarded");
    let tiled = serde_json::to_value(&e).expect("json");
    assert_eq!(tiled["code"], "guarded");
    // A manager may move but not past a guard.
    let e = shop
        .till
        .move_order_past_guards(
            &n,
            "ready_for_pickup",
            "customer is here",
            &lee(),
            shop.now(),
        )
        .await
        .expect_err("forbidden");
    assert_eq!(e.code(), "forbidden");
    assert!(
        e.to_string().contains("orders.override_guard") || e.to_string().contains("guard"),
        "{e}"
    );
    assert_eq!(history_len(&shop, &n).await, rows + 1);

    // The owner overrides, with a reason: recorded.
    let r = shop
        .till
        .move_order_past_guards(
            &n,
            "ready_for_pickup",
            "pays on account",
            &olga(),
            shop.now(),
        )
        .await
        .expect("override");
    assert_eq!(r.status, "ready_for_pickup");
    let o = shop.till.order(&n).await.expect("order");
    let over = o
        .history
        .iter()
        .find(|h| h.event.key() == "guard.overridden")
        .expect("the override is recorded");
    let reason = over.reason.as_deref().unwrap_or("");
    assert!(
        reason.contains("'awaiting_payment': paid in full"),
        "{reason}"
    );
    assert!(reason.contains("pays on account"), "{reason}");
    assert_eq!(over.actor, "Olga");
    // Backwards is never guarded.
    shop.till
        .move_order(
            &n,
            "awaiting_payment",
            "not on account after all",
            &lee(),
            shop.now(),
        )
        .await
        .expect("back");
}

#[tokio::test]
async fn paying_moves_the_guarded_step_on_and_a_payment_move_is_not_undone() {
    let shop = Shop::demo().await;
    let n = shop
        .till
        .create_order(&repair(), &sam(), shop.now())
        .await
        .expect("repair order")
        .number;
    fire(
        &shop,
        &n,
        &[
            Trigger::QuoteSent,
            Trigger::QuoteApproved,
            Trigger::WorkCompleted,
            Trigger::OrderMarkedReady,
        ],
    )
    .await;
    assert_eq!(shop.status(&n).await.1, "awaiting_payment");
    let o = shop.till.order(&n).await.expect("order");
    let r = shop
        .till
        .pay(
            &n,
            &PaymentInput {
                method: "cash".into(),
                amount: o.totals.balance.parse().expect("balance"),
                reference: None,
            },
            &sam(),
            shop.now(),
        )
        .await
        .expect("paid");
    assert_eq!(r.result.status, "ready_for_pickup");
    let e = shop
        .till
        .undo_move(&n, "oops", &lee(), shop.now())
        .await
        .expect_err("a payment's move");
    assert_eq!(e.code(), "conflict");
    assert!(e.to_string().contains("cannot be undone"), "{e}");
}

#[tokio::test]
async fn undo_takes_back_a_persons_last_move_once_within_the_window() {
    let shop = Shop::demo().await;
    let n = shop.laundry(json!([])).await;
    fire(&shop, &n, &[Trigger::ItemsTagged]).await;
    assert_eq!(shop.status(&n).await.1, "cleaning");

    let e = shop
        .till
        .undo_move(&n, "mis-click", &sam(), shop.now())
        .await
        .expect_err("a cashier may not move orders");
    assert_eq!(e.code(), "forbidden");
    let e = shop
        .till
        .undo_move(&n, " ", &lee(), shop.now())
        .await
        .expect_err("a reason is required");
    assert_eq!(e.code(), "invalid");

    let rows = history_len(&shop, &n).await;
    let r = shop
        .till
        .undo_move(&n, "tagged the wrong bag", &lee(), shop.now())
        .await
        .expect("undone");
    assert_eq!((r.status.as_str(), r.moved), ("received", true));
    let o = shop.till.order(&n).await.expect("order");
    assert_eq!(
        o.history.len(),
        rows + 1,
        "one row of its own; none deleted"
    );
    let last = o.history.last().expect("row");
    assert_eq!(last.event.key(), "move.undone");
    assert_eq!(
        (
            last.from_status.as_deref(),
            last.to_status.as_str(),
            last.moved
        ),
        (Some("cleaning"), "received", true)
    );
    assert_eq!(last.reason.as_deref(), Some("tagged the wrong bag"));
    let e = shop
        .till
        .undo_move(&n, "again", &lee(), shop.now())
        .await
        .expect_err("once");
    assert_eq!(e.code(), "conflict");

    // Outside the window (10 minutes by default).
    fire(&shop, &n, &[Trigger::ItemsTagged]).await;
    let late = shop.now() + Duration::minutes(11);
    let e = shop
        .till
        .undo_move(&n, "late", &lee(), late)
        .await
        .expect_err("too late");
    assert_eq!(e.code(), "conflict");
    assert!(e.to_string().contains("10 minutes"), "{e}");

    // "Picked up" completes the order; undo reopens it.
    fire(
        &shop,
        &n,
        &[
            Trigger::WorkCompleted,
            Trigger::OrderMarkedReady,
            Trigger::CustomerNotified,
            Trigger::OrderPickedUp,
        ],
    )
    .await;
    let o = shop.till.order(&n).await.expect("order");
    assert_eq!(o.status, "completed");
    let r = shop
        .till
        .undo_move(&n, "customer came back for a shirt", &lee(), shop.now())
        .await
        .expect("undone");
    assert_eq!(
        (r.stage.as_str(), r.status.as_str()),
        ("fulfillment", "awaiting_pickup")
    );
    let o = shop.till.order(&n).await.expect("order");
    assert_eq!(o.status, "awaiting_pickup");
    fire(&shop, &n, &[Trigger::OrderPickedUp]).await;
    assert_eq!(shop.status(&n).await.1, "completed");
}

#[tokio::test]
async fn the_dashboard_lists_orders_over_their_steps_target_oldest_first() {
    let shop = Shop::demo().await;
    let mut numbers = Vec::new();
    for _ in 0..2 {
        let n = shop
            .till
            .create_order(&repair(), &sam(), shop.now())
            .await
            .expect("repair order")
            .number;
        fire(&shop, &n, &[Trigger::QuoteSent, Trigger::QuoteApproved]).await;
        numbers.push(n);
    }
    let tz = shop.till.time_zone().expect("tz");
    let olga = olga();
    let d = shop
        .till
        .dashboard(&olga, shop.now() + Duration::days(2), tz)
        .await
        .expect("dashboard");
    assert_eq!(d.over_target, 0);
    let d = shop
        .till
        .dashboard(&olga, shop.now() + Duration::days(3), tz)
        .await
        .expect("dashboard");
    assert_eq!(d.over_target, 2);
    let listed: Vec<&str> = d
        .over_target_orders
        .iter()
        .map(|o| o.number.as_str())
        .collect();
    assert_eq!(
        listed,
        numbers.iter().map(String::as_str).collect::<Vec<_>>()
    );
    // Work done: the first leaves "repairing" and the list.
    fire(&shop, &numbers[0], &[Trigger::WorkCompleted]).await;
    let d = shop
        .till
        .dashboard(&olga, shop.now() + Duration::days(3), tz)
        .await
        .expect("dashboard");
    assert_eq!(d.over_target, 1);
    assert_eq!(d.over_target_orders[0].number, numbers[1]);
}

fn sim(order_type: &str, events: &str, paid: Option<&str>) -> SimulationInput {
    SimulationInput {
        order_type: order_type.into(),
        draft: None,
        total: Some("40.00".into()),
        paid: paid.map(String::from),
        events: vec![events.into()],
    }
}

#[tokio::test]
async fn the_simulator_walks_the_demo_types_and_writes_nothing() {
    let shop = Shop::demo().await;
    let db = rusqlite::Connection::open(shop.dir.path().join("shop.db")).expect("db");
    let before = table_rows(&db);

    let s = shop
        .till
        .simulate_workflow(&sim(
            "laundry",
            "items.tagged,work.completed,order.marked_ready,customer.notified,order.picked_up",
            None,
        ))
        .expect("laundry");
    assert_eq!(s.status, "completed");
    assert_eq!(s.steps.len(), 6);
    assert_eq!(s.steps[0].to, "received");
    assert!(
        s.steps[1]
            .why
            .contains("'items.tagged' is the trigger of 'received'"),
        "{}",
        s.steps[1].why
    );

    // Repair: the guard holds a move, a payment clears it.
    let s = shop
        .till
        .simulate_workflow(&sim(
            "repair",
            "quote.sent,quote.approved,work.completed,order.marked_ready,move:ready_for_pickup,pay:40.00,order.picked_up",
            None,
        ))
        .expect("repair");
    let refused = &s.steps[5];
    assert_eq!(refused.refused.as_deref(), Some("guarded"));
    assert_eq!(refused.guards, vec!["paid_in_full"]);
    assert_eq!(refused.to, "awaiting_payment");
    assert_eq!(s.steps[6].path, vec!["ready_for_pickup"]);
    assert_eq!(s.status, "completed");

    // Retail: delivered before the slip is printed: kept, then walked on.
    let s = shop
        .till
        .simulate_workflow(&sim(
            "retail",
            "shipment.shipped,shipment.delivered,packing_slip.printed",
            Some("40.00"),
        ))
        .expect("retail");
    assert_eq!(s.steps[0].to, "picking", "paid at intake: placed moves on");
    assert!(
        s.steps[2].why.contains("kept for 'shipped'"),
        "{}",
        s.steps[2].why
    );
    assert_eq!(s.steps[3].path, vec!["packed", "shipped", "completed"]);

    // A draft with a deposit guard is validated and used.
    let mut draft = Settings::demo();
    for wf in draft
        .workflows
        .iter_mut()
        .filter(|w| w.key == "laundry-intake")
    {
        wf.steps[0].guards = vec![tillflow::settings::Guard::DepositPercent(50)];
    }
    let mut input = sim("laundry", "items.tagged,pay:20.00,items.tagged", None);
    input.draft = Some(draft.clone());
    let s = shop.till.simulate_workflow(&input).expect("draft");
    assert_eq!(s.steps[1].refused.as_deref(), Some("guarded"));
    assert_eq!(s.steps[3].to, "cleaning");
    draft.workflows[0].steps[0].guards = vec![tillflow::settings::Guard::DepositPercent(0)];
    input.draft = Some(draft);
    let e = shop
        .till
        .simulate_workflow(&input)
        .expect_err("invalid draft");
    assert_eq!(e.code(), "invalid");

    let e = shop
        .till
        .simulate_workflow(&sim("laundry", "items.tagged,teleport", None))
        .expect_err("unknown event");
    assert_eq!(e.code(), "invalid");
    assert_eq!(table_rows(&db), before, "the simulator wrote nothing");
}

#[test]
fn guards_and_targets_are_validated_with_their_place() {
    let mut s = Settings::demo();
    s.workflows[0].steps[0].target = Some("3w".into());
    let e = tillflow::settings::validate(&s).expect_err("bad target");
    assert!(e.to_string().contains("steps[0].target"), "{e}");
    let mut s = Settings::demo();
    s.workflows[0].steps[0].guards = vec![
        tillflow::settings::Guard::Field("serial".into()),
        tillflow::settings::Guard::Field("serial".into()),
    ];
    let e = tillflow::settings::validate(&s).expect_err("twice");
    assert!(e.to_string().contains("guards[1]"), "{e}");
    let mut s = Settings::demo();
    s.shop.undo_minutes = Some(2000);
    assert!(tillflow::settings::validate(&s).is_err());
}
