//! The X / Z report as a document: one list of rows ([`report_rows`]) that
//! the 80 mm PDF, the A4 PDF and the ESC/POS bytes all print, like the
//! receipt.

use serde::{Deserialize, Serialize};

use super::escpos::rows_escpos;
use super::model::{shop_format, DocCurrency, ReceiptWidth, ShopHeader};
use super::pdf::PdfBuilder;
use super::receipt::{rows_on, rows_sheet, Row};
use super::DocumentError;
use crate::payments::report::TillReport;

/// A till report with what prints around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDocument {
    pub shop: ShopHeader,
    pub currency: DocCurrency,
    pub report: TillReport,
}

/// The paper a report prints on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReportPaper {
    A4,
    Receipt,
}

impl ReportDocument {
    /// "Z report 12" or "X report".
    pub fn title(&self) -> String {
        match self.report.z_number {
            Some(n) => format!("Z report {n}"),
            None => "X report".to_string(),
        }
    }
}

/// The rows of the report.
pub(crate) fn report_rows(doc: &ReportDocument) -> Vec<Row> {
    let f = shop_format(&doc.shop, &doc.currency);
    let r = &doc.report;
    let money = |minor: i64| f.number(minor);
    let signed = |minor: i64| {
        let sign = if minor > 0 { "+" } else { "" };
        format!("{sign}{}", f.number(minor))
    };
    let pair = |left: &str, right: String| Row::Pair {
        left: left.to_string(),
        right,
        bold: false,
        big: false,
    };
    let bold = |left: &str, right: String| Row::Pair {
        left: left.to_string(),
        right,
        bold: true,
        big: false,
    };
    let head = |text: &str| Row::Center {
        text: text.to_string(),
        bold: true,
        big: false,
    };
    let text = |text: String| Row::Text {
        text,
        indent: false,
    };
    let mut rows = vec![Row::Center {
        text: doc.shop.name.clone(),
        bold: true,
        big: true,
    }];
    for line in &doc.shop.address_lines {
        rows.push(Row::Center {
            text: line.clone(),
            bold: false,
            big: false,
        });
    }
    rows.push(Row::Rule);
    rows.push(Row::Center {
        text: doc.title(),
        bold: true,
        big: true,
    });
    if r.z_number.is_none() {
        rows.push(head("Snapshot - the session stays open"));
    }
    rows.push(text(format!("Till {}", r.session.till)));
    rows.push(text(format!(
        "Opened {} by {}",
        f.date_time(r.session.opened_at),
        r.session.opened_by
    )));
    let verb = if r.z_number.is_some() {
        "Closed"
    } else {
        "Taken"
    };
    rows.push(text(format!("{verb} {} by {}", f.date_time(r.at), r.actor)));
    rows.push(Row::Rule);
    rows.push(head("Sales"));
    rows.push(pair("Orders", r.orders.to_string()));
    rows.push(pair("Sales", money(r.sales)));
    rows.push(pair("Discounts", money(r.discounts)));
    rows.push(pair(
        &format!("Refunds ({})", r.refund_count),
        money(-r.refunds),
    ));
    rows.push(pair(
        &format!("Cancellations ({})", r.cancellations),
        money(r.canceled),
    ));
    rows.push(bold("Net", money(r.net)));
    for rate in &r.rates {
        rows.push(pair(
            &format!("Tax {}% on {}", rate.rate, money(rate.net)),
            money(rate.tax),
        ));
    }
    rows.push(Row::Rule);
    rows.push(head("Cash drawer"));
    let c = &r.cash;
    rows.push(pair("Float", money(c.float)));
    rows.push(pair("Cash taken", money(c.taken)));
    rows.push(pair("Change given", money(-c.change)));
    if c.rounding != 0 {
        rows.push(pair("  of which rounding", signed(c.rounding)));
    }
    rows.push(pair("Cash refunds", money(-c.refunds)));
    rows.push(pair("Pay-ins", money(c.pay_ins)));
    rows.push(pair("Pay-outs", money(-c.pay_outs)));
    rows.push(pair("Safe drops", money(-c.drops)));
    rows.push(pair("No-sale openings", c.no_sales.to_string()));
    rows.push(bold("Expected cash", money(c.expected)));
    rows.push(Row::Rule);
    rows.push(head("Tenders"));
    for t in &r.tenders {
        rows.push(bold(&t.label, String::new()));
        rows.push(pair("  Taken", money(t.taken)));
        if t.refunded != 0 {
            rows.push(pair("  Refunded", money(-t.refunded)));
        }
        rows.push(pair("  Expected", money(t.expected)));
        if let (Some(counted), Some(variance)) = (t.counted, t.variance) {
            rows.push(pair("  Counted", money(counted)));
            rows.push(bold("  Variance", signed(variance)));
        }
    }
    if !r.movements.is_empty() {
        rows.push(Row::Rule);
        rows.push(head("Cash movements"));
        for m in &r.movements {
            rows.push(pair(m.kind.label(), money(m.kind.signed(m.amount))));
            rows.push(Row::Text {
                text: format!("{} {}: {}", f.date_time(m.at), m.actor, m.reason),
                indent: true,
            });
        }
    }
    if !r.staff.is_empty() {
        rows.push(Row::Rule);
        rows.push(head("By staff"));
        for s in &r.staff {
            rows.push(pair(
                &format!("{} ({})", s.actor, s.payments),
                money(s.taken - s.refunded),
            ));
        }
    }
    rows.push(Row::Rule);
    rows.push(pair("Grand total before", money(r.grand_total_before)));
    rows.push(Row::Pair {
        left: "GRAND TOTAL".into(),
        right: f.money(r.grand_total),
        bold: true,
        big: false,
    });
    rows
}

/// Body rows per A4 page (10 pt lines between 20 mm margins, wrapping room).
const ROWS_PER_PAGE: usize = 48;

/// The report as a PDF on `paper`: one 80 mm roll, or A4 pages.
pub fn render_till_report(
    doc: &ReportDocument,
    paper: ReportPaper,
) -> Result<Vec<u8>, DocumentError> {
    let title = doc.title();
    let mut pdf = PdfBuilder::new(&title, &doc.shop.name, doc.report.at)?;
    let rows = report_rows(doc);
    match paper {
        ReportPaper::Receipt => {
            let (sheet, width, height) = rows_sheet(pdf.typeface, rows, ReceiptWidth::Mm80, None)?;
            pdf.push_page(width, height, sheet);
        }
        ReportPaper::A4 => {
            let pages: Vec<Vec<Row>> = rows.chunks(ROWS_PER_PAGE).map(<[Row]>::to_vec).collect();
            let count = pages.len();
            for (i, mut page) in pages.into_iter().enumerate() {
                if count > 1 {
                    page.push(Row::Center {
                        text: format!("{title} - page {} of {count}", i + 1),
                        bold: false,
                        big: false,
                    });
                }
                let (sheet, _, _) = rows_on(pdf.typeface, page, (210.0, 20.0, 10.0), None)?;
                pdf.push_page(210.0, 297.0, sheet);
            }
        }
    }
    pdf.finish()
}

/// The report as ESC/POS bytes for a thermal printer of `width`.
pub fn render_till_report_escpos(
    doc: &ReportDocument,
    width: ReceiptWidth,
) -> Result<Vec<u8>, DocumentError> {
    rows_escpos(report_rows(doc), width.escpos_columns())
}
