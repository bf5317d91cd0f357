//! The ESC/POS receipt sent to a thermal printer listening on TCP (a local
//! listener stands in for the printer), decoded back into text and commands.

mod documents_fixture;

use std::io::Read;
use std::net::TcpListener;

use documents_fixture::{model, money};
use tillflow::documents::{
    decode_pc858, render_receipt_escpos, DocPayment, DocumentSettings, ReceiptWidth, DRAWER_KICK,
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
}

fn decode(bytes: &[u8]) -> Decoded {
    let mut d = Decoded::default();
    let mut line = String::new();
    let mut bold = false;
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
                i += 4;
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
