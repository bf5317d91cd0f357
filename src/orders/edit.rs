//! Order edits: the update wizard's answers, the customer, the due date and
//! the lines (add, change, remove) of a taken order, checked and re-priced
//! under the pricing the order was sold with. Pure: the till reads the
//! order, calls [`plan_edit`] and writes the plan in one transaction.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::intake::{check_customer, check_field, price_line};
use super::totals::{compute, Pricing, Totals};
use super::{Customer, CustomerInput, Line, LineInput, ModifierInput};
use crate::error::{Error, Result};
use crate::limits::{check_count, MAX_LINES};
use crate::money::Currency;
use crate::settings::{Field, FieldRole, Settings, Wizard};

/// What a person changes on an order (every key optional). Line indexes
/// are 0-based, as in `ship` and `return`, and name the lines as they are
/// before the edit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct OrderEdit {
    /// Answers of the update wizard (and the due date), by field key; an
    /// empty answer clears a field that is not required.
    #[serde(default)]
    #[cfg_attr(
        feature = "ts",
        ts(type = "Record<string, string | number | boolean | null>")
    )]
    pub fields: Map<String, Value>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub customer: Option<CustomerInput>,
    #[serde(default)]
    pub add_lines: Vec<LineInput>,
    #[serde(default)]
    pub change_lines: Vec<LineChange>,
    #[serde(default)]
    pub remove_lines: Vec<usize>,
}

/// A change to one line: only the keys given change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct LineChange {
    pub line: usize,
    #[serde(default, with = "crate::money::strict_option")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<String>"))]
    pub qty: Option<Decimal>,
    #[serde(default, with = "crate::money::strict_option")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<String>"))]
    pub unit_price: Option<Decimal>,
    /// The line's modifiers, replacing the ones it has.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub modifiers: Option<Vec<ModifierInput>>,
    /// The line's note; an empty note clears it.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub note: Option<String>,
}

/// The order as an edit sees it, read under the write lock.
#[derive(Debug, Clone)]
pub struct EditBase<'a> {
    pub wizard: &'a Wizard,
    pub fields: &'a Map<String, Value>,
    pub customer: Option<&'a Customer>,
    pub lines: &'a [Line],
    /// Per line: quantity shipped (or picked up) so far.
    pub shipped: Vec<Decimal>,
    /// Per line: quantity returned so far.
    pub returned: Vec<Decimal>,
    pub pricing: Pricing,
}

/// What the edit comes to: the order's new answers, customer, lines and
/// totals, and the difference in words (the audit row's text).
#[derive(Debug, Clone, PartialEq)]
pub struct EditPlan {
    pub fields: Map<String, Value>,
    pub due_date: Option<NaiveDate>,
    /// The new customer (`None`: unchanged).
    pub customer: Option<CustomerInput>,
    /// The lines after the edit: the kept ones in their order, then the added.
    pub lines: Vec<Line>,
    /// For each line after the edit, its index before (`None`: added).
    pub origin: Vec<Option<usize>>,
    /// Indexes (before the edit) of the removed lines, ascending.
    pub removed: Vec<usize>,
    pub totals: Totals,
    /// Before → after, one entry per field, customer and line changed.
    pub changes: Vec<String>,
}

impl EditPlan {
    /// The difference as one text ("Ready by: 2030-01-10 → 2030-02-01; …").
    pub fn summary(&self) -> String {
        self.changes.join("; ")
    }
}

/// What an edit screen offers for an order: the fields an edit may answer
/// (labelled, in order) and what each line keeps whatever the edit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EditForm {
    /// The update wizard's fields, then the due-date field when the update
    /// wizard does not ask it itself.
    pub fields: Vec<Field>,
    /// One per line of the order, in its order.
    pub lines: Vec<EditableLine>,
}

/// What an edit may do to one line.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EditableLine {
    pub line: usize,
    /// The least quantity it may have: what was shipped or returned ("0").
    pub min_qty: String,
    /// Why it cannot be removed ("shipped or picked up", "returned"); none
    /// when it can.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub kept_because: Option<String>,
    /// Its price and modifiers cannot change (returns were refunded at them).
    pub price_fixed: bool,
}

/// Why a line cannot be removed, or `None` when it can.
fn removal_blocked(shipped: Decimal, returned: Decimal) -> Option<&'static str> {
    if shipped > Decimal::ZERO {
        Some("shipped or picked up")
    } else if returned > Decimal::ZERO {
        Some("returned")
    } else {
        None
    }
}

/// The form of an edit of an order asked by `wizard`, whose lines have had
/// `shipped` and `returned` (per line) so far.
pub fn edit_form(wizard: &Wizard, shipped: &[Decimal], returned: &[Decimal]) -> EditForm {
    let mut fields = wizard.update_fields.clone();
    if let Some(due) = wizard.role_field(FieldRole::DueDate) {
        if !fields.iter().any(|f| f.key == due.key) {
            fields.push(due.clone());
        }
    }
    let lines = shipped
        .iter()
        .zip(returned)
        .enumerate()
        .map(|(line, (&s, &r))| EditableLine {
            line,
            min_qty: s.max(r).normalize().to_string(),
            kept_because: removal_blocked(s, r).map(str::to_string),
            price_fixed: r > Decimal::ZERO,
        })
        .collect();
    EditForm { fields, lines }
}

/// The fields an edit may answer: the update wizard's, and the due-date
/// field (whatever wizard step asks it).
fn editable<'w>(wizard: &'w Wizard, key: &str) -> Option<&'w Field> {
    wizard
        .update_fields
        .iter()
        .find(|f| f.key == key)
        .or_else(|| {
            wizard
                .role_field(FieldRole::DueDate)
                .filter(|f| f.key == key)
        })
}

fn shown(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "(none)".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(true)) => "Yes".into(),
        Some(other) => other.to_string(),
    }
}

/// A line as an input, keeping what it was sold at.
fn as_input(line: &Line, currency: &Currency) -> LineInput {
    LineInput {
        sku: line.sku.clone(),
        name: Some(line.name.clone()),
        qty: line.qty,
        unit_price: Some(currency.to_decimal(line.unit_price)),
        tax_rate: Some(line.tax_rate),
        modifiers: line
            .modifiers
            .iter()
            .map(|m| ModifierInput {
                name: m.name.clone(),
                price: Some(currency.to_decimal(m.price)),
            })
            .collect(),
        note: line.note.clone(),
        delivery_method: line.delivery_method.clone(),
    }
}

/// Checks an edit against the order and re-prices it; refuses it at its
/// first error (the field is named: `fields.due_date`, `change_lines[0].qty`,
/// `remove_lines[1]`…). An edit that changes nothing is refused.
pub fn plan_edit(settings: &Settings, base: &EditBase, edit: &OrderEdit) -> Result<EditPlan> {
    let currency = settings.currency()?;
    let mut changes = Vec::new();

    // Answers.
    let mut fields = base.fields.clone();
    for (key, value) in &edit.fields {
        let at = format!("fields.{key}");
        let f = editable(base.wizard, key).ok_or_else(|| {
            Error::invalid(
                at.as_str(),
                format!("not a field of the update wizard of '{}'", base.wizard.name),
            )
        })?;
        let checked = check_field(f, Some(value), &currency).map_err(|e| renamed(e, &at))?;
        if checked.is_none() && f.required {
            return Err(Error::invalid(at, format!("{} is required", f.label())));
        }
        let before = fields.get(key).cloned();
        if before == checked {
            continue;
        }
        changes.push(format!(
            "{}: {} → {}",
            f.label(),
            shown(before.as_ref()),
            shown(checked.as_ref())
        ));
        match checked {
            Some(v) => fields.insert(key.clone(), v),
            None => fields.remove(key),
        };
    }
    let due_date = super::due_date(base.wizard, &fields);

    // Customer.
    let customer = match edit.customer.as_ref() {
        Some(c) => {
            let c = check_customer(c, "customer")?;
            let same = base.customer.is_some_and(|b| {
                c.id == Some(b.id)
                    || (c.id.is_none()
                        && c.name.as_deref() == Some(b.name.as_str())
                        && c.phone == b.phone)
            });
            if same {
                None
            } else {
                let before = base
                    .customer
                    .map_or("(none)".to_string(), |b| b.name.clone());
                let after = c
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("customer #{}", c.id.unwrap_or_default()));
                changes.push(format!("Customer: {before} → {after}"));
                Some(c)
            }
        }
        None => None,
    };

    // Lines.
    let n = base.lines.len();
    let mut removed: Vec<usize> = Vec::new();
    for (i, &line) in edit.remove_lines.iter().enumerate() {
        let at = format!("remove_lines[{i}]");
        if line >= n {
            return Err(no_line(&at, line, n));
        }
        if removed.contains(&line) {
            return Err(Error::invalid(at, format!("line {line} is removed twice")));
        }
        if let Some(why) = removal_blocked(base.shipped[line], base.returned[line]) {
            return Err(Error::conflict(format!(
                "line {line} ({}) has been {why}: it cannot be removed",
                base.lines[line].name,
            )));
        }
        removed.push(line);
    }
    removed.sort_unstable();

    let mut lines: Vec<Line> = base.lines.to_vec();
    let mut touched = vec![false; n];
    for (i, c) in edit.change_lines.iter().enumerate() {
        let at = format!("change_lines[{i}]");
        if c.line >= n {
            return Err(no_line(&format!("{at}.line"), c.line, n));
        }
        if removed.contains(&c.line) {
            return Err(Error::invalid(
                format!("{at}.line"),
                format!("line {} is both changed and removed", c.line),
            ));
        }
        if touched[c.line] {
            return Err(Error::invalid(
                format!("{at}.line"),
                format!("line {} is changed twice", c.line),
            ));
        }
        touched[c.line] = true;
        let old = &base.lines[c.line];
        let mut input = as_input(old, &currency);
        if let Some(q) = c.qty {
            input.qty = q;
        }
        if let Some(p) = c.unit_price {
            input.unit_price = Some(p);
        }
        if let Some(m) = &c.modifiers {
            input.modifiers = m.clone();
        }
        if let Some(note) = &c.note {
            input.note = Some(note.clone());
        }
        let mut line =
            price_line(settings, &currency, &input, c.line).map_err(|e| renamed_line(e, &at))?;
        // The line keeps its discount (an amount shares out over a new quantity).
        line.discount = old.discount;
        line.discount_reason = old.discount_reason.clone();
        let floor = base.shipped[c.line].max(base.returned[c.line]);
        if line.qty < floor {
            return Err(Error::invalid(
                format!("{at}.qty"),
                format!(
                    "{} of line {} ({}) are already shipped or returned: the quantity cannot go below that",
                    floor.normalize(),
                    c.line,
                    old.name
                ),
            ));
        }
        let price_changed = line.unit_price != old.unit_price || line.modifiers != old.modifiers;
        if price_changed && base.returned[c.line] > Decimal::ZERO {
            return Err(Error::conflict(format!(
                "line {} ({}) has returns refunded at its price: its price cannot change",
                c.line, old.name
            )));
        }
        let diff = line_diff(old, &line, &currency);
        if !diff.is_empty() {
            changes.push(format!(
                "Line {} ({}): {}",
                c.line,
                old.name,
                diff.join(", ")
            ));
        }
        lines[c.line] = line;
    }
    for &r in &removed {
        let l = &base.lines[r];
        changes.push(format!(
            "Removed line {r}: {} × {}",
            l.qty.normalize(),
            l.name
        ));
    }

    check_count(
        n - removed.len() + edit.add_lines.len(),
        "add_lines",
        MAX_LINES,
        "lines",
    )?;
    let mut added = Vec::with_capacity(edit.add_lines.len());
    for (i, l) in edit.add_lines.iter().enumerate() {
        let line = price_line(settings, &currency, l, i)
            .map_err(|e| renamed_line(e, &format!("add_lines[{i}]")))?;
        changes.push(format!("Added: {} × {}", line.qty.normalize(), line.name));
        added.push(line);
    }

    if changes.is_empty() {
        return Err(Error::invalid("edit", "the edit changes nothing"));
    }

    let mut origin: Vec<Option<usize>> = Vec::new();
    let mut out: Vec<Line> = Vec::new();
    for (i, l) in lines.into_iter().enumerate() {
        if !removed.contains(&i) {
            origin.push(Some(i));
            out.push(l);
        }
    }
    for l in added {
        origin.push(None);
        out.push(l);
    }
    // Totals on what the customer keeps (returned quantities are off).
    let priced: Vec<_> = out
        .iter()
        .zip(&origin)
        .map(|(l, o)| {
            let mut p = l.priced();
            if let Some(i) = o {
                p.qty -= base.returned[*i];
            }
            p
        })
        .collect();
    let totals = compute(&priced, base.pricing)?;
    for ((l, o), t) in out.iter_mut().zip(&origin).zip(&totals.lines) {
        if o.is_none_or(|i| touched[i]) {
            l.amount = t.amount;
            l.tax = t.tax;
        }
    }
    Ok(EditPlan {
        fields,
        due_date,
        customer,
        lines: out,
        origin,
        removed,
        totals,
        changes,
    })
}

fn no_line(at: &str, line: usize, n: usize) -> Error {
    Error::invalid(
        at,
        format!(
            "no line {line}: the order has lines 0 to {}",
            n.saturating_sub(1)
        ),
    )
}

/// An `invalid` error of a field renamed to `at`.
fn renamed(e: Error, at: &str) -> Error {
    match e {
        Error::Invalid { message, .. } => Error::invalid(at, message),
        other => other,
    }
}

/// A line error (`lines[i].qty`) renamed under `at` (`change_lines[0].qty`).
fn renamed_line(e: Error, at: &str) -> Error {
    match e {
        Error::Invalid { field, message } => {
            let rest = field.split_once('.').map(|(_, r)| r);
            match rest {
                Some(r) => Error::invalid(format!("{at}.{r}"), message),
                None => Error::invalid(at, message),
            }
        }
        other => other,
    }
}

fn line_diff(old: &Line, new: &Line, currency: &Currency) -> Vec<String> {
    let mut d = Vec::new();
    if old.qty != new.qty {
        d.push(format!(
            "qty {} → {}",
            old.qty.normalize(),
            new.qty.normalize()
        ));
    }
    if old.unit_price != new.unit_price {
        d.push(format!(
            "price {} → {}",
            currency.format(old.unit_price),
            currency.format(new.unit_price)
        ));
    }
    if old.modifiers != new.modifiers {
        let names = |l: &Line| {
            let v: Vec<&str> = l.modifiers.iter().map(|m| m.name.as_str()).collect();
            if v.is_empty() {
                "(none)".to_string()
            } else {
                v.join(", ")
            }
        };
        d.push(format!("modifiers {} → {}", names(old), names(new)));
    }
    if old.note != new.note {
        let n = |x: &Option<String>| x.clone().unwrap_or_else(|| "(none)".into());
        d.push(format!("note {} → {}", n(&old.note), n(&new.note)));
    }
    d
}
