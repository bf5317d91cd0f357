//! Generated orders read through the normal paths; the export crosses its
//! chunk boundaries in every sort without losing or repeating an order.

mod common;

use common::{t0, Shop};
use tillflow::csv::parse;
use tillflow::orders::{OrderFilter, OrderSort};
use tillflow::synthetic::{generate_orders, Synthetic};

async fn generated(orders: u64) -> Shop {
    let shop = Shop::demo().await;
    let g = generate_orders(
        &shop.till,
        Synthetic {
            orders,
            days: 60,
            ..Synthetic::default()
        },
        t0(),
        |_, _| {},
    )
    .await
    .expect("generates");
    assert_eq!((g.orders, g.first_number.as_str()), (orders, "TF-000001"));
    shop
}

#[tokio::test]
async fn generated_orders_read_like_real_ones() {
    let shop = generated(300).await;
    let till = &shop.till;
    for n in ["TF-000001", "TF-000150", "TF-000300"] {
        let o = till.order(n).await.expect("a generated order opens");
        assert!(!o.lines.is_empty());
        assert!(o.customer.is_some());
    }
    let d = till
        .dashboard(&tillflow::staff::Actor::cli(), t0(), chrono_tz::Tz::UTC)
        .await
        .expect("dashboard");
    assert!(d.open > 0 && d.open < 300, "{d:?}");
    // The order counter moved on: the next real order does not collide.
    let next = till
        .create_order(
            &common::laundry_input(serde_json::json!([])),
            &tillflow::staff::Actor::trusted("anna"),
            t0(),
        )
        .await
        .expect("created");
    assert_eq!(next.number, "TF-000301");
}

#[tokio::test]
async fn export_crosses_chunks_in_every_sort() {
    let shop = generated(4500).await;
    let till = &shop.till;
    for sort in [
        OrderSort::Newest,
        OrderSort::Oldest,
        OrderSort::Due,
        OrderSort::Balance,
    ] {
        let f = OrderFilter {
            sort,
            limit: Some(5000),
            ..Default::default()
        };
        let listed: Vec<String> = till
            .search_orders(&f)
            .await
            .expect("list")
            .orders
            .into_iter()
            .map(|o| o.number)
            .collect();
        assert_eq!(listed.len(), 4500);
        let mut out = Vec::new();
        let s = till
            .export_orders_csv(&tillflow::staff::Actor::cli(), &f, false, &mut out, |_| {})
            .await
            .expect("export");
        assert_eq!(s.orders, 4500);
        let text = String::from_utf8(out).expect("utf8");
        let exported: Vec<String> = parse(&text).expect("csv")[1..]
            .iter()
            .map(|r| r.fields[0].clone())
            .collect();
        assert_eq!(exported, listed, "{sort:?}");

        let mut out = Vec::new();
        let s = till
            .export_orders_csv(&tillflow::staff::Actor::cli(), &f, true, &mut out, |_| {})
            .await
            .expect("export lines");
        let rows = parse(&String::from_utf8(out).expect("utf8")).expect("csv");
        assert_eq!(rows.len() as u64 - 1, s.rows);
        let mut numbers: Vec<&str> = rows[1..].iter().map(|r| r.fields[0].as_str()).collect();
        numbers.dedup();
        assert_eq!(numbers, listed, "{sort:?} with lines");
    }
}

/// Pages of a filter under one plan, following cursors to the end.
async fn all_pages(shop: &Shop, f: &OrderFilter, broad: bool) -> Vec<String> {
    let currency = shop.till.snapshot().expect("settings").currency.clone();
    let mut f = f.clone();
    let mut numbers = Vec::new();
    loop {
        let page = shop
            .till
            .store()
            .search_orders_planned(&f, &currency, broad)
            .await
            .expect("page");
        numbers.extend(page.orders.into_iter().map(|o| o.number));
        match page.next {
            Some(next) => f.after = Some(next),
            None => return numbers,
        }
    }
}

#[tokio::test]
async fn both_search_plans_give_the_same_pages() {
    let shop = generated(3000).await;
    let filters = [
        OrderFilter {
            text: Some("stain".into()),
            ..Default::default()
        },
        OrderFilter {
            text: Some("martin".into()),
            open_only: true,
            sort: OrderSort::Due,
            ..Default::default()
        },
        OrderFilter {
            customer: Some("Dupont".into()),
            ..Default::default()
        },
        OrderFilter {
            customer: Some("ma".into()),
            balance_due: true,
            sort: OrderSort::Balance,
            ..Default::default()
        },
        OrderFilter {
            customer: Some("Léa".into()),
            status: Some("completed".into()),
            sort: OrderSort::Oldest,
            ..Default::default()
        },
    ];
    for f in filters {
        let f = OrderFilter {
            limit: Some(7),
            ..f
        };
        let narrow = all_pages(&shop, &f, false).await;
        let broad = all_pages(&shop, &f, true).await;
        assert!(narrow.len() > 7, "{f:?} matches several pages");
        assert_eq!(narrow, broad, "{f:?}");
        let count = shop.till.count_orders(&f).await.expect("count");
        assert_eq!(count as usize, narrow.len(), "{f:?}");
    }
}

/// Generated orders carry their journal (sale, payment, cancellation) like
/// orders the till takes: the whole verification passes on them, and a
/// payment lowered behind the till's back is caught by the cross-checks.
#[tokio::test]
async fn generated_orders_verify_against_their_journal() {
    let shop = generated(3000).await;
    let report = shop.till.store().verify_journal().await.expect("verified");
    assert!(report.ok, "{:?}", report.problems.first());
    assert!(report.entries > 3000, "{} entries", report.entries);

    let conn = rusqlite::Connection::open(shop.dir.path().join("shop.db")).expect("open");
    let lowered = conn
        .execute(
            "UPDATE payments SET amount = amount - 1 WHERE id = (SELECT MAX(id) FROM payments)",
            [],
        )
        .expect("edit");
    assert_eq!(lowered, 1);
    drop(conn);
    let report = shop.till.store().verify_journal().await.expect("verified");
    assert!(!report.ok);
    assert!(
        report.problems.iter().any(|p| p.check == "payments"),
        "{:?}",
        report.problems
    );
}
