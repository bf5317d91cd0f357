//! CSV import of customers and catalogue items. Every row is checked first
//! and every problem listed (row, column, message); a dry run stops there.
//! A real import writes only when there are no problems, all rows in one
//! transaction (all or nothing): the till does the writing
//! (`Till::import_customers`, `Till::import_items`).

mod customers;
mod items;

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Read;

use serde::Serialize;

use crate::csv::{records, Record, Records};
use crate::error::Result;

pub(crate) use customers::check as check_customers;
pub use customers::CustomerRow;
pub(crate) use items::{check as check_items, merge as merge_items};
pub use items::{ItemRow, CATEGORY_SEPARATOR, ITEM_COLUMNS};

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

/// A file being read: its header (a column-name → index map) and the data
/// records still to come, read one at a time.
pub(crate) struct Table<R: Read> {
    pub columns: HashMap<String, usize>,
    pub width: usize,
    records: Records<R>,
    /// Data records read so far.
    pub count: usize,
}

impl<R: Read> Table<R> {
    /// Reads the header of `input` and checks it against the known columns.
    /// `None` (with the problem) when there is no usable header.
    pub fn read(
        input: R,
        required: &[&str],
        optional: &[&str],
        problems: &mut Vec<Problem>,
    ) -> Result<Option<Table<R>>> {
        let mut records = records(input);
        let header = match records.next() {
            Some(Ok(h)) => h,
            Some(Err(e)) => {
                problems.push(problem_of(e)?);
                return Ok(None);
            }
            None => {
                problems.push(Problem::new(1, "", "the file is empty (no header)"));
                return Ok(None);
            }
        };
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
            count: 0,
        }))
    }

    /// The next data record whose width matches the header's; a record of
    /// another width is a problem and skipped. Malformed CSV is one problem
    /// (on the row where it breaks) and ends the file.
    pub fn next_record(&mut self, problems: &mut Vec<Problem>) -> Result<Option<Record>> {
        loop {
            let record = match self.records.next() {
                None => return Ok(None),
                Some(Ok(r)) => r,
                Some(Err(e)) => {
                    problems.push(problem_of(e)?);
                    return Ok(None);
                }
            };
            self.count += 1;
            if self.check_width(&record, problems) {
                return Ok(Some(record));
            }
        }
    }

    /// The trimmed value of `column` in `record` ("" when absent), without
    /// the apostrophe an export puts before formula-like text.
    pub fn get<'a>(&self, record: &'a Record, column: &str) -> Cow<'a, str> {
        self.columns
            .get(column)
            .and_then(|&i| record.fields.get(i))
            .map(|s| crate::csv::from_spreadsheet_text(s.trim()))
            .unwrap_or(Cow::Borrowed(""))
    }

    /// A problem when a record's field count differs from the header's.
    fn check_width(&self, record: &Record, problems: &mut Vec<Problem>) -> bool {
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

/// A CSV error as a problem on its row; other errors (reading failed) stay errors.
fn problem_of(e: crate::Error) -> Result<Problem> {
    match e {
        crate::Error::Invalid { field, message } => {
            let row = field
                .strip_prefix("row ")
                .and_then(|r| r.parse().ok())
                .unwrap_or(0);
            Ok(Problem::new(row, "", message))
        }
        other => Err(other),
    }
}

fn optional(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}
