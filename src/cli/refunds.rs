//! `order refund` and `order void`: money back without goods, and the
//! same-day mistake undone whole.

use chrono::{DateTime, Utc};
use tillflow::error::Result;
use tillflow::payments::{RefundInput, RefundTo};
use tillflow::staff::Actor;
use tillflow::till::{RefundResult, RefundView};
use tillflow::Till;

use super::output::Out;

/// `order refund` as typed: amount, destination (`--to`, or
/// `--store-credit`), reason, and whether only to preview it.
pub struct RefundArgs<'a> {
    pub amount: &'a str,
    pub to: Option<&'a str>,
    pub store_credit: bool,
    pub reason: String,
    pub preview: bool,
}

/// Refunds (or, with `preview`, shows how the refund would be paid out).
pub async fn refund(
    till: &Till,
    number: &str,
    args: RefundArgs<'_>,
    actor: &Actor,
    now: DateTime<Utc>,
    out: &Out,
) -> Result<()> {
    let currency = &till.snapshot()?.currency;
    let to = match (args.store_credit, args.to) {
        (true, _) => RefundTo::StoreCredit,
        (false, Some(t)) => RefundTo::parse(t)?,
        (false, None) => RefundTo::Original,
    };
    let input = RefundInput {
        amount: currency.to_decimal(currency.parse(args.amount, "amount")?),
        to,
        reason: args.reason,
    };
    if args.preview {
        let p = till.preview_refund(number, &input).await?;
        let text = format!(
            "Order {number}: refund {} ({}); cash out {}; balance after {}",
            p.refund,
            split(&p.refunds),
            p.cash_out,
            p.balance
        );
        out.message(&p, &text);
        return Ok(());
    }
    let r = till.refund(number, &input, actor, now).await?;
    show(number, &r, out);
    Ok(())
}

/// Voids the order: canceled, everything it holds refunded.
pub async fn void(
    till: &Till,
    number: &str,
    reason: &str,
    actor: &Actor,
    now: DateTime<Utc>,
    out: &Out,
) -> Result<()> {
    let r = till.void(number, reason, actor, now).await?;
    show(number, &r, out);
    Ok(())
}

fn split(refunds: &[RefundView]) -> String {
    let parts: Vec<String> = refunds
        .iter()
        .map(|r| format!("{} to {}", r.amount, r.method))
        .collect();
    match parts.is_empty() {
        true => "nothing paid".to_string(),
        false => parts.join(", "),
    }
}

fn show(number: &str, r: &RefundResult, out: &Out) {
    let text = format!(
        "Order {number}: refunded {} ({}); paid {}, balance {}\nStatus: {} / {}",
        r.refund,
        split(&r.refunds),
        r.paid,
        r.balance,
        r.result.stage,
        r.result.status
    );
    out.message(r, &text);
}
