//! The ESC/POS receipt sent to a thermal printer listening on TCP (a local
//! listener stands in for the printer), decoded back into text and commands.

mod documents_fixture;

use std::io::Read;
use std::net::TcpListener;

use documents_fixture::{model, money};
use tillflow::documents::{
    decode_pc858, render_receipt_escpos, render_tags_escpos, render_ticket_escpos, DocAnswer,
    DocPayment, DocumentKind, DocumentModel, DocumentSettings, ReceiptWidth, TagSize, DRAWER_KICK,
};
use tillflow::printing::{open_cash_drawer, send_raw, PrintSettings, ThermalTarget};

/// The unit price as charged: base price plus modifiers.
fn unit_price(line: &tillflow::documents::DocLine) -> i64 {
    line.unit_price_minor + line.modifiers.iter().map(|m| m.amount_minor).sum::<i64>()
}

/// What a printer would make of the bytes.
#[derive(Debug, Default)]
struct Decoded {
    lines: Vec<String>,
    bold_lines: Vec<String>,
    initialised: bool,
    code_page: Option<u8>,
    cut: bool,
    drawer_kicks: usize,
    qr: Vec<String>,
    /// CODE128 payloads (`GS k 73`), code set selection removed.
    barcodes: Vec<String>,
    /// What was printed between cuts: lines and barcodes of each piece of paper.
    pieces: Vec<Piece>,
    /// Dots fed with `ESC J`.
    fed_dots: usize,
}

#[derive(Debug, Default, Clone)]
struct Piece {
    lines: Vec<String>,
    barcodes: Vec<String>,
}

fn decode(bytes: &[u8]) -> Decoded {
    let mut d = Decoded::default();
    let mut line = String::new();
    let mut bold = false;
    let mut piece = Piece::default();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i..] {
            [0x1B, b'@', ..] => {
                d.initialised = true;
                i += 2;
            }
            [0x1B, b't', n, ..] => {
                d.code_page = Some(n);
                i += 3;
            }
            [0x1B, b'a', _, ..] => i += 3,
            [0x1B, b'E', n, ..] => {
                bold = n == 1;
                i += 3;
            }
            [0x1D, b'!', _, ..] => i += 3,
            [0x1D, b'V', 66, _, ..] => {
                d.cut = true;
                d.pieces.push(std::mem::take(&mut piece));
                i += 4;
            }
            [0x1D, b'H' | b'h' | b'w' | b'f', _, ..] | [0x1B, b'3', _, ..] => i += 3,
            [0x1B, b'J', n, ..] => {
                d.fed_dots += usize::from(n);
                i += 3;
            }
            [0x1D, b'k', 73, n, ..] => {
                let data = &bytes[i + 4..i + 4 + usize::from(n)];
                assert_eq!(&data[..2], b"{B", "code set B");
                let text = String::from_utf8_lossy(&data[2..]).replace("{{", "{");
                d.barcodes.push(text.clone());
                piece.barcodes.push(text);
                i += 4 + usize::from(n);
            }
            [0x1B, b'p', 0, _, _, ..] => {
                d.drawer_kicks += 1;
                i += 5;
            }
            [0x1D, b'(', b'k', pl, ph, ..] => {
                let len = usize::from(pl) + 256 * usize::from(ph);
                let body = &bytes[i + 5..i + 5 + len];
                if body[..3] == [49, 80, 48] {
                    d.qr.push(String::from_utf8_lossy(&body[3..]).into_owned());
                }
                i += 5 + len;
            }
            [0x0A, ..] => {
                if bold {
                    d.bold_lines.push(line.clone());
                }
                piece.lines.push(line.clone());
                d.lines.push(std::mem::take(&mut line));
                i += 1;
            }
            [b, ..] => {
                assert!(b >= 0x20, "unexpected control byte {b:#04x} at {i}");
                line.push(decode_pc858(b));
                i += 1;
            }
            [] => unreachable!(),
        }
    }
    assert!(line.is_empty(), "unterminated line {line:?}");
    assert!(
        piece.lines.is_empty() && piece.barcodes.is_empty(),
        "printed after the last cut: {piece:?}"
    );
    d
}

/// A one-shot "printer" on 127.0.0.1 that returns what it received.
fn fake_printer() -> (ThermalTarget, std::thread::JoinHandle<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let handle = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        let mut buf = Vec::new();
        stream.read_to_end(&mut buf).expect("read");
        buf
    });
    let target = ThermalTarget::Network {
        host: "127.0.0.1".into(),
        port,
    };
    (target, handle)
}

#[test]
fn receipt_sent_over_tcp_decodes_to_the_order() {
    let m = model(6);
    let bytes = render_receipt_escpos(&m, &DocumentSettings::default()).expect("escpos");
    let (target, printer) = fake_printer();
    send_raw(&target, &bytes, &PrintSettings::default()).expect("send");
    let received = printer.join().expect("printer thread");
    assert_eq!(received, bytes);

    let d = decode(&received);
    assert!(d.initialised && d.cut);
    assert_eq!(d.code_page, Some(19), "PC858 for accents and €");
    assert_eq!(d.drawer_kicks, 0, "card payment: drawer stays shut");
    assert_eq!(d.qr, vec!["TF-1042".to_string()]);
    assert!(
        d.lines.iter().all(|l| l.chars().count() <= 48),
        "{:#?}",
        d.lines
    );
    assert!(d.lines.iter().any(|l| l.contains("Blanchisserie Élégance")));
    assert!(d.lines.iter().any(|l| l.contains("Zoë Müller")));
    for line in &m.lines {
        // Code page 858 has no en dash: the receipt prints "-".
        let printed = line.name.replace('–', "-");
        assert!(d.lines.iter().any(|l| l == &printed), "{}", line.name);
        let amount = d
            .lines
            .iter()
            .find(|l| l.contains(&format!("{} x {}", line.qty, money(unit_price(line)))));
        assert!(
            amount.is_some_and(|l| l.ends_with(&money(line.amount_minor))),
            "{amount:?}"
        );
    }
    let total = d
        .bold_lines
        .iter()
        .find(|l| l.starts_with("TOTAL"))
        .expect("total line");
    assert!(
        total.ends_with(&format!("€{}", money(m.total_minor))),
        "{total}"
    );
    let due = d
        .lines
        .iter()
        .find(|l| l.starts_with("Balance due"))
        .expect("balance");
    assert!(due.ends_with(&money(m.balance_minor)));
}

#[test]
fn narrow_paper_and_cash_payment_kick_the_drawer() {
    let mut m = model(3);
    m.payments.push(DocPayment {
        method: "Cash".into(),
        amount_minor: m.balance_minor,
        reference: None,
        at: m.created_at,
        change_minor: 0,
        rounding_minor: 0,
    });
    m.paid_minor = m.total_minor;
    m.balance_minor = 0;
    let settings = DocumentSettings {
        receipt_width: ReceiptWidth::Mm58,
        ..DocumentSettings::default()
    };
    let bytes = render_receipt_escpos(&m, &settings).expect("escpos");
    assert!(bytes.ends_with(&DRAWER_KICK));
    let d = decode(&bytes);
    assert_eq!(d.drawer_kicks, 1);
    assert!(
        d.lines.iter().all(|l| l.chars().count() <= 32),
        "{:#?}",
        d.lines
    );
    assert!(!d.lines.iter().any(|l| l.starts_with("Balance due")));

    let no_kick = DocumentSettings {
        drawer_kick_on_cash: false,
        ..settings
    };
    let bytes = render_receipt_escpos(&m, &no_kick).expect("escpos");
    assert_eq!(decode(&bytes).drawer_kicks, 0);
}

#[test]
fn cash_drawer_kick_and_device_path() {
    let (target, printer) = fake_printer();
    open_cash_drawer(&target, &PrintSettings::default()).expect("kick");
    let d = decode(&printer.join().expect("printer thread"));
    assert_eq!(d.drawer_kicks, 1);

    // A device path: any writable file stands in for /dev/usb/lp0.
    let dir = tempfile::tempdir().expect("tempdir");
    let device = dir.path().join("lp0");
    std::fs::write(&device, b"").expect("create device");
    let bytes = render_receipt_escpos(&model(2), &DocumentSettings::default()).expect("escpos");
    send_raw(
        &ThermalTarget::Device(device.clone()),
        &bytes,
        &PrintSettings::default(),
    )
    .expect("send");
    assert_eq!(std::fs::read(&device).expect("read"), bytes);
}

#[test]
fn unreachable_printer_is_a_typed_error() {
    // Bind then drop: nothing listens on this port any more.
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let target = ThermalTarget::Network {
        host: "127.0.0.1".into(),
        port,
    };
    let settings = PrintSettings {
        timeout_secs: 2,
        ..PrintSettings::default()
    };
    let err = send_raw(&target, b"x", &settings).expect_err("nobody listens");
    assert!(
        err.to_string().contains(&format!("127.0.0.1:{port}")),
        "{err}"
    );
    let missing = ThermalTarget::Device("/nonexistent/lp9".into());
    assert!(send_raw(&missing, b"x", &settings).is_err());
}

/// A bike-shop order: a due date and three printed answers.
fn workshop_model(lines: usize) -> DocumentModel {
    let mut m = model(lines);
    m.due_date = chrono::NaiveDate::from_ymd_opt(2026, 12, 3);
    m.order_type = "Bike repair".into();
    let answer = |label: &str, value: &str, on: &[DocumentKind]| DocAnswer {
        label: label.into(),
        value: value.into(),
        on: on.to_vec(),
    };
    m.answers = vec![
        answer("Bike make", "Gazelle", &[DocumentKind::Ticket]),
        answer(
            "Serial",
            "GZ-4471",
            &[DocumentKind::Ticket, DocumentKind::Tags],
        ),
        answer("Colour", "Blue", &[DocumentKind::Tags]),
        answer("Fault", "Brakes squeal", &[DocumentKind::Receipt]),
    ];
    m
}

#[test]
fn job_ticket_as_escpos_has_the_barcode_due_date_answers_and_lines() {
    let m = workshop_model(3);
    let bytes = render_ticket_escpos(&m, &DocumentSettings::default()).expect("escpos");
    let d = decode(&bytes);
    assert!(d.initialised && d.cut);
    assert_eq!(d.pieces.len(), 1, "one ticket, one cut");
    assert_eq!(d.barcodes, vec!["TF-1042".to_string()], "CODE128, not QR");
    assert!(d.qr.is_empty());
    assert!(
        d.lines.iter().all(|l| l.chars().count() <= 48),
        "{:#?}",
        d.lines
    );
    let has = |needle: &str| d.lines.iter().any(|l| l.contains(needle));
    for wanted in [
        "JOB TICKET",
        "Customer: Zoë Müller",
        "Bike make: Gazelle",
        "Serial: GZ-4471",
        "1 x Crème brûlée tart #1",
        "2 x Café au lait beans 1 kg #2",
        "3 x Wool coat - dry cleaning #3",
        "Bike repair",
    ] {
        assert!(has(wanted), "{wanted:?} not on\n{:#?}", d.lines);
    }
    assert!(!has("Colour"), "an answer for tags only");
    assert!(!has("Fault"), "an answer for receipts only");
    let due = d
        .bold_lines
        .iter()
        .find(|l| l.starts_with("DUE"))
        .expect("due");
    assert!(due.ends_with("12/3/2026") || due.contains("2026"), "{due}");
    let pieces = d
        .bold_lines
        .iter()
        .find(|l| l.starts_with("Pieces"))
        .expect("pieces");
    assert!(pieces.ends_with(" 6"), "{pieces}");
    assert!(!has("€"), "no prices on a ticket");
}

#[test]
fn tags_as_escpos_are_one_per_piece_with_count_barcode_and_cut() {
    let m = workshop_model(3); // quantities 1, 2 and 3: six pieces
    let bytes = render_tags_escpos(&m, &DocumentSettings::default()).expect("escpos");
    let d = decode(&bytes);
    assert_eq!(d.pieces.len(), 6, "a cut after every tag");
    let names = [
        "Crème brûlée tart #1",
        "Café au lait beans 1 kg #2",
        "Café au lait beans 1 kg #2",
        "Wool coat - dry cleaning #3",
        "Wool coat - dry cleaning #3",
        "Wool coat - dry cleaning #3",
    ];
    // 2 × 1.5 in: 46.8 mm printable, 31 characters.
    for (i, piece) in d.pieces.iter().enumerate() {
        assert_eq!(piece.barcodes, vec!["TF-1042".to_string()], "tag {i}");
        assert_eq!(
            piece.lines[1],
            format!("{} of 6", i + 1),
            "{:#?}",
            piece.lines
        );
        assert!(piece.lines.contains(&"Zoë Müller".to_string()));
        assert!(
            piece.lines.contains(&names[i].to_string()),
            "{:#?}",
            piece.lines
        );
        assert!(piece.lines.iter().all(|l| l.chars().count() <= 31));
        assert!(piece.lines.contains(&"Serial: GZ-4471".to_string()));
        assert!(!piece.lines.iter().any(|l| l.contains("Bike make")));
    }

    // A 2 × 1 in label holds less: the answers give way, the count stays;
    // each tag is fed to the label's height.
    let small = DocumentSettings {
        tag_size: TagSize::mm(50.8, Some(25.4)),
        ..DocumentSettings::default()
    };
    let d_small = decode(&render_tags_escpos(&m, &small).expect("escpos"));
    assert_eq!(d_small.pieces.len(), 6);
    for (i, piece) in d_small.pieces.iter().enumerate() {
        assert_eq!(piece.lines[1], format!("{} of 6", i + 1));
        assert!(!piece.lines.iter().any(|l| l.starts_with("Serial")));
    }
    assert!(d_small.fed_dots > 0);

    // A 62 mm continuous roll: every answer, wider lines, no feed to a height.
    let roll = DocumentSettings {
        tag_size: TagSize::mm(62.0, None),
        ..DocumentSettings::default()
    };
    let d_roll = decode(&render_tags_escpos(&m, &roll).expect("escpos"));
    assert_eq!(d_roll.pieces.len(), 6);
    assert_eq!(d_roll.fed_dots, 0);
    for piece in &d_roll.pieces {
        assert!(piece.lines.contains(&"Serial: GZ-4471".to_string()));
        assert!(piece.lines.contains(&"Colour: Blue".to_string()));
    }

    // An order number a barcode cannot carry prints as a QR code.
    let mut accented = m.clone();
    accented.order_number = "Nº-7".into();
    let d_qr = decode(&render_tags_escpos(&accented, &roll).expect("escpos"));
    assert!(d_qr.barcodes.is_empty());
    assert_eq!(d_qr.qr.len(), 6);
}

#[tokio::test]
async fn tags_go_through_the_print_queue_to_a_label_printer() {
    use std::sync::Arc;
    use tillflow::printing::{
        PrintDestination, PrintJob, PrintQueue, ReceiptPrinter, SystemBackend,
    };
    let (target, printer) = fake_printer();
    let printing = PrintSettings {
        invoice_printer: Some("Office".into()),
        tag_printer: Some(ReceiptPrinter::Thermal(target.clone())),
        ..PrintSettings::default()
    };
    let m = workshop_model(2); // 1 + 2 pieces
    let docs = DocumentSettings::default();
    let job = PrintJob::for_document(DocumentKind::Tags, &m, &docs, &printing).expect("job");
    assert_eq!(job.destination, PrintDestination::Thermal(target));
    assert_eq!(job.media, None, "a label printer is sent no media");
    let (queue, mut reports) = PrintQueue::start(Arc::new(SystemBackend {
        settings: printing.clone(),
    }));
    queue.submit(job.clone()).expect("submit");
    let report = tokio::time::timeout(std::time::Duration::from_secs(10), reports.recv())
        .await
        .expect("in time")
        .expect("report");
    assert!(report.succeeded(), "{:?}", report.outcome);
    let received = tokio::task::spawn_blocking(move || printer.join().expect("printer"))
        .await
        .expect("join");
    assert_eq!(received, job.payload);
    let d = decode(&received);
    assert_eq!(d.pieces.len(), 3);
    assert_eq!(d.barcodes, vec!["TF-1042".to_string(); 3]);
    assert_eq!(d.pieces[2].lines[1], "3 of 3");

    // The ticket printer unset: tickets still go where they went (the
    // invoice printer, as a PDF); set to a thermal printer, ESC/POS.
    let ticket = PrintJob::for_document(DocumentKind::Ticket, &m, &docs, &printing).expect("job");
    assert_eq!(
        ticket.destination,
        PrintDestination::Printer(Some("Office".into()))
    );
    assert!(ticket.payload.starts_with(b"%PDF"));
    let thermal = PrintSettings {
        ticket_printer: Some(ReceiptPrinter::Thermal(ThermalTarget::Queue(
            "Workshop".into(),
        ))),
        ..printing
    };
    let ticket = PrintJob::for_document(DocumentKind::Ticket, &m, &docs, &thermal).expect("job");
    assert_eq!(
        decode(&ticket.payload).barcodes,
        vec!["TF-1042".to_string()]
    );
}
