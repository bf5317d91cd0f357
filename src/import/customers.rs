//! Customers from CSV: `name` (required), `phone`, `email`, `address`.
//! A row whose phone matches an existing customer updates that customer
//! (as intake does); other rows create customers.

use std::collections::HashMap;
use std::io::Read;

use super::{optional, Checked, Problem, Table};
use crate::error::Result;
use crate::limits::{check_text, Lines, NAME_CHARS, NOTE_CHARS};

/// A checked customer row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRow {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

/// Checks every row; the good rows and every problem.
pub(crate) fn check(input: impl Read) -> Result<Checked<CustomerRow>> {
    let mut problems = Vec::new();
    let Some(mut table) = Table::read(
        input,
        &["name"],
        &["phone", "email", "address"],
        &mut problems,
    )?
    else {
        return Ok(Checked {
            rows: Vec::new(),
            count: 0,
            problems,
        });
    };
    let mut rows = Vec::new();
    let mut phones: HashMap<String, usize> = HashMap::new();
    while let Some(record) = table.next_record(&mut problems)? {
        let r = &record;
        let before = problems.len();
        let name = table.get(r, "name");
        let name: &str = &name;
        if name.is_empty() {
            problems.push(Problem::new(r.row, "name", "is required"));
        } else if let Err(e) = check_text(name, "name", NAME_CHARS, Lines::One) {
            problems.push(Problem::new(r.row, "name", problem_of(e)));
        }
        let address = table.get(r, "address");
        let address: &str = &address;
        if let Err(e) = check_text(address, "address", NOTE_CHARS, Lines::Many) {
            problems.push(Problem::new(r.row, "address", problem_of(e)));
        }
        let phone = table.get(r, "phone");
        let phone: &str = &phone;
        if !phone.is_empty() {
            if let Some(m) = crate::orders::contact::phone_problem(phone) {
                problems.push(Problem::new(r.row, "phone", m));
            } else {
                let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
                if let Some(first) = phones.insert(digits, r.row) {
                    problems.push(Problem::new(
                        r.row,
                        "phone",
                        format!("same phone as row {first}"),
                    ));
                }
            }
        }
        let email = table.get(r, "email");
        let email: &str = &email;
        if !email.is_empty() {
            if let Some(m) = crate::orders::contact::email_problem(email) {
                problems.push(Problem::new(r.row, "email", m));
            }
        }
        if problems.len() == before {
            rows.push(CustomerRow {
                name: name.to_string(),
                phone: optional(phone),
                email: optional(email),
                address: optional(address),
            });
        }
    }
    Ok(Checked {
        rows,
        count: table.count,
        problems,
    })
}

/// The message of a limits error, without its field (the problem names it).
fn problem_of(e: crate::error::Error) -> String {
    match e {
        crate::error::Error::Invalid { message, .. } => message,
        other => other.to_string(),
    }
}
