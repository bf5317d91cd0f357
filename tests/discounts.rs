//! Discounts on real database files, with exact figures: a line's and the
//! order's, as a percent or an amount, taken off before tax in both
//! pricing modes; the order discount shared over the lines to the cent;
//! the per-role limit and a manager's approval above it; refusals that
//! write nothing; a later edit keeping the discount.

mod common;

use common::{table_rows, Shop};
use rust_decimal::Decimal;
use serde_json::json;
use tillflow::audit::AuditEvent;
use tillflow::documents::DocumentKind;
use tillflow::orders::discount::DiscountInput;
use tillflow::orders::edit::OrderEdit;
use tillflow::settings::SettingsChange;
use tillflow::staff::{Actor, Permission};

fn anna() -> Actor {
    Actor::trusted("anna")
}

fn db(shop: &Shop) -> rusqlite::Connection {
    rusqlite::Connection::open(shop.dir.path().join("shop.db")).expect("db opens")
}

fn pct(p: &str, line: Option<usize>, reason: &str) -> DiscountInput {
    DiscountInput {
        percent: Some(p.parse().unwrap()),
        amount: None,
        line,
        reason: reason.into(),
    }
}

fn amt(a: &str, line: Option<usize>, reason: &str) -> DiscountInput {
    DiscountInput {
        percent: None,
        amount: Some(a.parse().unwrap()),
        line,
        reason: reason.into(),
    }
}

/// (amount, tax) of each line, and (subtotal, tax, total), as screens show them.
async fn figures(shop: &Shop, n: &str) -> (Vec<(String, String)>, (String, String, String)) {
    let v = shop.till.order(n).await.unwrap();
    (
        v.lines
            .iter()
            .map(|l| (l.amount.clone(), l.tax.clone()))
            .collect(),
        (v.totals.subtotal, v.totals.tax, v.totals.total),
    )
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn three(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.into(), b.into(), c.into())
}

#[tokio::test]
async fn tax_inclusive_line_then_order_discount_to_the_cent() {
    let shop = Shop::demo().await;
    // 3 shirts with starch 12.00 (tax 2.00), wash 10.50 (1.75), curtain
    // 18.00 (3.00): 40.50, tax 6.75 included at 20 %.
    let n = shop.laundry(json!([])).await;

    // 10 % off the shirts: 1.20 off, 10.80 left, its tax 10.80 × 20/120 = 1.80.
    let r = shop
        .till
        .give_discount(
            &n,
            &pct("10", Some(0), "loyal customer"),
            &anna(),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(
        r.changes,
        vec!["10 % off line 0 (Shirt, washed & pressed): 1.20 (loyal customer)"]
    );
    assert_eq!(
        figures(&shop, &n).await,
        (
            pairs(&[("10.80", "1.80"), ("10.50", "1.75"), ("18.00", "3.00")]),
            three("32.75", "6.55", "39.30")
        )
    );
    let v = shop.till.order(&n).await.unwrap();
    assert_eq!(v.lines[0].discount.as_deref(), Some("1.20"));
    assert_eq!(v.totals.discount.as_deref(), Some("1.20"));
    assert_eq!(
        v.lines[0].discount_label.as_deref(),
        Some("Discount 10 % (loyal customer)")
    );
    // Receipt and invoice, read back from the PDFs: the line at its price,
    // the discount under it, the totals after it.
    for kind in [DocumentKind::Receipt, DocumentKind::Invoice] {
        let text = shop.document_text(&n, kind).await;
        assert!(
            text.contains("Discount 10 % (loyal customer)"),
            "{kind:?}: {text}"
        );
        assert!(text.contains("-1,20"), "{kind:?}: {text}");
        assert!(text.contains("12,00"), "{kind:?}: {text}");
        assert!(text.contains("39,30"), "{kind:?}: {text}");
    }

    // 5.00 off the order, shared over 10.80 / 10.50 / 18.00: 1.37, 1.34
    // (the largest remainder takes the odd cent), 2.29; the tax of each
    // line is on what is left: 9.43/6 = 1.57, 9.16/6 = 1.53, 15.71/6 = 2.62.
    shop.till
        .give_discount(
            &n,
            &amt("5.00", None, "waited too long"),
            &anna(),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(
        figures(&shop, &n).await,
        (
            pairs(&[("9.43", "1.57"), ("9.16", "1.53"), ("15.71", "2.62")]),
            three("28.58", "5.72", "34.30")
        )
    );
    let v = shop.till.order(&n).await.unwrap();
    // 1.20 + 5.00 taken off in all (the shares 1.37, 1.34, 2.29 on top).
    assert_eq!(v.totals.discount.as_deref(), Some("6.20"));
    let last = v.history.last().unwrap();
    assert_eq!(last.event, AuditEvent::DiscountGiven);
    assert_eq!(
        last.reason.as_deref(),
        Some("off the order: 5.00 (waited too long)")
    );
    assert!(shop.till.verify_journal(&anna()).await.unwrap().ok);

    // An edit keeps the discounts: doubling the shirts doubles their
    // amount discount's share (2 × 2.57 = 5.14 off 24.00 → 18.86).
    let e: OrderEdit =
        serde_json::from_value(json!({"change_lines": [{"line": 0, "qty": "6"}]})).unwrap();
    let r = shop
        .till
        .edit_order(&n, &e, &anna(), shop.now())
        .await
        .unwrap();
    assert_eq!(r.after.total, "43.73");
    assert!(shop.till.verify_journal(&anna()).await.unwrap().ok);
}

#[tokio::test]
async fn tax_exclusive_order_percent_discount() {
    let shop = Shop::demo().await;
    let mut s = shop.till.snapshot().unwrap().settings.shop.clone();
    s.prices_include_tax = false;
    shop.till
        .change_settings(SettingsChange::SaveShop { shop: s }, &anna(), shop.now())
        .await
        .unwrap();
    // Net 12.00 + 10.50 + 18.00 = 40.50, tax 20 % on top: 48.60.
    let n = shop.laundry(json!([])).await;
    assert_eq!(figures(&shop, &n).await.1, three("40.50", "8.10", "48.60"));
    // 10 % of the net, 4.05, shared 1.20 / 1.05 / 1.80; tax on what is left.
    shop.till
        .give_discount(&n, &pct("10", None, "opening week"), &anna(), shop.now())
        .await
        .unwrap();
    assert_eq!(
        figures(&shop, &n).await,
        (
            pairs(&[("10.80", "2.16"), ("9.45", "1.89"), ("16.20", "3.24")]),
            three("36.45", "7.29", "43.74")
        )
    );
    // 2.00 off the curtain line: 14.20 net, tax 2.84.
    shop.till
        .give_discount(&n, &amt("2.00", Some(2), "stain"), &anna(), shop.now())
        .await
        .unwrap();
    let (lines, totals) = figures(&shop, &n).await;
    assert_eq!(lines[2], ("16.00".to_string(), "3.20".to_string()));
    assert_eq!(totals, three("36.25", "7.25", "43.50"));
}

#[tokio::test]
async fn the_role_limit_and_a_managers_approval() {
    let shop = Shop::demo().await;
    let n = shop.laundry(json!([])).await;
    let sam = Actor::staff(7, "Sam", "cashier").unwrap();
    let rows = table_rows(&db(&shop));
    // No limit set: a cashier may give none.
    let err = shop
        .till
        .give_discount(&n, &pct("5", Some(0), "regular"), &sam, shop.now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    assert_eq!(table_rows(&db(&shop)), rows);

    let mut staff = shop.till.staff_settings();
    for (role, limit, field) in [
        ("cashier", 101, "shop.staff.discount_limits.cashier"),
        ("baker", 5, "shop.staff.discount_limits.baker"),
    ] {
        let mut bad = staff.clone();
        bad.discount_limits
            .insert(role.into(), Decimal::from(limit));
        let change = SettingsChange::SaveStaffSettings { staff: bad };
        let err = shop
            .till
            .change_settings(change, &anna(), shop.now())
            .await
            .unwrap_err();
        assert!(
            matches!(err, tillflow::Error::Invalid { field: ref f, .. } if f == field),
            "{err:?}"
        );
    }
    staff
        .discount_limits
        .insert("cashier".into(), Decimal::from(10));
    shop.till
        .change_settings(
            SettingsChange::SaveStaffSettings { staff },
            &anna(),
            shop.now(),
        )
        .await
        .unwrap();
    let rows = table_rows(&db(&shop));
    // The preview plans the same: what comes off, and whether a manager must approve.
    let p = shop
        .till
        .preview_discount(&n, &pct("15", Some(0), "regular"), &sam)
        .await
        .unwrap();
    assert_eq!(
        (
            p.taken.as_str(),
            p.percent.as_str(),
            p.limit.as_deref(),
            p.needs_approval
        ),
        ("1.80", "15", Some("10"), true)
    );
    assert_eq!(p.outcome.difference, "-1.80");
    let p = shop
        .till
        .preview_discount(&n, &amt("1.00", Some(0), "regular"), &sam)
        .await
        .unwrap();
    assert_eq!(
        (p.taken.as_str(), p.percent.as_str(), p.needs_approval),
        ("1.00", "8.33", false)
    );
    assert_eq!(
        (
            p.outcome.before.total.as_str(),
            p.outcome.after.total.as_str()
        ),
        ("40.50", "39.50")
    );
    assert_eq!(table_rows(&db(&shop)), rows, "previews write nothing");
    // 15 % is above the cashier's 10 %; 1.00 off 12.00 is 8.33 %, within.
    let err = shop
        .till
        .give_discount(&n, &pct("15", Some(0), "regular"), &sam, shop.now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    let err = shop
        .till
        .give_discount(&n, &amt("5.00", Some(0), "regular"), &sam, shop.now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "forbidden", "5.00 of 12.00 is 41.67 %");
    assert_eq!(table_rows(&db(&shop)), rows, "refusals write nothing");
    shop.till
        .give_discount(&n, &amt("1.00", Some(0), "regular"), &sam, shop.now())
        .await
        .unwrap();
    let lee = Actor::staff(2, "Lee", "manager").unwrap();
    let approved = sam.approved(lee, Permission::Discounts);
    shop.till
        .give_discount(&n, &pct("15", Some(1), "regular"), &approved, shop.now())
        .await
        .unwrap();
    let v = shop.till.order(&n).await.unwrap();
    let actors: Vec<&str> = v
        .history
        .iter()
        .rev()
        .take(2)
        .map(|h| h.actor.as_str())
        .collect();
    assert_eq!(actors, vec!["Sam (approved by Lee)", "Sam"]);
}

#[tokio::test]
async fn bad_discounts_are_refused_and_write_nothing() {
    let shop = Shop::demo().await;
    let n = shop.laundry(json!([])).await;
    let rows = table_rows(&db(&shop));
    let both = DiscountInput {
        percent: Some(Decimal::from(5)),
        amount: Some(Decimal::from(1)),
        line: None,
        reason: "x".into(),
    };
    let cases: Vec<(DiscountInput, &str)> = vec![
        (both, "percent"),
        (pct("0", None, "x"), "percent"),
        (pct("101", None, "x"), "percent"),
        (pct("10", None, "  "), "reason"),
        (amt("12.01", Some(0), "x"), "amount"),
        (amt("40.51", None, "x"), "amount"),
        (amt("0.001", None, "x"), "amount"),
        (pct("10", Some(3), "x"), "line"),
    ];
    for (input, field) in cases {
        let err = shop
            .till
            .give_discount(&n, &input, &anna(), shop.now())
            .await
            .expect_err("refused");
        match err {
            tillflow::Error::Invalid { field: f, .. } => assert_eq!(f, field, "{input:?}"),
            other => panic!("{input:?}: {other:?}"),
        }
    }
    assert_eq!(table_rows(&db(&shop)), rows);
    // The whole line may go: 100 % leaves it at 0.00 with no tax.
    shop.till
        .give_discount(&n, &pct("100", Some(2), "ruined"), &anna(), shop.now())
        .await
        .unwrap();
    assert_eq!(
        figures(&shop, &n).await.0[2],
        ("0.00".to_string(), "0.00".to_string())
    );
}
