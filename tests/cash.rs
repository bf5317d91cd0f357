//! The till's day on a real database file: drawer sessions, cash
//! over-tender and rounding, cash movements, the no-sale drawer kick, X and
//! Z reports (PDF read back, ESC/POS bytes), and sealed sessions.

mod common;

use std::collections::BTreeMap;
use std::io::Read;

use common::Shop;
use serde_json::json;
use tillflow::documents::{render_till_report, render_till_report_escpos, ReportPaper};
use tillflow::orders::PaymentInput;
use tillflow::payments::drawer::{CashMovementKind, SessionRule};
use tillflow::printing::{ReceiptPrinter, ThermalTarget};
use tillflow::staff::Actor;
use tillflow::till::CashCount;

fn anna() -> Actor {
    Actor::trusted("anna")
}

fn total(amount: &str) -> CashCount {
    CashCount {
        total: Some(amount.into()),
        pieces: Vec::new(),
    }
}

fn pay(method: &str, amount: &str) -> PaymentInput {
    PaymentInput {
        method: method.into(),
        amount: amount.parse().unwrap(),
        reference: None,
    }
}

fn counted(pairs: &[(&str, &str)]) -> BTreeMap<String, CashCount> {
    pairs
        .iter()
        .map(|(m, a)| (m.to_string(), total(a)))
        .collect()
}

/// The demo shop with `rule`, and cash rounded to `coin` in `currency`.
async fn shop_with(rule: SessionRule, currency: &str, coin: Option<&str>) -> Shop {
    let shop = Shop::demo_drawer_closed().await;
    let mut s = shop.till.settings().unwrap();
    s.shop.cash.sessions = rule;
    s.shop.currency = currency.into();
    s.shop.cash.smallest_coin = coin.map(String::from);
    shop.till
        .import_settings(s, &anna(), shop.now())
        .await
        .unwrap();
    shop
}

/// A laundry order with `due` left to pay (card pays the rest).
async fn owing(shop: &Shop, due: &str) -> String {
    let n = shop.laundry(json!([])).await;
    let o = shop.till.order(&n).await.unwrap();
    let currency = shop.till.snapshot().unwrap().currency.clone();
    let rest = currency.parse(&o.totals.total, "t").unwrap() - currency.parse(due, "d").unwrap();
    let rest = currency.format(rest);
    shop.till
        .pay(&n, &pay("card", &rest), &anna(), shop.now())
        .await
        .unwrap();
    n
}

fn db(shop: &Shop) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(shop.dir.path().join("shop.db")).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    conn
}

#[tokio::test]
async fn cash_above_the_balance_records_the_balance_and_the_change() {
    let shop = shop_with(SessionRule::Cash, "EUR", None).await;
    shop.till
        .open_session(&total("100.00"), &anna(), shop.now())
        .await
        .unwrap();
    let n = owing(&shop, "10.50").await;
    let paid = shop
        .till
        .pay(&n, &pay("cash", "20.00"), &anna(), shop.now())
        .await
        .unwrap();
    assert_eq!(
        (
            paid.paid.as_str(),
            paid.change.as_str(),
            paid.tendered.as_str()
        ),
        ("10.50", "9.50", "20.00")
    );
    let o = shop.till.order(&n).await.unwrap();
    assert_eq!(o.totals.balance, "0.00");
    let cash = o.payments.iter().find(|p| p.method == "cash").unwrap();
    assert_eq!(
        (cash.amount.as_str(), cash.change.as_str()),
        ("10.50", "9.50")
    );
    // A card is never over-tendered.
    let m = owing(&shop, "10.50").await;
    let e = shop
        .till
        .pay(&m, &pay("card", "20.00"), &anna(), shop.now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "invalid");
    // The receipt prints what was tendered and the change.
    let text = shop
        .document_text(&n, tillflow::documents::DocumentKind::Receipt)
        .await;
    assert!(text.contains("Tendered"), "{text}");
    assert!(text.contains("CHANGE") && text.contains("9,50"), "{text}");
    // The X report: 100.00 float + 20.00 taken − 9.50 change.
    let x = shop.till.x_report(&anna(), shop.now()).await.unwrap();
    assert_eq!(
        (x.cash.taken, x.cash.change, x.cash.expected),
        (2000, 950, 11050)
    );
}

#[tokio::test]
async fn over_tender_at_intake_gives_change() {
    let shop = shop_with(SessionRule::Cash, "EUR", None).await;
    shop.till
        .open_session(&total("50.00"), &anna(), shop.now())
        .await
        .unwrap();
    let n = shop.laundry(json!([])).await;
    let t = shop.till.order(&n).await.unwrap().totals.total;
    let input = common::laundry_input(json!([{"method": "cash", "amount": "100.00"}]));
    let preview = shop.till.preview_order(&input, common::t0()).unwrap();
    let currency = shop.till.snapshot().unwrap().currency.clone();
    let change = 10000 - currency.parse(&t, "t").unwrap();
    assert!(preview.errors.is_empty(), "{:?}", preview.errors);
    assert_eq!(preview.totals.change, currency.format(change));
    assert_eq!(preview.totals.balance, "0.00");
    let m = shop
        .till
        .create_order(&input, &anna(), shop.now())
        .await
        .unwrap()
        .number;
    let o = shop.till.order(&m).await.unwrap();
    assert_eq!(
        (o.totals.paid.as_str(), o.totals.balance.as_str()),
        (t.as_str(), "0.00")
    );
    assert_eq!(o.payments[0].change, currency.format(change));
    let x = shop.till.x_report(&anna(), shop.now()).await.unwrap();
    assert_eq!(x.cash.expected, 5000 + 10000 - change);
    assert_eq!(x.orders, 2, "both orders were taken in the session");
}

#[tokio::test]
async fn cash_rounds_to_the_smallest_coin() {
    let shop = shop_with(SessionRule::Cash, "CHF", Some("0.05")).await;
    shop.till
        .open_session(&total("100.00"), &anna(), shop.now())
        .await
        .unwrap();
    let n = owing(&shop, "10.52").await;
    // 10.52 is paid in full by 10.50 in coins.
    let p = shop
        .till
        .pay(&n, &pay("cash", "10.50"), &anna(), shop.now())
        .await
        .unwrap();
    assert_eq!(
        (p.paid.as_str(), p.change.as_str(), p.rounding.as_str()),
        ("10.52", "0.00", "-0.02")
    );
    assert_eq!(shop.till.order(&n).await.unwrap().totals.balance, "0.00");
    let m = owing(&shop, "10.53").await;
    let p = shop
        .till
        .pay(&m, &pay("cash", "20.00"), &anna(), shop.now())
        .await
        .unwrap();
    assert_eq!(
        (p.paid.as_str(), p.change.as_str(), p.rounding.as_str()),
        ("10.53", "9.45", "0.02")
    );
    let k = owing(&shop, "5.00").await;
    let e = shop
        .till
        .pay(&k, &pay("cash", "1.02"), &anna(), shop.now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("steps of 0.05"), "{e}");
    // 100.00 + 10.50 + (20.00 − 9.45)
    let x = shop.till.x_report(&anna(), shop.now()).await.unwrap();
    assert_eq!((x.cash.expected, x.cash.rounding), (12105, 0));
}

#[tokio::test]
async fn cash_needs_an_open_session_and_other_tenders_follow_the_setting() {
    let shop = shop_with(SessionRule::Cash, "EUR", None).await;
    let n = owing(&shop, "10.00").await; // card: no session needed
    let e = shop
        .till
        .pay(&n, &pay("cash", "5.00"), &anna(), shop.now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
    assert!(e.to_string().contains("no drawer session"), "{e}");
    let e = shop
        .till
        .create_order(
            &common::laundry_input(json!([{"method": "cash", "amount": "1.00"}])),
            &anna(),
            shop.now(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
    let all = shop_with(SessionRule::All, "EUR", None).await;
    let m = all.laundry(json!([])).await;
    let e = all
        .till
        .pay(&m, &pay("card", "1.00"), &anna(), all.now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
    // One open session per till.
    all.till
        .open_session(&total("10.00"), &anna(), all.now())
        .await
        .unwrap();
    let e = all
        .till
        .open_session(&total("10.00"), &anna(), all.now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
    all.till
        .pay(&m, &pay("card", "1.00"), &anna(), all.now())
        .await
        .unwrap();
    // Every payment records its session.
    let sessions: Vec<Option<i64>> = db(&all)
        .prepare("SELECT session_id FROM payments")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(sessions, vec![Some(1)]);
}

#[tokio::test]
async fn a_float_counted_by_piece_adds_up() {
    let shop = shop_with(SessionRule::Cash, "EUR", None).await;
    let count = CashCount {
        total: None,
        pieces: vec![("20.00".into(), 3), ("1.00".into(), 7), ("0.05".into(), 4)],
    };
    let s = shop
        .till
        .open_session(&count, &anna(), shop.now())
        .await
        .unwrap();
    assert_eq!(s.session.unwrap().float, 6720);
    assert_eq!(s.expected_cash.as_deref(), Some("67.20"));
    assert!(s.denominations.contains(&"500.00".to_string()));
    let bad = CashCount {
        total: Some("10.00".into()),
        pieces: vec![("3.00".into(), 1)],
    };
    let other = shop_with(SessionRule::Cash, "EUR", None).await;
    let e = other
        .till
        .open_session(&bad, &anna(), other.now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "invalid");
}

#[tokio::test]
async fn the_z_report_counts_seals_and_numbers_without_gaps() {
    let shop = shop_with(SessionRule::Cash, "EUR", None).await;
    let t = &shop.till;
    t.open_session(&total("150.00"), &anna(), shop.now())
        .await
        .unwrap();
    let n = owing(&shop, "10.50").await;
    t.pay(&n, &pay("cash", "20.00"), &anna(), shop.now())
        .await
        .unwrap();
    t.cash_movement(
        CashMovementKind::PayIn,
        "20.00",
        "more coins",
        &anna(),
        shop.now(),
    )
    .await
    .unwrap();
    t.cash_movement(
        CashMovementKind::PayOut,
        "4.20",
        "milk",
        &Actor::trusted("bob"),
        shop.now(),
    )
    .await
    .unwrap();
    t.cash_movement(
        CashMovementKind::Drop,
        "100.00",
        "to the safe",
        &anna(),
        shop.now(),
    )
    .await
    .unwrap();
    let e = t
        .cash_movement(CashMovementKind::PayOut, "1.00", "  ", &anna(), shop.now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "invalid");
    // 150 + 20 − 9.50 + 20 − 4.20 − 100 = 76.30
    let x = t.x_report(&anna(), shop.now()).await.unwrap();
    assert_eq!(x.cash.expected, 7630);
    assert_eq!(x.z_number, None);
    let cashier = Actor::staff(7, "Cid", "cashier").unwrap();
    let e = t
        .close_session(&counted(&[("cash", "76.00")]), &cashier, shop.now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let z = t
        .close_session(
            &counted(&[("cash", "76.00"), ("card", "50.00")]),
            &anna(),
            shop.now(),
        )
        .await
        .unwrap();
    assert_eq!(z.z_number, Some(1));
    assert_eq!(z.cash_variance(), Some(-30));
    let card = z.tenders.iter().find(|l| l.method == "card").unwrap();
    assert_eq!(card.counted, Some(5000));
    assert_eq!(z.movements.len(), 3);
    assert_eq!(z.staff.len(), 1);
    assert_eq!(z.grand_total, z.net);
    // Closed: no X, no cash, no movement until a new session.
    assert_eq!(
        t.x_report(&anna(), shop.now()).await.unwrap_err().code(),
        "conflict"
    );
    let m = owing(&shop, "5.00").await;
    assert_eq!(
        t.pay(&m, &pay("cash", "5.00"), &anna(), shop.now())
            .await
            .unwrap_err()
            .code(),
        "conflict"
    );
    // The sealed session's payments and movements refuse raw edits (the
    // refused payment above rolls back on the runtime first).
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let conn = db(&shop);
    for sql in [
        "UPDATE payments SET amount = 1 WHERE session_id = 1",
        "DELETE FROM payments WHERE session_id = 1",
        "UPDATE cash_movements SET amount = 0",
        "DELETE FROM cash_movements",
        "UPDATE z_reports SET grand_total = 0",
        "DELETE FROM z_reports",
        "UPDATE till_sessions SET float = 0 WHERE id = 1",
        "INSERT INTO payments (order_id, method, amount, at, actor, session_id) VALUES (1, 'cash', 1, 'x', 'x', 1)",
        "INSERT INTO z_reports (till, number, session_id, at, actor, report, grand_total) VALUES ('T1', 3, 1, 'x', 'x', '{}', 0)",
    ] {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("sealed") || err.to_string().contains("gap-free") || err.to_string().contains("UNIQUE"), "{sql}: {err}");
    }
    // The next session is Z 2, its grand total carries on.
    t.open_session(&total("76.00"), &anna(), shop.now())
        .await
        .unwrap();
    t.pay(&m, &pay("cash", "5.00"), &anna(), shop.now())
        .await
        .unwrap();
    let z2 = t
        .close_session(&counted(&[("cash", "81.00")]), &anna(), shop.now())
        .await
        .unwrap();
    assert_eq!((z2.z_number, z2.cash_variance()), (Some(2), Some(0)));
    assert_eq!(z2.grand_total_before, z.grand_total);
    let list = t.z_reports(&anna()).await.unwrap();
    assert_eq!(
        list.iter().map(|z| z.number).collect::<Vec<_>>(),
        vec![2, 1]
    );
    assert_eq!(list[1].cash_variance.as_deref(), Some("-0.30"));
    assert_eq!(t.z_report(1, &anna()).await.unwrap(), z);
    // The journal holds every movement, no-sale, change given and Z, and
    // catches an edit of an unsealed movement.
    assert!(t.verify_journal(&anna()).await.unwrap().ok);
    t.open_session(&total("10.00"), &anna(), shop.now())
        .await
        .unwrap();
    t.cash_movement(
        CashMovementKind::PayOut,
        "1.00",
        "stamps",
        &anna(),
        shop.now(),
    )
    .await
    .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    db(&shop)
        .execute(
            "UPDATE cash_movements SET amount = 999 WHERE reason = 'stamps'",
            [],
        )
        .unwrap();
    assert!(
        !t.verify_journal(&anna()).await.unwrap().ok,
        "an edited movement is caught"
    );

    // The Z as an A4 PDF and an 80 mm PDF, read back; and as ESC/POS.
    for paper in [ReportPaper::A4, ReportPaper::Receipt] {
        let pdf = render_till_report(&t.report_document(z.clone()).unwrap(), paper).unwrap();
        let path = shop.dir.path().join("z.pdf");
        std::fs::write(&path, &pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .arg("-layout")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext");
        let text = String::from_utf8_lossy(&out.stdout);
        for want in [
            "Z report 1",
            "Expected cash",
            "76,30",
            "Variance",
            "-0,30",
            "Safe drop",
            "milk",
            "GRAND TOTAL",
        ] {
            assert!(text.contains(want), "{paper:?} lacks {want}: {text}");
        }
    }
    let width = tillflow::documents::ReceiptWidth::Mm80;
    let bytes = render_till_report_escpos(&t.report_document(z.clone()).unwrap(), width).unwrap();
    assert_eq!(&bytes[..2], b"\x1b@");
    assert!(bytes.ends_with(&[0x1d, b'V', 66, 3]), "ends with a cut");
    let text: String = bytes
        .iter()
        .map(|b| tillflow::documents::decode_pc858(*b))
        .collect();
    for want in [
        "Z report 1",
        "Expected cash",
        "76,30",
        "-0,30",
        "GRAND TOTAL",
    ] {
        assert!(text.contains(want), "ESC/POS lacks {want}");
    }
    // Every line fits the 48 columns of an 80 mm roll.
    assert!(text
        .split('\n')
        .all(|l| l.chars().filter(|c| !c.is_control()).count() <= 60));
}

#[tokio::test]
async fn a_no_sale_opening_kicks_the_drawer_and_is_recorded() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::env::set_var("TILLFLOW_RAW_PRINT_PORTS", port.to_string());
    let shop = shop_with(SessionRule::Cash, "EUR", None).await;
    let mut s = shop.till.settings().unwrap();
    s.shop.printing.receipt_printer = ReceiptPrinter::Thermal(ThermalTarget::Network {
        host: "127.0.0.1".into(),
        port,
    });
    shop.till
        .import_settings(s, &anna(), shop.now())
        .await
        .unwrap();
    let got = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        bytes
    });
    let m = shop
        .till
        .open_drawer("change for the bakery", &anna(), shop.now())
        .await
        .unwrap();
    assert!(m.kicked, "{:?}", m.kick_error);
    let bytes = got.join().unwrap();
    assert!(
        bytes.windows(2).any(|w| w == [0x1b, b'p']),
        "ESC p pulse: {bytes:?}"
    );
    let conn = db(&shop);
    let (kind, reason): (String, String) = conn
        .query_row("SELECT kind, reason FROM cash_movements", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(
        (kind.as_str(), reason.as_str()),
        ("no_sale", "change for the bakery")
    );
    let cashier = Actor::staff(7, "Cid", "cashier").unwrap();
    let e = shop
        .till
        .open_drawer("why", &cashier, shop.now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
}

/// A printer that keeps what it is sent.
struct Kept(std::sync::Mutex<Vec<tillflow::printing::PrintJob>>);

impl tillflow::printing::PrintBackend for Kept {
    fn deliver(
        &self,
        job: &tillflow::printing::PrintJob,
    ) -> Result<String, tillflow::printing::PrintError> {
        self.0.lock().unwrap().push(job.clone());
        Ok(format!("kept-{}", job.id))
    }
}

#[tokio::test]
async fn a_z_report_prints_through_the_print_queue_like_a_receipt() {
    use tillflow::documents::DocumentKind;
    use tillflow::printing::{PrintDestination, PrintQueue};
    let shop = shop_with(SessionRule::Cash, "EUR", None).await;
    let thermal = ThermalTarget::Network {
        host: "10.0.0.9".into(),
        port: 9100,
    };
    let mut s = shop.till.settings().unwrap();
    s.shop.printing.receipt_printer = ReceiptPrinter::Thermal(thermal.clone());
    shop.till
        .import_settings(s, &anna(), shop.now())
        .await
        .unwrap();
    let t = &shop.till;
    t.open_session(&total("50.00"), &anna(), shop.now())
        .await
        .unwrap();
    let z = t
        .close_session(&counted(&[("cash", "50.00")]), &anna(), shop.now())
        .await
        .unwrap();

    let kept = std::sync::Arc::new(Kept(std::sync::Mutex::new(Vec::new())));
    let (queue, mut reports) = PrintQueue::start(kept.clone());
    // On the thermal receipt printer: the ESC/POS bytes of the report.
    let job = t
        .submit_report_print(&queue, z.clone(), None, &anna())
        .unwrap();
    assert_eq!(
        (job.kind, job.order_number.as_str(), job.by.as_str()),
        (DocumentKind::ZReport, "1", "anna")
    );
    let report = reports.recv().await.expect("a report");
    assert!(report.succeeded(), "{report:?}");
    let outcome = t.settle_print(report, shop.now()).await;
    assert!(outcome.printed() && outcome.event.is_none() && outcome.event_error.is_none());
    // A system printer named: an A4 PDF.
    t.submit_report_print(&queue, z.clone(), Some("Office"), &anna())
        .unwrap();
    assert!(reports.recv().await.expect("a report").succeeded());
    let jobs = kept.0.lock().unwrap().clone();
    let width = tillflow::documents::ReceiptWidth::Mm80;
    let doc = t.report_document(z.clone()).unwrap();
    assert_eq!(jobs[0].destination, PrintDestination::Thermal(thermal));
    assert_eq!(
        jobs[0].payload,
        render_till_report_escpos(&doc, width).unwrap()
    );
    assert_eq!(jobs[0].title(), "Z report 1");
    assert_eq!(
        jobs[1].destination,
        PrintDestination::Printer(Some("Office".into()))
    );
    assert!(jobs[1].payload.starts_with(b"%PDF"));
    // An X report (no number) is not printed as a Z.
    let mut x = z;
    x.z_number = None;
    assert!(t.submit_report_print(&queue, x, None, &anna()).is_err());
}
