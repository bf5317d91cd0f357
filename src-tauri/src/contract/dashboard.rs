//! Facts about the running app. (The dashboard's and the board's types
//! are the core's: `tillflow::dashboard`.)

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Basic facts about the running app (window title, about box).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub database: String,
    pub shop_name: String,
    pub currency: String,
    /// False on a new database: the UI shows the first-run set-up.
    pub configured: bool,
}
