//! The overdue rule, once: an open order whose due date is before today in
//! the shop's time zone (see [`crate::settings::local_day`]). Storage counts
//! and lists overdue orders with the same rule in SQL (`closed_at IS NULL
//! AND due_date < today`, `storage::dashboard`).

use chrono::NaiveDate;

use super::OrderSummary;

/// Whether an order at `stage` is still in progress (not completed, not
/// canceled: the stages of terminal positions, see `workflow::Position`).
pub fn is_open_stage(stage: &str) -> bool {
    stage != "done" && stage != "canceled"
}

/// Whether an order at `stage`, due on `due`, is overdue on `today` (the
/// shop's local day).
pub fn is_overdue(stage: &str, due: Option<NaiveDate>, today: NaiveDate) -> bool {
    is_open_stage(stage) && due.is_some_and(|d| d < today)
}

impl OrderSummary {
    /// Sets [`OrderSummary::overdue`] for the shop's local day `today`.
    pub fn mark_overdue(&mut self, today: NaiveDate) {
        self.overdue = is_overdue(&self.stage, self.due_date, today);
    }
}

/// Marks every order of a list (see [`OrderSummary::mark_overdue`]).
pub fn mark_overdue(orders: &mut [OrderSummary], today: NaiveDate) {
    for o in orders {
        o.mark_overdue(today);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_open_orders_due_before_today_are_overdue() {
        let today = NaiveDate::from_ymd_opt(2030, 1, 12).unwrap();
        let yesterday = today.pred_opt();
        assert!(is_overdue("production", yesterday, today));
        assert!(!is_overdue("production", Some(today), today));
        assert!(!is_overdue("production", None, today));
        assert!(!is_overdue("done", yesterday, today));
        assert!(!is_overdue("canceled", yesterday, today));
    }
}
