//! `Till::dashboard` and `Till::board` against counts made with SQL on the
//! same file: exact counts (a completed order that still owes money
//! included), money in the currency's decimals, days and "overdue" in the
//! shop's time zone, board columns paged to the end.

mod common;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use common::{laundry_input, t0, Shop};
use serde_json::json;
use tillflow::dashboard::{BoardQuery, BOARD_PAGE};
use tillflow::settings::SettingsChange;
use tillflow::synthetic::{generate_orders, Synthetic};
use tillflow::triggers::Trigger;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).expect("time").to_utc()
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("date")
}

/// One number counted by SQLite itself on the shop's file.
fn sql(shop: &Shop, query: &str) -> i64 {
    let db = rusqlite::Connection::open(shop.dir.path().join("shop.db")).expect("open");
    db.query_row(query, [], |r| r.get(0)).expect("query")
}

async fn complete(shop: &Shop, number: &str) {
    for t in [
        Trigger::ItemsTagged,
        Trigger::WorkCompleted,
        Trigger::OrderMarkedReady,
        Trigger::CustomerNotified,
        Trigger::OrderPickedUp,
    ] {
        shop.till
            .fire_event(
                number,
                t,
                &tillflow::staff::Actor::trusted("bob"),
                shop.now(),
            )
            .await
            .expect("moves");
    }
}

async fn set_shop(shop: &Shop, edit: impl FnOnce(&mut tillflow::settings::Shop)) {
    let mut s = shop.till.settings().expect("settings").shop;
    edit(&mut s);
    shop.till
        .change_settings(
            SettingsChange::SaveShop { shop: s },
            &tillflow::staff::Actor::trusted("boss"),
            shop.now(),
        )
        .await
        .expect("shop saved");
}

#[tokio::test]
async fn counts_match_sql_and_a_completed_order_that_owes_money_is_unpaid() {
    let shop = Shop::demo().await;
    generate_orders(
        &shop.till,
        Synthetic {
            orders: 2000,
            days: 30,
            ..Synthetic::default()
        },
        t0(),
        |_, _| {},
    )
    .await
    .expect("generates");
    let owing = shop
        .laundry(json!([{"method": "cash", "amount": "10.00"}]))
        .await;
    complete(&shop, &owing).await;
    let paid = shop
        .laundry(json!([{"method": "cash", "amount": "40.50"}]))
        .await;
    let now = shop.now();
    let d = shop
        .till
        .dashboard(&tillflow::staff::Actor::cli(), now, Tz::UTC)
        .await
        .expect("dashboard");
    let today = now.date_naive().to_string();
    let open = sql(&shop, "SELECT COUNT(*) FROM orders WHERE closed_at IS NULL");
    assert_eq!(i64::from(d.open), open);
    assert_eq!(
        i64::from(d.overdue),
        sql(
            &shop,
            &format!(
                "SELECT COUNT(*) FROM orders WHERE closed_at IS NULL AND due_date < '{today}'"
            )
        )
    );
    let unpaid = sql(&shop, "SELECT COUNT(*) FROM orders WHERE total > paid");
    let owed = sql(
        &shop,
        "SELECT SUM(total - paid) FROM orders WHERE total > paid",
    );
    let owed_closed = sql(
        &shop,
        "SELECT COUNT(*) FROM orders WHERE total > paid AND closed_at IS NOT NULL",
    );
    assert!(
        owed_closed > 0,
        "the fixture has completed orders that owe money"
    );
    assert_eq!(i64::from(d.unpaid), unpaid);
    assert_eq!(d.unpaid_total, format!("{}.{:02}", owed / 100, owed % 100));
    assert_eq!(
        d.by_status.iter().map(|s| i64::from(s.count)).sum::<i64>(),
        open
    );
    assert_eq!(d.created_per_day.len(), 7);
    assert_eq!(
        d.created_per_day
            .iter()
            .map(|c| i64::from(c.count))
            .sum::<i64>(),
        sql(
            &shop,
            &format!(
                "SELECT COUNT(*) FROM orders WHERE created_at >= '{}'",
                (now.date_naive() - chrono::Duration::days(6))
            )
        )
    );
    assert!(d.unpaid_orders.len() <= 8 && !d.unpaid_orders.is_empty());
    assert!(d.overdue_orders.iter().all(|o| o.overdue));
    // The tally follows payments: paying the completed order's balance
    // takes it off the unpaid count.
    let before = d.unpaid;
    shop.till
        .pay(
            &owing,
            &serde_json::from_value(json!({"method": "cash", "amount": "30.50"})).unwrap(),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("paid");
    let d = shop
        .till
        .dashboard(&tillflow::staff::Actor::cli(), now, Tz::UTC)
        .await
        .expect("dashboard");
    assert_eq!(d.unpaid, before - 1);
    assert_eq!(
        i64::from(d.unpaid),
        sql(&shop, "SELECT COUNT(*) FROM orders WHERE total > paid")
    );
    let _ = paid;
}

#[tokio::test]
async fn money_is_formatted_in_the_currency_decimals() {
    for (code, price, expect) in [("BHD", "1.250", "1.250"), ("JPY", "1250", "1250")] {
        let shop = Shop::demo().await;
        // The demo catalogue's prices have cents: a JPY shop sells by name.
        let mut settings = shop.till.settings().expect("settings");
        settings.shop.currency = code.into();
        settings.catalogue.clear();
        shop.till
            .import_settings(
                settings,
                &tillflow::staff::Actor::trusted("boss"),
                shop.now(),
            )
            .await
            .expect("currency changed");
        let mut input = laundry_input(json!([]));
        input.lines = serde_json::from_value(json!([
            {"name": "Alteration", "qty": "1", "unit_price": price, "tax_rate": "0"}
        ]))
        .unwrap();
        shop.till
            .create_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
            .await
            .expect("created");
        let d = shop
            .till
            .dashboard(&tillflow::staff::Actor::cli(), shop.now(), Tz::UTC)
            .await
            .expect("dashboard");
        assert_eq!(
            (d.currency.as_str(), d.unpaid_total.as_str()),
            (code, expect)
        );
        assert_eq!(d.unpaid_orders[0].balance, expect);
    }
}

#[tokio::test]
async fn days_and_overdue_follow_the_shop_time_zone() {
    let shop = Shop::demo().await;
    set_shop(&shop, |s| s.time_zone = Some("Asia/Tokyo".into())).await;
    let tz = shop.till.time_zone().expect("zone");
    assert_eq!(tz, Tz::Asia__Tokyo);
    // Tokyo's 2026-03-02 starts at 2026-03-01T15:00Z.
    let mut input = laundry_input(json!([]));
    input.fields.insert("due_date".into(), json!("2026-03-02"));
    let before = shop
        .till
        .create_order(
            &input,
            &tillflow::staff::Actor::trusted("anna"),
            at("2026-03-01T14:59:59Z"),
        )
        .await
        .expect("created")
        .number;
    shop.till
        .create_order(
            &input,
            &tillflow::staff::Actor::trusted("anna"),
            at("2026-03-01T15:00:00Z"),
        )
        .await
        .expect("created");
    // 16:00Z on 2 March is already 3 March in Tokyo: due the 2nd is overdue
    // there, not yet in UTC.
    let now = at("2026-03-02T16:00:00Z");
    let d = shop
        .till
        .dashboard(&tillflow::staff::Actor::cli(), now, tz)
        .await
        .expect("dashboard");
    assert_eq!(
        (d.time_zone.as_str(), d.today),
        ("Asia/Tokyo", day("2026-03-03"))
    );
    let per_day: Vec<(NaiveDate, u32)> =
        d.created_per_day.iter().map(|c| (c.day, c.count)).collect();
    assert_eq!(
        &per_day[4..],
        &[
            (day("2026-03-01"), 1),
            (day("2026-03-02"), 1),
            (day("2026-03-03"), 0)
        ]
    );
    assert_eq!(d.overdue, 2);
    assert!(d.overdue_orders.iter().all(|o| o.overdue));
    let board = shop
        .till
        .board(&BoardQuery::default(), now, tz)
        .await
        .expect("board");
    let card = board
        .columns
        .iter()
        .flat_map(|c| &c.cards)
        .find(|c| c.number == before)
        .expect("on the board");
    assert!(card.overdue);

    let utc = shop
        .till
        .dashboard(&tillflow::staff::Actor::cli(), now, Tz::UTC)
        .await
        .expect("dashboard");
    assert_eq!(utc.overdue, 0);
    assert_eq!(
        utc.created_per_day.last().map(|c| (c.day, c.count)),
        Some((day("2026-03-02"), 0))
    );
    assert_eq!(utc.created_per_day[5].count, 2, "both on 1 March in UTC");
    // Just before Tokyo's midnight it is still the 2nd: nothing overdue.
    let d = shop
        .till
        .dashboard(
            &tillflow::staff::Actor::cli(),
            Utc.with_ymd_and_hms(2026, 3, 2, 14, 59, 59).unwrap(),
            tz,
        )
        .await
        .expect("dashboard");
    assert_eq!(d.overdue, 0);
}

#[tokio::test]
async fn an_unknown_time_zone_is_refused_naming_the_field() {
    let shop = Shop::demo().await;
    let mut s = shop.till.settings().unwrap().shop;
    s.time_zone = Some("Mars/Olympus_Mons".into());
    let e = shop
        .till
        .change_settings(
            SettingsChange::SaveShop { shop: s },
            &tillflow::staff::Actor::trusted("boss"),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("shop.time_zone"), "{e}");
    assert_eq!(shop.till.settings().unwrap().shop.time_zone, None);
}

#[tokio::test]
async fn board_columns_count_every_open_order_and_page_to_the_end() {
    let shop = Shop::demo().await;
    let n = BOARD_PAGE as usize * 2 + 5;
    for _ in 0..n {
        shop.laundry(json!([])).await;
    }
    let done = shop.laundry(json!([])).await;
    complete(&shop, &done).await;
    let retail = shop
        .till
        .create_order(
            &common::retail(
                json!([{"name": "Mug", "qty": "1", "unit_price": "9.00", "tax_rate": "20"}]),
                json!([]),
            ),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("retail order");
    let now = shop.now();
    let board = shop
        .till
        .board(&BoardQuery::default(), now, Tz::UTC)
        .await
        .expect("board");
    assert_eq!(
        i64::from(board.open),
        sql(&shop, "SELECT COUNT(*) FROM orders WHERE closed_at IS NULL")
    );
    assert_eq!(board.open as usize, n + 1);
    let received = board
        .columns
        .iter()
        .find(|c| c.status == "received")
        .expect("received column");
    assert_eq!(
        i64::from(received.count),
        sql(
            &shop,
            "SELECT COUNT(*) FROM orders WHERE closed_at IS NULL AND status = 'received'"
        )
    );
    assert_eq!(received.cards.len(), BOARD_PAGE as usize);
    let mut seen: Vec<String> = received.cards.iter().map(|c| c.number.clone()).collect();
    let mut next = received.next.clone();
    while let Some(after) = next {
        let page = shop
            .till
            .board_more(
                &BoardQuery::default(),
                "intake",
                "received",
                Some(after),
                now,
                Tz::UTC,
            )
            .await
            .expect("page");
        seen.extend(page.cards.iter().map(|c| c.number.clone()));
        next = page.next;
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (n, n));
    // Empty columns are listed too, in workflow order: intake before production.
    let pos = |s: &str| board.columns.iter().position(|c| c.status == s);
    assert!(pos("received") < pos("cleaning") && pos("cleaning").is_some());
    assert_eq!(board.columns[pos("cleaning").unwrap()].count, 0);
    // One order type: its columns only, and the right count.
    let laundry = shop
        .till
        .board(
            &BoardQuery {
                order_type: Some("laundry".into()),
            },
            now,
            Tz::UTC,
        )
        .await
        .expect("board");
    assert_eq!(laundry.open as usize, n);
    assert!(laundry
        .columns
        .iter()
        .flat_map(|c| &c.cards)
        .all(|c| c.number != retail.number));
}
