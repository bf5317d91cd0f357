//! Documents of unusual orders: empty, minimal, huge, long names.

mod documents_fixture;

use documents_fixture::{model, pdf_pages};
use tillflow::documents::{
    render_invoice, render_packing_slip, render_receipt, render_receipt_escpos, DocumentSettings,
};

#[test]
fn minimal_order_renders_everything() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut m = model(1);
    m.lines.clear();
    m.customer = None;
    m.shipping_address = None;
    m.payments.clear();
    m.tax_breakdown.clear();
    m.shop.footer = None;
    m.shop.tax_id = None;
    m.shop.address_lines.clear();
    (
        m.subtotal_minor,
        m.tax_minor,
        m.total_minor,
        m.paid_minor,
        m.balance_minor,
    ) = (0, 0, 0, 0, 0);
    let s = DocumentSettings {
        order_qr: false,
        ..DocumentSettings::default()
    };
    let invoice = render_invoice(&m, &s).expect("invoice");
    let pages = pdf_pages(&invoice, dir.path(), "min");
    assert_eq!(pages.len(), 1);
    assert!(pages[0].contains("Page 1 of 1") && pages[0].contains("€0.00"));
    render_packing_slip(&m, &s).expect("slip");
    render_receipt(&m, &s).expect("receipt");
    render_receipt_escpos(&m, &s).expect("escpos");
}

#[test]
fn long_item_names_wrap_inside_their_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut m = model(2);
    m.lines[0].name = "Extraordinarily long description of a hand-finished wedding dress with \
                       lace sleeves, silk lining and pearl buttons needing special care"
        .to_string();
    let pdf = render_invoice(&m, &DocumentSettings::default()).expect("render");
    let page = &pdf_pages(&pdf, dir.path(), "long")[0];
    let first = page
        .lines()
        .find(|l| l.contains("Extraordinarily"))
        .expect("first line of the name");
    assert!(
        first.contains("SKU-0001"),
        "the SKU stays on the first row: {first}"
    );
    assert!(
        page.contains("pearl"),
        "the name continues on following rows"
    );
    // The receipt wraps it too and keeps the paper width.
    let receipt = render_receipt(&m, &DocumentSettings::default()).expect("receipt");
    let text = &pdf_pages(&receipt, dir.path(), "long-receipt")[0];
    assert!(text.contains("Extraordinarily") && text.contains("pearl"));
}

#[test]
fn large_orders_number_every_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = model(150);
    let pdf = render_invoice(&m, &DocumentSettings::default()).expect("render");
    let pages = pdf_pages(&pdf, dir.path(), "big");
    let n = pages.len();
    assert!(n >= 4, "{n} pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of {n}", i + 1)));
        assert!(page.contains("Order TF-1042"));
    }
    let skus: usize = pages.iter().map(|p| p.matches("SKU-0").count()).sum();
    assert_eq!(skus, 150, "every line printed exactly once");
    let slip = render_packing_slip(&m, &DocumentSettings::default()).expect("slip");
    let slip_pages = pdf_pages(&slip, dir.path(), "big-slip");
    assert!(slip_pages
        .last()
        .is_some_and(|p| p.contains("150 lines to pick")));
}
