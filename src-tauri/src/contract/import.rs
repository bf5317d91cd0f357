//! CSV import of customers and catalogue items: a dry run lists every row's
//! problem; the import writes all rows or none.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Customers,
    Items,
}

/// One thing wrong with the file. `row` counts the header as row 1 (as a
/// spreadsheet shows it); `column` is the header name ("" for the whole row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProblem {
    pub row: u32,
    pub column: String,
    pub message: String,
}

/// What an import found and did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    pub dry_run: bool,
    /// Data rows read (header excluded).
    pub rows: u32,
    /// Rows that create a record / update an existing one.
    pub created: u32,
    pub updated: u32,
    pub problems: Vec<ImportProblem>,
    /// Whether anything was written (only when there were no problems).
    pub written: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::mirror;

    #[test]
    fn an_import_report_crosses_over_with_every_problem() {
        let core = tillflow::import::ImportReport {
            dry_run: true,
            rows: 3,
            created: 1,
            updated: 1,
            problems: vec![tillflow::import::Problem::new(
                4,
                "phone",
                "not a phone number",
            )],
            written: false,
        };
        let ours: ImportReport = mirror(&core).expect("mirror");
        assert_eq!(
            ours.problems,
            [ImportProblem {
                row: 4,
                column: "phone".into(),
                message: "not a phone number".into()
            }]
        );
        assert_eq!(
            serde_json::to_value(&ours).expect("json"),
            serde_json::to_value(&core).expect("json")
        );
    }
}
