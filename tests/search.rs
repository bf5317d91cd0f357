//! Order search on a real SQLite file: every criterion alone and combined,
//! full-text sync, keyset paging, sorts.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use common::Shop;
use serde_json::json;
use tillflow::orders::{OrderFilter, OrderInput, OrderSort, PaymentInput};
use tillflow::triggers::Trigger;

fn day(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, d, 9, 0, 0)
        .single()
        .expect("valid date")
}

fn laundry(name: &str, phone: &str, email: Option<&str>, notes: &str, due: &str) -> OrderInput {
    serde_json::from_value(json!({
        "type": "laundry",
        "customer": {"name": name, "phone": phone, "email": email},
        "fields": {"due_date": due, "notes": notes},
        "lines": [{"sku": "SHIRT", "qty": "2"}],
    }))
    .expect("valid input")
}

/// Six orders, TF-000001 … TF-000006, created on March 2 … 7.
///
/// | # | customer      | phone digits | email            | notes / text        | due   | paid    | where            |
/// | 1 | Marie Curie   | 33612345678  | marie@curie.fr   | red wine stain      | 03-09 | nothing | received         |
/// | 2 | Pierre Curie  | 33612990000  | Pierre@Curie.fr  | (none)              | 03-05 | in full | received         |
/// | 3 | Ada Lovelace  | 442079460000 | ada@analytical.org | express please    | 03-12 | 5.00    | cleaning         |
/// | 4 | Marie Dupont  | 0612340000   | —                | Crème brûlée stain  | 03-06 | nothing | received         |
/// | 5 | Ada Lovelace  | (same as 3)  |                  | button missing      | 03-08 | nothing | canceled         |
/// | 6 | Grace Hopper  | 15550100     | grace@navy.mil   | repair: cracked screen | 03-10 | in full | repair         |
async fn fixture() -> Shop {
    let shop = Shop::demo().await;
    let till = &shop.till;
    let inputs = [
        laundry(
            "Marie Curie",
            "+33 6 12 34 56 78",
            Some("marie@curie.fr"),
            "red wine stain on collar",
            "2026-03-09",
        ),
        laundry(
            "Pierre Curie",
            "+33 6 12 99 00 00",
            Some("Pierre@Curie.fr"),
            "",
            "2026-03-05",
        ),
        laundry(
            "Ada Lovelace",
            "+44 20 7946 0000",
            Some("ada@analytical.org"),
            "express please",
            "2026-03-12",
        ),
        laundry(
            "Marie Dupont",
            "06 12 34 00 00",
            None,
            "Crème brûlée stain",
            "2026-03-06",
        ),
        laundry(
            "Ada Lovelace",
            "+44 20 7946 0000",
            None,
            "button missing",
            "2026-03-08",
        ),
        serde_json::from_value(json!({
            "type": "repair",
            "customer": {"name": "Grace Hopper", "phone": "+1 555 0100", "email": "grace@navy.mil"},
            "fields": {"device": "Phone X", "problem": "cracked screen", "due_date": "2026-03-10"},
            "lines": [{"sku": "SCREEN", "qty": "1"}],
        }))
        .expect("valid repair"),
    ];
    for (i, input) in inputs.iter().enumerate() {
        till.create_order(
            input,
            &tillflow::staff::Actor::trusted("anna"),
            day(2 + i as u32),
        )
        .await
        .expect("order created");
    }
    let later = day(20);
    for n in ["TF-000002", "TF-000006"] {
        let o = till.order(n).await.expect("order");
        let pay = PaymentInput {
            method: "cash".into(),
            amount: o.totals.balance.parse().expect("decimal"),
            reference: None,
        };
        till.pay(n, &pay, &tillflow::staff::Actor::trusted("anna"), later)
            .await
            .expect("paid");
    }
    let five = PaymentInput {
        method: "card".into(),
        amount: "5.00".parse().expect("decimal"),
        reference: None,
    };
    till.pay(
        "TF-000003",
        &five,
        &tillflow::staff::Actor::trusted("anna"),
        later,
    )
    .await
    .expect("paid");
    till.fire_event(
        "TF-000003",
        Trigger::parse("items.tagged").expect("trigger"),
        &tillflow::staff::Actor::trusted("anna"),
        later,
    )
    .await
    .expect("moved");
    till.cancel(
        "TF-000005",
        "customer changed mind",
        &tillflow::staff::Actor::trusted("anna"),
        later,
    )
    .await
    .expect("canceled");
    shop
}

async fn numbers(shop: &Shop, f: OrderFilter) -> Vec<String> {
    let page = shop.till.search_orders(&f).await.expect("search runs");
    let count = shop.till.count_orders(&f).await.expect("count runs");
    assert_eq!(count as usize, page.orders.len(), "count agrees with {f:?}");
    page.orders.into_iter().map(|o| o.number).collect()
}

fn n(list: &[u32]) -> Vec<String> {
    list.iter().map(|i| format!("TF-{i:06}")).collect()
}

fn text(s: &str) -> OrderFilter {
    OrderFilter {
        text: Some(s.into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn every_criterion_alone() {
    let shop = fixture().await;
    let s = &shop;
    assert_eq!(
        numbers(s, OrderFilter::default()).await,
        n(&[6, 5, 4, 3, 2, 1])
    );
    let f = |g: fn(&mut OrderFilter)| {
        let mut f = OrderFilter::default();
        g(&mut f);
        f
    };
    assert_eq!(
        numbers(s, f(|f| f.number = Some("TF-000003".into()))).await,
        n(&[3])
    );
    assert_eq!(
        numbers(s, f(|f| f.number = Some("TF-0000".into()))).await,
        n(&[])
    );
    assert_eq!(
        numbers(s, f(|f| f.customer = Some("marie".into()))).await,
        n(&[4, 1])
    );
    assert_eq!(
        numbers(s, f(|f| f.customer = Some("curie".into()))).await,
        n(&[2, 1])
    );
    assert_eq!(
        numbers(s, f(|f| f.customer = Some("Pi cur".into()))).await,
        n(&[2])
    );
    assert_eq!(
        numbers(s, f(|f| f.customer = Some("LOVE".into()))).await,
        n(&[5, 3])
    );
    assert_eq!(
        numbers(s, f(|f| f.customer = Some("nobody".into()))).await,
        n(&[])
    );
    assert_eq!(
        numbers(s, f(|f| f.phone = Some("+33 6 12".into()))).await,
        n(&[2, 1])
    );
    assert_eq!(
        numbers(s, f(|f| f.phone = Some("336123".into()))).await,
        n(&[1])
    );
    assert_eq!(
        numbers(s, f(|f| f.phone = Some("0612".into()))).await,
        n(&[4])
    );
    assert_eq!(
        numbers(s, f(|f| f.email = Some("PIERRE@".into()))).await,
        n(&[2])
    );
    assert_eq!(
        numbers(s, f(|f| f.email = Some("ada@".into()))).await,
        n(&[5, 3])
    );
    assert_eq!(numbers(s, f(|f| f.email = Some("g".into()))).await, n(&[6]));
    assert_eq!(
        numbers(s, f(|f| f.status = Some("canceled".into()))).await,
        n(&[5])
    );
    assert_eq!(
        numbers(s, f(|f| f.status = Some("cleaning".into()))).await,
        n(&[3])
    );
    assert_eq!(
        numbers(s, f(|f| f.stage = Some("production".into()))).await,
        n(&[3])
    );
    assert_eq!(
        numbers(s, f(|f| f.order_type = Some("repair".into()))).await,
        n(&[6])
    );
    assert_eq!(
        numbers(
            s,
            f(|f| f.created_from = NaiveDate::from_ymd_opt(2026, 3, 5))
        )
        .await,
        n(&[6, 5, 4])
    );
    assert_eq!(
        numbers(s, f(|f| f.created_to = NaiveDate::from_ymd_opt(2026, 3, 3))).await,
        n(&[2, 1])
    );
    assert_eq!(
        numbers(s, f(|f| f.balance_due = true)).await,
        n(&[5, 4, 3, 1])
    );
    let three = s.till.order("TF-000003").await.expect("order");
    let balance3: i64 = three
        .totals
        .balance
        .replace('.', "")
        .parse()
        .expect("minor");
    assert_eq!(
        numbers(s, f(|f| f.open_only = true)).await,
        n(&[6, 4, 3, 2, 1])
    );
    let min = OrderFilter {
        min_balance: Some(balance3 + 1),
        ..Default::default()
    };
    assert_eq!(numbers(s, min).await, n(&[5, 4, 1]));
}

#[tokio::test]
async fn free_text_finds_notes_wizard_text_names_numbers_phones_emails() {
    let shop = fixture().await;
    let s = &shop;
    assert_eq!(numbers(s, text("stain")).await, n(&[4, 1]));
    assert_eq!(numbers(s, text("creme brulee")).await, n(&[4]));
    assert_eq!(numbers(s, text("wine coll")).await, n(&[1]));
    assert_eq!(numbers(s, text("cracked")).await, n(&[6]));
    assert_eq!(numbers(s, text("Lovelace")).await, n(&[5, 3]));
    assert_eq!(numbers(s, text("TF-000002")).await, n(&[2]));
    assert_eq!(numbers(s, text("+44 20 79")).await, n(&[5, 3]));
    // The end of a number, as a customer says it without the country code.
    assert_eq!(numbers(s, text("7946 0000")).await, n(&[5, 3]));
    assert_eq!(numbers(s, text("56 78")).await, n(&[1]));
    assert_eq!(
        numbers(s, text("678")).await,
        n(&[]),
        "3 digits: start only"
    );
    assert_eq!(numbers(s, text("grace@navy")).await, n(&[6]));
    assert_eq!(numbers(s, text("\"*)(")).await, n(&[]));
    // Several words: each anywhere on the order or its customer.
    assert_eq!(numbers(s, text("marie stain")).await, n(&[4, 1]));
    assert_eq!(numbers(s, text("curie wine")).await, n(&[1]));
    assert_eq!(numbers(s, text("lovelace express")).await, n(&[3]));
    assert_eq!(numbers(s, text("pierre stain")).await, n(&[]));
    assert_eq!(numbers(s, text("hopper cracked screen")).await, n(&[6]));
}

#[tokio::test]
async fn criteria_combine() {
    let shop = fixture().await;
    let s = &shop;
    let f = OrderFilter {
        customer: Some("marie".into()),
        text: Some("stain".into()),
        balance_due: true,
        created_from: NaiveDate::from_ymd_opt(2026, 3, 3),
        ..Default::default()
    };
    assert_eq!(numbers(s, f).await, n(&[4]));
    let f = OrderFilter {
        phone: Some("33".into()),
        email: Some("marie".into()),
        status: Some("received".into()),
        ..Default::default()
    };
    assert_eq!(numbers(s, f).await, n(&[1]));
    let f = OrderFilter {
        customer: Some("ada".into()),
        open_only: true,
        stage: Some("production".into()),
        order_type: Some("laundry".into()),
        ..Default::default()
    };
    assert_eq!(numbers(s, f).await, n(&[3]));
    let f = OrderFilter {
        text: Some("ada".into()),
        status: Some("received".into()),
        ..Default::default()
    };
    assert_eq!(numbers(s, f).await, n(&[]));
    let f = OrderFilter {
        balance_due: true,
        created_from: NaiveDate::from_ymd_opt(2026, 3, 3),
        created_to: NaiveDate::from_ymd_opt(2026, 3, 5),
        ..Default::default()
    };
    assert_eq!(numbers(s, f).await, n(&[4, 3]));
}

#[tokio::test]
async fn sorts() {
    let shop = fixture().await;
    let s = &shop;
    let sorted = |sort| OrderFilter {
        sort,
        ..Default::default()
    };
    assert_eq!(
        numbers(s, sorted(OrderSort::Oldest)).await,
        n(&[1, 2, 3, 4, 5, 6])
    );
    assert_eq!(
        numbers(s, sorted(OrderSort::Due)).await,
        n(&[2, 4, 5, 1, 6, 3])
    );
    let by_balance = numbers(s, sorted(OrderSort::Balance)).await;
    // Unpaid laundry orders tie on balance (newest first), then 3 (part paid), then paid ones.
    assert_eq!(by_balance, n(&[5, 4, 1, 3, 6, 2]));
}

#[tokio::test]
async fn full_text_follows_updates_in_the_same_database() {
    let shop = fixture().await;
    let path = shop.dir.path().join("shop.db");
    let db = rusqlite::Connection::open(&path).expect("open");
    db.execute(
        "UPDATE orders SET fields = json_set(fields, '$.notes', 'lost sock') WHERE number = 'TF-000001'",
        [],
    )
    .expect("edit notes");
    db.execute(
        "UPDATE order_lines SET note = 'frayed hem' WHERE order_id = (SELECT id FROM orders WHERE number = 'TF-000002')",
        [],
    )
    .expect("edit line note");
    db.execute(
        "UPDATE customers SET name = 'Marie Sklodowska' WHERE name = 'Marie Curie'",
        [],
    )
    .expect("rename");
    drop(db);
    assert_eq!(numbers(&shop, text("stain")).await, n(&[4]));
    assert_eq!(numbers(&shop, text("sock")).await, n(&[1]));
    assert_eq!(numbers(&shop, text("frayed")).await, n(&[2]));
    let by_name = |c: &str| OrderFilter {
        customer: Some(c.into()),
        ..Default::default()
    };
    assert_eq!(numbers(&shop, by_name("sklodowska")).await, n(&[1]));
    assert_eq!(numbers(&shop, by_name("curie")).await, n(&[2]));
    // A new order indexes its notes in the transaction that creates it.
    let input = laundry(
        "Max Planck",
        "+49 30 1234",
        None,
        "quantum lint",
        "2026-03-20",
    );
    shop.till
        .create_order(&input, &tillflow::staff::Actor::trusted("anna"), day(21))
        .await
        .expect("created");
    assert_eq!(numbers(&shop, text("lint")).await, n(&[7]));
    assert_eq!(numbers(&shop, by_name("planck")).await, n(&[7]));
}

#[tokio::test]
async fn keyset_pages_return_every_row_exactly_once_in_every_sort() {
    let shop = Shop::demo().await;
    let base = day(2);
    for i in 0..23i64 {
        // Three orders share each timestamp: ties are broken by id.
        let at = base + Duration::hours(i / 3);
        let due = format!("2026-04-{:02}", 1 + (i * 7) % 5);
        let input = laundry(
            &format!("Client {i}"),
            &format!("0700{i:04}"),
            None,
            "",
            &due,
        );
        shop.till
            .create_order(&input, &tillflow::staff::Actor::trusted("anna"), at)
            .await
            .expect("created");
        if i % 4 == 0 {
            let pay = PaymentInput {
                method: "cash".into(),
                amount: format!("{}.00", 1 + i % 3).parse().expect("decimal"),
                reference: None,
            };
            shop.till
                .pay(
                    &format!("TF-{:06}", i + 1),
                    &pay,
                    &tillflow::staff::Actor::trusted("anna"),
                    at,
                )
                .await
                .expect("paid");
        }
    }
    for sort in [
        OrderSort::Newest,
        OrderSort::Oldest,
        OrderSort::Due,
        OrderSort::Balance,
    ] {
        let all = OrderFilter {
            sort,
            limit: Some(100),
            ..Default::default()
        };
        let whole = numbers(&shop, all.clone()).await;
        assert_eq!(whole.len(), 23);
        let mut paged = Vec::new();
        let mut f = OrderFilter {
            limit: Some(4),
            ..all
        };
        let mut pages = 0;
        loop {
            let page = shop.till.search_orders(&f).await.expect("page");
            pages += 1;
            paged.extend(page.orders.into_iter().map(|o| o.number));
            match page.next {
                Some(next) => f.after = Some(next),
                None => break,
            }
        }
        assert_eq!(paged, whole, "{sort:?}");
        assert_eq!(pages, 6, "{sort:?}");
    }
    let bad = OrderFilter {
        after: Some("garbage".into()),
        ..Default::default()
    };
    assert!(shop.till.search_orders(&bad).await.is_err());
}

#[tokio::test]
async fn status_counts_follow_the_filter() {
    let shop = fixture().await;
    let count = |stage: &str, status: &str, count: i64| tillflow::storage::StatusCount {
        stage: stage.into(),
        status: status.into(),
        count,
    };
    let all = shop
        .till
        .status_counts(&OrderFilter::default())
        .await
        .expect("counts");
    let total: i64 = all.iter().map(|c| c.count).sum();
    assert_eq!(total, 6);
    assert!(all.contains(&count("canceled", "canceled", 1)), "{all:?}");
    let marie = OrderFilter {
        customer: Some("marie".into()),
        ..Default::default()
    };
    assert_eq!(
        shop.till.status_counts(&marie).await.expect("counts"),
        [count("intake", "received", 2)]
    );
}

#[test]
fn migration_indexes_orders_that_already_exist() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = rusqlite::Connection::open(dir.path().join("old.db")).expect("open");
    db.execute_batch(include_str!("../migrations/0001_init.sql"))
        .expect("v1 schema");
    db.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO customers (id, name, phone, phone_digits, created_at) VALUES (1, 'Émile Zola', '0611', '0611', 'x');
         INSERT INTO orders (id, number, order_type, plan_id, stage, status, stage_index, step_index, customer_id,
             fields, subtotal, tax, total, created_at, updated_at)
         VALUES (7, 'TF-000007', 'laundry', 1, 'intake', 'received', 0, 0, 1,
             '{\"due_date\": \"2026-03-05\", \"notes\": \"velvet jacket\"}', 0, 0, 0, 'x', 'x');
         INSERT INTO order_lines (order_id, line_no, name, qty, unit_price, modifiers, tax_rate, note, amount, tax)
         VALUES (7, 0, 'Rug', '1', 0, '[]', '0', 'torn fringe', 0, 0);",
    )
    .expect("old rows");
    db.execute_batch(include_str!("../migrations/0003_search.sql"))
        .expect("v3 on a filled database");
    let hits = |q: &str| -> Vec<i64> {
        let mut st = db
            .prepare("SELECT DISTINCT rowid / 65536 FROM orders_text WHERE orders_text MATCH ?")
            .expect("prepare");
        st.query_map([q], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    assert_eq!(hits("velvet"), [7]);
    assert_eq!(hits("fringe"), [7]);
    assert!(hits("2026").is_empty(), "dates are not indexed");
    let names: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM customers_fts WHERE customers_fts MATCH 'emile'",
            [],
            |r| r.get(0),
        )
        .expect("name search");
    assert_eq!(names, 1);
}

#[tokio::test]
async fn customer_picker_finds_the_start_or_the_end_of_a_phone_number() {
    let shop = fixture().await;
    let names = |q: &'static str| {
        let till = &shop.till;
        async move {
            let mut v: Vec<String> = till
                .find_customers(q)
                .await
                .expect("find")
                .into_iter()
                .map(|c| c.name)
                .collect();
            v.sort();
            v
        }
    };
    assert_eq!(names("+33 6 12").await, ["Marie Curie", "Pierre Curie"]);
    // A national "06 …" also finds "+33 6 …" (issue 10: the leading zero is
    // the trunk prefix; digits are found anywhere in the number).
    assert_eq!(names("06 12 34").await, ["Marie Curie", "Marie Dupont"]);
    assert_eq!(names("9946 0000").await, Vec::<String>::new());
    assert_eq!(names("7946 0000").await, ["Ada Lovelace"]);
    assert_eq!(
        names("0000").await,
        ["Ada Lovelace", "Marie Dupont", "Pierre Curie"]
    );
}

#[test]
fn phone_suffix_migration_fills_existing_customers_and_follows_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = rusqlite::Connection::open(dir.path().join("old.db")).expect("open");
    db.execute_batch(include_str!("../migrations/0001_init.sql"))
        .expect("v1 schema");
    db.execute_batch(
        "INSERT INTO customers (id, name, phone, phone_digits, created_at) VALUES (1, 'Old', '+44 20 7946 0991', '442079460991', 'x');
         INSERT INTO customers (id, name, created_at) VALUES (2, 'No phone', 'x');",
    )
    .expect("old rows");
    db.execute_batch(include_str!("../migrations/0005_phone_suffix.sql"))
        .expect("v5 on a filled database");
    db.execute_batch(
        "INSERT INTO customers (id, name, phone, phone_digits, created_at) VALUES (3, 'New', '06 12', '0612', 'x');
         UPDATE customers SET phone_digits = '15550100' WHERE id = 2;",
    )
    .expect("writes");
    let rev = |id: i64| -> Option<String> {
        db.query_row(
            "SELECT phone_digits_rev FROM customers WHERE id = ?",
            [id],
            |r| r.get(0),
        )
        .expect("row")
    };
    assert_eq!(rev(1).as_deref(), Some("199064970244"));
    assert_eq!(rev(2).as_deref(), Some("00105551"));
    assert_eq!(rev(3).as_deref(), Some("2160"));
}

#[tokio::test]
async fn site_finds_the_orders_taking_stock_from_it() {
    use tillflow::inventory::{Site, SiteKind};
    let shop = Shop::demo().await;
    let t = &shop.till;
    for (key, kind, home) in [
        ("shop", SiteKind::Store, true),
        ("wh", SiteKind::Warehouse, false),
    ] {
        let site = Site {
            key: key.into(),
            name: key.into(),
            kind,
            home,
        };
        t.add_site(&site, &tillflow::staff::Actor::trusted("anna"), shop.now())
            .await
            .expect("site");
    }
    t.receive_stock(
        "shop",
        "MUG",
        1.into(),
        None,
        &tillflow::staff::Actor::trusted("anna"),
        shop.now(),
    )
    .await
    .expect("received");
    t.receive_stock(
        "wh",
        "MUG",
        5.into(),
        None,
        &tillflow::staff::Actor::trusted("anna"),
        shop.now(),
    )
    .await
    .expect("received");
    let retail = |qty: &str| -> OrderInput {
        serde_json::from_value(json!({
            "type": "retail",
            "customer": {"name": "Rosa Parks"},
            "fields": {"delivery": "courier"},
            "lines": [{"sku": "MUG", "qty": qty}],
        }))
        .expect("valid retail")
    };
    // One mug from this store; then three, which only the warehouse has;
    // the third order is never confirmed and reserves nothing.
    for qty in ["1", "3", "1"] {
        t.create_order(
            &retail(qty),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("created");
    }
    for n in ["TF-000001", "TF-000002"] {
        t.confirm_order(n, &tillflow::staff::Actor::trusted("anna"), shop.now())
            .await
            .expect("confirmed");
    }
    let at = |site: &str| OrderFilter {
        site: Some(site.into()),
        ..Default::default()
    };
    assert_eq!(numbers(&shop, at("shop")).await, n(&[1]));
    assert_eq!(numbers(&shop, at("wh")).await, n(&[2]));
    assert!(numbers(&shop, at("elsewhere")).await.is_empty());
    let combined = OrderFilter {
        customer: Some("rosa".into()),
        ..at("wh")
    };
    assert_eq!(numbers(&shop, combined).await, n(&[2]));
}

/// A one-word search's first page read from a window of the newest
/// full-text rows equals the page read the general way, for every window
/// size, also when an order numbered early was dated after later ones
/// (then the window must not be trusted).
#[tokio::test]
async fn a_word_search_read_from_a_window_of_full_text_rows_gives_the_same_first_page() {
    let shop = Shop::demo().await;
    // TF-000001 is dated after all the others (an import would do this).
    let dates = [25, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    for (i, d) in dates.iter().enumerate() {
        let note = if i % 4 == 3 {
            "button missing"
        } else {
            "red wine stain"
        };
        shop.till
            .create_order(
                &laundry(
                    &format!("Client {i}"),
                    &format!("0700{i:04}"),
                    None,
                    note,
                    "2026-04-01",
                ),
                &tillflow::staff::Actor::trusted("anna"),
                day(*d),
            )
            .await
            .expect("created");
    }
    let currency = shop.till.snapshot().expect("settings").currency.clone();
    let store = shop.till.store();
    for word in ["stain", "wine", "button", "client", "nothing"] {
        for limit in [1, 3, 20] {
            let f = OrderFilter {
                text: Some(word.into()),
                limit: Some(limit),
                ..Default::default()
            };
            let general = store
                .search_orders_planned(&f, &currency, false)
                .await
                .expect("general");
            for window in [1, 2, 3, 8, 2000] {
                let windowed = store
                    .search_orders_windowed(&f, &currency, window)
                    .await
                    .expect("windowed");
                assert_eq!(
                    (&windowed.orders, &windowed.next),
                    (&general.orders, &general.next),
                    "{word} limit {limit} window {window}"
                );
            }
        }
    }
    let first = shop
        .till
        .search_orders(&text("stain"))
        .await
        .expect("search");
    assert_eq!(first.orders[0].number, "TF-000001", "newest first");
}

/// A one-word search also windows the orders of the customers the word
/// names (their newest first, one plan for a few customers, another for
/// hundreds): the first page equals the general plan's for names shared by
/// hundreds of customers or by a few, with and without criteria that drop
/// the newest of them (then the window must not be trusted).
#[tokio::test]
async fn a_word_search_over_many_customers_gives_the_same_first_page() {
    let shop = Shop::demo().await;
    let at = |i: u32| {
        Utc.with_ymd_and_hms(2026, 3, 1 + i % 28, 8 + i % 12, i % 60, 0)
            .single()
            .expect("valid date")
    };
    // 640 customers named Smith (more than the "many customers" bound),
    // three named Curie, and notes that mention smithy.
    for i in 0..646u32 {
        let (name, note) = match i {
            0..=639 => (format!("Smith {i}"), "pressed"),
            640..=642 => (format!("Curie {i}"), "smithy visit"),
            _ => (format!("Client {i}"), "smithy apron"),
        };
        shop.till
            .create_order(
                &laundry(&name, &format!("0711{i:06}"), None, note, "2026-04-01"),
                &tillflow::staff::Actor::trusted("anna"),
                at(i * 7),
            )
            .await
            .expect("created");
    }
    let currency = shop.till.snapshot().expect("settings").currency.clone();
    let store = shop.till.store();
    for word in ["smith", "s", "sm", "curie", "smithy", "c"] {
        for limit in [1, 5, 20] {
            for created_to in [
                None,
                Some(NaiveDate::from_ymd_opt(2026, 3, 10).expect("day")),
            ] {
                let f = OrderFilter {
                    text: Some(word.into()),
                    limit: Some(limit),
                    created_to,
                    ..Default::default()
                };
                let general = store
                    .search_orders_planned(&f, &currency, false)
                    .await
                    .expect("general");
                for window in [1, 4, 2000] {
                    let windowed = store
                        .search_orders_windowed(&f, &currency, window)
                        .await
                        .expect("windowed");
                    assert_eq!(
                        (&windowed.orders, &windowed.next),
                        (&general.orders, &general.next),
                        "{word} limit {limit} to {created_to:?} window {window}"
                    );
                }
            }
        }
    }
}

/// Several words find the orders with every word somewhere on the order
/// (its text) or its customer (the name), each word a prefix of a word
/// there — checked against that rule computed here for every pair of
/// words, whichever of the two holds each word.
#[tokio::test]
async fn several_words_find_every_order_with_each_word_on_the_order_or_its_customer() {
    let shop = Shop::demo().await;
    let orders = [
        ("Marie Curie", "duvet stain"),
        ("Marie Curie", "shirt"),
        ("Marie Dupont", "curtain with curie label"),
        ("Pierre Curie", "marie asked for starch"),
        ("Ada Lovelace", "marie curie duvet"),
        ("Grace Hopper", "shirt stain"),
        ("Marianne Stone", "duvet"),
        ("Curtis Mayfield", "marigold stain"),
    ];
    for (i, (name, note)) in orders.iter().enumerate() {
        shop.till
            .create_order(
                &laundry(name, &format!("0722{i:06}"), None, note, "2026-04-01"),
                &tillflow::staff::Actor::trusted("anna"),
                day(1 + i as u32),
            )
            .await
            .expect("created");
    }
    let words = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let queries = [
        "mar", "marie", "cur", "curie", "duvet", "stain", "shirt", "st", "pierre", "ada", "zzz",
    ];
    for a in queries {
        for b in queries {
            let mut expected: Vec<String> = orders
                .iter()
                .enumerate()
                .filter(|(_, (name, note))| {
                    let there = [words(name), words(note)].concat();
                    [a, b]
                        .iter()
                        .all(|q| there.iter().any(|w| w.starts_with(q)))
                })
                .map(|(i, _)| format!("TF-{:06}", i + 1))
                .collect();
            expected.reverse();
            let f = OrderFilter {
                text: Some(format!("{a} {b}")),
                limit: Some(50),
                ..Default::default()
            };
            assert_eq!(numbers(&shop, f).await, expected, "{a} {b}");
        }
    }
}

/// The customer picker finds a name by the start of any of its words (one
/// or several typed), or an e-mail by its start, from indexes.
#[tokio::test]
async fn customer_picker_finds_names_by_the_start_of_their_words_and_emails_by_their_start() {
    let shop = fixture().await;
    let names = |q: &'static str| {
        let till = &shop.till;
        async move {
            let mut n: Vec<String> = till
                .find_customers(q)
                .await
                .expect("find")
                .into_iter()
                .map(|c| c.name)
                .collect();
            n.dedup();
            n
        }
    };
    assert_eq!(names("cur").await, ["Marie Curie", "Pierre Curie"]);
    assert_eq!(names("marie cu").await, ["Marie Curie"]);
    assert_eq!(names("Lovel").await, ["Ada Lovelace"]);
    assert_eq!(names("grace@").await, ["Grace Hopper"]);
    assert_eq!(names("PIERRE@curie").await, ["Pierre Curie"]);
    assert!(names("zzz").await.is_empty());
    assert!(names("--").await.is_empty());
}
