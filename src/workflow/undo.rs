//! Undoing an order's last move: back to where a person's own move (a
//! worker trigger or a manual move) found it, within the shop's window.
//! Decided here, recorded as its own audit row; nothing is deleted.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::{Cause, Kept, Outcome, Plan, Position, Transition};
use crate::error::{Error, Result};

/// Where the last undoable move found the order: its position and the
/// events then kept (stored with the order until the next move).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UndoPoint {
    pub position: Position,
    pub kept: Kept,
}

/// Decides an undo of the move made at `moved_at` that left `point`
/// behind, for an order now at `at`; `window_minutes` 0: undo is off.
pub fn undo(
    plan: &Plan,
    at: Position,
    point: Option<&UndoPoint>,
    moved_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    window_minutes: u32,
) -> Result<Outcome> {
    if window_minutes == 0 {
        return Err(Error::conflict(
            "undo is turned off in this shop (shop.undo_minutes is 0)",
        ));
    }
    let (Some(point), Some(moved_at)) = (point, moved_at) else {
        return Err(Error::conflict(format!(
            "the order's last move at '{}' cannot be undone: only a person's own move (a button or a manual move) can, once",
            plan.status_at(at)
        )));
    };
    if at == Position::Canceled {
        return Err(Error::conflict("a canceled order is not moved back"));
    }
    let window = Duration::minutes(i64::from(window_minutes));
    if now - moved_at > window {
        return Err(Error::conflict(format!(
            "the last move was more than {window_minutes} minutes ago: move the order by hand instead"
        )));
    }
    if point.position == at {
        return Err(Error::conflict("the order is where the move found it"));
    }
    let back = Transition {
        cause: Cause::Undo,
        from: Some(at),
        to: point.position,
    };
    Ok(Outcome::by_command(vec![back], point.position, point.kept))
}
