//! The shop's locale, one truth from the settings to paper and screen: the
//! core's one formatter (`tillflow::locale::ShopFormat`) writes the amounts
//! and dates of invoices, receipts and job tickets (read back from the PDFs
//! with `pdftotext`) and of customer messages; the screens get the same
//! format from `shop_rules` and apply it, held to the core's own outputs by
//! `ui/src/lib/format.fixtures.json` (written and checked here, read by
//! `ui/src/lib/format.test.ts`).

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::Shop;
use serde_json::json;
use tillflow::documents::DocumentKind;
use tillflow::locale::{Locale, ShopFormat, LOCALES};
use tillflow::settings::SettingsChange;

/// `pdftotext` text with no-break spaces (thousands in French, before a
/// symbol written after the amount) as plain spaces, for assertions.
fn plain(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ")
}

/// A laundry order of 1,234.50 (prices include tax in the demo), due on
/// 5 March 2026, 200.00 paid in cash.
async fn big_order(shop: &Shop) -> String {
    let input = serde_json::from_value(json!({
        "type": "laundry",
        "customer": {"name": "Marie Curie", "phone": "+33 6 12 34 56 78"},
        "fields": {"due_date": "2026-03-05"},
        "lines": [{"name": "Wedding dress restoration", "qty": "1", "unit_price": "1234.50", "tax_rate": "20"}],
        "payments": [{"method": "cash", "amount": "200.00"}]
    }))
    .expect("input");
    shop.till
        .create_order(&input, &tillflow::staff::Actor::trusted("anna"), shop.now())
        .await
        .expect("order")
        .number
}

/// The demo shop (Paris), its zone set so the clock reads the same on any machine.
async fn shop_in(locale: Option<&str>) -> Shop {
    let shop = Shop::demo().await;
    let mut s = shop.till.settings().expect("settings").shop;
    s.time_zone = Some("Europe/Paris".into());
    s.locale = locale.map(String::from);
    shop.till
        .change_settings(
            SettingsChange::SaveShop { shop: s },
            &tillflow::staff::Actor::trusted("boss"),
            shop.now(),
        )
        .await
        .expect("saved");
    shop
}

#[tokio::test]
async fn paper_in_french_groups_thousands_with_spaces_and_writes_the_day_first() {
    let shop = shop_in(Some("fr-FR")).await;
    let number = big_order(&shop).await;
    // Created at 09:02 UTC on 2 March 2026: 10:02 in Paris.
    let invoice = plain(&shop.document_text(&number, DocumentKind::Invoice).await);
    assert!(invoice.contains("Date 02/03/2026 10:02"), "{invoice}");
    let line = invoice
        .lines()
        .find(|l| l.contains("Wedding dress"))
        .expect("line row");
    assert!(line.contains("1 234,50"), "{line}");
    let total = invoice
        .lines()
        .find(|l| l.contains("Total"))
        .expect("total");
    assert!(total.contains("1 234,50 €"), "{total}");
    let due = invoice
        .lines()
        .find(|l| l.contains("Balance due"))
        .expect("due");
    assert!(due.contains("1 034,50 €"), "{due}");
    assert!(
        invoice
            .lines()
            .any(|l| l.contains("02/03/2026 10:02") && l.contains("cash") && l.contains("200,00")),
        "{invoice}"
    );
    assert!(
        !invoice.contains("1234.50") && !invoice.contains("€1"),
        "{invoice}"
    );

    let receipt = plain(&shop.document_text(&number, DocumentKind::Receipt).await);
    let total = receipt
        .lines()
        .find(|l| l.contains("TOTAL"))
        .expect("total");
    assert!(total.contains("1 234,50 €"), "{total}");
    assert!(receipt.contains("02/03/2026 10:02"), "{receipt}");

    let ticket = plain(&shop.document_text(&number, DocumentKind::Ticket).await);
    let due = ticket.lines().find(|l| l.contains("DUE")).expect("due row");
    assert!(due.contains("05/03/2026"), "{due}");
}

#[tokio::test]
async fn paper_in_american_english_groups_with_commas_and_writes_the_month_first() {
    let shop = shop_in(Some("en-US")).await;
    let number = big_order(&shop).await;
    let invoice = plain(&shop.document_text(&number, DocumentKind::Invoice).await);
    assert!(invoice.contains("Date 03/02/2026 10:02 AM"), "{invoice}");
    let total = invoice
        .lines()
        .find(|l| l.contains("Total"))
        .expect("total");
    assert!(total.contains("€1,234.50"), "{total}");
    let due = invoice
        .lines()
        .find(|l| l.contains("Balance due"))
        .expect("due");
    assert!(due.contains("€1,034.50"), "{due}");

    let receipt = plain(&shop.document_text(&number, DocumentKind::Receipt).await);
    let total = receipt
        .lines()
        .find(|l| l.contains("TOTAL"))
        .expect("total");
    assert!(total.contains("€1,234.50"), "{total}");

    let ticket = plain(&shop.document_text(&number, DocumentKind::Ticket).await);
    let due = ticket.lines().find(|l| l.contains("DUE")).expect("due row");
    assert!(due.contains("03/05/2026"), "{due}");
}

#[tokio::test]
async fn the_locale_is_validated_and_old_files_get_one_from_their_zone() {
    let shop = Shop::demo().await;
    let mut s = shop.till.settings().expect("settings").shop;
    assert_eq!(s.locale.as_deref(), Some("fr-FR"), "the demo is in Paris");
    s.locale = Some("tlh-QO".into());
    let e = shop
        .till
        .change_settings(
            SettingsChange::SaveShop { shop: s.clone() },
            &tillflow::staff::Actor::trusted("boss"),
            shop.now(),
        )
        .await
        .expect_err("refused");
    assert!(
        e.to_string()
            .starts_with("shop.locale: 'tlh-QO' is not a supported locale"),
        "{e}"
    );
    assert_eq!(
        shop.till
            .settings()
            .expect("settings")
            .shop
            .locale
            .as_deref(),
        Some("fr-FR")
    );

    // A settings file from before locales: the zone says German.
    s.locale = None;
    s.time_zone = Some("Europe/Berlin".into());
    shop.till
        .change_settings(
            SettingsChange::SaveShop { shop: s },
            &tillflow::staff::Actor::trusted("boss"),
            shop.now(),
        )
        .await
        .expect("saved");
    let rules = shop.till.shop_rules().expect("rules");
    assert_eq!(rules.format.locale, "de-DE");
    assert_eq!(rules.format.example, "1.234,50\u{a0}€ · 31.12.2026");
}

#[tokio::test]
async fn messages_to_customers_write_the_balance_as_the_shop_does() {
    let shop = shop_in(Some("fr-FR")).await;
    let view = shop
        .till
        .preview_message(
            &tillflow::messages::MessageTemplate {
                status: "ready_for_pickup".into(),
                subject: "Ready".into(),
                body: "Balance due {balance}, ready {due_date}".into(),
                channel: Default::default(),
            },
            shop.now(),
        )
        .expect("preview");
    assert!(
        plain(&view.body).starts_with("Balance due 45,00 €, ready "),
        "{}",
        view.body
    );
}

/// What the screens are held to: per locale, the format the core sends and
/// what the core itself writes with it.
fn fixtures() -> serde_json::Value {
    let amounts: [i64; 8] = [
        0,
        -5,
        99_999,
        100_000,
        123_450,
        -123_450,
        1_234_567_890,
        999_999,
    ];
    let days = ["2026-12-31", "2027-01-01"];
    let instants = [
        Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 11, 25, 14, 3, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 7, 1, 0, 5, 0).unwrap(),
    ];
    let mut cases = Vec::new();
    for locale in LOCALES {
        for (currency, exponent, zone) in [
            ("EUR", 2, chrono_tz::Tz::Europe__Paris),
            ("JPY", 0, chrono_tz::Tz::Asia__Tokyo),
            ("CHF", 2, chrono_tz::Tz::America__New_York),
        ] {
            let f = ShopFormat::new(locale, currency, exponent, zone);
            cases.push(json!({
                "format": f,
                "amounts": amounts.iter().map(|&m| json!({
                    "amount": tillflow::money::format_minor(m, exponent),
                    "money": f.money(m),
                    "number": f.number(m),
                })).collect::<Vec<_>>(),
                "days": days.iter().map(|d| json!({
                    "day": d,
                    "date": f.date(NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()),
                })).collect::<Vec<_>>(),
                "instants": instants.iter().map(|at| json!({
                    "at": at.to_rfc3339(),
                    "date_time": f.date_time(*at),
                    "date": f.day_of(*at),
                })).collect::<Vec<_>>(),
            }));
        }
    }
    json!({
        "note": "Written by `TILLFLOW_WRITE_FIXTURES=1 cargo test --test locale`: the core's own outputs, which format.ts must reproduce.",
        "cases": cases,
    })
}

#[test]
fn the_screens_fixture_is_the_cores_current_output() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/format.fixtures.json");
    let text = format!("{}\n", serde_json::to_string_pretty(&fixtures()).unwrap());
    if std::env::var_os("TILLFLOW_WRITE_FIXTURES").is_some() {
        std::fs::write(&path, &text).expect("write fixtures");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{} is stale: run TILLFLOW_WRITE_FIXTURES=1 cargo test --test locale",
        path.display()
    );
    // Every supported locale is in it, and the table has no duplicate tag.
    for l in LOCALES {
        assert_eq!(Locale::find(l.tag).unwrap().tag, l.tag);
    }
}
