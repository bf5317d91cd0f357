//! Order search: one query builder behind lists (board, CLI, app search),
//! counts and the CSV export, so all of them select exactly the same orders.
//!
//! Plan: the most selective criterion drives the query. Free text drives
//! from the union of full-text hits; customer criteria (name, phone, e-mail)
//! drive from the customers they select (`CROSS JOIN` fixes SQLite's join
//! order; it is a plain join elsewhere); otherwise orders are read in sort
//! order from a (key, created_at) index and the page stops after `limit`.
//! FTS5 stays inside this file (a PostgreSQL port replaces `match_words`,
//! `push_text_union` and `is_broad`); `pages` runs the queries.

use chrono::{Duration, NaiveDate};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};

use super::orders::phone_digits;
use super::{ts, Store};
use crate::customers::looks_like_phone;
use crate::error::Result;
use crate::fulfillment::FulfillmentState;
use crate::orders::AbandonCutoffs;
use crate::orders::{Cursor, CursorKey, OrderFilter, OrderSort};

/// What the built query returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A page of summaries (limit + 1 rows, to know whether more follow).
    Page,
    /// `COUNT(*)` of the matching orders.
    Count,
    /// Matching orders counted by stage and status (board columns).
    StatusCounts,
    /// Every matching order with export columns, optionally one row per line.
    Export { lines: bool },
    /// The next `n` matching orders (after the cursor) with export columns
    /// (and their lines) as one JSON array of arrays: one row crosses from
    /// SQLite per chunk instead of one per order.
    Chunk { lines: bool, n: i64 },
}

/// Each word of `text` as an FTS5 prefix query: `"mar"*`.
fn prefix_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"*", w.to_lowercase()))
        .collect()
}

/// An FTS5 query where every word is a prefix: `"mar"* "cur"*`. `None` when
/// the text has no word characters.
pub(crate) fn match_words(text: &str) -> Option<String> {
    let words = prefix_words(text);
    (!words.is_empty()).then(|| words.join(" "))
}

/// The ids of orders one FTS5 query matches in their own text (answers,
/// lines, notes) or in their customer's name, phone and e-mail. `windowed`:
/// the order text rows are those of the query's window `w` and the
/// customers' orders those of `cw` (see [`Store::newest_text_page`]).
fn push_word_hits(q: &mut QueryBuilder<'_, Sqlite>, words: String, windowed: bool) {
    // Order text rows are numbered order id * 65536 (+ 1 + line).
    if windowed {
        q.push("SELECT r / 65536 AS id FROM w UNION SELECT id FROM cw");
        return;
    }
    q.push("SELECT rowid / 65536 AS id FROM orders_text WHERE orders_text MATCH ")
        .push_bind(words.clone());
    q.push(
        " UNION SELECT o2.id FROM customers c2 CROSS JOIN orders o2 WHERE o2.customer_id = c2.id \
         AND c2.id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ",
    )
    .push_bind(words)
    .push(")");
}

/// The ids of orders with every word somewhere on the order or its
/// customer: "curie duvet" finds Marie Curie's duvet order. Such an order's
/// customer has every word in the name, or the order's own text has one of
/// the words (each other word is in the text or the name): so the first are
/// the orders of the customers FTS5 finds with every word, and the others
/// are drawn only from the orders whose text has any of the words, never
/// from every order of every customer one word names ("marie" alone names
/// thousands).
fn push_all_words(q: &mut QueryBuilder<'_, Sqlite>, words: Vec<String>) {
    q.push(
        "SELECT o6.id FROM customers_fts cf6 CROSS JOIN orders o6 \
         WHERE cf6.customers_fts MATCH ",
    )
    .push_bind(words.join(" "))
    .push(" AND o6.customer_id = cf6.rowid UNION SELECT t6.id FROM (SELECT DISTINCT rowid / 65536 AS id FROM orders_text WHERE orders_text MATCH ")
    .push_bind(words.join(" OR "))
    .push(") t6 CROSS JOIN orders ot6 WHERE ot6.id = t6.id");
    for w in words {
        q.push(" AND (t6.id IN (SELECT rowid / 65536 FROM orders_text WHERE orders_text MATCH ")
            .push_bind(w.clone())
            .push(") OR ot6.customer_id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ")
            .push_bind(w)
            .push("))");
    }
}

/// `[prefix, prefix + U+10FFFF)`: a prefix as an index range (no LIKE).
fn prefix_upper(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

fn day_start(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Free text matches the end of a phone number from this many digits on.
pub(crate) const SUFFIX_DIGITS: usize = 4;

/// The digits reversed: "ends with" as a range on `phone_digits_rev`.
pub(crate) fn reversed(digits: &str) -> String {
    digits.chars().rev().collect()
}

fn has_customer_criteria(f: &OrderFilter) -> bool {
    f.customer.is_some() || f.phone.is_some() || f.email.is_some()
}

pub(crate) fn sort_key(sort: OrderSort) -> &'static str {
    match sort {
        OrderSort::Newest | OrderSort::Oldest => "o.created_at",
        OrderSort::Due => "COALESCE(o.due_date, '9999-12-31')",
        OrderSort::Balance => "(o.total - o.paid)",
    }
}

pub(crate) fn descending(sort: OrderSort) -> bool {
    matches!(sort, OrderSort::Newest | OrderSort::Balance)
}

/// The ids of orders whose text, number or customer matches free text
/// (`windowed`: see [`push_word_hits`]; one word only).
fn push_text_union(q: &mut QueryBuilder<'_, Sqlite>, text: &str, windowed: bool) {
    q.push("(SELECT o1.id FROM orders o1 WHERE o1.number = ")
        .push_bind(text.to_string());
    let digits = phone_digits(text);
    let phone = looks_like_phone(text, &digits);
    // A phone number is not looked for as words (its short digit groups
    // would prefix-match half the index).
    let words = if phone {
        Vec::new()
    } else {
        prefix_words(text)
    };
    match words.len() {
        0 => {}
        1 => {
            q.push(" UNION ");
            push_word_hits(q, words.join(""), windowed);
        }
        _ => {
            q.push(" UNION ");
            push_all_words(q, words);
        }
    }
    if phone {
        q.push(
            " UNION SELECT o3.id FROM customers c3 CROSS JOIN orders o3 WHERE o3.customer_id = c3.id \
             AND c3.phone_digits >= ",
        )
        .push_bind(digits.clone())
        .push(" AND c3.phone_digits < ")
        .push_bind(prefix_upper(&digits));
        if digits.len() >= SUFFIX_DIGITS {
            // The end of the number too: "7946 0991" finds +44 20 7946 0991.
            let rev = reversed(&digits);
            q.push(
                " UNION SELECT o5.id FROM customers c5 CROSS JOIN orders o5 WHERE o5.customer_id = c5.id \
                 AND c5.phone_digits_rev >= ",
            )
            .push_bind(rev.clone())
            .push(" AND c5.phone_digits_rev < ")
            .push_bind(prefix_upper(&rev));
        }
    }
    if text.contains('@') {
        let e = text.to_lowercase();
        q.push(
            " UNION SELECT o4.id FROM customers c4 CROSS JOIN orders o4 WHERE o4.customer_id = c4.id \
             AND lower(c4.email) >= ",
        )
        .push_bind(e.clone())
        .push(" AND lower(c4.email) < ")
        .push_bind(prefix_upper(&e));
    }
    q.push(")");
}

/// `FROM …` and the join conditions; leaves an open `WHERE`. `broad`:
/// the criteria match so many orders that reading orders in sort order and
/// testing each beats collecting every match and sorting (see
/// [`Store::is_broad`]).
fn push_from(
    q: &mut QueryBuilder<'_, Sqlite>,
    f: &OrderFilter,
    text: Option<&str>,
    lines: bool,
    broad: bool,
    windowed: bool,
) {
    // Lines join after the orders: an order without lines still gives a row.
    let lines_join = if lines {
        " LEFT JOIN order_lines l ON l.order_id = o.id"
    } else {
        ""
    };
    match text {
        Some(text) if broad => {
            // `+o.id`: no rowid look-ups from the set; walk the sort index.
            q.push(" FROM orders o LEFT JOIN customers c ON c.id = o.customer_id")
                .push(lines_join)
                .push(" WHERE +o.id IN ");
            push_text_union(q, text, windowed);
        }
        Some(text) => {
            q.push(" FROM ");
            push_text_union(q, text, windowed);
            q.push(" m CROSS JOIN orders o LEFT JOIN customers c ON c.id = o.customer_id")
                .push(lines_join)
                .push(" WHERE o.id = m.id");
        }
        None if has_customer_criteria(f) && !broad => {
            q.push(" FROM customers c CROSS JOIN orders o")
                .push(lines_join)
                .push(" WHERE o.customer_id = c.id");
        }
        None => {
            q.push(" FROM orders o LEFT JOIN customers c ON c.id = o.customer_id")
                .push(lines_join)
                .push(" WHERE 1 = 1");
        }
    }
}

/// Whether an order counts as abandoned: `fulfillment::abandoned` in SQL
/// (still at intake, untouched since created, nothing paid, created before
/// its order type's cutoff), for stored states it may override.
fn push_abandoned(q: &mut QueryBuilder<'_, Sqlite>, cutoffs: &AbandonCutoffs) {
    q.push(
        "(o.fulfillment_state NOT IN ('canceled', 'returned', 'failed') AND o.stage = 'intake' \
         AND o.updated_at = o.created_at AND o.paid = 0 AND o.created_at < CASE o.order_type",
    );
    for (order_type, before) in &cutoffs.by_type {
        q.push(" WHEN ")
            .push_bind(order_type.clone())
            .push(" THEN ")
            .push_bind(ts(*before));
    }
    // No cutoff known: nothing is abandoned ('' sorts before every time).
    q.push(" ELSE ")
        .push_bind(cutoffs.otherwise.map(ts).unwrap_or_default())
        .push(" END)");
}

/// One `AND` clause per criterion.
fn push_criteria(q: &mut QueryBuilder<'_, Sqlite>, f: &OrderFilter, broad: bool) {
    if let Some(state) = f.fulfillment_state {
        match state {
            FulfillmentState::Abandoned => {
                q.push(" AND ");
                push_abandoned(q, &f.abandoned_before);
            }
            FulfillmentState::Canceled | FulfillmentState::Returned | FulfillmentState::Failed => {
                q.push(" AND o.fulfillment_state = ").push_bind(state.key());
            }
            _ => {
                q.push(" AND o.fulfillment_state = ")
                    .push_bind(state.key())
                    .push(" AND NOT ");
                push_abandoned(q, &f.abandoned_before);
            }
        }
    }
    if let Some(n) = &f.number {
        q.push(" AND o.number = ").push_bind(n.trim().to_string());
    }
    if let Some(name) = &f.customer {
        match match_words(name) {
            Some(words) => {
                // Broad: `+o.customer_id` keeps SQLite walking the sort
                // index instead of looking up every customer's orders.
                q.push(if broad {
                    " AND +o.customer_id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH "
                } else {
                    " AND c.id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH "
                })
                    .push_bind(words)
                    .push(")");
            }
            None => {
                q.push(" AND 1 = 0");
            }
        }
    }
    if let Some(phone) = &f.phone {
        let d = phone_digits(phone);
        q.push(" AND c.phone_digits >= ")
            .push_bind(d.clone())
            .push(" AND c.phone_digits < ")
            .push_bind(prefix_upper(&d));
    }
    if let Some(email) = &f.email {
        let e = email.trim().to_lowercase();
        q.push(" AND lower(c.email) >= ")
            .push_bind(e.clone())
            .push(" AND lower(c.email) < ")
            .push_bind(prefix_upper(&e));
    }
    if let Some(s) = &f.status {
        q.push(" AND o.status = ").push_bind(s.clone());
    }
    if let Some(s) = &f.stage {
        q.push(" AND o.stage = ").push_bind(s.clone());
    }
    if let Some(t) = &f.order_type {
        q.push(" AND o.order_type = ").push_bind(t.clone());
    }
    if let Some(site) = &f.site {
        q.push(" AND o.id IN (SELECT order_id FROM allocations WHERE site = ")
            .push_bind(site.trim().to_string())
            .push(")");
    }
    if let Some(d) = f.created_from {
        q.push(" AND o.created_at >= ").push_bind(day_start(d));
    }
    if let Some(d) = f.created_to {
        q.push(" AND o.created_at < ")
            .push_bind(day_start(d + Duration::days(1)));
    }
    if f.balance_due {
        q.push(" AND o.total > o.paid");
    }
    if let Some(min) = f.min_balance {
        q.push(" AND o.total - o.paid >= ").push_bind(min);
    }
    if f.open_only {
        q.push(" AND o.closed_at IS NULL");
    }
}

fn push_keyset(q: &mut QueryBuilder<'_, Sqlite>, sort: OrderSort, c: &Cursor) {
    q.push(" AND (")
        .push(sort_key(sort))
        .push(", o.id) ")
        .push(if descending(sort) { "<" } else { ">" })
        .push(" (");
    match &c.key {
        CursorKey::Text(t) => q.push_bind(t.clone()),
        CursorKey::Int(i) => q.push_bind(*i),
    };
    q.push(", ").push_bind(c.id).push(")");
}

fn push_order(q: &mut QueryBuilder<'_, Sqlite>, sort: OrderSort, lines: bool) {
    let dir = if descending(sort) { " DESC" } else { "" };
    q.push(" ORDER BY ")
        .push(sort_key(sort))
        .push(dir)
        .push(", o.id")
        .push(dir);
    if lines {
        q.push(", l.line_no");
    }
}

const PAGE_COLUMNS: &str =
    "SELECT o.id, o.number, o.order_type, o.stage, o.status, o.total, o.paid, \
     o.due_date, o.created_at, c.name AS customer, c.phone AS phone";
const EXPORT_COLUMNS: &str = "SELECT o.id, o.number, o.created_at, o.order_type, o.stage, o.status, \
     c.name AS customer, c.phone AS phone, c.email AS email, o.due_date, o.subtotal, o.tax, o.total, o.paid";
const LINE_COLUMNS: &str = ", l.line_no, l.sku, l.name AS line_name, l.qty, l.unit_price, \
     l.amount AS line_amount, l.tax AS line_tax, l.note AS line_note";

/// The query for `f` in the given shape.
pub(crate) fn build(
    f: &OrderFilter,
    shape: Shape,
    after: Option<&Cursor>,
    broad: bool,
) -> QueryBuilder<'static, Sqlite> {
    build_in(f, shape, after, broad, None)
}

/// The windows a one-word search's first page is read from (see
/// [`Store::newest_text_page`]).
struct Window {
    /// The word as an FTS5 prefix query.
    word: String,
    /// Order text rows read, newest first, into `w`.
    rows: i64,
    /// Orders of the customers the word names read, newest first, into `cw`.
    orders: i64,
    /// So many customers match that their orders are best found by walking
    /// all orders newest first (else: every matching customer's orders,
    /// sorted).
    many_customers: bool,
}

/// `w` and `cw`, the CTEs of a windowed search.
fn push_windows(q: &mut QueryBuilder<'_, Sqlite>, w: Window) {
    q.push("WITH w AS MATERIALIZED (SELECT rowid AS r FROM orders_text WHERE orders_text MATCH ")
        .push_bind(w.word.clone())
        .push(" ORDER BY rowid DESC LIMIT ")
        .push_bind(w.rows)
        .push("), cw AS MATERIALIZED (SELECT o.id AS id, o.created_at AS at FROM ");
    if w.many_customers {
        // `+o.customer_id`: test the set, walk the (created_at) index.
        q.push(
            "orders o INDEXED BY orders_at WHERE +o.customer_id IN \
             (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ",
        )
        .push_bind(w.word)
        .push(")");
    } else {
        q.push("customers_fts cf CROSS JOIN orders o WHERE cf.customers_fts MATCH ")
            .push_bind(w.word)
            .push(" AND o.customer_id = cf.rowid");
    }
    q.push(" ORDER BY o.created_at DESC, o.id DESC LIMIT ")
        .push_bind(w.orders)
        .push(") ");
}

/// [`build`]; with a `window`, the word's order text hits are its newest
/// rows only, read once into `w`, and its customers' orders their newest
/// only, read into `cw`; each row also says how many rows each window read
/// and where each ends (`window_rows`, `window_low`, `cwindow_rows`,
/// `cwindow_low_at`, `cwindow_low_id`).
fn build_in(
    f: &OrderFilter,
    shape: Shape,
    after: Option<&Cursor>,
    broad: bool,
    window: Option<Window>,
) -> QueryBuilder<'static, Sqlite> {
    let text = f
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    let lines = shape == Shape::Export { lines: true };
    if let Shape::Chunk { lines, n } = shape {
        return chunk(f, text.as_deref(), after, lines, n);
    }
    let windowed = window.is_some();
    let mut q = QueryBuilder::new("");
    if let Some(w) = window {
        push_windows(&mut q, w);
    }
    q.push(match shape {
        // Two steps: the page's ids first (from indexes alone when the
        // criteria allow), then the columns of those rows only.
        Shape::Page if windowed => format!(
            "{PAGE_COLUMNS}, (SELECT COUNT(*) FROM w) AS window_rows, \
             (SELECT MIN(r) FROM w) AS window_low, (SELECT COUNT(*) FROM cw) AS cwindow_rows, \
             (SELECT at FROM cw ORDER BY at, id LIMIT 1) AS cwindow_low_at, \
             (SELECT id FROM cw ORDER BY at, id LIMIT 1) AS cwindow_low_id FROM (SELECT o.id"
        ),
        Shape::Page => format!("{PAGE_COLUMNS} FROM (SELECT o.id"),
        Shape::Count => "SELECT COUNT(*)".to_string(),
        Shape::StatusCounts => "SELECT o.stage, o.status, COUNT(*)".to_string(),
        Shape::Export { lines: false } | Shape::Chunk { .. } => EXPORT_COLUMNS.to_string(),
        Shape::Export { lines: true } => format!("{EXPORT_COLUMNS}{LINE_COLUMNS}"),
    });
    push_from(&mut q, f, text.as_deref(), lines, broad, windowed);
    push_criteria(&mut q, f, broad);
    if let Some(c) = after {
        push_keyset(&mut q, f.sort, c);
    }
    match shape {
        Shape::Count => {}
        Shape::StatusCounts => {
            q.push(" GROUP BY o.stage, o.status ORDER BY o.stage, o.status");
        }
        Shape::Page => {
            push_order(&mut q, f.sort, false);
            q.push(" LIMIT ").push_bind(i64::from(f.page_size()) + 1);
            q.push(") k CROSS JOIN orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE o.id = k.id");
            push_order(&mut q, f.sort, false);
        }
        Shape::Export { lines } => push_order(&mut q, f.sort, lines),
        Shape::Chunk { .. } => {}
    }
    q
}

const CHUNK_ORDER: &str = "p.id, p.number, p.created_at, p.order_type, p.stage, p.status, \
     p.customer, p.phone, p.email, p.due_date, p.subtotal, p.tax, p.total, p.paid";
const CHUNK_LINE: &str = ", l.line_no, l.sku, l.name, l.qty, l.unit_price, l.amount, l.tax, l.note";

fn chunk(
    f: &OrderFilter,
    text: Option<&str>,
    after: Option<&Cursor>,
    lines: bool,
    n: i64,
) -> QueryBuilder<'static, Sqlite> {
    let mut q = QueryBuilder::new(format!(
        "SELECT json_group_array(json_array({CHUNK_ORDER}{})) FROM ({EXPORT_COLUMNS}",
        if lines { CHUNK_LINE } else { "" }
    ));
    push_from(&mut q, f, text, false, false, false);
    push_criteria(&mut q, f, false);
    if let Some(c) = after {
        push_keyset(&mut q, f.sort, c);
    }
    push_order(&mut q, f.sort, false);
    q.push(" LIMIT ").push_bind(n).push(") p");
    if lines {
        q.push(" LEFT JOIN order_lines l ON l.order_id = p.id");
    }
    q
}

/// Full-text matches beyond which a page is read in sort order (order text
/// rows, customers). Collecting and sorting m matches costs ~2 µs each;
/// walking the sort order to find 50 costs ~15 s / m at 1M orders: the
/// two cross near 3000 orders (~600 customers of ~5 orders).
const BROAD_ORDERS: i64 = 3000;
const BROAD_CUSTOMERS: i64 = 600;

/// Order text rows per page row a one-word search's first page is first
/// read from (see [`Store::newest_text_page`]): an order has one or a few.
pub(crate) const WINDOW_PER_ROW: i64 = 4;

/// The one word of a free-text search whose first page, newest first, may
/// be read from a window of full-text rows.
fn window_word(f: &OrderFilter, after: Option<&Cursor>) -> Option<String> {
    if after.is_some() || !matches!(f.sort, OrderSort::Newest) {
        return None;
    }
    let text = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty())?;
    if looks_like_phone(text, &phone_digits(text)) {
        return None;
    }
    let mut words = prefix_words(text);
    (words.len() == 1).then(|| words.pop()).flatten()
}

impl Store {
    /// The first page (newest first) of a one-word free-text search, read
    /// from two windows: the word's newest order text rows (`per_row` per
    /// page row) and the newest orders of the customers the word names (a
    /// page and one). FTS5 reads its rows in rowid order and stops, and the
    /// customers' orders are read newest first and stop, so no list of every
    /// hit is collected, joined and sorted. The page is exact when each
    /// window either holds every row of its source or ends after the page:
    /// - order text rows are numbered by order id, so the rows outside `w`
    ///   are those of orders below its lowest id, and they come after the
    ///   page unless some order below that id comes before the page's last
    ///   row (orders are numbered as they are created, so this holds unless
    ///   some were stored with earlier dates after later ones: an import);
    /// - `cw` is in the page's own order, so the orders outside it come
    ///   after its last one, which must not come before the page's last row
    ///   (other criteria may have dropped some of its orders).
    ///
    /// `None`: read the page the general way. Order-number matches are
    /// never windowed.
    pub(crate) async fn newest_text_page(
        &self,
        f: &OrderFilter,
        after: Option<&Cursor>,
        per_row: i64,
    ) -> Result<Option<Vec<SqliteRow>>> {
        let Some(word) = window_word(f, after) else {
            return Ok(None);
        };
        let size = f.page_size() as usize;
        let page_rows = size as i64 + 1;
        let window = Window {
            many_customers: self.many_customers_named(&word).await?,
            rows: per_row.max(1) * page_rows,
            orders: page_rows,
            word,
        };
        let (text_rows, order_rows) = (window.rows, window.orders);
        let rows = build_in(f, Shape::Page, None, false, Some(window))
            .build()
            .fetch_all(self.reader())
            .await?;
        // No row: nothing says whether the windows held every hit.
        let Some(last) = rows.last() else {
            return Ok(None);
        };
        let full_page = rows.len() > size;
        let created_at: String = last.try_get("created_at")?;
        let id: i64 = last.try_get("id")?;
        if last.try_get::<i64, _>("cwindow_rows")? >= order_rows {
            let low_at: String = last.try_get("cwindow_low_at")?;
            let low_id: i64 = last.try_get("cwindow_low_id")?;
            if !full_page || (low_at.as_str(), low_id) > (created_at.as_str(), id) {
                return Ok(None);
            }
        }
        if last.try_get::<i64, _>("window_rows")? < text_rows {
            return Ok(Some(rows));
        }
        if !full_page {
            return Ok(None);
        }
        let below = last.try_get::<Option<i64>, _>("window_low")?.unwrap_or(0) / 65536;
        let earlier_below: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM orders WHERE created_at >= ? AND id < ? \
             AND (created_at > ? OR id > ?))",
        )
        .bind(&created_at)
        .bind(below)
        .bind(&created_at)
        .bind(id)
        .fetch_one(self.reader())
        .await?;
        Ok((!earlier_below).then_some(rows))
    }

    /// Whether so many customers' names match a word that their orders are
    /// best found by walking all orders newest first.
    async fn many_customers_named(&self, word: &str) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT 1 FROM customers_fts WHERE customers_fts MATCH ? LIMIT ?)",
        )
        .bind(word)
        .bind(BROAD_CUSTOMERS)
        .fetch_one(self.reader())
        .await?;
        Ok(n >= BROAD_CUSTOMERS)
    }

    /// Whether the text or name criteria match so many rows that a page is
    /// best read by walking orders in sort order (counts stop at the limit).
    pub(crate) async fn is_broad(&self, f: &OrderFilter) -> Result<bool> {
        let text = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let (sql, words, limit) = match (text, f.customer.as_deref()) {
            (Some(t), _) => {
                if looks_like_phone(t, &phone_digits(t)) {
                    return Ok(false);
                }
                (
                    "SELECT COUNT(*) FROM (SELECT 1 FROM orders_text WHERE orders_text MATCH ? LIMIT ?)",
                    match_words(t),
                    BROAD_ORDERS,
                )
            }
            (None, Some(name)) if f.phone.is_none() && f.email.is_none() => (
                "SELECT COUNT(*) FROM (SELECT 1 FROM customers_fts WHERE customers_fts MATCH ? LIMIT ?)",
                match_words(name),
                BROAD_CUSTOMERS,
            ),
            _ => return Ok(false),
        };
        let Some(words) = words else {
            return Ok(false);
        };
        let n: i64 = sqlx::query_scalar(sql)
            .bind(words)
            .bind(limit)
            .fetch_one(self.reader())
            .await?;
        Ok(n >= limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_quoted_prefixes() {
        assert_eq!(
            match_words("Marie  cur\"ie*").as_deref(),
            Some("\"marie\"* \"cur\"* \"ie\"*")
        );
        assert_eq!(match_words(" -- "), None);
    }
}
