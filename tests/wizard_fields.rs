//! Wizard fields that mean something, on a real SQLite file: the due date
//! comes from the field playing the due-date role whatever its key; roles
//! are validated (one per wizard, dates only where a date is meant);
//! answers are shown and printed by their label on the documents they are
//! marked for (PDFs read back with pdftotext); the job ticket and one tag
//! per piece (page count read back with pdfinfo); `tillflow print
//! ticket|tags`.

mod common;

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use common::Shop;
use serde_json::json;
use tillflow::documents::DocumentKind;
use tillflow::orders::OrderInput;
use tillflow::settings::{Settings, Wizard};
use tillflow::Error;

/// The demo settings plus a bike shop's wizard and order type: "Promised
/// for" is the due date (key `promised_for`), the bike make prints on the
/// receipt, invoice and ticket, the serial on the ticket and the tags.
fn bike_settings() -> Settings {
    let mut s = Settings::demo();
    let wizard: Wizard = serde_json::from_value(json!({
        "key": "bike", "name": "Bike check-in",
        "steps": [
            {"title": "Customer", "fields": [
                {"key": "customer", "label": "Customer", "kind": "customer", "required": true}]},
            {"title": "Bike", "fields": [
                {"key": "bike_make", "label": "Bike make", "kind": "text", "print_on": ["receipt", "invoice", "ticket"]},
                {"key": "bike_serial", "label": "Bike serial", "kind": "text", "role": "item_identifier", "print_on": ["ticket", "tags"]},
                {"key": "fault", "label": "Fault", "kind": "long_text", "print_on": ["ticket"]},
                {"key": "promised_for", "label": "Promised for", "kind": "date", "role": "due_date"},
                {"key": "due_date", "label": "Old date", "kind": "date"},
                {"key": "deliver_to", "label": "Deliver to", "kind": "long_text", "role": "delivery_address"}]},
            {"title": "Work", "fields": [
                {"key": "lines", "label": "Work", "kind": "lines", "required": true}]}
        ]
    }))
    .expect("bike wizard");
    s.wizards.push(wizard);
    let mut bike = s.order_type("repair").expect("repair type").clone();
    bike.key = "bike".into();
    bike.name = "Bike repair".into();
    bike.wizard = "bike".into();
    bike.version = None;
    s.order_types.push(bike);
    s
}

fn bike_order() -> OrderInput {
    serde_json::from_value(json!({
        "type": "bike",
        "customer": {"name": "Eddy Merckx", "phone": "+32 2 555 01 02"},
        "fields": {
            "bike_make": "Gazelle",
            "bike_serial": "WTU-4471",
            "fault": "Rear brake rubs",
            "promised_for": "2026-03-09",
            "due_date": "2026-04-01",
            "deliver_to": "Velodroom 3\n1000 Brussel"
        },
        "lines": [
            {"name": "Brake service", "qty": "2", "unit_price": "15.00", "tax_rate": "20"},
            {"name": "Inner tube", "qty": "3", "unit_price": "6.00", "tax_rate": "20"}
        ]
    }))
    .expect("bike order input")
}

async fn bike_shop() -> (Shop, String) {
    let shop = Shop::demo().await;
    shop.till
        .import_settings(
            bike_settings(),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("bike settings are valid");
    let number = shop
        .till
        .create_order(
            &bike_order(),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("bike order")
        .number;
    (shop, number)
}

fn write(dir: &Path, name: &str, pdf: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, pdf).expect("write pdf");
    path
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdf_pages(path: &Path) -> usize {
    let out = Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo (poppler-utils) is installed");
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"))
}

async fn render(shop: &Shop, number: &str, kind: DocumentKind) -> std::path::PathBuf {
    let docs = shop
        .till
        .render_document(number, kind, false)
        .await
        .expect("rendered");
    write(shop.dir.path(), &format!("{kind:?}.pdf"), &docs[0].pdf)
}

#[tokio::test]
async fn the_due_date_comes_from_the_field_with_the_due_date_role() {
    let (shop, number) = bike_shop().await;
    let view = shop.till.order(&number).await.expect("order");
    // "Promised for" plays the role; the field keyed `due_date` does not.
    assert_eq!(view.due_date, NaiveDate::from_ymd_opt(2026, 3, 9));
    let labels: Vec<(&str, &str)> = view
        .answers
        .iter()
        .map(|a| (a.label.as_str(), a.value.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            ("Bike make", "Gazelle"),
            ("Bike serial", "WTU-4471"),
            ("Fault", "Rear brake rubs"),
            ("Promised for", "2026-03-09"),
            ("Old date", "2026-04-01"),
            ("Deliver to", "Velodroom 3\n1000 Brussel"),
        ]
    );
    // The POS preview gives the same labels and due date before creation.
    let preview = shop
        .till
        .preview_order(&bike_order(), common::t0())
        .expect("preview");
    assert_eq!(preview.due_date, NaiveDate::from_ymd_opt(2026, 3, 9));
    assert_eq!(preview.answers[0].label, "Bike make");

    // Settings from before roles: a date field keyed `due_date` is the due date.
    let laundry = shop.laundry(json!([])).await;
    let view = shop.till.order(&laundry).await.expect("laundry order");
    assert_eq!(view.due_date, NaiveDate::from_ymd_opt(2026, 3, 5));
}

#[tokio::test]
async fn roles_are_validated_naming_the_field() {
    let shop = Shop::demo().await;
    let refused = |mut s: Settings, edit: &dyn Fn(&mut Wizard)| {
        let wz = s
            .wizards
            .iter_mut()
            .find(|w| w.key == "bike")
            .expect("bike");
        edit(wz);
        s
    };
    let cases: Vec<(Settings, &str, &str)> = vec![
        (
            refused(bike_settings(), &|w| {
                w.steps[1].fields[4].role = Some(tillflow::settings::FieldRole::DueDate)
            }),
            "wizards[bike].steps[1].fields[4].role",
            "'Promised for' and 'Old date' both are the due date",
        ),
        (
            refused(bike_settings(), &|w| {
                w.steps[1].fields[0].role = Some(tillflow::settings::FieldRole::PickupDate)
            }),
            "wizards[bike].steps[1].fields[0].role",
            "'Bike make' (bike_make) is not a date field",
        ),
        (
            refused(bike_settings(), &|w| {
                w.steps[1].fields[2].key = "bike_make".into()
            }),
            "wizards[bike].steps[1].fields[2].key",
            "'Bike make' and 'Fault' both have the key 'bike_make'",
        ),
    ];
    for (settings, field, message) in cases {
        match shop
            .till
            .import_settings(
                settings,
                &tillflow::staff::Actor::trusted("anna"),
                shop.now(),
            )
            .await
        {
            Err(Error::Invalid {
                field: f,
                message: m,
            }) => {
                assert_eq!(f, field);
                assert!(m.contains(message), "{m}");
            }
            other => panic!("expected {field} to be refused, got {other:?}"),
        }
    }
    // A settings file spells roles and documents as documented.
    let text = bike_settings().to_json();
    assert!(text.contains(r#""role": "due_date""#), "{text}");
    assert!(text.contains(r#""print_on": ["#), "{text}");
    assert!(
        Settings::from_json(&text.replace(r#""role": "due_date""#, r#""role": "due""#)).is_err()
    );
}

#[tokio::test]
async fn answers_print_by_their_label_on_the_documents_they_are_marked_for() {
    let (shop, number) = bike_shop().await;
    let receipt = pdf_text(&render(&shop, &number, DocumentKind::Receipt).await);
    assert!(receipt.contains("Bike make: Gazelle"), "{receipt}");
    assert!(
        !receipt.contains("Bike serial"),
        "not marked for receipts: {receipt}"
    );
    assert!(!receipt.contains("bike_make"), "{receipt}");

    let invoice = pdf_text(&render(&shop, &number, DocumentKind::Invoice).await);
    assert!(invoice.contains("Bike make: Gazelle"), "{invoice}");
    assert!(!invoice.contains("Fault"), "{invoice}");
    // The delivery-address role is the ship-to address, whatever its key.
    assert!(invoice.contains("SHIP TO"), "{invoice}");
    assert!(invoice.contains("1000 Brussel"), "{invoice}");

    let packing = pdf_text(&render(&shop, &number, DocumentKind::PackingSlip).await);
    assert!(!packing.contains("Gazelle"), "{packing}");
}

#[tokio::test]
async fn the_job_ticket_and_one_tag_per_piece() {
    let (shop, number) = bike_shop().await;
    let ticket = render(&shop, &number, DocumentKind::Ticket).await;
    assert_eq!(pdf_pages(&ticket), 1);
    let text = pdf_text(&ticket);
    for expected in [
        "JOB TICKET",
        number.as_str(),
        "Eddy Merckx",
        "09/03/2026", // the due date as the demo shop (fr-FR) writes it
        "Bike repair",
        "Bike make: Gazelle",
        "Bike serial: WTU-4471",
        "Fault: Rear brake rubs",
        "2 x Brake service",
        "3 x Inner tube",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not on the ticket:\n{text}"
        );
    }
    assert!(
        !text.contains("15.00"),
        "no prices on a job ticket:\n{text}"
    );

    let tags = render(&shop, &number, DocumentKind::Tags).await;
    assert_eq!(pdf_pages(&tags), 5, "2 brake services + 3 inner tubes");
    let text = pdf_text(&tags);
    for expected in [
        "1 of 5",
        "3 of 5",
        "5 of 5",
        "Bike serial: WTU-4471",
        "Eddy Merckx",
        "Inner tube",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not on the tags:\n{text}"
        );
    }
    assert_eq!(text.matches(number.as_str()).count(), 5, "{text}");
    assert!(
        !text.contains("Gazelle"),
        "the make is not marked for tags:\n{text}"
    );
}

#[tokio::test]
async fn printing_tags_raises_items_tagged_when_the_settings_say_so() {
    let shop = Shop::demo().await;
    let mut settings = bike_settings();
    settings.shop.printing.tags_raise_items_tagged = true;
    shop.till
        .import_settings(
            settings,
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("settings");
    let number = shop
        .till
        .create_order(
            &bike_order(),
            &tillflow::staff::Actor::trusted("anna"),
            shop.now(),
        )
        .await
        .expect("order")
        .number;
    // Through CUPS, tickets and tags are printed on their own page size.
    for (kind, media) in [
        (DocumentKind::Ticket, "Custom.80x"),
        (DocumentKind::Tags, "Custom.50.8x38.1mm"),
    ] {
        let jobs = shop
            .till
            .print_jobs(
                &tillflow::staff::Actor::cli(),
                &number,
                kind,
                false,
                Some("Labels"),
                chrono::Utc::now(),
            )
            .await
            .expect("jobs");
        let page = jobs[0].media.as_ref().expect("a page size").cups_media();
        assert!(page.starts_with(media), "{page}");
    }
    let event = shop.print(&number, DocumentKind::Tags).await;
    assert_eq!(event.number, number);
    let view = shop.till.order(&number).await.expect("order");
    assert!(
        view.history.iter().any(|h| h.label == "Items tagged"),
        "{:?}",
        view.history
    );
}

#[test]
fn tillflow_print_ticket_and_tags_save_pdfs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_tillflow"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("TILLFLOW_DB")
            .output()
            .expect("run tillflow");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&["demo"]);
    let settings = dir.path().join("settings.json");
    std::fs::write(&settings, bike_settings().to_json()).expect("settings file");
    run(&["settings", "import", &settings.to_string_lossy()]);
    let input = dir.path().join("order.json");
    std::fs::write(&input, serde_json::to_string(&bike_order()).expect("json")).expect("input");
    let created: serde_json::Value = serde_json::from_str(&run(&[
        "--json",
        "order",
        "create",
        "--input",
        &input.to_string_lossy(),
    ]))
    .expect("json");
    let number = created["number"].as_str().expect("number").to_string();

    let ticket = dir.path().join("ticket.pdf");
    let said = run(&[
        "print",
        "ticket",
        &number,
        "--out",
        &ticket.to_string_lossy(),
    ]);
    assert!(said.contains("job ticket"), "{said}");
    assert!(pdf_text(&ticket).contains("Bike serial: WTU-4471"));
    let tags = dir.path().join("tags.pdf");
    run(&["print", "tags", &number, "--out", &tags.to_string_lossy()]);
    assert_eq!(pdf_pages(&tags), 5);
}

/// CODE128 payloads (`GS k 73 n {B…`) and cuts (`GS V 66`) in ESC/POS bytes.
fn barcodes_and_cuts(bytes: &[u8]) -> (Vec<String>, usize) {
    let mut codes = Vec::new();
    let mut cuts = 0;
    let mut i = 0;
    while i + 3 < bytes.len() {
        match bytes[i..] {
            [0x1D, b'k', 73, n, ..] => {
                let data = &bytes[i + 4..i + 4 + usize::from(n)];
                codes.push(String::from_utf8_lossy(&data[2..]).into_owned());
                i += 4 + usize::from(n);
            }
            [0x1D, b'V', 66, _, ..] => {
                cuts += 1;
                i += 4;
            }
            _ => i += 1,
        }
    }
    (codes, cuts)
}

#[test]
fn tillflow_print_ticket_and_tags_honour_a_thermal_label_printer() {
    use std::io::Read;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    // A label printer on 127.0.0.1 that takes two jobs (the tags, the ticket).
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let printer = std::thread::spawn(move || {
        (0..2)
            .map(|_| {
                let (mut stream, _) = listener.accept().expect("accept");
                let mut buf = Vec::new();
                stream.read_to_end(&mut buf).expect("read");
                buf
            })
            .collect::<Vec<_>>()
    });
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_tillflow"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("TILLFLOW_DB")
            // The owner allows this test printer's port on this till.
            .env("TILLFLOW_RAW_PRINT_PORTS", port.to_string())
            .output()
            .expect("run tillflow")
    };
    let ok = |args: &[&str]| {
        let out = run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    ok(&["demo"]);
    let mut settings: serde_json::Value =
        serde_json::from_str(&bike_settings().to_json()).expect("json");
    let thermal = json!({"thermal": {"network": {"host": "127.0.0.1", "port": port}}});
    settings["shop"]["printing"] = json!({"tag_printer": thermal, "ticket_printer": thermal});
    settings["shop"]["documents"] = json!({"tag_size": {"width_mm": 57, "height_mm": 32}});
    let file = dir.path().join("settings.json");
    std::fs::write(&file, settings.to_string()).expect("settings file");
    ok(&["settings", "import", &file.to_string_lossy()]);
    let input = dir.path().join("order.json");
    std::fs::write(&input, serde_json::to_string(&bike_order()).expect("json")).expect("input");
    let created: serde_json::Value = serde_json::from_str(&ok(&[
        "--json",
        "order",
        "create",
        "--input",
        &input.to_string_lossy(),
    ]))
    .expect("json");
    let number = created["number"].as_str().expect("number").to_string();

    ok(&["print", "tags", &number]);
    ok(&["print", "ticket", &number]);
    let jobs = printer.join().expect("printer");
    let (codes, cuts) = barcodes_and_cuts(&jobs[0]);
    assert_eq!(
        cuts, 5,
        "2 brake services + 3 inner tubes, a cut after each"
    );
    assert_eq!(codes, vec![number.clone(); 5]);
    for n in 1..=5 {
        let count = format!("{n} of 5");
        assert!(
            jobs[0].windows(count.len()).any(|w| w == count.as_bytes()),
            "{count}"
        );
    }
    let (codes, cuts) = barcodes_and_cuts(&jobs[1]);
    assert_eq!((codes, cuts), (vec![number.clone()], 1), "the ticket");
    let serial = b"Bike serial: WTU-4471";
    assert!(jobs[1].windows(serial.len()).any(|w| w == serial));

    // --out still saves the PDF, on the tag size of the settings (57 × 32 mm).
    let tags = dir.path().join("tags.pdf");
    ok(&["print", "tags", &number, "--out", &tags.to_string_lossy()]);
    let info = Command::new("pdfinfo")
        .arg(&tags)
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    assert!(info.contains("161.575 x 90.7087 pts"), "{info}");

    // The settings file says what it holds and reads back the same.
    let exported = ok(&["settings", "export"]);
    let back: serde_json::Value = serde_json::from_str(&exported).expect("export json");
    assert_eq!(back["shop"]["printing"]["tag_printer"], thermal);
    assert_eq!(back["shop"]["documents"]["tag_size"]["width_mm"], 57.0);
}
