//! The preview of an order not created yet (the POS review step and every
//! wizard step): lines priced, totals, the deposit the order type requires,
//! what the payments entered cover, and every field error of the input.
//! Pure; the same checks and totals `create` runs.

use serde::Serialize;

use super::intake::{check_order, FieldError};
use super::OrderInput;
use crate::error::Result;
use crate::money::Currency;
use crate::payments::{intake_tenders, required_deposit};
use crate::settings::Settings;

/// Totals of a previewed order (decimal strings in the shop currency).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewTotals {
    pub subtotal: String,
    pub tax: String,
    pub total: String,
    /// What the valid payments entered add up to.
    pub paid: String,
    pub balance: String,
    /// The change cash above the total gives back ("0.00" when none).
    pub change: String,
}

/// What the order would be, computed by the core without writing anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrderPreview {
    /// Totals of the lines that are valid.
    pub totals: PreviewTotals,
    /// Each input line's amount, in input order (`null` for a line with an
    /// error, see `errors`).
    pub line_amounts: Vec<Option<String>>,
    /// The deposit the order type requires at creation ("0.00" without a
    /// rule), by the core's one rounding rule.
    pub deposit_required: String,
    /// What the payments entered still lack of that deposit ("0.00" when met).
    pub deposit_due: String,
    /// The order type's deposit rule, percent of the total (decimal string).
    pub deposit_percent: Option<String>,
    pub currency: String,
    /// Minor-unit digits of the currency (2 for EUR, 0 for JPY, 3 for BHD).
    pub currency_exponent: u32,
    /// Every field error of the input, in the order creating it would
    /// report them; empty when the input can be created as it is (stock and
    /// store credit are checked at creation).
    pub errors: Vec<FieldError>,
    /// The valid answers, labelled by the wizard, in its order (the review
    /// shows labels, never keys).
    pub answers: Vec<super::Answer>,
    /// The due date the answers give (the wizard's due-date field).
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub due_date: Option<chrono::NaiveDate>,
    /// The discount code applied, when the input gives a valid one (an
    /// invalid one is a field error on `discount_code`).
    pub discount: Option<PreviewDiscount>,
}

/// A discount code as the POS review shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewDiscount {
    /// The code as the shop wrote it.
    pub code: String,
    /// What it takes off the order, formatted in the currency.
    pub taken: String,
}

/// Previews `input` under `settings`. `Err` only when there is no such
/// order type (or its wizard is missing); field errors are in the preview.
pub fn preview(
    settings: &Settings,
    currency: &Currency,
    input: &OrderInput,
    today: chrono::NaiveDate,
) -> Result<OrderPreview> {
    let mut intake = check_order(settings, input, today)?;
    let f = |minor: i64| currency.format(minor);
    let total = intake.totals.total;
    let mut paid = intake.paid();
    let mut change = 0;
    let order_type = settings.order_type(&intake.order_type);
    let percent = order_type.and_then(|t| t.deposit_percent);
    let answers = super::answers(
        order_type.and_then(|t| settings.wizard(&t.wizard)),
        &intake.fields,
    );
    let deposit = required_deposit(percent, total);
    if intake.errors.is_empty() {
        let handed: Vec<(String, i64)> = intake
            .payments
            .iter()
            .flatten()
            .map(|p| (p.0.clone(), p.1))
            .collect();
        let coin = settings.shop.cash.coin(currency)?;
        match intake_tenders(percent, total, &handed, coin, currency) {
            Ok(tenders) => {
                paid = tenders.iter().map(|t| t.amount).sum();
                change = tenders.iter().map(|t| t.change).sum();
            }
            Err(e) => intake.errors.push(FieldError::from_error(e)?),
        }
    }
    let mut amounts = intake.totals.lines.iter();
    let line_amounts = intake
        .lines
        .iter()
        .map(|l| l.as_ref().and_then(|_| amounts.next()).map(|t| f(t.amount)))
        .collect();
    Ok(OrderPreview {
        totals: PreviewTotals {
            subtotal: f(intake.totals.subtotal),
            tax: f(intake.totals.tax),
            total: f(total),
            paid: f(paid),
            balance: f(total - paid),
            change: f(change),
        },
        line_amounts,
        deposit_required: f(deposit),
        deposit_due: f((deposit - paid).max(0)),
        deposit_percent: percent.map(|p| p.normalize().to_string()),
        currency: currency.code.clone(),
        currency_exponent: currency.exponent,
        discount: intake.code.map(|(code, taken)| PreviewDiscount {
            code,
            taken: f(taken),
        }),
        errors: intake.errors,
        answers,
        due_date: intake.due_date,
    })
}
