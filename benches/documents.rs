//! Rendering speed of documents: target ≤ 5 ms for a 20-line invoice.
//! `cargo bench --bench documents`

use std::hint::black_box;

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use tillflow::documents::{
    render_invoice, render_packing_slip, render_receipt, render_receipt_escpos, DocCurrency,
    DocCustomer, DocLine, DocPayment, DocumentModel, DocumentSettings, ShopHeader, TaxBreakdownRow,
};

fn model(lines: usize) -> DocumentModel {
    let at = Utc
        .with_ymd_and_hms(2026, 11, 25, 14, 3, 0)
        .single()
        .unwrap_or_default();
    let lines: Vec<DocLine> = (0..lines)
        .map(|i| DocLine {
            name: format!("Crème brûlée tart, large — item #{i}"),
            sku: Some(format!("SKU-{i:04}")),
            qty: "2".into(),
            unit_price_minor: 1250 + i as i64,
            amount_minor: 2 * (1250 + i as i64),
            tax_rate: "20".into(),
            modifiers: Vec::new(),
            note: (i % 5 == 0).then(|| "Handle with care".to_string()),
            delivery_method: Some("pickup".into()),
            discount: None,
        })
        .collect();
    let net: i64 = lines.iter().map(|l| l.amount_minor).sum();
    let tax = net / 5;
    DocumentModel {
        shop: ShopHeader {
            name: "Blanchisserie Élégance".into(),
            address_lines: vec!["12 Rue de la Paix".into(), "75002 Paris".into()],
            tax_id: Some("FR12345678901".into()),
            footer: Some("Merci !".into()),
            logo: None,
            time_zone: "Europe/Paris".into(),
            locale: "fr-FR".into(),
        },
        order_number: "TF-1042".into(),
        created_at: at,
        customer: Some(DocCustomer {
            name: "Zoë Müller".into(),
            phone: Some("+33 6 12 34 56 78".into()),
            email: None,
            address_lines: vec!["3 Avenue Foch".into()],
        }),
        shipping_address: Some(vec!["3 Avenue Foch".into(), "69006 Lyon".into()]),
        lines,
        tax_breakdown: vec![TaxBreakdownRow {
            rate: "20".into(),
            net_minor: net,
            tax_minor: tax,
            gross_minor: net + tax,
        }],
        subtotal_minor: net,
        tax_minor: tax,
        total_minor: net + tax,
        paid_minor: 1000,
        balance_minor: net + tax - 1000,
        payments: vec![DocPayment {
            method: "card".into(),
            amount_minor: 1000,
            reference: None,
            at,
            change_minor: 0,
            rounding_minor: 0,
        }],
        currency: DocCurrency::default(),
        part: None,
        due_date: None,
        order_type: String::new(),
        answers: Vec::new(),
        issue: None,
        copy: false,
    }
}

fn documents(c: &mut Criterion) {
    let settings = DocumentSettings::default();
    let m20 = model(20);
    let m40 = model(40);
    // Parse the bundled font once, as the running app does.
    let _ = render_invoice(&m20, &settings);
    c.bench_function("invoice_20_lines", |b| {
        b.iter(|| render_invoice(black_box(&m20), &settings))
    });
    c.bench_function("invoice_40_lines", |b| {
        b.iter(|| render_invoice(black_box(&m40), &settings))
    });
    c.bench_function("packing_slip_20_lines", |b| {
        b.iter(|| render_packing_slip(black_box(&m20), &settings))
    });
    c.bench_function("receipt_pdf_20_lines", |b| {
        b.iter(|| render_receipt(black_box(&m20), &settings))
    });
    c.bench_function("receipt_escpos_20_lines", |b| {
        b.iter(|| render_receipt_escpos(black_box(&m20), &settings))
    });
}

criterion_group!(benches, documents);
criterion_main!(benches);
