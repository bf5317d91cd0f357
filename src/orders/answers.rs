//! An order's wizard answers as people read them: by the field's **label**
//! (never its key), in the wizard's order, with the documents each is
//! printed on; and the order's due date, from the field playing the
//! due-date role (whatever its key).

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::settings::{FieldKind, FieldRole, PrintOn, Wizard};

/// One answer of an order as shown on screen and on paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Answer {
    pub key: String,
    pub label: String,
    /// The answer as text ("Yes" for a ticked checkbox; a date as YYYY-MM-DD).
    pub value: String,
    /// Whether the answer is a date (`value` is YYYY-MM-DD).
    pub is_date: bool,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub role: Option<FieldRole>,
    pub print_on: Vec<PrintOn>,
}

impl Answer {
    /// "Label: answer", as documents print it.
    pub fn printed(&self) -> String {
        format!("{}: {}", self.label, self.value)
    }
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::Null | Value::Bool(false) => None,
        Value::Bool(true) => Some("Yes".into()),
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// The answers in `fields`, in `wizard`'s field order and labelled by it.
/// An answer whose field the wizard no longer has (an old order) keeps its
/// key as its label, after the others. Empty answers are left out.
pub fn answers(wizard: Option<&Wizard>, fields: &Map<String, Value>) -> Vec<Answer> {
    let mut out = Vec::with_capacity(fields.len());
    if let Some(wz) = wizard {
        for f in wz.intake_fields().chain(wz.update_fields.iter()) {
            if out.iter().any(|a: &Answer| a.key == f.key) {
                continue;
            }
            let Some(value) = fields.get(&f.key).and_then(text_of) else {
                continue;
            };
            out.push(Answer {
                key: f.key.clone(),
                label: f.label().to_string(),
                value,
                is_date: f.kind == FieldKind::Date,
                role: f.role,
                print_on: f.print_on.clone(),
            });
        }
    }
    for (key, v) in fields {
        if out.iter().any(|a| &a.key == key) {
            continue;
        }
        if let Some(value) = text_of(v) {
            out.push(Answer {
                key: key.clone(),
                label: key.replace('_', " "),
                value,
                is_date: false,
                role: None,
                print_on: Vec::new(),
            });
        }
    }
    out
}

/// The answers printed on `document`.
pub fn printed_on(answers: &[Answer], document: PrintOn) -> Vec<String> {
    answers
        .iter()
        .filter(|a| a.print_on.contains(&document))
        .map(Answer::printed)
        .collect()
}

/// The order's due date: the answer of the wizard's due-date field
/// ([`Wizard::role_field`]), when it is a date. The one place the due date
/// is read from answers.
pub fn due_date(wizard: &Wizard, fields: &Map<String, Value>) -> Option<NaiveDate> {
    role_date(wizard, FieldRole::DueDate, fields)
}

/// The date answered for a date role (due date, pickup date).
pub fn role_date(
    wizard: &Wizard,
    role: FieldRole,
    fields: &Map<String, Value>,
) -> Option<NaiveDate> {
    let f = wizard.role_field(role)?;
    fields
        .get(&f.key)
        .and_then(Value::as_str)
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
}

/// The answer of the field playing `role`, as text.
pub fn role_text(wizard: &Wizard, role: FieldRole, fields: &Map<String, Value>) -> Option<String> {
    let f = wizard.role_field(role)?;
    fields.get(&f.key).and_then(text_of)
}
