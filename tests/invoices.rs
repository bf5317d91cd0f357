//! Invoice and credit-note numbers on a real SQLite file, read back from the
//! real PDFs (`pdftotext`): issued once in the shop's format, reprints say
//! COPY, a return's credit note corrects the invoice (issued in the same
//! transaction when the order had none), times in the shop's time zone.

mod common;

use chrono::{DateTime, TimeZone, Utc};
use common::{d, laundry_input, Shop};
use serde_json::json;
use tillflow::documents::DocumentKind;
use tillflow::inventory::{Site, SiteKind};
use tillflow::orders::OrderInput;
use tillflow::payments::RefundTo;
use tillflow::returns::ReturnInput;
use tillflow::settings::SettingsChange;
use tillflow::shipments::{DeliveryMethod, LineQty, ShipmentInput};
use tillflow::staff::{Actor, Permission};
use tillflow::storage::Series;

fn anna() -> Actor {
    Actor::trusted("anna")
}

/// 31 December 2026, 12:00 UTC: already 1 January 2027, 01:00 in Auckland.
fn new_year() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 31, 12, 0, 0)
        .single()
        .expect("date")
}

async fn set_shop(shop: &Shop, edit: impl FnOnce(&mut tillflow::settings::Shop)) {
    let mut s = shop.till.settings().expect("settings").shop;
    edit(&mut s);
    shop.till
        .change_settings(SettingsChange::SaveShop { shop: s }, &anna(), shop.now())
        .await
        .expect("shop saved");
}

fn file_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Saves `kind` of `number` as PDF at `now` (issuing it) and reads it back.
async fn save(shop: &Shop, number: &str, kind: DocumentKind, now: DateTime<Utc>) -> String {
    let path = shop.dir.path().join(format!("{number}-{kind:?}.pdf"));
    let files = shop
        .till
        .save_document(&anna(), number, kind, false, &path, now)
        .await
        .expect("saved");
    keep(&files[0]);
    file_text(&files[0])
}

/// With `TILLFLOW_PDF_DIR` set, keeps a copy of the PDF there to look at.
fn keep(pdf: &std::path::Path) {
    if let Ok(dir) = std::env::var("TILLFLOW_PDF_DIR") {
        let n = std::fs::read_dir(&dir).map_or(0, |d| d.count());
        let name = pdf.file_name().map(|f| f.to_string_lossy().into_owned());
        let to = std::path::Path::new(&dir).join(format!("{n:02}-{}", name.unwrap_or_default()));
        std::fs::copy(pdf, to).expect("kept");
    }
}

/// Prints `kind` of `number` (renders the job, issuing it) and reads the PDF.
async fn print(shop: &Shop, number: &str, kind: DocumentKind) -> String {
    print_at(shop, number, kind, shop.now()).await
}

async fn print_at(shop: &Shop, number: &str, kind: DocumentKind, now: DateTime<Utc>) -> String {
    let jobs = shop
        .till
        .print_jobs(&anna(), number, kind, false, Some("Office"), now)
        .await
        .expect("jobs");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("print-{number}-{kind:?}.pdf"));
    std::fs::write(&path, &jobs[0].payload).expect("write pdf");
    keep(&path);
    file_text(&path)
}

fn events(o: &tillflow::orders::OrderView) -> Vec<(String, Option<String>)> {
    o.history
        .iter()
        .map(|h| (h.event.key().to_string(), h.reason.clone()))
        .collect()
}

#[tokio::test]
async fn an_invoice_takes_the_next_number_once_and_every_later_print_is_a_copy() {
    let shop = Shop::demo().await;
    set_shop(&shop, |s| {
        s.time_zone = Some("Pacific/Auckland".into());
        s.documents.invoice_number = "F{yyyy}-{seq:5}".into();
    })
    .await;
    let first = shop.laundry(json!([])).await;
    let second = shop.laundry(json!([])).await;
    assert_eq!(shop.till.order(&first).await.expect("order").invoice, None);

    // Issued by "Save as PDF" on New Year's Eve in UTC: 2027 in the shop.
    let text = save(&shop, &first, DocumentKind::Invoice, new_year()).await;
    assert!(text.contains("INVOICE"), "{text}");
    assert!(text.contains("Invoice F2027-00001"), "{text}");
    assert!(text.contains(&format!("Order {first}")), "{text}");
    assert!(text.contains("Date 01/01/2027 01:00"), "{text}");
    assert!(!text.contains("COPY"), "{text}");
    let view = shop.till.order(&first).await.expect("order");
    assert_eq!(view.invoice.as_deref(), Some("F2027-00001"));

    // A print later is a copy of the same invoice: same number and date.
    let again = print(&shop, &first, DocumentKind::Invoice).await;
    assert!(again.contains("COPY"), "{again}");
    assert!(again.contains("Invoice F2027-00001"), "{again}");
    assert!(again.contains("Date 01/01/2027 01:00"), "{again}");

    // The next order's invoice is the next number, whatever the kind of issue.
    let text = print_at(&shop, &second, DocumentKind::Invoice, new_year()).await;
    assert!(text.contains("Invoice F2027-00002"), "{text}");
    assert!(!text.contains("COPY"), "{text}");

    let numbers = shop
        .till
        .store()
        .issued_numbers(Series::Invoice)
        .await
        .expect("numbers");
    assert_eq!(
        numbers,
        vec![
            (1, "F2027-00001".to_string()),
            (2, "F2027-00002".to_string())
        ]
    );
    let history = events(&shop.till.order(&first).await.expect("order"));
    assert!(history.contains(&("invoice.issued".into(), Some("F2027-00001".into()))));
    assert!(history.contains(&("document.copy".into(), Some("invoice F2027-00001".into()))));

    // Raw SQL can neither delete an issued invoice nor change its number.
    let db = rusqlite::Connection::open(shop.dir.path().join("shop.db")).expect("open");
    let e = db
        .execute("DELETE FROM invoices", [])
        .expect_err("delete refused");
    assert!(e.to_string().contains("never deleted"), "{e}");
    let e = db
        .execute("UPDATE invoices SET number = 'X' WHERE seq = 1", [])
        .expect_err("update refused");
    assert!(e.to_string().contains("never changes"), "{e}");
    // Printing counts stay writable.
    db.execute("UPDATE invoices SET prints = prints WHERE seq = 1", [])
        .expect("prints may change");
}

#[tokio::test]
async fn a_receipt_printed_again_says_copy() {
    let shop = Shop::demo().await;
    let n = shop
        .laundry(json!([{"method": "cash", "amount": "5.00"}]))
        .await;
    let first = save(&shop, &n, DocumentKind::Receipt, shop.now()).await;
    assert!(!first.contains("COPY"), "{first}");
    let second = print(&shop, &n, DocumentKind::Receipt).await;
    assert!(second.contains("COPY"), "{second}");
    // A packing slip has no number of its own and no copies.
    let slip = print(&shop, &n, DocumentKind::PackingSlip).await;
    assert!(
        !slip.contains("COPY") && !slip.contains("Invoice "),
        "{slip}"
    );
}

#[tokio::test]
async fn issuing_needs_the_print_permission_and_writes_nothing_without_it() {
    let shop = Shop::demo().await;
    let n = shop.laundry(json!([])).await;
    let perms: Vec<Permission> = Permission::ALL
        .iter()
        .copied()
        .filter(|p| *p != Permission::Print)
        .collect();
    let clerk = Actor::with_permissions(7, "Clerk", "clerk", perms);
    let path = shop.dir.path().join("refused.pdf");
    let e = shop
        .till
        .save_document(&clerk, &n, DocumentKind::Invoice, false, &path, shop.now())
        .await
        .expect_err("refused");
    assert!(e.to_string().contains("may not print"), "{e}");
    assert!(!path.exists());
    assert_eq!(shop.till.order(&n).await.expect("order").invoice, None);
}

#[tokio::test]
async fn number_formats_are_checked_naming_the_field() {
    let shop = Shop::demo().await;
    for (invoice, credit, field) in [
        ("INV-{yyyy}", "CN-{seq}", "shop.documents.invoice_number"),
        ("INV {seq}", "CN-{seq}", "shop.documents.invoice_number"),
        (
            "INV-{seq}",
            "CN-{seq:20}",
            "shop.documents.credit_note_number",
        ),
        (
            "INV-{seq}",
            "INV-{seq:6}",
            "shop.documents.credit_note_number",
        ),
    ] {
        let mut s = shop.till.settings().expect("settings").shop;
        s.documents.invoice_number = invoice.into();
        s.documents.credit_note_number = credit.into();
        let e = shop
            .till
            .change_settings(SettingsChange::SaveShop { shop: s }, &anna(), shop.now())
            .await
            .expect_err("refused");
        assert!(e.to_string().contains(field), "{invoice} / {credit}: {e}");
    }
}

/// A store with MUG in stock and a retail order of 2 mugs and a book,
/// paid by card and handed over at the counter.
async fn sold_and_handed_over(shop: &Shop) -> String {
    let site = Site {
        key: "store".into(),
        name: "Main street".into(),
        kind: SiteKind::Store,
        home: true,
    };
    let t = &shop.till;
    t.add_site(&site, &anna(), shop.now()).await.expect("site");
    t.receive_stock("store", "MUG", d("5"), None, &anna(), shop.now())
        .await
        .expect("stock");
    let input: OrderInput = serde_json::from_value(json!({
        "type": "retail",
        "customer": {"name": "Ada Lovelace", "phone": "+44 20 7946 0000"},
        "fields": {"delivery": "pickup"},
        "lines": [{"sku": "MUG", "qty": "2"}, {"sku": "BOOK", "qty": "1"}],
        "payments": [{"method": "card", "amount": "31.00"}]
    }))
    .expect("input");
    let n = t
        .create_order(&input, &anna(), shop.now())
        .await
        .expect("order")
        .number;
    t.confirm_order(&n, &anna(), shop.now())
        .await
        .expect("confirmed");
    let pickup = ShipmentInput {
        method: DeliveryMethod::Pickup,
        carrier: None,
        tracking: None,
        lines: vec![
            LineQty {
                line: 0,
                qty: d("2"),
            },
            LineQty {
                line: 1,
                qty: d("1"),
            },
        ],
    };
    let s = t
        .create_shipment(&n, &pickup, &anna(), shop.now())
        .await
        .expect("shipment");
    t.deliver_shipment(&n, s.shipment, &anna(), shop.now())
        .await
        .expect("delivered");
    n
}

fn one_mug_back() -> ReturnInput {
    ReturnInput {
        lines: vec![LineQty {
            line: 0,
            qty: d("1"),
        }],
        restock: Some("store".into()),
        refund_to: RefundTo::Original,
        reason: "chipped".into(),
    }
}

#[tokio::test]
async fn a_return_issues_a_credit_note_against_the_invoice_issued_with_it() {
    let shop = Shop::demo().await;
    set_shop(&shop, |s| s.time_zone = Some("Pacific/Auckland".into())).await;
    let n = sold_and_handed_over(&shop).await;
    let r = shop
        .till
        .return_lines(&n, &one_mug_back(), &anna(), new_year())
        .await
        .expect("returned");
    assert_eq!(r.refund, "9.50");
    // The order had no invoice: it is issued in the return's transaction.
    assert_eq!(r.credit_note.as_deref(), Some("CN-2027-000001"));
    let view = shop.till.order(&n).await.expect("order");
    assert_eq!(view.invoice.as_deref(), Some("INV-2027-000001"));
    assert_eq!(view.credit_notes.len(), 1);
    let note = &view.credit_notes[0];
    assert_eq!(
        (
            note.number.as_str(),
            note.invoice.as_str(),
            note.total.as_str()
        ),
        ("CN-2027-000001", "INV-2027-000001", "9.50")
    );
    let history = events(&view);
    let tail: Vec<&str> = history
        .iter()
        .rev()
        .take(4)
        .map(|(e, _)| e.as_str())
        .collect();
    assert_eq!(
        tail,
        vec![
            "credit_note.issued",
            "invoice.issued",
            "refund.issued",
            "return.received"
        ]
    );

    // The credit note as a PDF: its number, the invoice it corrects, the
    // mug it credits and the refund, at the shop's local time.
    let text = save(
        &shop,
        "CN-2027-000001",
        DocumentKind::CreditNote,
        shop.now(),
    )
    .await;
    assert!(text.contains("CREDIT NOTE"), "{text}");
    assert!(text.contains("Credit note CN-2027-000001"), "{text}");
    assert!(text.contains("Corrects invoice INV-2027-000001"), "{text}");
    assert!(text.contains(&format!("Order {n}")), "{text}");
    assert!(text.contains("Date 01/01/2027 01:00"), "{text}");
    assert!(
        text.contains("Total credited") && text.contains("9,50"),
        "{text}"
    );
    assert!(text.contains("Refunded"), "{text}");
    assert!(!text.contains("COPY"), "{text}");
    let again = print(&shop, "CN-2027-000001", DocumentKind::CreditNote).await;
    assert!(
        again.contains("COPY") && again.contains("CN-2027-000001"),
        "{again}"
    );

    // The invoice is the order as sold (31,00), first printed now: no COPY.
    let invoice = save(&shop, &n, DocumentKind::Invoice, shop.now()).await;
    assert!(invoice.contains("Invoice INV-2027-000001"), "{invoice}");
    assert!(invoice.contains("31,00"), "{invoice}");
    assert!(!invoice.contains("COPY"), "{invoice}");

    // A second return: the next credit note, against the same invoice.
    let r = shop
        .till
        .return_lines(&n, &one_mug_back(), &anna(), new_year())
        .await
        .expect("returned");
    assert_eq!(r.credit_note.as_deref(), Some("CN-2027-000002"));
    let view = shop.till.order(&n).await.expect("order");
    assert_eq!(view.credit_notes.len(), 2);
    assert_eq!(view.credit_notes[1].invoice, "INV-2027-000001");
    // The order prints again after its returns (its kept lines add up).
    let receipt = print(&shop, &n, DocumentKind::Receipt).await;
    assert!(receipt.contains("12,00"), "{receipt}");
    assert!(shop
        .till
        .store()
        .violations()
        .await
        .expect("checks")
        .is_empty());
}

#[tokio::test]
async fn a_receipt_prints_in_the_shop_time_zone() {
    let shop = Shop::demo().await;
    set_shop(&shop, |s| s.time_zone = Some("America/New_York".into())).await;
    let input = laundry_input(json!([{"method": "cash", "amount": "5.00"}]));
    // 2 March 2026, 03:30 UTC is still 1 March, 22:30 in New York.
    let at = Utc
        .with_ymd_and_hms(2026, 3, 2, 3, 30, 0)
        .single()
        .expect("date");
    let n = shop
        .till
        .create_order(&input, &anna(), at)
        .await
        .expect("order")
        .number;
    let text = save(&shop, &n, DocumentKind::Receipt, at).await;
    assert!(text.contains("01/03/2026 22:30"), "{text}");
    assert!(!text.contains("02/03/2026 03:30"), "{text}");
}

#[tokio::test]
async fn the_journal_records_every_invoice_and_credit_note_and_verify_catches_an_edit() {
    let shop = Shop::demo().await;
    let n = sold_and_handed_over(&shop).await;
    save(&shop, &n, DocumentKind::Invoice, shop.now()).await;
    shop.till
        .return_lines(&n, &one_mug_back(), &anna(), shop.now())
        .await
        .expect("returned");
    let report = shop.till.verify_journal(&anna()).await.expect("verify");
    assert!(report.ok, "{report:?}");
    assert!(
        report.checks.iter().any(|c| c == "invoices"),
        "{:?}",
        report.checks
    );
    assert!(
        report.checks.iter().any(|c| c == "credit notes"),
        "{:?}",
        report.checks
    );

    // Each side edited with raw SQL (its guard dropped first) is caught.
    let db = rusqlite::Connection::open(shop.dir.path().join("shop.db")).expect("open");
    for (guard, edit, undo, what) in [
        (
            "invoices_never_change",
            "UPDATE invoices SET total = total + 100",
            "UPDATE invoices SET total = total - 100",
            "invoice",
        ),
        (
            "credit_notes_never_change",
            "UPDATE credit_notes SET number = 'CN-FAKE'",
            "UPDATE credit_notes SET number = 'CN-2026-000001'",
            "credit note",
        ),
    ] {
        db.execute(&format!("DROP TRIGGER {guard}"), [])
            .expect("drop guard");
        db.execute(edit, []).expect("edit");
        let report = shop.till.verify_journal(&anna()).await.expect("verify");
        assert!(!report.ok, "{edit} went unnoticed");
        let text = format!("{:?}", report.problems);
        assert!(text.contains(what), "{edit}: {text}");
        db.execute(undo, []).expect("undo");
        let report = shop.till.verify_journal(&anna()).await.expect("verify");
        assert!(report.ok, "{undo}: {report:?}");
    }
}
