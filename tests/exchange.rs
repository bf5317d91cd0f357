//! CSV export (streamed, round trip, quoting, progress) and CSV import of
//! customers and catalogue items (dry run, problems, all or nothing), on a
//! real SQLite file.

mod common;

use common::Shop;
use serde_json::json;
use tillflow::csv::parse;
use tillflow::export::ExportProgress;
use tillflow::import::Problem;
use tillflow::orders::{OrderFilter, OrderInput};

fn order(name: &str, phone: &str, notes: &str, line_note: &str) -> OrderInput {
    serde_json::from_value(json!({
        "type": "laundry",
        "customer": {"name": name, "phone": phone, "email": "x@example.com"},
        "fields": {"due_date": "2026-03-09", "notes": notes},
        "lines": [
            {"sku": "SHIRT", "qty": "3", "modifiers": [{"name": "Starch"}]},
            {"name": "Curtain, \"velvet\"", "qty": "1", "unit_price": "18.05", "tax_rate": "20", "note": line_note}
        ],
        "payments": [{"method": "cash", "amount": "2.00"}]
    }))
    .expect("valid input")
}

async fn shop_with_orders() -> Shop {
    let shop = Shop::demo().await;
    let inputs = [
        order(
            "O'Brien, Pat",
            "+353 1 234 5678",
            "say \"hello\"",
            "stain,\r\nleft corner",
        ),
        order("Zoë \"Z\" Martin", "+33 6 00 00 00 01", "", "plain"),
        order("Plain Name", "0700 000 000", "line one\nline two", ""),
    ];
    for i in inputs {
        shop.till
            .create_order(&i, &tillflow::staff::Actor::trusted("anna"), shop.now())
            .await
            .expect("created");
    }
    shop
}

async fn export(shop: &Shop, f: &OrderFilter, lines: bool) -> (String, Vec<ExportProgress>) {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    shop.till
        .export_orders_csv(&tillflow::staff::Actor::cli(), f, lines, &mut out, |p| {
            seen.push(p)
        })
        .await
        .expect("export");
    (String::from_utf8(out).expect("utf8"), seen)
}

#[tokio::test]
async fn export_round_trips_numbers_amounts_and_tricky_text() {
    let shop = shop_with_orders().await;
    let (text, progress) = export(&shop, &OrderFilter::default(), false).await;
    let rows = parse(&text).expect("parses back");
    assert_eq!(
        rows[0].fields[..5],
        ["number", "created_at", "type", "stage", "status"]
    );
    assert_eq!(rows.len(), 4);
    let col = |name: &str| rows[0].fields.iter().position(|h| h == name).expect(name);
    for r in &rows[1..] {
        let o = shop
            .till
            .order(&r.fields[0])
            .await
            .expect("exported order exists");
        assert_eq!(r.fields[col("total")], o.totals.total);
        assert_eq!(r.fields[col("paid")], o.totals.paid);
        assert_eq!(r.fields[col("balance")], o.totals.balance);
        assert_eq!(r.fields[col("subtotal")], o.totals.subtotal);
        assert_eq!(
            Some(r.fields[col("customer")].as_str()),
            o.customer.as_ref().map(|c| c.name.as_str())
        );
        let created =
            chrono::DateTime::parse_from_rfc3339(&r.fields[col("created_at")]).expect("ISO 8601");
        assert_eq!(created, o.created_at);
    }
    assert_eq!(
        rows[1..]
            .iter()
            .map(|r| r.fields[0].as_str())
            .collect::<Vec<_>>(),
        ["TF-000003", "TF-000002", "TF-000001"]
    );
    assert_eq!(rows[3].fields[col("customer")], "O'Brien, Pat");
    assert_eq!(rows[2].fields[col("customer")], "Zoë \"Z\" Martin");
    assert!(text.contains("\"O'Brien, Pat\""), "{text}");
    assert!(text.contains("\"Zoë \"\"Z\"\" Martin\""), "{text}");
    // A small export reports every order once, from 0 to the end.
    let done: Vec<u64> = progress.iter().map(|p| p.done).collect();
    assert_eq!(done, [0, 1, 2, 3]);
    assert!(progress.iter().all(|p| p.total == 3));
}

#[tokio::test]
async fn export_with_lines_and_a_filter() {
    let shop = shop_with_orders().await;
    let f = OrderFilter {
        text: Some("stain".into()),
        limit: Some(1),
        ..Default::default()
    };
    let (text, _) = export(&shop, &f, true).await;
    let rows = parse(&text).expect("parses back");
    assert_eq!(rows.len(), 3, "{text}");
    let col = |name: &str| rows[0].fields.iter().position(|h| h == name).expect(name);
    let o = shop.till.order("TF-000001").await.expect("order");
    for (r, l) in rows[1..].iter().zip(&o.lines) {
        assert_eq!(r.fields[0], "TF-000001");
        assert_eq!(r.fields[col("line_amount")], l.amount);
        assert_eq!(r.fields[col("unit_price")], l.unit_price);
        assert_eq!(r.fields[col("qty")], l.qty);
    }
    assert_eq!(rows[2].fields[col("item")], "Curtain, \"velvet\"");
    assert_eq!(rows[2].fields[col("line_note")], "stain,\r\nleft corner");
    assert_eq!(rows[2].fields[col("unit_price")], "18.05");
    // Every order of the shop, with lines: 2 lines each.
    let (all, progress) = export(&shop, &OrderFilter::default(), true).await;
    assert_eq!(parse(&all).expect("parses").len(), 1 + 6);
    assert_eq!(progress.last(), Some(&ExportProgress { done: 3, total: 3 }));
}

const BAD_CUSTOMERS: &str = "name,phone,email,address\r\n\
Ada Lovelace,+44 20 7946 0000,ada@analytical.org,\"12 St James's Square, London\"\r\n\
,0612345678,x@y.fr,\r\n\
Bob,12ab,bob@example,\r\n\
\"Zoë \"\"Z\"\" Martin\",+33 6 00 00 00 09,zoe@example.fr,\"line1\nline2\"\r\n\
Dup,+44 (20) 7946-0000,,\r\n\
Too,few\r\n";

fn problem(row: usize, column: &str, message: &str) -> Problem {
    Problem::new(row, column, message)
}

#[tokio::test]
async fn customer_dry_run_lists_every_problem_and_writes_nothing() {
    let shop = Shop::demo().await;
    for dry_run in [true, false] {
        let r = shop
            .till
            .import_customers(
                &tillflow::staff::Actor::cli(),
                BAD_CUSTOMERS.as_bytes(),
                dry_run,
                shop.now(),
            )
            .await
            .expect("import runs");
        assert_eq!(
            r.problems,
            [
                problem(3, "name", "is required"),
                problem(4, "phone", "only digits, spaces and + - ( ) . are allowed"),
                problem(4, "email", "is not an e-mail address"),
                problem(6, "phone", "same phone as row 2"),
                problem(7, "", "has 2 fields, the header has 4"),
            ]
        );
        assert_eq!((r.rows, r.created, r.written), (6, 2, false));
        assert!(shop
            .till
            .find_customers("Lovelace")
            .await
            .expect("find")
            .is_empty());
        assert!(shop
            .till
            .find_customers("Zoë")
            .await
            .expect("find")
            .is_empty());
    }
}

#[tokio::test]
async fn customer_import_creates_and_updates_all_at_once() {
    let shop = Shop::demo().await;
    shop.till
        .create_order(
            &order("Old Name", "+33 6 00 00 00 01", "", ""),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("created");
    let good = "Name,Phone,Email,Address\n\
Ada Lovelace,+44 20 7946 0000,ada@analytical.org,\"12 St James's Square, London\"\n\
\"Zoë \"\"Z\"\" Martin\",+33 6 00 00 00 01,zoe@example.fr,\"line1\nline2\"\n\
Walk In,,,\n";
    let dry = shop
        .till
        .import_customers(
            &tillflow::staff::Actor::cli(),
            good.as_bytes(),
            true,
            shop.now(),
        )
        .await
        .expect("dry run");
    assert_eq!((dry.created, dry.updated, dry.written), (2, 1, false));
    assert!(dry.problems.is_empty());
    assert!(shop
        .till
        .find_customers("Lovelace")
        .await
        .expect("find")
        .is_empty());
    let r = shop
        .till
        .import_customers(
            &tillflow::staff::Actor::cli(),
            good.as_bytes(),
            false,
            shop.now(),
        )
        .await
        .expect("import");
    assert_eq!((r.rows, r.created, r.updated, r.written), (3, 2, 1, true));
    let ada = shop.till.find_customers("Lovelace").await.expect("find");
    assert_eq!(ada.len(), 1);
    assert_eq!(
        ada[0].address.as_deref(),
        Some("12 St James's Square, London")
    );
    let zoe = shop
        .till
        .find_customers("+33 6 00 00 00 01")
        .await
        .expect("find");
    assert_eq!(zoe.len(), 1, "updated, not duplicated");
    assert_eq!(zoe[0].name, "Zoë \"Z\" Martin");
    assert_eq!(zoe[0].address.as_deref(), Some("line1\nline2"));
    let by_name = OrderFilter {
        customer: Some("zoe".into()),
        ..Default::default()
    };
    assert_eq!(shop.till.count_orders(&by_name).await.expect("count"), 1);
}

#[tokio::test]
async fn header_problems() {
    let shop = Shop::demo().await;
    let r = shop
        .till
        .import_customers(
            &tillflow::staff::Actor::cli(),
            "phone,colour\n123456,red\n".as_bytes(),
            true,
            shop.now(),
        )
        .await
        .expect("runs");
    assert_eq!(
        r.problems,
        [
            problem(
                1,
                "colour",
                "unknown column (expected name, phone, email, address)"
            ),
            problem(1, "name", "required column is missing"),
            problem(2, "name", "is required"),
        ]
    );
    let r = shop
        .till
        .import_customers(
            &tillflow::staff::Actor::cli(),
            "name\n\"open".as_bytes(),
            true,
            shop.now(),
        )
        .await
        .expect("runs");
    assert_eq!(
        r.problems,
        [problem(
            2,
            "",
            "a quote is not closed (or stands inside an unquoted field)"
        )]
    );
}

#[tokio::test]
async fn item_import_checks_rows_then_changes_the_catalogue_in_one_go() {
    let shop = Shop::demo().await;
    let bad = "sku,name,price,tax_rate,unit,barcode\n\
NEW-1,Pillow,12.50,20,,\n\
NEW-2,,abc,120,,\n\
NEW-1,Again,1.234,x,,\n\
MUG2,Mug two,3,20%,,4006381333948\n\
,No sku,1,20,,\n";
    for dry_run in [true, false] {
        let r = shop
            .till
            .import_items(
                bad.as_bytes(),
                dry_run,
                &tillflow::staff::Actor::trusted("cli"),
                shop.now(),
            )
            .await
            .expect("runs");
        assert_eq!(
            r.problems,
            [
                problem(3, "name", "is required"),
                problem(3, "price", "'abc' is not an amount like 12.50"),
                problem(3, "tax_rate", "must be between 0 and 100"),
                problem(4, "sku", "same sku as row 2"),
                problem(4, "price", "1.234 has more than 2 decimals for EUR"),
                problem(4, "tax_rate", "'x' is not a percentage"),
                problem(5, "barcode", "already used by item MUG"),
                problem(6, "sku", "is required"),
            ]
        );
        assert!(!r.written);
        let s = shop.till.settings().expect("settings");
        assert!(s.item("NEW-1").is_none());
    }
    let good = "sku,name,price,tax_rate,unit,barcode\n\
NEW-1,Pillow,12.50,20,,\n\
SHIRT,\"Shirt, pressed\",3.90,20,,\n\
BAG,Laundry bag,1,5.5%,piece,2000000000017\n";
    let r = shop
        .till
        .import_items(
            good.as_bytes(),
            false,
            &tillflow::staff::Actor::trusted("cli"),
            shop.now(),
        )
        .await
        .expect("import");
    assert_eq!((r.created, r.updated, r.written), (2, 1, true));
    assert!(r.problems.is_empty());
    let s = shop.till.settings().expect("settings");
    let shirt = s.item("SHIRT").expect("shirt");
    assert_eq!(
        (shirt.name.as_str(), shirt.price.to_string().as_str()),
        ("Shirt, pressed", "3.90")
    );
    assert_eq!(shirt.modifiers.len(), 2, "modifiers kept");
    let bag = s.item("BAG").expect("bag");
    assert_eq!(
        (bag.tax_rate.to_string().as_str(), bag.unit.as_deref()),
        ("5.5", Some("piece"))
    );
    assert_eq!(s.catalogue.len(), 13);
}

#[tokio::test]
async fn formula_like_text_is_exported_as_text_and_imports_back_as_written() {
    let shop = Shop::demo().await;
    let evil = "=HYPERLINK(\"http://evil.example\",\"Invoice\")";
    shop.till
        .create_order(
            &order(evil, "+353 1 234 5678", "", "@SUM(A1)"),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("created");
    let (text, _) = export(&shop, &OrderFilter::default(), true).await;
    let rows = parse(&text).expect("parses back");
    let col = |name: &str| rows[0].fields.iter().position(|h| h == name).expect(name);
    let first = &rows[1].fields;
    assert_eq!(first[col("customer")], format!("'{evil}"));
    // A spreadsheet would compute `+353 1 234 5678` (issue 9: `-2+3`).
    assert_eq!(
        first[col("phone")],
        "'+353 1 234 5678",
        "guarded like any text"
    );
    assert_eq!(
        tillflow::csv::from_spreadsheet_text(&first[col("phone")]),
        "+353 1 234 5678"
    );
    assert!(
        first[col("total")].parse::<rust_decimal::Decimal>().is_ok(),
        "amounts stay numbers"
    );
    let notes: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r.fields[col("line_note")].as_str())
        .collect();
    assert!(notes.contains(&"'@SUM(A1)"), "{notes:?}");

    // A customers file made from the export reads the name back unchanged.
    let mut w = tillflow::csv::CsvWriter::new(Vec::new());
    w.write_record(&["name", "phone"]).expect("header");
    w.write_record(&[first[col("customer")].as_str(), "0612 000 111"])
        .expect("row");
    let file = String::from_utf8(w.into_inner()).expect("utf8");
    let r = shop
        .till
        .import_customers(
            &tillflow::staff::Actor::cli(),
            file.as_bytes(),
            false,
            shop.now(),
        )
        .await
        .expect("import");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let found = shop.till.find_customers("0612000111").await.expect("find");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name, evil);
}
