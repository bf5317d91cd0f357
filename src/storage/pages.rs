//! Order pages, counts and board counts: the [`Store`] side of search.
//! The SQL is built in `search`; this runs it and turns rows into views and
//! keyset cursors.

use chrono::NaiveDate;
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use super::search::{build, descending, Shape, WINDOW_PER_ROW};
use super::{parse_ts, StatusCount, Store};
use crate::error::Result;
use crate::money::Currency;
use crate::orders::{Cursor, CursorKey, OrderFilter, OrderPage, OrderSort, OrderSummary};

pub(crate) fn summary(r: &SqliteRow, currency: &Currency) -> OrderSummary {
    let total: i64 = r.get("total");
    let paid: i64 = r.get("paid");
    OrderSummary {
        number: r.get("number"),
        order_type: r.get("order_type"),
        stage: r.get("stage"),
        status: r.get("status"),
        customer: r.get("customer"),
        phone: r.get("phone"),
        total: currency.format(total),
        balance: currency.format(total - paid),
        due_date: r
            .get::<Option<String>, _>("due_date")
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        created_at: parse_ts(r.get::<&str, _>("created_at")).unwrap_or_default(),
        overdue: false,
    }
}

/// The keyset position of an order under `sort`.
pub(crate) fn cursor_for(
    sort: OrderSort,
    id: i64,
    created_at: &str,
    due_date: Option<&str>,
    balance: i64,
) -> Cursor {
    let key = match sort {
        OrderSort::Newest | OrderSort::Oldest => CursorKey::Text(created_at.to_string()),
        OrderSort::Due => CursorKey::Text(due_date.unwrap_or("9999-12-31").to_string()),
        OrderSort::Balance => CursorKey::Int(balance),
    };
    Cursor { key, id }
}

/// Whether `a` comes before `b` under `sort` (keys, then id).
pub(crate) fn cursor_cmp(sort: OrderSort, a: &Cursor, b: &Cursor) -> std::cmp::Ordering {
    let ord = match (&a.key, &b.key) {
        (CursorKey::Text(x), CursorKey::Text(y)) => x.cmp(y),
        (CursorKey::Int(x), CursorKey::Int(y)) => x.cmp(y),
        _ => std::cmp::Ordering::Equal,
    }
    .then(a.id.cmp(&b.id));
    if descending(sort) {
        ord.reverse()
    } else {
        ord
    }
}

/// The keyset position of a row under `sort`.
fn cursor_of(r: &SqliteRow, sort: OrderSort) -> Cursor {
    let id: i64 = r.get("id");
    let key = match sort {
        OrderSort::Newest | OrderSort::Oldest => CursorKey::Text(r.get("created_at")),
        OrderSort::Due => CursorKey::Text(
            r.get::<Option<String>, _>("due_date")
                .unwrap_or_else(|| "9999-12-31".to_string()),
        ),
        OrderSort::Balance => CursorKey::Int(r.get::<i64, _>("total") - r.get::<i64, _>("paid")),
    };
    Cursor { key, id }
}

fn decode_after(f: &OrderFilter) -> Result<Option<Cursor>> {
    f.after
        .as_deref()
        .map(|a| Cursor::decode(a, f.sort))
        .transpose()
}

/// A page of `f` from its rows (one more than the page size when more follow).
fn page(f: &OrderFilter, rows: &[SqliteRow], currency: &Currency) -> OrderPage {
    let size = f.page_size() as usize;
    let next = (rows.len() > size)
        .then(|| rows.get(size - 1))
        .flatten()
        .map(|r| cursor_of(r, f.sort).encode(f.sort));
    let orders = rows
        .iter()
        .take(size)
        .map(|r| summary(r, currency))
        .collect();
    OrderPage { orders, next }
}

impl Store {
    /// One page of the orders matching `f`, in `f.sort` order, after the
    /// cursor `f.after`.
    pub async fn search_orders(&self, f: &OrderFilter, currency: &Currency) -> Result<OrderPage> {
        self.search_orders_windowed(f, currency, WINDOW_PER_ROW)
            .await
    }

    /// [`Store::search_orders`] with a one-word search's first page read
    /// from a window of `per_row` full-text rows per page row when that is
    /// exact (tests use small windows to reach both outcomes).
    #[doc(hidden)]
    pub async fn search_orders_windowed(
        &self,
        f: &OrderFilter,
        currency: &Currency,
        per_row: i64,
    ) -> Result<OrderPage> {
        let after = decode_after(f)?;
        if let Some(rows) = self.newest_text_page(f, after.as_ref(), per_row).await? {
            return Ok(page(f, &rows, currency));
        }
        let broad = self.is_broad(f).await?;
        self.search_orders_planned(f, currency, broad).await
    }

    /// [`Store::search_orders`] with the plan chosen by the caller (tests
    /// check that both plans give the same pages).
    #[doc(hidden)]
    pub async fn search_orders_planned(
        &self,
        f: &OrderFilter,
        currency: &Currency,
        broad: bool,
    ) -> Result<OrderPage> {
        let after = decode_after(f)?;
        let rows = build(f, Shape::Page, after.as_ref(), broad)
            .build()
            .fetch_all(self.reader())
            .await?;
        Ok(page(f, &rows, currency))
    }

    /// The orders matching `f` counted by stage and status (ignores
    /// paging): board column counts for any filter.
    pub async fn status_counts(&self, f: &OrderFilter) -> Result<Vec<StatusCount>> {
        let rows = build(f, Shape::StatusCounts, None, false)
            .build()
            .fetch_all(self.reader())
            .await?;
        Ok(rows
            .iter()
            .map(|r| StatusCount {
                stage: r.get(0),
                status: r.get(1),
                count: r.get(2),
            })
            .collect())
    }

    /// How many orders match `f` (ignores paging).
    pub async fn count_orders(&self, f: &OrderFilter) -> Result<i64> {
        let n = build(f, Shape::Count, None, false)
            .build_query_scalar::<i64>()
            .fetch_one(self.reader())
            .await?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips() {
        let c = Cursor {
            key: CursorKey::Text("2026-03-02T09:01:00.000000Z".into()),
            id: 42,
        };
        let s = c.encode(OrderSort::Newest);
        assert_eq!(Cursor::decode(&s, OrderSort::Newest).ok(), Some(c));
        assert!(Cursor::decode(&s, OrderSort::Balance).is_err());
    }
}
