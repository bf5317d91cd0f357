//! `order edit` and `order discount`.

use chrono::{DateTime, Utc};
use tillflow::error::{Error, Result};
use tillflow::money::parse_decimal;
use tillflow::orders::discount::DiscountInput;
use tillflow::orders::edit::OrderEdit;
use tillflow::staff::Actor;
use tillflow::till::EditOutcome;
use tillflow::Till;

use super::output::Out;

/// Reads an edit (docs/cli.md) and applies it.
pub async fn edit(
    till: &Till,
    number: &str,
    text: &str,
    actor: &Actor,
    now: DateTime<Utc>,
    out: &Out,
) -> Result<()> {
    let edit: OrderEdit = serde_json::from_str(text)
        .map_err(|e| Error::invalid("input", format!("not a valid order edit: {e}")))?;
    let r = till.edit_order(number, &edit, actor, now).await?;
    show(&r, out);
    Ok(())
}

/// `order discount`: (percent, amount, line, reason) as typed.
pub async fn discount(
    till: &Till,
    number: &str,
    (percent, amount, line, reason): (Option<&str>, Option<&str>, Option<usize>, String),
    actor: &Actor,
    now: DateTime<Utc>,
    out: &Out,
) -> Result<()> {
    let input = DiscountInput {
        percent: percent.map(|p| parse_decimal(p, "percent")).transpose()?,
        amount: amount.map(|a| parse_decimal(a, "amount")).transpose()?,
        line,
        reason,
    };
    let r = till.give_discount(number, &input, actor, now).await?;
    show(&r, out);
    Ok(())
}

fn show(r: &EditOutcome, out: &Out) {
    let mut text = format!("Order {}:", r.number);
    for c in &r.changes {
        text.push_str(&format!("\n  {c}"));
    }
    text.push_str(&format!(
        "\nTotal {} → {} (tax {} → {}); balance {}",
        r.before.total, r.after.total, r.before.tax, r.after.tax, r.balance
    ));
    if let Some(res) = &r.result {
        text.push_str(&format!("\nStatus: {} / {}", res.stage, res.status));
    }
    out.message(r, &text);
}
