//! Property tests of the workflow engine: random plans and random event
//! sequences never skip a step, never leave a terminal state, and leave
//! exactly one audit row per move — in the pure engine and on a real database.

mod common;

use proptest::prelude::*;
use tillflow::settings::Step;
use tillflow::triggers::Trigger;
use tillflow::workflow::{
    decide, Cause, Command, Facts, Journal, Money, Plan, PlanStage, Position,
};

fn arb_trigger() -> impl Strategy<Value = Trigger> {
    prop::sample::select(Trigger::ALL.to_vec())
}

fn arb_plan() -> impl Strategy<Value = Plan> {
    prop::collection::vec(prop::collection::vec(arb_trigger(), 1..5), 1..4).prop_map(|stages| {
        Plan {
            order_type: "t".into(),
            order_type_version: 1,
            stages: stages
                .into_iter()
                .enumerate()
                .map(|(si, triggers)| PlanStage {
                    stage: format!("stage{si}"),
                    workflow: format!("wf{si}"),
                    version: 1,
                    name: format!("Workflow {si}"),
                    steps: triggers
                        .into_iter()
                        .enumerate()
                        .map(|(i, trigger)| Step {
                            status: format!("s{si}_{i}"),
                            trigger,
                            roles: Default::default(),
                            guards: Vec::new(),
                            target: None,
                        })
                        .collect(),
                })
                .collect(),
        }
    })
}

#[derive(Debug, Clone)]
enum Act {
    Event(Trigger, bool),
    Move(usize),
    Cancel,
}

fn arb_act() -> impl Strategy<Value = Act> {
    prop_oneof![
        8 => (arb_trigger(), any::<bool>()).prop_map(|(t, p)| Act::Event(t, p)),
        2 => (0usize..5).prop_map(Act::Move),
        1 => Just(Act::Cancel),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn engine_never_skips_never_leaves_terminal_one_row_per_move(plan in arb_plan(), acts in prop::collection::vec(arb_act(), 0..40)) {
        let mut j = Journal::started(&plan, Facts::default()).unwrap();
        let money = |paid: bool| Money { total: 1, paid: i64::from(paid) };
        let mut moves = j.rows.iter().filter(|r| r.moved).count();
        prop_assert_eq!(moves, 1 + usize::from(j.at != (Position::Step { stage: 0, step: 0 })));
        for act in acts {
            let at = j.at;
            let rows_before = j.rows.len();
            let (command, m) = match &act {
                Act::Event(t, paid) => (Command::Event(*t), money(*paid)),
                Act::Move(i) => {
                    let target = match at {
                        Position::Step { stage, .. } => plan.stages[stage].steps.get(*i).map(|s| s.status.clone()).unwrap_or_else(|| "nowhere".into()),
                        _ => "nowhere".into(),
                    };
                    let move_to = Command::Move { to_status: &target, override_guards: false };
                    let outcome = decide(&plan, at, &move_to, &Facts { kept: j.facts.kept, ..Facts::of_money(money(false)) });
                    if at.is_terminal() { prop_assert!(outcome.is_err()); }
                    match outcome { Ok(o) => { prop_assert!(o.transitions.iter().all(|t| t.from != Some(Position::Completed))); } Err(_) => continue }
                    let _ = j.run(&move_to, money(false), tillflow::audit::AuditEvent::ManualMove, Some("test"));
                    let new_moves = j.rows[rows_before..].iter().filter(|r| r.moved).count();
                    moves += new_moves;
                    continue;
                }
                Act::Cancel => (Command::Cancel, money(false)),
            };
            let mut facts = j.facts.clone();
            facts.set_money(m);
            let outcome = decide(&plan, at, &command, &facts);
            if at.is_terminal() {
                match &outcome {
                    Ok(o) => prop_assert!(o.transitions.is_empty() && o.end == at, "left a terminal state"),
                    Err(_) => prop_assert!(!matches!(command, Command::Event(_))),
                }
            }
            let Ok(outcome) = outcome else { continue };
            // Never skip a step: each trigger move goes to the plan's next position.
            let mut cur = at;
            for t in &outcome.transitions {
                prop_assert_eq!(t.from, Some(cur));
                match t.cause {
                    Cause::Trigger(tr) => {
                        prop_assert_eq!(plan.trigger_at(cur), Some(tr));
                        prop_assert_eq!(t.to, plan.next(cur));
                    }
                    Cause::Cancel => prop_assert_eq!(t.to, Position::Canceled),
                    _ => {}
                }
                cur = t.to;
            }
            prop_assert_eq!(cur, outcome.end);
            prop_assert!(outcome.transitions.len() <= plan.step_count() + 1);
            match &act {
                Act::Event(t, _) => { j.event(*t, m).unwrap(); }
                _ => { j.run(&command, m, tillflow::audit::AuditEvent::OrderCanceled, Some("r")).unwrap(); }
            }
            let new_rows = &j.rows[rows_before..];
            let new_moves = new_rows.iter().filter(|r| r.moved).count();
            prop_assert_eq!(new_moves, outcome.transitions.len(), "one audit row per move");
            let event_row = usize::from(!outcome.by_command);
            prop_assert!(new_rows.len() == new_moves + event_row, "an event that moved nothing itself leaves its own row");
            moves += new_moves;
        }
        prop_assert_eq!(j.rows.iter().filter(|r| r.moved).count(), moves);
    }
}

// The same on the real executor and SQLite file: the audit trail replays to
// the stored position, rows chain from→to without gaps, and terminal is final.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn stored_history_chains_every_move(events in prop::collection::vec((arb_trigger(), 0u8..10), 1..25)) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let shop = common::Shop::demo().await;
            let n = shop.laundry(serde_json::json!([])).await;
            let mut terminal_seen: Option<String> = None;
            for (t, roll) in events {
                let r = if roll == 0 {
                    shop.till.cancel(&n, "roll", &tillflow::staff::Actor::trusted("p"), shop.now()).await
                } else if roll == 1 {
                    shop.till.pay(&n, &tillflow::orders::PaymentInput { method: "cash".into(), amount: "5".parse().unwrap(), reference: None }, &tillflow::staff::Actor::trusted("p"), shop.now()).await.map(|p| p.result)
                } else {
                    shop.till.fire_event(&n, t, &tillflow::staff::Actor::trusted("p"), shop.now()).await
                };
                let (_, status) = shop.status(&n).await;
                if let Some(done) = &terminal_seen {
                    assert_eq!(&status, done, "left a terminal state");
                }
                if status == "completed" || status == "canceled" {
                    terminal_seen = Some(status);
                }
                drop(r);
            }
            let o = shop.till.order(&n).await.unwrap();
            let moved: Vec<_> = o.history.iter().filter(|h| h.moved).collect();
            for w in moved.windows(2) {
                assert_eq!(w[1].from_status.as_deref(), Some(w[0].to_status.as_str()), "moves chain without gaps");
            }
            assert_eq!(moved.last().unwrap().to_status, o.status);
            for h in o.history.iter().filter(|h| !h.moved) {
                assert_eq!(h.from_status.as_deref(), Some(h.to_status.as_str()));
            }
        });
    }
}
