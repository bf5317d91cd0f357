//! The dashboard: counts by status, overdue and unpaid orders, a week of intake.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, Utc};
use rust_decimal::Decimal;
use tauri::State;

use crate::contract::dashboard::{Dashboard, DayCount, StatusCount};
use crate::contract::orders::OrderSummary;
use crate::error::CommandResult;
use crate::till::Shop;

/// How many open orders the dashboard looks at (a shop's working set).
const OPEN_LIMIT: u32 = 5000;

#[tauri::command(rename_all = "snake_case")]
pub async fn dashboard(shop: State<'_, Shop>) -> CommandResult<Dashboard> {
    let settings = shop.till.settings()?;
    let filter = tillflow::orders::OrderFilter {
        open_only: true,
        limit: Some(OPEN_LIMIT),
        ..Default::default()
    };
    let open: Vec<OrderSummary> = shop.till.list_orders(&filter).await?;
    let recent_filter = tillflow::orders::OrderFilter {
        limit: Some(OPEN_LIMIT),
        ..Default::default()
    };
    let recent: Vec<OrderSummary> = shop.till.list_orders(&recent_filter).await?;
    let today = Utc::now().date_naive();
    Ok(summarise(&settings, open, &recent, today))
}

/// Pure part of [`dashboard`], unit-tested.
pub fn summarise(
    settings: &tillflow::settings::Settings,
    open: Vec<OrderSummary>,
    recent: &[OrderSummary],
    today: NaiveDate,
) -> Dashboard {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for o in &open {
        *counts.entry(o.status.as_str()).or_default() += 1;
    }
    // Statuses in workflow order: stage by stage, step by step.
    let mut by_status: Vec<StatusCount> = Vec::new();
    for stage in &settings.workflow_types {
        for wf in settings.workflows.iter().filter(|w| &w.kind == stage) {
            for step in &wf.steps {
                if by_status.iter().any(|s| s.status == step.status) {
                    continue;
                }
                let Some(count) = counts.get(step.status.as_str()).copied() else {
                    continue;
                };
                let lib = settings.status(&step.status);
                by_status.push(StatusCount {
                    status: step.status.clone(),
                    name: lib.map_or(step.status.clone(), |s| s.name.clone()),
                    color: lib.map_or("#888".into(), |s| s.color.clone()),
                    stage: stage.clone(),
                    count,
                });
            }
        }
    }
    let is_overdue = |o: &OrderSummary| o.due_date.is_some_and(|d| d < today);
    let amount = |s: &str| s.parse::<Decimal>().unwrap_or_default();
    let overdue: Vec<OrderSummary> = open.iter().filter(|o| is_overdue(o)).cloned().collect();
    let unpaid: Vec<OrderSummary> = open
        .iter()
        .filter(|o| amount(&o.balance) > Decimal::ZERO)
        .cloned()
        .collect();
    let unpaid_total: Decimal = unpaid.iter().map(|o| amount(&o.balance)).sum();
    let created_per_day = (0..7)
        .rev()
        .map(|back| {
            let day = today - Duration::days(back);
            let iso = day.format("%Y-%m-%d").to_string();
            let count = recent
                .iter()
                .filter(|o| o.created_at.date_naive() == day)
                .count();
            DayCount {
                day: iso,
                count: u32::try_from(count).unwrap_or(u32::MAX),
            }
        })
        .collect();
    Dashboard {
        by_status,
        open: u32::try_from(open.len()).unwrap_or(u32::MAX),
        overdue,
        unpaid,
        unpaid_total: format!("{unpaid_total:.2}"),
        currency: settings.shop.currency.clone(),
        created_per_day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(number: &str, status: &str, balance: &str, due: Option<&str>) -> OrderSummary {
        OrderSummary {
            number: number.into(),
            order_type: "laundry".into(),
            stage: "production".into(),
            status: status.into(),
            customer: Some("Ada".into()),
            phone: None,
            total: "10.00".into(),
            balance: balance.into(),
            due_date: due.and_then(|d| d.parse().ok()),
            created_at: "2030-01-10T09:00:00Z".parse().expect("instant"),
        }
    }

    #[test]
    fn counts_overdue_and_unpaid() {
        let settings = tillflow::settings::Settings::demo();
        let today = NaiveDate::from_ymd_opt(2030, 1, 12).expect("date");
        let open = vec![
            order("A", "cleaning", "10.00", Some("2030-01-11")),
            order("B", "cleaning", "0.00", Some("2030-01-12")),
            order("C", "pressing", "2.50", None),
        ];
        let d = summarise(&settings, open.clone(), &open, today);
        assert_eq!(d.open, 3);
        let counts: Vec<(&str, u32)> = d
            .by_status
            .iter()
            .map(|s| (s.status.as_str(), s.count))
            .collect();
        assert_eq!(counts, [("cleaning", 2), ("pressing", 1)]);
        assert_eq!(d.overdue.len(), 1);
        assert_eq!(d.unpaid.len(), 2);
        assert_eq!(d.unpaid_total, "12.50");
        assert_eq!(d.created_per_day.len(), 7);
        assert_eq!(d.created_per_day[4].count, 3);
    }
}
