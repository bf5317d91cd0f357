//! Invoices, packing slips and receipts read back with `pdftotext -layout`.

mod documents_fixture;

use documents_fixture::{model, money, pdf_info, pdf_pages};
use tillflow::documents::{
    receipt_page_mm, render_invoice, render_packing_slip, render_receipt, render_tags,
    DocumentSettings, PaperSize, ReceiptWidth, TagSize,
};

fn settings() -> DocumentSettings {
    DocumentSettings::default()
}

/// Lines of `page` that contain `needle`.
fn lines_with<'a>(page: &'a str, needle: &str) -> Vec<&'a str> {
    page.lines().filter(|l| l.contains(needle)).collect()
}

#[test]
fn twenty_line_invoice_fits_one_page_with_all_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = model(20);
    let pdf = render_invoice(&m, &settings()).expect("render");
    let pages = pdf_pages(&pdf, dir.path(), "invoice20");
    assert_eq!(pages.len(), 1, "{pages:#?}");
    let page = &pages[0];
    assert!(page.contains("Page 1 of 1"));
    assert!(page.contains("INVOICE"));
    assert!(page.contains("Order TF-1042"));
    assert!(page.contains("Blanchisserie Élégance"));
    assert!(page.contains("Zoë Müller"));
    for line in &m.lines {
        let row = lines_with(page, &line.sku.clone().unwrap_or_default());
        assert_eq!(row.len(), 1, "one row for {}", line.name);
        assert!(row[0].contains(&money(line.amount_minor)), "{}", row[0]);
        assert!(row[0].contains(&money(line.unit_price_minor)), "{}", row[0]);
    }
    assert!(page.contains(&format!("€{}", money(m.subtotal_minor))));
    assert!(page.contains(&format!("€{}", money(m.tax_minor))));
    let total = lines_with(page, "Total");
    assert!(
        total
            .iter()
            .any(|l| l.contains(&format!("€{}", money(m.total_minor)))),
        "{total:?}"
    );
    let due = lines_with(page, "Balance due");
    assert!(due[0].contains(&format!("€{}", money(m.balance_minor))));
    for row in &m.tax_breakdown {
        let found = lines_with(page, &format!("{}%", row.rate));
        assert!(
            found.iter().any(|l| l.contains(&money(row.net_minor))
                && l.contains(&money(row.tax_minor))
                && l.contains(&money(row.gross_minor))),
            "breakdown {}: {found:?}",
            row.rate
        );
    }
    assert!(page.contains("AUTH-778812"));
    // Dates in the shop's time zone and locale (en-US): created 14:03 UTC,
    // paid 14:05 UTC, Paris.
    assert!(page.contains("Date 11/25/2026 3:03 PM"), "{page}");
    let paid = lines_with(page, "AUTH-778812");
    assert!(
        paid.iter()
            .any(|l| l.contains("11/25/2026 3:05 PM") && l.contains("card")),
        "{paid:?}"
    );
}

#[test]
fn forty_line_invoice_breaks_over_two_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = model(40);
    let pdf = render_invoice(&m, &settings()).expect("render");
    let pages = pdf_pages(&pdf, dir.path(), "invoice40");
    assert_eq!(pages.len(), 2);
    assert!(pages[0].contains("Page 1 of 2"));
    assert!(pages[1].contains("Page 2 of 2"));
    for page in &pages {
        // Header and column titles repeated on every page.
        assert!(page.contains("Blanchisserie Élégance"));
        assert!(page.contains("Order TF-1042"));
        assert!(page.contains("Unit price"));
    }
    // Every line exactly once, in order, and totals only on the last page.
    let mut last_page_of = Vec::new();
    for line in &m.lines {
        let sku = line.sku.clone().unwrap_or_default();
        let hits: Vec<usize> = (0..2).filter(|&p| pages[p].contains(&sku)).collect();
        assert_eq!(hits.len(), 1, "{sku} on pages {hits:?}");
        last_page_of.push(hits[0]);
    }
    assert!(last_page_of.windows(2).all(|w| w[0] <= w[1]));
    assert!(last_page_of.contains(&0) && last_page_of.contains(&1));
    assert!(!pages[0].contains("Balance due"));
    assert!(pages[1].contains(&format!("€{}", money(m.total_minor))));
    assert_eq!(pdf_info(&pdf, dir.path(), "invoice40", "Pages"), "2");
}

#[test]
fn right_aligned_amounts_line_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = model(12);
    let pdf = render_invoice(&m, &settings()).expect("render");
    let page = &pdf_pages(&pdf, dir.path(), "align")[0];
    // pdftotext -layout places text by position: right-aligned amounts end in the same column.
    let ends: Vec<usize> = m
        .lines
        .iter()
        .map(|l| {
            let row = lines_with(page, &l.sku.clone().unwrap_or_default())[0];
            row.trim_end().chars().count()
        })
        .collect();
    assert!(
        ends.windows(2).all(|w| w[0] == w[1]),
        "amount columns end at {ends:?}"
    );
}

#[test]
fn metadata_has_title_and_creation_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = render_invoice(&model(3), &settings()).expect("render");
    assert_eq!(
        pdf_info(&pdf, dir.path(), "meta", "Title"),
        "Invoice TF-1042"
    );
    assert_eq!(
        pdf_info(&pdf, dir.path(), "meta", "Author"),
        "Blanchisserie Élégance"
    );
    let created = pdf_info(&pdf, dir.path(), "meta", "CreationDate");
    assert!(created.contains("2026"), "CreationDate {created:?}");
    // The font is embedded and subset.
    let fonts = std::process::Command::new("pdffonts")
        .arg(dir.path().join("meta-info.pdf"))
        .output()
        .expect("pdffonts");
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(fonts.contains("DejaVuSans"), "{fonts}");
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "{fonts}"
    );
    assert!(pdf.len() < 120_000, "subset PDF is {} bytes", pdf.len());
}

#[test]
fn letter_paper_has_letter_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = DocumentSettings {
        paper: PaperSize::Letter,
        ..settings()
    };
    let pdf = render_invoice(&model(5), &s).expect("render");
    let size = pdf_info(&pdf, dir.path(), "letter", "Page size");
    assert!(size.starts_with("612 x 792"), "{size}");
}

#[test]
fn packing_slip_has_quantities_and_no_prices() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = model(10);
    let pdf = render_packing_slip(&m, &settings()).expect("render");
    let pages = pdf_pages(&pdf, dir.path(), "slip");
    assert_eq!(pages.len(), 1);
    let page = &pages[0];
    assert!(page.contains("PACKING SLIP"));
    assert!(page.contains("Entrepôt 7, Quai Rambaud"));
    assert!(page.contains("10 lines to pick"));
    for line in &m.lines {
        let row = lines_with(page, &line.sku.clone().unwrap_or_default());
        assert_eq!(row.len(), 1);
        assert!(row[0].trim_start().starts_with(&line.qty), "{}", row[0]);
        assert!(!row[0].contains(&money(line.amount_minor)), "{}", row[0]);
    }
    assert!(!page.contains("Unit price") && !page.contains("Total"));
    assert!(!page.contains(&money(m.total_minor)));
}

#[test]
fn receipts_grow_with_content_and_fit_the_paper() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (width, points) in [
        (ReceiptWidth::Mm80, "226.77"),
        (ReceiptWidth::Mm58, "164.4"),
    ] {
        let s = DocumentSettings {
            receipt_width: width,
            ..settings()
        };
        let short = render_receipt(&model(2), &s).expect("render");
        let long = render_receipt(&model(12), &s).expect("render");
        let short_size = pdf_info(&short, dir.path(), "short", "Page size");
        let long_size = pdf_info(&long, dir.path(), "long", "Page size");
        assert!(short_size.starts_with(points), "{short_size}");
        let height = |s: &str| -> f32 {
            s.split_whitespace()
                .nth(2)
                .and_then(|h| h.parse().ok())
                .expect("height")
        };
        assert!(height(&long_size) > height(&short_size) + 100.0);
        let m = model(12);
        let page = &pdf_pages(&long, dir.path(), "receipt")[0];
        assert_eq!(pdf_pages(&long, dir.path(), "receipt").len(), 1);
        assert!(page.contains("Receipt TF-1042"));
        // When it was paid, on the line under "Paid card", in the shop's zone.
        let paid = page
            .lines()
            .position(|l| l.contains("Paid card"))
            .expect("paid");
        let next = page.lines().nth(paid + 1).unwrap_or_default();
        assert!(next.contains("11/25/2026 3:05 PM"), "{page}");
        assert!(next.contains("AUTH-778812"), "{page}");
        assert!(
            page.contains(&format!("€{}", money(m.total_minor))),
            "{page}"
        );
        assert!(page.contains(&money(m.balance_minor)));
        for line in &m.lines {
            assert!(page.contains(&money(line.amount_minor)));
        }
    }
}

/// Writes sample documents to `$TILLFLOW_DOCS_OUT` (for looking at them with
/// `pdftoppm`); does nothing when the variable is not set.
#[test]
fn write_samples_when_asked() {
    let Some(dir) = std::env::var_os("TILLFLOW_DOCS_OUT") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("create output dir");
    let s = settings();
    let write = |name: &str, bytes: Vec<u8>| std::fs::write(dir.join(name), bytes).expect("write");
    write(
        "invoice-40-lines.pdf",
        render_invoice(&model(40), &s).expect("invoice"),
    );
    write(
        "invoice-20-lines.pdf",
        render_invoice(&model(20), &s).expect("invoice"),
    );
    write(
        "packing-slip.pdf",
        render_packing_slip(&model(12), &s).expect("slip"),
    );
    write(
        "receipt-80mm.pdf",
        render_receipt(&model(6), &s).expect("receipt"),
    );
    let s58 = DocumentSettings {
        receipt_width: ReceiptWidth::Mm58,
        ..settings()
    };
    write(
        "receipt-58mm.pdf",
        render_receipt(&model(6), &s58).expect("receipt"),
    );
}

/// `pdfimages -list` of `pdf` shows the 60 × 24 logo; the PDF is also
/// written to `$TILLFLOW_DOCS_OUT` as `<name>.pdf` when that is set.
fn assert_has_60_by_24_image(pdf: &[u8], dir: &std::path::Path, name: &str) {
    if let Some(out) = std::env::var_os("TILLFLOW_DOCS_OUT") {
        std::fs::write(std::path::Path::new(&out).join(format!("{name}.pdf")), pdf).expect("write");
    }
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).expect("write");
    let out = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&path)
        .output()
        .expect("pdfimages");
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        list.lines()
            .any(|l| l.contains(" 60 ") && l.contains(" 24 ")),
        "{name}: {list}"
    );
}

#[test]
fn shop_logo_is_embedded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut m = model(2);
    let (w, h) = (60u32, 24u32);
    let rgb8 = (0..w * h)
        .flat_map(|i| {
            let x = (i % w) as u8;
            [x.wrapping_mul(4), 90, 200 - x]
        })
        .collect();
    m.shop.logo = Some(tillflow::documents::ShopLogo {
        width_px: w,
        height_px: h,
        rgb8,
    });
    let pdf = render_invoice(&m, &settings()).expect("render");
    assert_has_60_by_24_image(&pdf, dir.path(), "invoice-logo");
    // The shop name moves right of the logo but is still there.
    assert!(pdf_pages(&pdf, dir.path(), "logo")[0].contains("Blanchisserie Élégance"));

    // The receipt prints it too, above the shop's name, and grows by it.
    let plain = {
        let mut p = m.clone();
        p.shop.logo = None;
        receipt_page_mm(&p, &settings()).expect("size").1
    };
    let receipt = render_receipt(&m, &settings()).expect("receipt");
    assert_has_60_by_24_image(&receipt, dir.path(), "receipt-logo");
    let tall = receipt_page_mm(&m, &settings()).expect("size").1;
    assert!(tall > plain + 10.0, "{plain} → {tall} mm");
    assert!(pdf_pages(&receipt, dir.path(), "logo-receipt")[0].contains("Blanchisserie Élégance"));

    // A logo whose pixels don't match its size is left out, not an error.
    m.shop.logo = Some(tillflow::documents::ShopLogo {
        width_px: 10,
        height_px: 10,
        rgb8: vec![0; 5],
    });
    assert!(render_invoice(&m, &settings()).is_ok());
}

#[test]
fn tag_pages_and_their_cups_media_follow_the_tag_size() {
    use tillflow::documents::DocumentKind;
    use tillflow::printing::{PrintJob, PrintSettings};
    let dir = tempfile::tempdir().expect("tempdir");
    let m = model(3); // 1 + 2 + 3 pieces
    let printing = PrintSettings {
        tag_printer: Some(tillflow::printing::ReceiptPrinter::System(Some(
            "Labels".into(),
        ))),
        ..PrintSettings::default()
    };
    for (size, page, media) in [
        (TagSize::default(), "144 x 108 pts", "Custom.50.8x38.1mm"),
        (
            TagSize::mm(50.8, Some(25.4)),
            "144 x 72 pts",
            "Custom.50.8x25.4mm",
        ),
        (
            TagSize::mm(57.0, Some(32.0)),
            "161.575 x 90.7087 pts",
            "Custom.57x32mm",
        ),
        (TagSize::mm(62.0, None), "175.748 x ", "Custom.62x"),
    ] {
        let s = DocumentSettings {
            tag_size: size,
            ..settings()
        };
        let pdf = render_tags(&m, &s).expect("tags");
        let name = format!("tags-{}", size.width_mm);
        assert_eq!(pdf_info(&pdf, dir.path(), &name, "Pages"), "6");
        let read = pdf_info(&pdf, dir.path(), &name, "Page size");
        assert!(read.starts_with(page), "{size:?}: {read}");
        let job = PrintJob::for_document(DocumentKind::Tags, &m, &s, &printing).expect("job");
        let cups = job.media.expect("media").cups_media();
        assert!(cups.starts_with(media), "{size:?}: {cups}");
        // Every tag still carries its count and the order number.
        let pages = pdf_pages(&pdf, dir.path(), &name);
        for (i, page) in pages.iter().enumerate() {
            assert!(page.contains(&format!("{} of 6", i + 1)), "{page}");
            assert!(page.contains("TF-1042"), "{page}");
        }
    }
}
