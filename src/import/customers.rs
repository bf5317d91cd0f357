//! Customers from CSV: `name` (required), `phone`, `email`, `address`.
//! A row whose phone matches an existing customer updates that customer
//! (as intake does); other rows create customers.

use std::collections::HashMap;
use std::io::Read;

use chrono::{DateTime, Utc};

use super::{optional, Checked, ImportReport, Problem, Table};
use crate::error::Result;
use crate::Till;

/// A checked customer row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRow {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

fn check_phone(phone: &str) -> Option<&'static str> {
    if !phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        return Some("only digits, spaces and + - ( ) . are allowed");
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (!(6..=15).contains(&digits)).then_some("needs 6 to 15 digits")
}

fn check_email(email: &str) -> Option<&'static str> {
    let ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
        }
        None => false,
    };
    (!ok).then_some("is not an e-mail address")
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
        if name.is_empty() {
            problems.push(Problem::new(r.row, "name", "is required"));
        } else if name.chars().count() > 200 {
            problems.push(Problem::new(r.row, "name", "is longer than 200 characters"));
        }
        let phone = table.get(r, "phone");
        if !phone.is_empty() {
            if let Some(m) = check_phone(phone) {
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
        if !email.is_empty() {
            if let Some(m) = check_email(email) {
                problems.push(Problem::new(r.row, "email", m));
            }
        }
        if problems.len() == before {
            rows.push(CustomerRow {
                name: name.to_string(),
                phone: optional(phone),
                email: optional(email),
                address: optional(table.get(r, "address")),
            });
        }
    }
    Ok(Checked {
        rows,
        count: table.count,
        problems,
    })
}

impl Till {
    /// Imports customers from CSV read as it streams (see the module doc;
    /// only the checked rows are kept in memory). With `dry_run`
    /// (or any problem) nothing is written.
    pub async fn import_customers(
        &self,
        input: impl Read,
        dry_run: bool,
        now: DateTime<Utc>,
    ) -> Result<ImportReport> {
        let Checked {
            rows,
            count,
            problems,
        } = check(input)?;
        let mut updated = 0;
        for row in &rows {
            if let Some(phone) = &row.phone {
                if self.store().customer_by_phone(phone).await?.is_some() {
                    updated += 1;
                }
            }
        }
        let mut report = ImportReport {
            dry_run,
            rows: count,
            created: rows.len() - updated,
            updated,
            problems,
            written: false,
        };
        if dry_run || !report.problems.is_empty() {
            return Ok(report);
        }
        let mut tx = self.store().begin().await?;
        for row in &rows {
            tx.import_customer(row, now).await?;
        }
        tx.commit().await?;
        report.written = true;
        Ok(report)
    }
}
