//! CSV import of customers and catalogue items: which file it is. The
//! report is the core's `tillflow::import::ImportReport`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Customers,
    Items,
}
