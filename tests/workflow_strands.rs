//! Workflows that never strand an order (issue 13): a system event that
//! comes while the order is at an earlier step is kept and satisfies its
//! step when the order gets there. Property test on the pure engine over
//! random plans and random interleavings of worker actions and system
//! events; then the stuck retail order of the issue on a real database.

mod common;

use common::{retail, Shop};
use proptest::prelude::*;
use serde_json::json;
use tillflow::settings::{Guard, Step};
use tillflow::shipments::{DeliveryMethod, LineQty, ShipmentInput};
use tillflow::staff::Actor;
use tillflow::triggers::{Source, Trigger};
use tillflow::workflow::{Facts, Journal, Money, Plan, PlanStage, Position};

/// Events the system raises once each, in the order they can happen
/// (a shipment is created, then shipped, then delivered).
const SYSTEM: [Trigger; 6] = [
    Trigger::PackingSlipPrinted,
    Trigger::InvoicePrinted,
    Trigger::ReceiptPrinted,
    Trigger::ShipmentCreated,
    Trigger::ShipmentShipped,
    Trigger::ShipmentDelivered,
];
/// Buttons a worker presses at the step that waits for them.
const WORKER: [Trigger; 8] = [
    Trigger::ItemsTagged,
    Trigger::WorkStarted,
    Trigger::WorkCompleted,
    Trigger::OrderMarkedReady,
    Trigger::CustomerNotified,
    Trigger::OrderPickedUp,
    Trigger::QuoteSent,
    Trigger::QuoteApproved,
];

/// A plan whose steps wait for distinct events (each happens once), some
/// guarded by "paid in full", split into 1–3 stages.
fn arb_plan() -> impl Strategy<Value = Plan> {
    let pool: Vec<Trigger> = SYSTEM
        .iter()
        .chain(WORKER.iter())
        .copied()
        .chain([Trigger::OrderPaidInFull])
        .collect();
    (
        Just(pool).prop_shuffle(),
        1usize..8,
        prop::collection::vec(any::<bool>(), 8),
        1usize..4,
    )
        .prop_map(|(pool, n, guarded, stages)| {
            let steps: Vec<Step> = pool
                .into_iter()
                .take(n)
                .enumerate()
                .map(|(i, trigger)| Step {
                    status: format!("s{i}"),
                    trigger,
                    roles: Default::default(),
                    guards: if guarded[i] {
                        vec![Guard::PaidInFull]
                    } else {
                        Vec::new()
                    },
                    target: None,
                })
                .collect();
            let per = steps.len().div_ceil(stages.min(steps.len()));
            Plan {
                order_type: "t".into(),
                order_type_version: 1,
                stages: steps
                    .chunks(per)
                    .enumerate()
                    .map(|(i, c)| PlanStage {
                        stage: format!("stage{i}"),
                        workflow: format!("wf{i}"),
                        version: 1,
                        name: format!("W{i}"),
                        steps: c.to_vec(),
                    })
                    .collect(),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]
    /// Every system event happens once, in a random place among the
    /// worker's presses (a worker presses the current step's button when
    /// its guards allow); the order is paid in two parts at random times.
    /// Once everything happened and the worker has nothing left to press,
    /// the order is completed; and every step it left was left by its own
    /// trigger, after that trigger happened.
    #[test]
    fn an_order_whose_goods_are_delivered_and_paid_always_completes(
        plan in arb_plan(),
        picks in prop::collection::vec(0u8..=255, 64),
        pay_at in (0usize..20, 0usize..20),
    ) {
        let money = |paid| Money { total: 100, paid };
        let mut j = Journal::started(&plan, Facts::of_money(money(0))).unwrap();
        // Every system event happens (those no step waits for are noise).
        let mut pending: Vec<Trigger> = SYSTEM.to_vec();
        let mut paid = 0;
        let mut happened: Vec<Trigger> = Vec::new();
        let mut tick = 0;
        let mut picks = picks.into_iter().cycle();
        loop {
            tick += 1;
            // Payments: half at one time, the rest at another.
            for at in [pay_at.0, pay_at.1] {
                if tick == at + 1 && paid < 100 {
                    paid += 50;
                    j.event(Trigger::PaymentCaptured, money(paid)).unwrap();
                    if paid >= 100 {
                        j.event(Trigger::OrderPaidInFull, money(paid)).unwrap();
                        happened.push(Trigger::OrderPaidInFull);
                    }
                }
            }
            let worker_can = plan.step_at(j.at).is_some_and(|s| {
                s.trigger.source() == Source::Worker && j.facts.unmet(&s.guards).is_empty()
            });
            let pick = picks.next().unwrap_or(0);
            if !pending.is_empty() && (pick % 2 == 0 || !worker_can) {
                // The next system event (they happen in their own order).
                let t = pending.remove(0);
                happened.push(t);
                j.event(t, money(paid)).unwrap();
            } else if worker_can {
                let t = plan.step_at(j.at).unwrap().trigger;
                happened.push(t);
                j.event(t, money(paid)).unwrap();
            } else if paid < 100 {
                paid = 100;
                j.event(Trigger::PaymentCaptured, money(paid)).unwrap();
                j.event(Trigger::OrderPaidInFull, money(paid)).unwrap();
                happened.push(Trigger::OrderPaidInFull);
            } else {
                break;
            }
            prop_assert!(tick < 200, "no end");
        }
        prop_assert_eq!(j.at, Position::Completed, "stranded at {}", plan.status_at(j.at));
        // Never skipped: the moves chain through every step in order, each
        // left by its own trigger, which had happened.
        let mut at = Position::Step { stage: 0, step: 0 };
        for r in j.rows.iter().filter(|r| r.moved).skip(1) {
            let step = plan.step_at(at).expect("moved from a step");
            prop_assert_eq!(r.from_status.as_deref(), Some(step.status.as_str()));
            prop_assert_eq!(r.event, tillflow::audit::AuditEvent::Trigger(step.trigger));
            prop_assert!(happened.contains(&step.trigger), "left '{}' before '{}' happened", step.status, step.trigger);
            at = plan.next(at);
            prop_assert_eq!(r.to_status.as_str(), plan.status_at(at));
        }
        prop_assert_eq!(at, Position::Completed);
    }
}

fn carrier(line: i64) -> ShipmentInput {
    ShipmentInput {
        method: DeliveryMethod::Carrier,
        carrier: Some("DHL".into()),
        tracking: Some("TRK-1".into()),
        lines: vec![LineQty {
            line,
            qty: common::d("1"),
        }],
    }
}

/// The stuck order: a paid retail order whose shipment was
/// created, shipped and delivered before its packing slip was printed.
/// The shipment events are kept; printing the slip walks it to completed.
#[tokio::test]
async fn a_delivered_and_paid_retail_order_completes_by_itself() {
    let shop = Shop::demo().await;
    let bob = Actor::trusted("bob");
    let input = retail(
        json!([{"name": "Poster", "qty": "1", "unit_price": "10.00", "tax_rate": "20"}]),
        json!([{"method": "card", "amount": "10.00"}]),
    );
    let n = shop
        .till
        .create_order(&input, &bob, shop.now())
        .await
        .expect("retail order")
        .number;
    assert_eq!(shop.status(&n).await.1, "picking");
    let s = shop
        .till
        .create_shipment(&n, &carrier(0), &bob, shop.now())
        .await
        .expect("shipment");
    shop.till
        .ship_shipment(&n, s.shipment, &bob, shop.now())
        .await
        .expect("shipped");
    let r = shop
        .till
        .deliver_shipment(&n, s.shipment, &bob, shop.now())
        .await
        .expect("delivered");
    assert_eq!(
        r.status, "picking",
        "the slip is not printed: the order waits"
    );
    let r = shop
        .print(&n, tillflow::documents::DocumentKind::PackingSlip)
        .await;
    assert_eq!(r.status, "completed", "{r:?}");
    assert_eq!(r.path, vec!["packed", "shipped", "completed"]);
    let o = shop.till.order(&n).await.expect("order");
    let moved: Vec<(String, String)> = o
        .history
        .iter()
        .filter(|h| h.moved)
        .map(|h| (h.event.key().to_string(), h.to_status.clone()))
        .collect();
    assert_eq!(
        moved[moved.len() - 3..],
        [
            ("packing_slip.printed".to_string(), "packed".to_string()),
            ("shipment.shipped".to_string(), "shipped".to_string()),
            ("shipment.delivered".to_string(), "completed".to_string()),
        ]
    );
    // The delivered event was recorded when it came, moving nothing then.
    assert!(o
        .history
        .iter()
        .any(|h| h.event.key() == "shipment.delivered" && !h.moved && h.to_status == "picking"));
}
