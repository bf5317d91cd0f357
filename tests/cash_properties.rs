//! Random trading days on a real database file: sessions opened with a
//! float, sales with split tenders and cash over-tender (in EUR, and in CHF
//! with cash rounded to 0.05), later payments, refunds, cancellations, cash
//! movements and no-sale openings. After every day the X report and the Z
//! report agree with the drawer counted by hand, to the cent:
//! expected cash = float + cash taken − change − cash refunds + pay-ins −
//! pay-outs − drops; Z numbers run 1, 2, 3…; the grand total adds the days.

mod common;

use std::collections::BTreeMap;

use common::Shop;
use proptest::prelude::*;
use serde_json::json;
use tillflow::orders::PaymentInput;
use tillflow::payments::drawer::{CashMovementKind, SessionRule};
use tillflow::payments::RefundTo;
use tillflow::returns::ReturnInput;
use tillflow::shipments::LineQty;
use tillflow::staff::Actor;
use tillflow::till::CashCount;

#[derive(Debug, Clone)]
enum Op {
    /// A sale: card part (per mille of the total), then cash handed (per
    /// mille of what is left; above 1000 is an over-tender).
    Sale {
        card: u16,
        cash: u16,
    },
    /// A later payment on an order that owes: method and per mille of the balance.
    Pay {
        order: usize,
        cash: bool,
        share: u16,
    },
    /// Hand over and take back one shirt of a paid order (refund to its tenders).
    Refund {
        order: usize,
    },
    Cancel {
        order: usize,
    },
    Move {
        kind: u8,
        cents: i64,
    },
    NoSale,
}

fn arb_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0u16..=1000, 0u16..=2500).prop_map(|(card, cash)| Op::Sale { card, cash }),
        2 => (0usize..8, any::<bool>(), 1u16..=2000).prop_map(|(order, cash, share)| Op::Pay { order, cash, share }),
        1 => (0usize..8).prop_map(|order| Op::Refund { order }),
        1 => (0usize..8).prop_map(|order| Op::Cancel { order }),
        2 => (0u8..3, 1i64..20_000).prop_map(|(kind, cents)| Op::Move { kind, cents }),
        1 => Just(Op::NoSale),
    ]
}

/// The drawer as the test counts it, independently of the till.
#[derive(Debug, Default)]
struct Drawer {
    float: i64,
    taken: i64,
    change: i64,
    refunds: i64,
    ins: i64,
    outs: i64,
    drops: i64,
    sales: i64,
    all_refunds: i64,
    cancels: i64,
}

impl Drawer {
    fn expected(&self) -> i64 {
        self.float + self.taken - self.change - self.refunds + self.ins - self.outs - self.drops
    }
}

/// Cash due for `balance` when coins go in steps of `coin` (half up).
fn due(balance: i64, coin: i64) -> i64 {
    (balance + coin / 2) / coin * coin
}

fn anna() -> Actor {
    Actor::trusted("anna")
}

fn minor(shop: &Shop, text: &str) -> i64 {
    shop.till
        .snapshot()
        .unwrap()
        .currency
        .parse(text, "x")
        .unwrap()
}

fn input(method: &str, amount: i64, shop: &Shop) -> PaymentInput {
    let c = shop.till.snapshot().unwrap().currency.clone();
    PaymentInput {
        method: method.into(),
        amount: c.to_decimal(amount),
        reference: None,
    }
}

/// A payment the till takes; the drawer follows it (change by the test's own sum).
fn cash_in(d: &mut Drawer, handed: i64, balance: i64, coin: i64) {
    let owed = due(balance, coin);
    let change = if handed >= owed { handed - owed } else { 0 };
    d.taken += handed;
    d.change += change;
}

async fn day(shop: &Shop, ops: &[Op], float: i64, coin: i64, orders: &mut Vec<String>) -> Drawer {
    let t = &shop.till;
    let c = |m: i64| shop.till.snapshot().unwrap().currency.format(m);
    let mut d = Drawer {
        float,
        ..Drawer::default()
    };
    t.open_session(
        &CashCount {
            total: Some(c(float)),
            pieces: vec![],
        },
        &anna(),
        shop.now(),
    )
    .await
    .expect("session opens");
    let total = minor(
        shop,
        &t.preview_order(&common::laundry_input(json!([])), common::t0())
            .unwrap()
            .totals
            .total,
    );
    for op in ops {
        match op {
            Op::Sale { card, cash } => {
                let card_part = total * i64::from(*card) / 1000;
                let left = total - card_part;
                let handed = (left * i64::from(*cash) / 1000) / coin * coin;
                let mut payments = Vec::new();
                if card_part > 0 {
                    payments.push(json!({"method": "card", "amount": c(card_part)}));
                }
                if handed > 0 && left > 0 {
                    payments.push(json!({"method": "cash", "amount": c(handed)}));
                }
                let r = t
                    .create_order(&common::laundry_input(json!(payments)), &anna(), shop.now())
                    .await
                    .expect("a sale with valid tenders is taken");
                if handed > 0 && left > 0 {
                    cash_in(&mut d, handed, left, coin);
                }
                d.sales += total;
                orders.push(r.number);
            }
            Op::Pay { order, cash, share } => {
                let Some(n) = orders.get(*order) else {
                    continue;
                };
                let o = t.order(n).await.unwrap();
                let balance = minor(shop, &o.totals.balance);
                if balance <= 0 || o.stage == "canceled" {
                    continue;
                }
                let mut amount = balance * i64::from(*share) / 1000;
                if !*cash {
                    amount = amount.min(balance);
                } else {
                    amount = amount / coin * coin;
                }
                if amount <= 0 {
                    continue;
                }
                let method = if *cash { "cash" } else { "card" };
                t.pay(n, &input(method, amount, shop), &anna(), shop.now())
                    .await
                    .expect("the payment is taken");
                if *cash {
                    cash_in(&mut d, amount, balance, coin);
                }
            }
            Op::Refund { order } => {
                let Some(n) = orders.get(*order) else {
                    continue;
                };
                let o = t.order(n).await.unwrap();
                if o.totals.balance != c(0) || o.stage == "canceled" {
                    continue;
                }
                if o.stage != "done" {
                    shop.pick_up(n).await;
                }
                let ret = ReturnInput {
                    lines: vec![LineQty {
                        line: 0,
                        qty: "1".parse().unwrap(),
                    }],
                    restock: None,
                    refund_to: RefundTo::Original,
                    reason: "one shirt back".into(),
                };
                let Ok(r) = t.return_lines(n, &ret, &anna(), shop.now()).await else {
                    continue; // all shirts came back already
                };
                for refund in &r.refunds {
                    let amount = minor(shop, &refund.amount);
                    d.all_refunds += amount;
                    if refund.method == "cash" {
                        // The drawer pays cash out rounded to the smallest
                        // coin, half up, as it takes it in.
                        d.refunds += (amount + coin / 2) / coin * coin;
                    }
                }
            }
            Op::Cancel { order } => {
                let Some(n) = orders.get(*order) else {
                    continue;
                };
                if t.cancel(n, "changed their mind", &anna(), shop.now())
                    .await
                    .is_ok()
                {
                    d.cancels += 1;
                }
            }
            Op::Move { kind, cents } => {
                let kind = [
                    CashMovementKind::PayIn,
                    CashMovementKind::PayOut,
                    CashMovementKind::Drop,
                ][*kind as usize];
                let r = t
                    .cash_movement(kind, &c(*cents), "float top-up", &anna(), shop.now())
                    .await;
                // Never more out of the drawer than it holds.
                if kind != CashMovementKind::PayIn && *cents > d.expected() {
                    assert_eq!(
                        r.expect_err("more than the drawer holds").code(),
                        "conflict"
                    );
                    continue;
                }
                r.expect("movement");
                match kind {
                    CashMovementKind::PayIn => d.ins += cents,
                    CashMovementKind::PayOut => d.outs += cents,
                    _ => d.drops += cents,
                }
            }
            Op::NoSale => {
                t.open_drawer("customer wanted change", &anna(), shop.now())
                    .await
                    .expect("no-sale");
            }
        }
    }
    d
}

fn trading(days: Vec<(i64, Vec<Op>)>, swiss: bool) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let shop = Shop::demo_drawer_closed().await;
        let mut s = shop.till.settings().unwrap();
        s.shop.cash.sessions = SessionRule::Cash;
        if swiss {
            s.shop.currency = "CHF".into();
            s.shop.cash.smallest_coin = Some("0.05".into());
        }
        shop.till
            .import_settings(s, &anna(), shop.now())
            .await
            .unwrap();
        let coin = if swiss { 5 } else { 1 };
        let mut orders = Vec::new();
        let mut grand = 0;
        for (i, (float, ops)) in days.iter().enumerate() {
            let float = float / coin * coin;
            let d = day(&shop, ops, float, coin, &mut orders).await;
            let x = shop.till.x_report(&anna(), shop.now()).await.unwrap();
            assert_eq!(
                x.cash.expected,
                d.expected(),
                "X expected cash, day {i}: {d:?} vs {:?}",
                x.cash
            );
            assert_eq!(
                (x.cash.taken, x.cash.change, x.cash.refunds),
                (d.taken, d.change, d.refunds)
            );
            assert_eq!(
                (x.cash.pay_ins, x.cash.pay_outs, x.cash.drops),
                (d.ins, d.outs, d.drops)
            );
            // The drawer counted as the test counts it: no variance.
            let c = shop.till.snapshot().unwrap().currency.clone();
            // (A cash refund may leave less than nothing; the count is 0 then.)
            let count = d.expected().max(0);
            let counted = BTreeMap::from([(
                "cash".to_string(),
                CashCount {
                    total: Some(c.format(count)),
                    pieces: vec![],
                },
            )]);
            let z = shop
                .till
                .close_session(&counted, &anna(), shop.now())
                .await
                .unwrap();
            assert_eq!(z.z_number, Some(i as i64 + 1), "gap-free Z numbers");
            assert_eq!(z.cash_variance(), Some(count - d.expected()));
            assert_eq!(z.cash.expected, d.expected());
            assert_eq!((z.sales, z.refunds), (d.sales, d.all_refunds), "day {i}");
            assert_eq!(z.cancellations, d.cancels);
            grand += d.sales - d.all_refunds;
            assert_eq!(z.grand_total, grand, "perpetual grand total");
        }
    });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn expected_cash_is_the_drawer_to_the_cent(
        days in prop::collection::vec((0i64..50_000, prop::collection::vec(arb_op(), 0..14)), 1..4),
        swiss in any::<bool>(),
    ) {
        trading(days, swiss);
    }
}
