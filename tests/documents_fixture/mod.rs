//! Sample document models for the documents and printing tests.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use chrono::{TimeZone, Utc};
use tillflow::documents::{
    DocCurrency, DocCustomer, DocLine, DocModifier, DocPayment, DocTotals, DocumentModel,
    ShopHeader, TaxBreakdownRow,
};

const NAMES: [&str; 8] = [
    "Crème brûlée tart",
    "Café au lait beans 1 kg",
    "Wool coat – dry cleaning",
    "Shirt, pressed",
    "Zipper repair",
    "Gift card €25",
    "Évian water 6-pack",
    "Señor Pérez custom label",
];

/// A line with a predictable price: line i costs (i + 1) × 1.25 per unit, qty 1–3.
pub fn line(i: usize) -> DocLine {
    let qty = (i % 3 + 1) as i64;
    let unit = (i as i64 + 1) * 125;
    let modifiers = if i % 5 == 2 {
        vec![DocModifier {
            name: "Express service".into(),
            amount_minor: 50,
        }]
    } else {
        Vec::new()
    };
    let per_unit = unit + modifiers.iter().map(|m| m.amount_minor).sum::<i64>();
    DocLine {
        name: format!("{} #{}", NAMES[i % NAMES.len()], i + 1),
        sku: Some(format!("SKU-{:04}", i + 1)),
        qty: qty.to_string(),
        unit_price_minor: unit,
        amount_minor: qty * per_unit,
        tax_rate: if i.is_multiple_of(2) {
            "20".into()
        } else {
            "5.5".into()
        },
        modifiers,
        note: (i % 7 == 3).then(|| "Handle with care".to_string()),
        delivery_method: Some(["pickup", "courier", "post"][i % 3].to_string()),
        discount: None,
    }
}

/// Test-only totals (tax exclusive, rounded per line, half up). The real ones
/// come from the core's totals function.
pub fn totals(lines: &[DocLine]) -> DocTotals {
    let mut breakdown: Vec<TaxBreakdownRow> = Vec::new();
    for line in lines {
        let rate_tenths: i64 = match line.tax_rate.as_str() {
            "20" => 200,
            "5.5" => 55,
            other => panic!("fixture rate {other}"),
        };
        let tax = (line.amount_minor * rate_tenths + 500) / 1000;
        match breakdown.iter_mut().find(|r| r.rate == line.tax_rate) {
            Some(row) => {
                row.net_minor += line.amount_minor;
                row.tax_minor += tax;
                row.gross_minor += line.amount_minor + tax;
            }
            None => breakdown.push(TaxBreakdownRow {
                rate: line.tax_rate.clone(),
                net_minor: line.amount_minor,
                tax_minor: tax,
                gross_minor: line.amount_minor + tax,
            }),
        }
    }
    let subtotal: i64 = breakdown.iter().map(|r| r.net_minor).sum();
    let tax: i64 = breakdown.iter().map(|r| r.tax_minor).sum();
    DocTotals {
        subtotal_minor: subtotal,
        tax_minor: tax,
        total_minor: subtotal + tax,
        tax_breakdown: breakdown,
    }
}

/// An order with `n` lines, a customer, a shipping address and one card payment of 10.00.
pub fn model(n: usize) -> DocumentModel {
    let lines: Vec<DocLine> = (0..n).map(line).collect();
    let t = totals(&lines);
    let paid = 1000.min(t.total_minor);
    DocumentModel {
        shop: ShopHeader {
            name: "Blanchisserie Élégance".into(),
            address_lines: vec!["12 Rue de la Paix".into(), "75002 Paris".into()],
            tax_id: Some("FR12345678901".into()),
            footer: Some("Merci ! Thank you for your visit — see you soon.".into()),
            logo: None,
            time_zone: "Europe/Paris".into(),
            locale: "en-US".into(),
        },
        order_number: "TF-1042".into(),
        created_at: Utc
            .with_ymd_and_hms(2026, 11, 25, 14, 3, 0)
            .single()
            .expect("date"),
        customer: Some(DocCustomer {
            name: "Zoë Müller".into(),
            phone: Some("+33 6 12 34 56 78".into()),
            email: Some("zoe@example.com".into()),
            address_lines: vec!["3 Avenue Foch".into(), "69006 Lyon".into()],
        }),
        shipping_address: Some(vec![
            "Zoë Müller".into(),
            "Entrepôt 7, Quai Rambaud".into(),
            "69002 Lyon".into(),
        ]),
        lines,
        tax_breakdown: t.tax_breakdown,
        subtotal_minor: t.subtotal_minor,
        tax_minor: t.tax_minor,
        total_minor: t.total_minor,
        paid_minor: paid,
        balance_minor: t.total_minor - paid,
        payments: vec![DocPayment {
            method: "card".into(),
            amount_minor: paid,
            reference: Some("AUTH-778812".into()),
            at: Utc
                .with_ymd_and_hms(2026, 11, 25, 14, 5, 0)
                .single()
                .expect("date"),
            change_minor: 0,
            rounding_minor: 0,
        }],
        currency: DocCurrency {
            code: "EUR".into(),
            exponent: 2,
        },
        part: None,
        due_date: None,
        order_type: String::new(),
        answers: Vec::new(),
        issue: None,
        copy: false,
    }
}

/// Money as the documents of the fixture's en-US shop print it (thousands
/// grouped with commas), for assertions.
pub fn money(minor: i64) -> String {
    let whole = minor / 100;
    let whole = match whole >= 1000 {
        true => format!("{},{:03}", whole / 1000, whole % 1000),
        false => whole.to_string(),
    };
    format!("{whole}.{:02}", minor % 100)
}

/// `pdftotext -layout` of a PDF, one string per page.
pub fn pdf_pages(pdf: &[u8], dir: &Path, name: &str) -> Vec<String> {
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).expect("write pdf");
    let output = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(output.status.success(), "pdftotext failed: {output:?}");
    let text = String::from_utf8(output.stdout).expect("utf-8");
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The value of a `pdfinfo` field.
pub fn pdf_info(pdf: &[u8], dir: &Path, name: &str, field: &str) -> String {
    let path = dir.join(format!("{name}-info.pdf"));
    std::fs::write(&path, pdf).expect("write pdf");
    let output = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}
