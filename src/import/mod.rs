//! CSV import of customers and catalogue items. Every row is checked first
//! and every problem listed (row, column, message); a dry run stops there.
//! A real import writes only when there are no problems, all rows in one
//! transaction (all or nothing).

mod customers;
mod items;

use std::collections::HashMap;

use serde::Serialize;

use crate::csv::{parse, Record};
use crate::error::Result;

pub use customers::CustomerRow;
pub use items::ItemRow;

/// One thing wrong with the file. `row` counts records with the header as
/// row 1 (as a spreadsheet shows it); `column` is the header name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ImportProblem"))]
pub struct Problem {
    pub row: usize,
    pub column: String,
    pub message: String,
}

impl Problem {
    pub fn new(row: usize, column: &str, message: impl Into<String>) -> Problem {
        Problem {
            row,
            column: column.to_string(),
            message: message.into(),
        }
    }
}

/// What an import found and did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    pub dry_run: bool,
    /// Data rows read (header excluded).
    pub rows: usize,
    /// Rows that create a record / update an existing one.
    pub created: usize,
    pub updated: usize,
    pub problems: Vec<Problem>,
    /// Whether anything was written (only when there were no problems).
    pub written: bool,
}

/// The rows that passed their checks, how many data rows there were, and
/// every problem found.
pub(crate) struct Checked<T> {
    pub rows: Vec<T>,
    pub count: usize,
    pub problems: Vec<Problem>,
}

/// A parsed file: the data records and a column-name → index map.
pub(crate) struct Table {
    pub columns: HashMap<String, usize>,
    pub width: usize,
    pub records: Vec<Record>,
}

impl Table {
    /// Parses `text` and checks its header against the known columns.
    /// Malformed CSV is one problem (on the row where it breaks).
    pub fn read(
        text: &str,
        required: &[&str],
        optional: &[&str],
        problems: &mut Vec<Problem>,
    ) -> Result<Option<Table>> {
        let mut records = match parse(text) {
            Ok(r) => r,
            Err(crate::Error::Invalid { field, message }) => {
                let row = field
                    .strip_prefix("row ")
                    .and_then(|r| r.parse().ok())
                    .unwrap_or(0);
                problems.push(Problem::new(row, "", message));
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        if records.is_empty() {
            problems.push(Problem::new(1, "", "the file is empty (no header)"));
            return Ok(None);
        }
        let header = records.remove(0);
        let mut columns = HashMap::new();
        for (i, name) in header.fields.iter().enumerate() {
            let name = name.trim().to_ascii_lowercase();
            if !required.contains(&name.as_str()) && !optional.contains(&name.as_str()) {
                problems.push(Problem::new(
                    1,
                    &name,
                    format!(
                        "unknown column (expected {})",
                        [required, optional].concat().join(", ")
                    ),
                ));
            } else if columns.insert(name.clone(), i).is_some() {
                problems.push(Problem::new(1, &name, "column appears twice"));
            }
        }
        for r in required {
            if !columns.contains_key(*r) {
                problems.push(Problem::new(1, r, "required column is missing"));
            }
        }
        Ok(Some(Table {
            columns,
            width: header.fields.len(),
            records,
        }))
    }

    /// The trimmed value of `column` in `record` ("" when absent), without
    /// the apostrophe an export puts before formula-like text.
    pub fn get<'a>(&self, record: &'a Record, column: &str) -> &'a str {
        self.columns
            .get(column)
            .and_then(|&i| record.fields.get(i))
            .map(|s| crate::csv::from_spreadsheet_text(s.trim()))
            .unwrap_or("")
    }

    /// A problem when a record's field count differs from the header's.
    pub fn check_width(&self, record: &Record, problems: &mut Vec<Problem>) -> bool {
        if record.fields.len() == self.width {
            return true;
        }
        problems.push(Problem::new(
            record.row,
            "",
            format!(
                "has {} fields, the header has {}",
                record.fields.len(),
                self.width
            ),
        ));
        false
    }
}

fn optional(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}
