//! One invoice per delivery method, adding up to the order.

mod documents_fixture;

use documents_fixture::{model, money, pdf_pages, totals};
use tillflow::documents::{
    render_invoice, split_by_delivery, DocLine, DocTotals, DocumentError, DocumentSettings,
    NO_DELIVERY_METHOD,
};

#[test]
fn parts_per_method_add_up_to_the_order() {
    let m = model(9);
    let parts = split_by_delivery(&m, &totals).expect("split");
    let methods: Vec<&str> = parts
        .iter()
        .map(|p| p.part.as_ref().expect("part").delivery_method.as_str())
        .collect();
    assert_eq!(methods, ["pickup", "courier", "post"]);
    for part in &parts {
        let method = &part.part.as_ref().expect("part").delivery_method;
        assert_eq!(part.lines.len(), 3);
        assert!(part
            .lines
            .iter()
            .all(|l| l.delivery_method.as_ref() == Some(method)));
        assert_eq!(part.total_minor, part.subtotal_minor + part.tax_minor);
        assert_eq!(part.balance_minor, part.total_minor - part.paid_minor);
    }
    let sum = |f: fn(&tillflow::documents::DocumentModel) -> i64| parts.iter().map(f).sum::<i64>();
    assert_eq!(sum(|p| p.total_minor), m.total_minor);
    assert_eq!(sum(|p| p.subtotal_minor), m.subtotal_minor);
    assert_eq!(sum(|p| p.tax_minor), m.tax_minor);
    assert_eq!(sum(|p| p.paid_minor), m.paid_minor);
    assert_eq!(sum(|p| p.balance_minor), m.balance_minor);
    assert_eq!(
        parts.iter().map(|p| p.lines.len()).sum::<usize>(),
        m.lines.len()
    );

    // Each part renders as its own invoice that names its delivery method.
    let dir = tempfile::tempdir().expect("tempdir");
    for (i, part) in parts.iter().enumerate() {
        let pdf = render_invoice(part, &DocumentSettings::default()).expect("render");
        let page = &pdf_pages(&pdf, dir.path(), &format!("part{i}"))[0];
        let label = format!("Delivery: {} ({} of 3)", methods[i], i + 1);
        assert!(page.contains(&label), "{label}\n{page}");
        assert!(page.contains(&format!("€{}", money(part.total_minor))));
        for line in &part.lines {
            assert!(page.contains(line.sku.as_deref().unwrap_or_default()));
        }
        let others = m.lines.iter().filter(|l| !part.lines.contains(l));
        for line in others {
            assert!(!page.contains(line.sku.as_deref().unwrap_or_default()));
        }
    }
}

#[test]
fn lines_without_a_method_form_their_own_part() {
    let mut m = model(4);
    m.lines[1].delivery_method = None;
    let parts = split_by_delivery(&m, &totals).expect("split");
    let methods: Vec<String> = parts
        .iter()
        .map(|p| p.part.as_ref().expect("part").delivery_method.clone())
        .collect();
    assert_eq!(methods, ["pickup", NO_DELIVERY_METHOD, "post"]);
    assert_eq!(
        parts.iter().map(|p| p.total_minor).sum::<i64>(),
        m.total_minor
    );
}

#[test]
fn rounding_differences_are_reconciled_and_real_mismatches_refused() {
    let m = model(6);
    // Per-document rounding can leave a part a cent off: the last part absorbs it.
    let off_by_one = |lines: &[DocLine]| {
        let mut t = totals(lines);
        t.tax_minor += 1;
        t.total_minor += 1;
        t.tax_breakdown[0].tax_minor += 1;
        t.tax_breakdown[0].gross_minor += 1;
        t
    };
    let parts = split_by_delivery(&m, &off_by_one).expect("split");
    assert_eq!(
        parts.iter().map(|p| p.total_minor).sum::<i64>(),
        m.total_minor
    );
    let last = parts.last().expect("parts");
    assert_eq!(
        last.tax_minor,
        last.tax_breakdown.iter().map(|r| r.tax_minor).sum::<i64>()
    );

    let wrong = |_: &[DocLine]| DocTotals {
        subtotal_minor: 1,
        tax_minor: 0,
        total_minor: 1,
        tax_breakdown: Vec::new(),
    };
    assert!(matches!(
        split_by_delivery(&m, &wrong),
        Err(DocumentError::Invalid(_))
    ));

    let mut empty = model(1);
    empty.lines.clear();
    assert!(split_by_delivery(&empty, &totals).is_err());
}
