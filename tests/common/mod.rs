//! Shared fixtures: a real SQLite file in a temp dir, demo settings, fixed clock.
#![allow(dead_code)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use rust_decimal::Decimal;
use serde_json::json;
use tillflow::documents::DocumentKind;
use tillflow::orders::OrderInput;
use tillflow::printing::{PrintBackend, PrintError, PrintJob};
use tillflow::storage::Durability;
use tillflow::{EventResult, Till};

/// A printer that prints everything.
struct Printer;

impl PrintBackend for Printer {
    fn deliver(&self, job: &PrintJob) -> Result<String, PrintError> {
        Ok(format!("job-{}", job.id))
    }
}

pub struct Shop {
    pub till: Till,
    pub dir: tempfile::TempDir,
    clock: std::cell::Cell<i64>,
}

/// The float [`Shop::demo`] opens the drawer with.
pub const FLOAT: &str = "100.00";

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
        .single()
        .expect("valid date")
}

impl Shop {
    /// A till on a fresh database file with the demo settings, its drawer
    /// opened with a float of [`FLOAT`] (the shop takes no cash before).
    pub async fn demo() -> Shop {
        let shop = Shop::demo_drawer_closed().await;
        shop.open_drawer(FLOAT).await;
        shop
    }

    /// [`Shop::demo`] with the drawer still closed: no session is open.
    pub async fn demo_drawer_closed() -> Shop {
        let shop = Shop::blank().await;
        shop.till
            .ensure_demo(t0())
            .await
            .expect("demo settings load");
        shop
    }

    /// Opens the till's drawer session with `float` at the start of the day.
    pub async fn open_drawer(&self, float: &str) {
        let float = tillflow::till::CashCount {
            total: Some(float.to_string()),
            pieces: Vec::new(),
        };
        self.till
            .open_session(&float, &tillflow::staff::Actor::trusted("anna"), t0())
            .await
            .expect("the drawer opens");
    }

    /// A till on a fresh database file with no settings.
    pub async fn blank() -> Shop {
        let dir = tempfile::tempdir().expect("temp dir");
        let till = Till::open(&dir.path().join("shop.db"), Durability::Normal)
            .await
            .expect("open db");
        Shop {
            till,
            dir,
            clock: std::cell::Cell::new(0),
        }
    }

    /// A deterministic clock: every call is one minute later.
    pub fn now(&self) -> DateTime<Utc> {
        let n = self.clock.get() + 1;
        self.clock.set(n);
        t0() + Duration::minutes(n)
    }

    pub async fn laundry(&self, payments: serde_json::Value) -> String {
        let input = laundry_input(payments);
        self.till
            .create_order(&input, &tillflow::staff::Actor::trusted("anna"), self.now())
            .await
            .expect("laundry order is created")
            .number
    }

    /// The text of `kind` of order `number`, rendered as the app renders it
    /// and read back from the PDF with `pdftotext -layout`.
    pub async fn document_text(&self, number: &str, kind: DocumentKind) -> String {
        let docs = self
            .till
            .render_document(number, kind, false)
            .await
            .expect("rendered");
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("doc.pdf");
        std::fs::write(&path, &docs[0].pdf).expect("write pdf");
        let out = std::process::Command::new("pdftotext")
            .arg("-layout")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is installed");
        assert!(out.status.success(), "pdftotext failed");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Prints `kind` of order `number` through the print queue on a printer
    /// that prints everything: raises its `*.printed` trigger (a system
    /// trigger, never fired by hand).
    pub async fn print(&self, number: &str, kind: DocumentKind) -> EventResult {
        let jobs = self
            .till
            .print_jobs(
                &tillflow::staff::Actor::trusted("bob"),
                number,
                kind,
                false,
                None,
                self.now(),
            )
            .await
            .expect("print jobs");
        let outcomes = self
            .till
            .print_and_wait(
                std::sync::Arc::new(Printer),
                jobs,
                &tillflow::staff::Actor::trusted("bob"),
                self.now(),
            )
            .await
            .expect("printed");
        outcomes[0]
            .event
            .clone()
            .expect("the printed trigger was raised")
    }

    /// Sets the laundry order type's deposit rule (percent of the total)
    /// through a settings import, as an owner would.
    pub async fn set_laundry_deposit(&self, percent: &str) -> tillflow::Result<()> {
        let mut s = tillflow::settings::Settings::demo();
        for t in s.order_types.iter_mut().filter(|t| t.key == "laundry") {
            t.deposit_percent = Some(d(percent));
        }
        self.till
            .import_settings(s, &tillflow::staff::Actor::trusted("anna"), self.now())
            .await?;
        Ok(())
    }

    /// Walks a laundry order through its workflow until it is picked up.
    pub async fn pick_up(&self, number: &str) {
        use tillflow::triggers::Trigger;
        for t in [
            Trigger::ItemsTagged,
            Trigger::WorkCompleted,
            Trigger::OrderMarkedReady,
            Trigger::CustomerNotified,
            Trigger::OrderPickedUp,
        ] {
            self.till
                .fire_event(
                    number,
                    t,
                    &tillflow::staff::Actor::trusted("bob"),
                    self.now(),
                )
                .await
                .expect("the trigger moves the order");
        }
    }

    pub async fn status(&self, number: &str) -> (String, String) {
        let o = self.till.order(number).await.expect("order exists");
        (o.stage, o.status)
    }
}

pub fn laundry_input(payments: serde_json::Value) -> OrderInput {
    serde_json::from_value(json!({
        "type": "laundry",
        "customer": {"name": "Marie Curie", "phone": "+33 6 12 34 56 78"},
        "fields": {"due_date": "2026-03-05", "starch": "Light"},
        "lines": [
            {"sku": "SHIRT", "qty": "3", "modifiers": [{"name": "Starch"}]},
            {"sku": "WASH-KG", "qty": "2.5"},
            {"name": "Curtain", "qty": "1", "unit_price": "18.00", "tax_rate": "20", "note": "stain left corner"}
        ],
        "payments": payments
    }))
    .expect("valid input")
}

/// An exact decimal from its text.
pub fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

/// A retail order (shipped by courier) for Ada Lovelace.
pub fn retail(lines: serde_json::Value, payments: serde_json::Value) -> OrderInput {
    serde_json::from_value(json!({
        "type": "retail",
        "customer": {"name": "Ada Lovelace", "phone": "+44 20 7946 0000"},
        "fields": {"delivery": "courier"},
        "lines": lines,
        "payments": payments
    }))
    .expect("valid retail input")
}

/// A stock level as (site, on hand, allocated, available).
pub fn row(
    site: &str,
    on_hand: &str,
    alloc: &str,
    avail: &str,
) -> (String, String, String, String) {
    (site.into(), on_hand.into(), alloc.into(), avail.into())
}

/// Rows in every table of a database, by table name: what a refused input
/// must leave as it was.
pub fn table_rows(db: &rusqlite::Connection) -> Vec<(String, i64)> {
    let tables: Vec<String> = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let n = db
                .query_row(&format!("SELECT COUNT(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            (t, n)
        })
        .collect()
}

/// Moves a laundry order (`laundry_input`) from intake to "Ready for pickup".
pub async fn make_ready(shop: &Shop, number: &str) {
    for t in [
        tillflow::triggers::Trigger::ItemsTagged,
        tillflow::triggers::Trigger::WorkCompleted,
        tillflow::triggers::Trigger::OrderMarkedReady,
    ] {
        shop.till
            .fire_event(
                number,
                t,
                &tillflow::staff::Actor::trusted("anna"),
                shop.now(),
            )
            .await
            .expect("trigger");
    }
    assert_eq!(shop.status(number).await.1, "ready_for_pickup");
}

pub fn notified(view: &tillflow::orders::OrderView) -> usize {
    view.history
        .iter()
        .filter(|h| {
            h.event
                == tillflow::audit::AuditEvent::from(tillflow::triggers::Trigger::CustomerNotified)
        })
        .count()
}
