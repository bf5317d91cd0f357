//! Splitting an order's invoice into one invoice per delivery method.

use super::model::{DocLine, DocTotals, DocumentModel, DocumentPart};
use super::DocumentError;

/// Label of the group of lines that name no delivery method.
pub const NO_DELIVERY_METHOD: &str = "unspecified";

/// One invoice model per delivery method of `model`'s lines, in order of first
/// appearance. Lines without a method form their own group ([`NO_DELIVERY_METHOD`]).
///
/// `totals` computes the totals of a set of lines. INTEGRATION POINT: pass the
/// core's one totals function (`tillflow::orders::totals` adapted to
/// [`DocLine`]s); documents never do tax maths themselves.
///
/// The parts add up to the order: if per-document rounding makes the groups'
/// totals differ from `model.total_minor`, the difference (at most one minor
/// unit per group) is carried by the last part's tax; a larger difference is an
/// error. The order's payments are allocated to the parts in order, so each part
/// shows what of it is paid and what is still due.
pub fn split_by_delivery(
    model: &DocumentModel,
    totals: &dyn Fn(&[DocLine]) -> DocTotals,
) -> Result<Vec<DocumentModel>, DocumentError> {
    let mut groups: Vec<(String, Vec<DocLine>)> = Vec::new();
    for line in &model.lines {
        let key = line
            .delivery_method
            .clone()
            .unwrap_or_else(|| NO_DELIVERY_METHOD.to_string());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, lines)) => lines.push(line.clone()),
            None => groups.push((key, vec![line.clone()])),
        }
    }
    if groups.is_empty() {
        return Err(DocumentError::Invalid(format!(
            "order {} has no lines to split",
            model.order_number
        )));
    }

    let mut parts_totals: Vec<DocTotals> = groups.iter().map(|(_, lines)| totals(lines)).collect();
    let sum: i64 = parts_totals.iter().map(|t| t.total_minor).sum();
    let diff = model.total_minor - sum;
    if diff != 0 {
        let allowed = i64::try_from(groups.len()).unwrap_or(i64::MAX);
        if diff.abs() > allowed {
            return Err(DocumentError::Invalid(format!(
                "split totals add up to {sum}, order total is {}",
                model.total_minor
            )));
        }
        if let Some(last) = parts_totals.last_mut() {
            last.tax_minor += diff;
            last.total_minor += diff;
            if let Some(row) = last.tax_breakdown.iter_mut().max_by_key(|r| r.tax_minor) {
                row.tax_minor += diff;
                row.gross_minor += diff;
            }
        }
    }

    let count = groups.len();
    let mut unallocated = model.paid_minor;
    let mut parts = Vec::with_capacity(count);
    for (index, ((method, lines), part_totals)) in groups.into_iter().zip(parts_totals).enumerate()
    {
        let last = index + 1 == count;
        let paid = if last {
            unallocated
        } else {
            unallocated.clamp(0, part_totals.total_minor.max(0))
        };
        unallocated -= paid;
        parts.push(DocumentModel {
            lines,
            tax_breakdown: part_totals.tax_breakdown,
            subtotal_minor: part_totals.subtotal_minor,
            tax_minor: part_totals.tax_minor,
            total_minor: part_totals.total_minor,
            paid_minor: paid,
            balance_minor: part_totals.total_minor - paid,
            // Payments belong to the order; each part shows its allocated share only.
            payments: Vec::new(),
            part: Some(DocumentPart {
                delivery_method: method,
                index: index + 1,
                count,
            }),
            ..model.clone()
        });
    }
    Ok(parts)
}
