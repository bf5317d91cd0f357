//! Refunds outside returns and voids, on a real SQLite file: a canceled
//! order's deposit given back, a goodwill refund split over two tenders
//! newest first, store credit, cash out of the open drawer (rounded to the
//! smallest coin), an over-refund refused with nothing written, a void, the
//! permissions, and the journal verified clean after all of them.

mod common;

use common::Shop;
use serde_json::json;
use tillflow::audit::AuditEvent;
use tillflow::orders::PaymentInput;
use tillflow::payments::drawer::SessionRule;
use tillflow::payments::{RefundInput, RefundTo};
use tillflow::staff::Actor;
use tillflow::till::CashCount;

fn anna() -> Actor {
    Actor::trusted("anna")
}

fn refund(amount: &str, to: RefundTo, reason: &str) -> RefundInput {
    RefundInput {
        amount: amount.parse().unwrap(),
        to,
        reason: reason.into(),
    }
}

fn pay(method: &str, amount: &str) -> PaymentInput {
    PaymentInput {
        method: method.into(),
        amount: amount.parse().unwrap(),
        reference: None,
    }
}

fn db(shop: &Shop) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(shop.dir.path().join("shop.db")).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    conn
}

/// Rows of every table a refund writes to.
fn counts(shop: &Shop) -> Vec<i64> {
    let conn = db(shop);
    [
        "payments",
        "returns",
        "journal",
        "order_events",
        "store_credit",
    ]
    .iter()
    .map(|t| {
        conn.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    })
    .collect()
}

/// (method, amount) of the order's payment rows, oldest first.
async fn payments(shop: &Shop, n: &str) -> Vec<(String, String)> {
    let o = shop.till.order(n).await.unwrap();
    o.payments
        .iter()
        .map(|p| (p.method.clone(), p.amount.clone()))
        .collect()
}

async fn journal_clean(shop: &Shop) {
    let r = shop.till.verify_journal(&anna()).await.unwrap();
    assert!(r.ok, "{r:?}");
}

#[tokio::test]
async fn a_canceled_orders_deposit_goes_back_to_its_card() {
    let shop = Shop::demo().await;
    let n = shop
        .laundry(json!([{"method": "card", "amount": "20.00"}]))
        .await;
    shop.till
        .cancel(&n, "customer changed their mind", &anna(), shop.now())
        .await
        .unwrap();
    let input = refund("20.00", RefundTo::Original, "deposit back");
    let preview = shop.till.preview_refund(&n, &input).await.unwrap();
    assert_eq!(
        (preview.refund.as_str(), preview.refundable.as_str()),
        ("20.00", "20.00")
    );
    assert_eq!(preview.refunds.len(), 1);
    assert_eq!(
        (
            preview.refunds[0].method.as_str(),
            preview.refunds[0].amount.as_str()
        ),
        ("card", "20.00")
    );
    let r = shop
        .till
        .refund(&n, &input, &anna(), shop.now())
        .await
        .unwrap();
    assert_eq!((r.refund.as_str(), r.paid.as_str()), ("20.00", "0.00"));
    assert_eq!(r.result.status, "canceled");
    let o = shop.till.order(&n).await.unwrap();
    assert_eq!(o.totals.paid, "0.00");
    let last = o.payments.last().unwrap();
    assert_eq!(
        (last.method.as_str(), last.amount.as_str()),
        ("card", "-20.00")
    );
    let h = o.history.last().unwrap();
    assert_eq!(h.event, AuditEvent::RefundIssued);
    assert_eq!(h.reason.as_deref(), Some("20.00 to card: deposit back"));
    // Nothing is left to give back.
    let e = shop
        .till
        .refund(
            &n,
            &refund("0.01", RefundTo::Original, "again"),
            &anna(),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), "invalid");
    journal_clean(&shop).await;
}

#[tokio::test]
async fn a_goodwill_refund_goes_to_the_newest_tender_first() {
    let shop = Shop::demo().await;
    let n = shop
        .laundry(
            json!([{"method": "card", "amount": "10.00"}, {"method": "cash", "amount": "5.00"}]),
        )
        .await;
    let input = refund("8.00", RefundTo::Original, "late, sorry");
    let preview = shop.till.preview_refund(&n, &input).await.unwrap();
    let split: Vec<(&str, &str)> = preview
        .refunds
        .iter()
        .map(|r| (r.method.as_str(), r.amount.as_str()))
        .collect();
    assert_eq!(split, vec![("cash", "5.00"), ("card", "3.00")]);
    assert_eq!(preview.cash_out, "5.00");
    let before = shop.till.order(&n).await.unwrap();
    let r = shop
        .till
        .refund(&n, &input, &anna(), shop.now())
        .await
        .unwrap();
    assert_eq!(r.refunds, preview.refunds);
    assert_eq!(r.paid, "7.00");
    let p = payments(&shop, &n).await;
    assert_eq!(
        p[2..],
        [
            ("cash".to_string(), "-5.00".to_string()),
            ("card".to_string(), "-3.00".to_string())
        ]
    );
    let o = shop.till.order(&n).await.unwrap();
    // What was given back comes off what the order costs (an order
    // discount with the refund's reason): what the customer still owes on
    // this part-paid order stays what it was.
    let currency = shop.till.snapshot().unwrap().currency.clone();
    let minor = |s: &str| currency.parse(s, "t").unwrap();
    assert_eq!(
        minor(&o.totals.total),
        minor(&before.totals.total) - 800,
        "{:?}",
        o.totals
    );
    assert_eq!(o.totals.balance, before.totals.balance);
    assert_eq!(o.status, before.status);
    // A second refund takes what the tenders still hold: card 7.00.
    let r = shop
        .till
        .refund(
            &n,
            &refund("7.00", RefundTo::Original, "all of it"),
            &anna(),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(r.refunds.len(), 1);
    assert_eq!(
        (r.refunds[0].method.as_str(), r.paid.as_str()),
        ("card", "0.00")
    );
    let conn = db(&shop);
    let kinds: Vec<String> = conn
        .prepare("SELECT kind FROM returns ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(kinds, ["refund", "refund"]);
    journal_clean(&shop).await;
}

#[tokio::test]
async fn an_over_refund_is_refused_and_nothing_is_written() {
    let shop = Shop::demo().await;
    let n = shop
        .laundry(json!([{"method": "card", "amount": "10.00"}]))
        .await;
    let before = counts(&shop);
    for (amount, reason) in [("10.01", "too much"), ("0", "nothing"), ("5.00", "  ")] {
        let e = shop
            .till
            .refund(
                &n,
                &refund(amount, RefundTo::Original, reason),
                &anna(),
                shop.now(),
            )
            .await
            .unwrap_err();
        assert_eq!(e.code(), "invalid", "{amount}: {e}");
    }
    let e = shop
        .till
        .preview_refund(&n, &refund("10.01", RefundTo::Original, ""))
        .await
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "amount: 10.01 is more than the order holds: at most 10.00 can be refunded"
    );
    assert_eq!(counts(&shop), before);
    assert_eq!(shop.till.order(&n).await.unwrap().totals.paid, "10.00");
}

#[tokio::test]
async fn a_refund_to_store_credit_raises_the_customers_credit() {
    let shop = Shop::demo().await;
    let n = shop
        .laundry(json!([{"method": "cash", "amount": "12.00"}]))
        .await;
    let r = shop
        .till
        .refund(
            &n,
            &refund("4.50", RefundTo::StoreCredit, "goodwill"),
            &anna(),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(r.refunds[0].method, "store_credit");
    let o = shop.till.order(&n).await.unwrap();
    let customer = o.customer.as_ref().unwrap().id;
    assert_eq!(shop.till.store_credit(customer).await.unwrap(), "4.50");
    assert_eq!(o.totals.paid, "7.50");
    journal_clean(&shop).await;
}

#[tokio::test]
async fn a_cash_refund_leaves_the_drawer_rounded_to_the_smallest_coin() {
    let shop = Shop::demo_drawer_closed().await;
    let mut s = shop.till.settings().unwrap();
    s.shop.cash.sessions = SessionRule::Cash;
    s.shop.currency = "CHF".into();
    s.shop.cash.smallest_coin = Some("0.05".into());
    shop.till
        .import_settings(s, &anna(), shop.now())
        .await
        .unwrap();
    let float = CashCount {
        total: Some("100.00".into()),
        pieces: Vec::new(),
    };
    shop.till
        .open_session(&float, &anna(), shop.now())
        .await
        .unwrap();
    let n = shop.laundry(json!([])).await;
    shop.till
        .pay(&n, &pay("card", "5.00"), &anna(), shop.now())
        .await
        .unwrap();
    shop.till
        .pay(&n, &pay("cash", "10.00"), &anna(), shop.now())
        .await
        .unwrap();
    let sold = shop.till.order(&n).await.unwrap().totals.total;
    let input = refund("3.02", RefundTo::Original, "overcharged starch");
    let preview = shop.till.preview_refund(&n, &input).await.unwrap();
    assert_eq!(
        (preview.refund.as_str(), preview.cash_out.as_str()),
        ("3.02", "3.00")
    );
    shop.till
        .refund(&n, &input, &anna(), shop.now())
        .await
        .unwrap();
    let x = shop.till.x_report(&anna(), shop.now()).await.unwrap();
    // 100.00 float + 10.00 cash taken − 3.00 handed back.
    assert_eq!((x.cash.refunds, x.cash.expected), (300, 10700));
    // The sale counts as it was taken (the refund lowered the order's
    // total): the refund is counted once, as a refund.
    assert_eq!(shop.till.snapshot().unwrap().currency.format(x.sales), sold);
    assert_eq!((x.refunds, x.net), (302, x.sales - 302));
    // The order's paid goes down by the exact amount.
    assert_eq!(shop.till.order(&n).await.unwrap().totals.paid, "11.98");
    journal_clean(&shop).await;
}

#[tokio::test]
async fn a_cash_refund_needs_an_open_drawer_when_the_shop_counts_one() {
    let shop = Shop::demo().await;
    let n = shop
        .laundry(json!([{"method": "cash", "amount": "10.00"}]))
        .await;
    let mut s = shop.till.settings().unwrap();
    s.shop.cash.sessions = SessionRule::Cash;
    shop.till
        .import_settings(s, &anna(), shop.now())
        .await
        .unwrap();
    // The day is closed: no drawer session is open any more.
    let counted = [(
        "cash".to_string(),
        CashCount {
            total: Some("110.00".into()),
            pieces: Vec::new(),
        },
    )]
    .into_iter()
    .collect();
    shop.till
        .close_session(&counted, &anna(), shop.now())
        .await
        .unwrap();
    let before = counts(&shop);
    let e = shop
        .till
        .refund(
            &n,
            &refund("2.00", RefundTo::Original, "why"),
            &anna(),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), "conflict", "{e}");
    assert_eq!(counts(&shop), before);
}

#[tokio::test]
async fn a_void_cancels_and_gives_everything_back() {
    let shop = Shop::demo().await;
    let n = shop
        .laundry(
            json!([{"method": "card", "amount": "10.00"}, {"method": "cash", "amount": "5.00"}]),
        )
        .await;
    let r = shop
        .till
        .void(&n, "wrong customer", &anna(), shop.now())
        .await
        .unwrap();
    assert_eq!((r.refund.as_str(), r.paid.as_str()), ("15.00", "0.00"));
    assert_eq!(r.result.status, "canceled");
    let o = shop.till.order(&n).await.unwrap();
    assert_eq!(
        (o.stage.as_str(), o.totals.paid.as_str()),
        ("canceled", "0.00")
    );
    let events: Vec<AuditEvent> = o.history.iter().rev().take(2).map(|h| h.event).collect();
    assert_eq!(
        events,
        [AuditEvent::RefundIssued, AuditEvent::OrderCanceled]
    );
    let p = payments(&shop, &n).await;
    assert_eq!(
        p[2..],
        [
            ("cash".to_string(), "-5.00".to_string()),
            ("card".to_string(), "-10.00".to_string())
        ]
    );
    // Canceled: no second void.
    let e = shop
        .till
        .void(&n, "again", &anna(), shop.now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
    // An unpaid order is voided without a refund.
    let m = shop.laundry(json!([])).await;
    let r = shop
        .till
        .void(&m, "test order", &anna(), shop.now())
        .await
        .unwrap();
    assert_eq!((r.refund_id, r.result.stage.as_str()), (None, "canceled"));
    // A completed order is not voided: it was handed over.
    let done = shop
        .laundry(json!([{"method": "card", "amount": "10.00"}]))
        .await;
    let total = shop.till.order(&done).await.unwrap().totals.balance;
    shop.till
        .pay(&done, &pay("card", &total), &anna(), shop.now())
        .await
        .unwrap();
    shop.pick_up(&done).await;
    let before = counts(&shop);
    let e = shop
        .till
        .void(&done, "oops", &anna(), shop.now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
    assert_eq!(counts(&shop), before);
    journal_clean(&shop).await;
}

#[tokio::test]
async fn a_cashier_without_the_permission_is_refused() {
    let shop = Shop::demo().await;
    let n = shop
        .laundry(json!([{"method": "card", "amount": "10.00"}]))
        .await;
    let cashier = Actor::staff(7, "Cid", "cashier").unwrap();
    let before = counts(&shop);
    let e = shop
        .till
        .refund(
            &n,
            &refund("1.00", RefundTo::Original, "please"),
            &cashier,
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let e = shop
        .till
        .void(&n, "please", &cashier, shop.now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    assert_eq!(counts(&shop), before);
    // A manager may.
    let manager = Actor::staff(8, "Mia", "manager").unwrap();
    shop.till
        .refund(
            &n,
            &refund("1.00", RefundTo::Original, "please"),
            &manager,
            shop.now(),
        )
        .await
        .unwrap();
    journal_clean(&shop).await;
}

/// A goodwill refund on an order paid in full leaves nothing owing: the
/// amount comes off its total, tax included, and the journal agrees.
#[tokio::test]
async fn a_goodwill_refund_on_a_paid_order_leaves_nothing_owing() {
    let shop = Shop::demo().await;
    let n = shop.laundry(json!([])).await;
    let total = shop.till.order(&n).await.unwrap().totals.total;
    shop.till
        .pay(&n, &pay("card", &total), &anna(), shop.now())
        .await
        .unwrap();
    let input = refund("5.00", RefundTo::Original, "stain not removed");
    let preview = shop.till.preview_refund(&n, &input).await.unwrap();
    assert_eq!(preview.balance, "0.00");
    let r = shop
        .till
        .refund(&n, &input, &anna(), shop.now())
        .await
        .unwrap();
    assert_eq!(r.balance, "0.00");
    let o = shop.till.order(&n).await.unwrap();
    assert_eq!(o.totals.balance, "0.00");
    let currency = shop.till.snapshot().unwrap().currency.clone();
    let minor = |s: &str| currency.parse(s, "t").unwrap();
    assert_eq!(minor(&o.totals.total), minor(&total) - 500);
    assert_eq!(
        minor(&o.totals.subtotal) + minor(&o.totals.tax),
        minor(&o.totals.total)
    );
    journal_clean(&shop).await;
}
