//! The dashboard and the order board, from SQL aggregates (see
//! `storage::dashboard`), with today and the days taken in the shop's time
//! zone.

use crate::staff::{Actor, Permission};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::Till;
use crate::dashboard::{
    count, status_look, status_order, Board, BoardColumn, BoardPage, BoardQuery, Dashboard,
    DayCount, StatusTotal, BOARD_PAGE, DASHBOARD_LIST, DAYS,
};
use crate::error::Result;
use crate::orders::{mark_overdue, OrderFilter, OrderSort};
use crate::settings::{day_start, local_day};
use crate::storage::ChangeWatch;

impl Till {
    /// The shop's time zone (`shop.time_zone`, else the system's, else UTC).
    pub fn time_zone(&self) -> Result<Tz> {
        self.snapshot()?.settings.time_zone()
    }

    /// Everything the dashboard shows, exact at any size, as of `now` in
    /// the shop's zone `tz`.
    pub async fn dashboard(&self, actor: &Actor, now: DateTime<Utc>, tz: Tz) -> Result<Dashboard> {
        actor.require(Permission::ViewReports)?;
        let snap = self.snapshot()?;
        let today = local_day(now, tz);
        let first = today - Duration::days(i64::from(DAYS) - 1);
        let days: Vec<_> = (0..DAYS)
            .map(|i| first + Duration::days(i64::from(i)))
            .collect();
        let bounds: Vec<_> = days
            .iter()
            .map(|d| day_start(*d, tz))
            .chain(std::iter::once(day_start(today + Duration::days(1), tz)))
            .collect();
        let mut f = self
            .store()
            .dashboard_figures(today, &bounds, DASHBOARD_LIST, &snap.currency)
            .await?;
        let (over_target, over_target_orders) = self
            .store()
            .over_target(now, DASHBOARD_LIST, &snap.currency)
            .await?;
        mark_overdue(&mut f.overdue_orders, today);
        mark_overdue(&mut f.unpaid_orders, today);
        let settings = &snap.settings;
        let by_status = status_order(settings, None, &f.by_status)
            .into_iter()
            .filter_map(|(stage, status)| {
                let n = f
                    .by_status
                    .iter()
                    .find(|c| c.stage == stage && c.status == status)?
                    .count;
                let (name, color) = status_look(settings, &status);
                Some(StatusTotal {
                    stage,
                    status,
                    name,
                    color,
                    count: count(n),
                })
            })
            .collect();
        Ok(Dashboard {
            currency: snap.currency.code.clone(),
            time_zone: tz.name().to_string(),
            today,
            open: count(f.by_status.iter().map(|c| c.count).sum()),
            overdue: count(f.overdue),
            unpaid: count(f.unpaid),
            unpaid_total: snap.currency.format(f.unpaid_minor),
            by_status,
            created_per_day: days
                .into_iter()
                .zip(f.created)
                .map(|(day, n)| DayCount {
                    day,
                    count: count(n),
                })
                .collect(),
            overdue_orders: f.overdue_orders,
            unpaid_orders: f.unpaid_orders,
            over_target: count(over_target),
            over_target_orders,
        })
    }

    /// The order board: every open order counted by stage and status, and
    /// the first [`BOARD_PAGE`] cards of each column (newest first).
    pub async fn board(&self, query: &BoardQuery, now: DateTime<Utc>, tz: Tz) -> Result<Board> {
        let snap = self.snapshot()?;
        let counts = self
            .store()
            .open_status_counts(query.order_type.as_deref())
            .await?;
        let mut columns = Vec::new();
        for (stage, status) in status_order(&snap.settings, query.order_type.as_deref(), &counts) {
            let n = counts
                .iter()
                .find(|c| c.stage == stage && c.status == status)
                .map_or(0, |c| c.count);
            let page = if n > 0 {
                self.board_more(query, &stage, &status, None, now, tz)
                    .await?
            } else {
                BoardPage {
                    cards: Vec::new(),
                    next: None,
                }
            };
            let (name, color) = status_look(&snap.settings, &status);
            columns.push(BoardColumn {
                stage,
                status,
                name,
                color,
                count: count(n),
                cards: page.cards,
                next: page.next,
            });
        }
        Ok(Board {
            open: count(counts.iter().map(|c| c.count).sum()),
            columns,
        })
    }

    /// The next cards of one board column after the cursor `after` (a
    /// column's or page's `next`): a keyset page of the order search.
    pub async fn board_more(
        &self,
        query: &BoardQuery,
        stage: &str,
        status: &str,
        after: Option<String>,
        now: DateTime<Utc>,
        tz: Tz,
    ) -> Result<BoardPage> {
        let filter = OrderFilter {
            open_only: true,
            stage: Some(stage.to_string()),
            status: Some(status.to_string()),
            order_type: query.order_type.clone(),
            sort: OrderSort::Newest,
            limit: Some(BOARD_PAGE),
            after,
            ..Default::default()
        };
        let mut page = self.search_orders(&filter).await?;
        mark_overdue(&mut page.orders, local_day(now, tz));
        Ok(BoardPage {
            cards: page.orders,
            next: page.next,
        })
    }

    /// Marks the overdue orders of a list for the shop's today (`now` in `tz`).
    pub fn mark_overdue(
        &self,
        orders: &mut [crate::orders::OrderSummary],
        now: DateTime<Utc>,
        tz: Tz,
    ) {
        mark_overdue(orders, local_day(now, tz));
    }

    /// A watch that tells when another process (or this one's writer)
    /// committed to the database: poll [`ChangeWatch::changed`].
    pub async fn watch_changes(&self) -> Result<ChangeWatch> {
        self.store().watch_changes().await
    }
}
