//! Intake: runs the answers of an order type's Action Wizard through
//! validation and prices the lines. Pure: nothing is written here.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};

use super::discount::{apply_code, CODE_FIELD};
use super::totals::{compute, line_amount, Pricing, Totals};
use super::{CustomerInput, Line, LineInput, Modifier, OrderInput, PaymentInput};
use crate::error::{Error, Result};
use crate::limits::{
    check_count, check_opt, check_text, Lines, CODE_CHARS, MAX_LINES, MAX_MODIFIERS, MAX_PAYMENTS,
    NAME_CHARS, NOTE_CHARS, TEXT_CHARS,
};
use crate::money::{check_quantity, check_tax_rate, parse_decimal, Currency};
use crate::settings::{Field, FieldKind, OrderType, Settings, Wizard};

/// A validated order, ready to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewOrder {
    pub order_type: String,
    pub customer: Option<CustomerInput>,
    pub fields: Map<String, Value>,
    pub lines: Vec<Line>,
    pub payments: Vec<(String, i64, Option<String>)>,
    pub totals: Totals,
    pub due_date: Option<NaiveDate>,
}

pub fn pricing(settings: &Settings) -> Pricing {
    Pricing {
        prices_include_tax: settings.shop.prices_include_tax,
        rounding: settings.shop.tax_rounding,
    }
}

/// One thing wrong with the input, named by its field (`due_date`,
/// `customer.phone`, `lines[0].qty`, `payments[1].amount`…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    /// The field error of an `invalid` error; any other error stays an error.
    pub(crate) fn from_error(e: Error) -> Result<FieldError> {
        match e {
            Error::Invalid { field, message } => Ok(FieldError { field, message }),
            other => Err(other),
        }
    }
}

/// The input checked as far as it goes: what is valid, priced, and every
/// field error (in the order `prepare` reports them).
#[derive(Debug, Clone, PartialEq)]
pub struct Intake {
    pub order_type: String,
    pub customer: Option<CustomerInput>,
    pub fields: Map<String, Value>,
    /// Each input line priced, or `None` when it has an error.
    pub lines: Vec<Option<Line>>,
    /// Each payment checked, or `None` when it has an error.
    pub payments: Vec<Option<(String, i64, Option<String>)>>,
    /// Totals of the valid lines.
    pub totals: Totals,
    pub due_date: Option<NaiveDate>,
    /// The discount code applied: as the shop wrote it, and what it took off.
    pub code: Option<(String, i64)>,
    pub errors: Vec<FieldError>,
}

impl Intake {
    /// What the valid payments add up to.
    pub fn paid(&self) -> i64 {
        self.payments.iter().flatten().map(|p| p.1).sum()
    }
}

/// Validates wizard answers against the order type's wizard and prices
/// them; refuses the input at its first field error.
pub fn prepare(settings: &Settings, input: &OrderInput, today: NaiveDate) -> Result<NewOrder> {
    let intake = check_order(settings, input, today)?;
    if let Some(e) = intake.errors.into_iter().next() {
        return Err(Error::invalid(e.field, e.message));
    }
    Ok(NewOrder {
        order_type: intake.order_type,
        customer: intake.customer,
        fields: intake.fields,
        lines: intake.lines.into_iter().flatten().collect(),
        payments: intake.payments.into_iter().flatten().collect(),
        totals: intake.totals,
        due_date: intake.due_date,
    })
}

/// Checks every answer, line and payment of the input and prices what is
/// valid, collecting every field error instead of stopping at the first
/// (the POS preview shows them all). `Err` only when the input cannot be
/// checked at all: no such order type, or its wizard is missing.
pub fn check_order(settings: &Settings, input: &OrderInput, today: NaiveDate) -> Result<Intake> {
    let ot = settings
        .order_type(&input.order_type)
        .ok_or_else(|| Error::invalid("type", format!("no order type '{}'", input.order_type)))?;
    let wizard = settings
        .wizard(&ot.wizard)
        .ok_or_else(|| Error::not_found("wizard", &ot.wizard))?;
    let currency = settings.currency()?;
    let wizard_fields: Vec<&Field> = wizard.steps.iter().flat_map(|s| s.fields.iter()).collect();
    let mut errors = Vec::new();
    let mut keep = |e: Error| -> Result<()> {
        errors.push(FieldError::from_error(e)?);
        Ok(())
    };

    let fields = check_fields(wizard, &wizard_fields, &input.fields, &currency, &mut keep)?;

    let given = input.customer.as_ref().filter(|c| !customer_is_empty(c));
    let customer_field = wizard_fields.iter().find(|f| f.kind == FieldKind::Customer);
    let customer_key = customer_field.map_or("customer", |f| f.key.as_str());
    if let (Some(f), None) = (customer_field, given) {
        if f.required {
            keep(Error::invalid(
                f.key.as_str(),
                format!("Choose or add a customer ({} is required)", f.label()),
            ))?;
        }
    }
    let customer = match given.map(|c| check_customer(c, customer_key)) {
        Some(Ok(c)) => Some(c),
        Some(Err(e)) => {
            keep(e)?;
            None
        }
        None => None,
    };

    match wizard_fields.iter().find(|f| f.kind == FieldKind::Lines) {
        Some(f) if f.required && input.lines.is_empty() => keep(Error::invalid(
            f.key.as_str(),
            format!("{} needs at least one line", f.label()),
        ))?,
        None if !input.lines.is_empty() => keep(Error::invalid(
            "lines",
            format!("wizard '{}' has no line-item entry", wizard.key),
        ))?,
        _ => {}
    }
    // Too many lines or payments: said once, and none of them priced.
    let too_many_lines = check_count(input.lines.len(), "lines", MAX_LINES, "lines");
    let too_many_payments = check_count(input.payments.len(), "payments", MAX_PAYMENTS, "payments");
    let line_inputs = match too_many_lines {
        Ok(()) => &input.lines[..],
        Err(e) => {
            keep(e)?;
            &[]
        }
    };
    let payment_inputs = match too_many_payments {
        Ok(()) => &input.payments[..],
        Err(e) => {
            keep(e)?;
            &[]
        }
    };
    let mut lines = Vec::with_capacity(line_inputs.len());
    for (i, l) in line_inputs.iter().enumerate() {
        match price_line(settings, &currency, l, i).and_then(|line| offered(settings, ot, line, i))
        {
            Ok(line) => lines.push(Some(line)),
            Err(e) => {
                keep(e)?;
                lines.push(None);
            }
        }
    }
    let mut totals = match compute(
        &lines.iter().flatten().map(Line::priced).collect::<Vec<_>>(),
        pricing(settings),
    ) {
        Ok(t) => t,
        Err(e) => {
            // Each line is inside the bound (checked when priced): only
            // their sum can be beyond it.
            keep(match e {
                Error::Invalid { message, .. } => Error::invalid("total", message),
                other => other,
            })?;
            Totals::default()
        }
    };
    for (line, t) in lines.iter_mut().flatten().zip(&totals.lines) {
        line.amount = t.amount;
        line.tax = t.tax;
    }
    // A discount code, once every line is priced: the whole order's discount.
    let typed = input.discount_code.as_deref().map(str::trim);
    let mut code = None;
    if let Some(typed) = typed.filter(|t| !t.is_empty()) {
        let priced: Option<Vec<Line>> = lines.iter().cloned().collect();
        if let Some(priced) = priced {
            let applied = check_text(typed, CODE_FIELD, CODE_CHARS, Lines::One).and_then(|()| {
                apply_code(
                    &settings.discount_codes,
                    typed,
                    today,
                    &priced,
                    &currency,
                    pricing(settings),
                )
            });
            match applied {
                Ok((name, plan)) => {
                    lines = plan.lines.into_iter().map(Some).collect();
                    totals = plan.totals;
                    code = Some((name, plan.taken));
                }
                Err(e) => keep(e)?,
            }
        }
    }

    let mut payments = Vec::with_capacity(payment_inputs.len());
    for (i, p) in payment_inputs.iter().enumerate() {
        match check_payment(&currency, p, &format!("payments[{i}]")) {
            Ok(p) => payments.push(Some(p)),
            Err(e) => {
                keep(e)?;
                payments.push(None);
            }
        }
    }

    let due_date = super::due_date(wizard, &fields);

    Ok(Intake {
        order_type: ot.key.clone(),
        customer,
        fields,
        lines,
        payments,
        totals,
        due_date,
        code,
        errors,
    })
}

fn customer_is_empty(c: &CustomerInput) -> bool {
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|v| v.trim().is_empty());
    c.id.is_none() && blank(&c.name) && blank(&c.phone) && blank(&c.email)
}

/// The rules of a customer's details (intake, and the customer page's
/// edit): trimmed, lengths, phone and e-mail; errors name `{field}.name`…
pub fn check_customer(c: &CustomerInput, field: &str) -> Result<CustomerInput> {
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(String::from)
    };
    let out = CustomerInput {
        id: c.id,
        name: clean(&c.name),
        phone: clean(&c.phone),
        email: clean(&c.email),
        address: clean(&c.address),
    };
    check_opt(
        out.name.as_deref(),
        &format!("{field}.name"),
        NAME_CHARS,
        Lines::One,
    )?;
    check_opt(
        out.address.as_deref(),
        &format!("{field}.address"),
        NOTE_CHARS,
        Lines::Many,
    )?;
    if out.id.is_none() && out.name.is_none() {
        return Err(Error::invalid(
            format!("{field}.name"),
            "a new customer needs a name",
        ));
    }
    if let Some(phone) = &out.phone {
        if let Some(problem) = super::contact::phone_problem(phone) {
            return Err(Error::invalid(
                format!("{field}.phone"),
                format!(
                    "{} is not a phone number ({problem})",
                    crate::error::quoted(phone)
                ),
            ));
        }
    }
    if let Some(email) = &out.email {
        if let Some(problem) = super::contact::email_problem(email) {
            return Err(Error::invalid(
                format!("{field}.email"),
                format!("{} {problem}", crate::error::quoted(email)),
            ));
        }
    }
    Ok(out)
}

fn check_fields(
    wizard: &Wizard,
    wizard_fields: &[&Field],
    answers: &Map<String, Value>,
    currency: &Currency,
    keep: &mut impl FnMut(Error) -> Result<()>,
) -> Result<Map<String, Value>> {
    for key in answers.keys() {
        if !wizard_fields.iter().any(|f| &f.key == key) {
            keep(Error::invalid(
                format!("fields.{key}"),
                format!("not a field of wizard '{}'", wizard.name),
            ))?;
        }
    }
    let mut out = Map::new();
    for f in wizard_fields {
        if matches!(f.kind, FieldKind::Customer | FieldKind::Lines) {
            continue;
        }
        match check_field(f, answers.get(&f.key), currency) {
            Ok(Some(v)) => {
                out.insert(f.key.clone(), v);
            }
            Ok(None) if f.required => keep(Error::invalid(
                f.key.as_str(),
                format!("{} is required", f.label()),
            ))?,
            Ok(None) => {}
            Err(e) => keep(e)?,
        }
    }
    Ok(out)
}

/// Checks one answer; `None` when the answer is empty.
pub fn check_field(f: &Field, value: Option<&Value>, currency: &Currency) -> Result<Option<Value>> {
    let bad = |what: &str| Error::invalid(f.key.as_str(), format!("{} {what}", f.label()));
    let text = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Value::String(s)) => Some(s.trim().to_string()),
        _ => None,
    };
    let v = match f.kind {
        FieldKind::Text | FieldKind::LongText => {
            let t = text.ok_or_else(|| bad("must be text"))?;
            match f.kind {
                FieldKind::Text => check_text(&t, &f.key, TEXT_CHARS, Lines::One)?,
                _ => check_text(&t, &f.key, NOTE_CHARS, Lines::Many)?,
            }
            Value::String(t)
        }
        FieldKind::Number => {
            let t = text
                .or_else(|| value.and_then(Value::as_i64).map(|n| n.to_string()))
                .ok_or_else(|| bad("must be a number"))?;
            let d: Decimal = parse_decimal(&t, &f.key).map_err(|_| bad("must be a number"))?;
            Value::String(d.normalize().to_string())
        }
        FieldKind::Money => {
            let t =
                text.ok_or_else(|| bad(&format!("must be an amount like {}", currency.example())))?;
            let minor = currency.parse(&t, &f.key)?;
            Value::String(currency.format(minor))
        }
        FieldKind::Date => {
            let t = text.ok_or_else(|| bad("must be a date YYYY-MM-DD"))?;
            NaiveDate::parse_from_str(&t, "%Y-%m-%d")
                .map_err(|_| bad("must be a date YYYY-MM-DD"))?;
            Value::String(t)
        }
        FieldKind::Choice => {
            let t = text.ok_or_else(|| bad("must be one of the options"))?;
            if !f.options.contains(&t) {
                return Err(bad(&format!("must be one of: {}", f.options.join(", "))));
            }
            Value::String(t)
        }
        FieldKind::Checkbox => match value {
            Some(Value::Bool(true)) => Value::Bool(true),
            Some(Value::Bool(false)) => return Ok(None),
            _ => return Err(bad("must be true or false")),
        },
        FieldKind::Customer | FieldKind::Lines => return Ok(None),
    };
    Ok(Some(v))
}

/// A catalogue line of a new order must be an item its order type offers
/// ([`OrderType::offers`]: active, in its categories); orders taken before
/// keep what they have.
fn offered(settings: &Settings, ot: &OrderType, line: Line, i: usize) -> Result<Line> {
    match line.sku.as_deref().and_then(|sku| settings.item(sku)) {
        Some(item) if !ot.offers(item) => Err(Error::invalid(
            format!("lines[{i}].sku"),
            format!(
                "'{}' is not offered for {} orders ({})",
                item.name,
                ot.name,
                if item.active {
                    "not in its categories"
                } else {
                    "inactive"
                }
            ),
        )),
        _ => Ok(line),
    }
}

pub(crate) fn price_line(
    settings: &Settings,
    currency: &Currency,
    l: &LineInput,
    i: usize,
) -> Result<Line> {
    let at = |f: &str| format!("lines[{i}].{f}");
    check_opt(l.sku.as_deref(), &at("sku"), CODE_CHARS, Lines::One)?;
    check_opt(l.name.as_deref(), &at("name"), NAME_CHARS, Lines::One)?;
    check_opt(l.note.as_deref(), &at("note"), NOTE_CHARS, Lines::Many)?;
    check_opt(
        l.delivery_method.as_deref(),
        &at("delivery_method"),
        CODE_CHARS,
        Lines::One,
    )?;
    check_count(
        l.modifiers.len(),
        &at("modifiers"),
        MAX_MODIFIERS,
        "modifiers",
    )?;
    for m in &l.modifiers {
        check_text(&m.name, &at("modifiers"), NAME_CHARS, Lines::One)?;
    }
    let item = match l.sku.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(sku) => {
            let found = settings.item(sku);
            if found.is_none() && (l.unit_price.is_none() || l.name.is_none()) {
                return Err(Error::invalid(
                    at("sku"),
                    format!("no catalogue item '{sku}'; give a name and unit price for a free-text line"),
                ));
            }
            found
        }
        None => None,
    };
    let name = l
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(String::from)
        .or_else(|| item.map(|it| it.name.clone()))
        .ok_or_else(|| Error::invalid(at("name"), "a line needs an item or a name"))?;
    let qty = check_quantity(l.qty, &at("qty"))?;
    let unit_price = match (l.unit_price, item) {
        (Some(p), _) => currency.to_minor(p, &at("unit_price"))?,
        (None, Some(it)) => currency.to_minor(it.price, &at("unit_price"))?,
        (None, None) => {
            return Err(Error::invalid(
                at("unit_price"),
                "a free-text line needs a unit price",
            ))
        }
    };
    if unit_price < 0 {
        return Err(Error::invalid(
            at("unit_price"),
            "a unit price cannot be negative",
        ));
    }
    let tax_rate = match (l.tax_rate, item) {
        (Some(r), _) => r,
        (None, Some(it)) => it.tax_rate,
        (None, None) => {
            return Err(Error::invalid(
                at("tax_rate"),
                "a free-text line needs a tax rate",
            ))
        }
    };
    let tax_rate = check_tax_rate(tax_rate, &at("tax_rate"))?;
    let modifiers = l
        .modifiers
        .iter()
        .map(|m| {
            let known = item.and_then(|it| it.modifiers.iter().find(|x| x.name == m.name));
            let price = match (m.price, known) {
                (Some(p), _) => p,
                (None, Some(k)) => k.price,
                (None, None) => {
                    return Err(Error::invalid(
                        at("modifiers"),
                        format!("modifier '{}' needs a price", m.name),
                    ))
                }
            };
            Ok(Modifier {
                name: m.name.clone(),
                price: currency.to_minor(price, &at("modifiers"))?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let beyond = || {
        Error::invalid(
            format!("lines[{i}]"),
            format!(
                "{} × the price with modifiers is beyond the largest amount, {}",
                qty,
                currency.format(crate::money::MAX_MINOR)
            ),
        )
    };
    let adjust = modifiers
        .iter()
        .try_fold(0i64, |sum, m| sum.checked_add(m.price))
        .ok_or_else(beyond)?;
    if unit_price.checked_add(adjust).ok_or_else(beyond)? < 0 {
        return Err(Error::invalid(
            at("modifiers"),
            "modifiers make the price negative",
        ));
    }
    line_amount(qty, unit_price, adjust).ok_or_else(beyond)?;
    Ok(Line {
        sku: item.map(|it| it.sku.clone()).or(l.sku.clone()),
        name,
        qty,
        unit_price,
        modifiers,
        tax_rate,
        note: l.note.clone().filter(|n| !n.trim().is_empty()),
        delivery_method: l.delivery_method.clone().filter(|n| !n.trim().is_empty()),
        amount: 0,
        tax: 0,
        discount: None,
        discount_reason: None,
    })
}

/// Validates a payment: method, positive amount in the currency, and a
/// reference that is never a card number.
pub fn check_payment(
    currency: &Currency,
    p: &PaymentInput,
    at: &str,
) -> Result<(String, i64, Option<String>)> {
    let method = crate::payments::check_method(&p.method, &format!("{at}.method"))?.to_string();
    let amount = currency.to_minor(p.amount, &format!("{at}.amount"))?;
    if amount <= 0 {
        return Err(Error::invalid(
            format!("{at}.amount"),
            "a payment must be greater than zero",
        ));
    }
    let reference = p
        .reference
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    check_opt(
        reference,
        &format!("{at}.reference"),
        CODE_CHARS,
        Lines::One,
    )?;
    if let Some(r) = reference {
        if looks_like_card_number(r) {
            return Err(Error::invalid(
                format!("{at}.reference"),
                "looks like a card number; store only the terminal's transaction reference",
            ));
        }
    }
    Ok((method, amount, reference.map(String::from)))
}

/// 13–19 digits (spaces and dashes ignored) passing the Luhn check.
fn looks_like_card_number(text: &str) -> bool {
    let digits: Vec<u32> = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| c.to_digit(10))
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default();
    if !(13..=19).contains(&digits.len()) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}
