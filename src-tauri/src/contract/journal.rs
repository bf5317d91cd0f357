//! What the window shows of the journal's verification: the warning banner
//! when it fails (never a hash: the banner names entries, not their hashes).

use serde::Serialize;
use tillflow::journal::chain::{Problem, Report};
use ts_rs::TS;

/// The last verification of the journal (at start-up, or asked for).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct JournalStatus {
    /// A verification is running (the start-up one, at first).
    pub checking: bool,
    /// It ran and everything verified.
    pub ok: bool,
    /// Entries checked.
    #[ts(type = "number")]
    pub entries: u64,
    /// The first bad entry (`T1#42`), if one is bad.
    pub first_bad: Option<String>,
    /// Problems found in all.
    #[ts(type = "number")]
    pub problem_count: u64,
    /// The first problems (the whole list: `tillflow journal verify`).
    pub problems: Vec<Problem>,
    /// Why the verification could not run, if it could not.
    pub error: Option<String>,
}

/// How many problems the banner carries.
const SHOWN: usize = 5;

impl JournalStatus {
    pub fn checking() -> JournalStatus {
        JournalStatus {
            checking: true,
            ok: false,
            entries: 0,
            first_bad: None,
            problem_count: 0,
            problems: Vec::new(),
            error: None,
        }
    }

    pub fn of(result: Result<Report, String>) -> JournalStatus {
        match result {
            Ok(r) => JournalStatus {
                checking: false,
                ok: r.ok,
                entries: r.entries,
                first_bad: r.first_bad,
                problem_count: r.problem_count,
                problems: r.problems.into_iter().take(SHOWN).collect(),
                error: None,
            },
            Err(e) => JournalStatus {
                error: Some(e),
                checking: false,
                ..JournalStatus::checking()
            },
        }
    }
}
