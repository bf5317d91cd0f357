//! The customer list and a customer's page: keyset pages of customers by
//! name, their exact count, one customer with their figures and history,
//! and their orders (open first, then newest first).
//!
//! Plans: a phone search reads the trigram index of the digits
//! (`customers_phone_fts`, 0015), a name search the name's full-text index
//! and the e-mail a range of `customers_email`; the hits are collected and
//! sorted by name. When they are many (a one-letter name search), the page
//! walks the name index instead and tests each customer against the hits,
//! stopping after the page. Counts read the same index hits.

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};

use super::pages::summary;
use super::{parse_ts, Store};
use crate::customers::{
    CustomerCursor, CustomerEvent, CustomerEventKind, CustomerOrders, CustomerOrdersCursor,
    CustomerPage, CustomerSearch, Lookup,
};
use crate::error::{Error, Result};
use crate::money::Currency;
use crate::orders::Customer;

/// Hits beyond which a page walks the name index (collecting and sorting
/// m hits costs ~1 µs each; walking finds a page among ~m/n customers).
const BROAD_HITS: i64 = 5000;

/// History rows a customer's page shows.
const EVENTS_SHOWN: i64 = 50;

/// The ids a lookup selects, as a subquery (nothing for `All`: callers
/// read the table itself).
fn push_hits(q: &mut QueryBuilder<'_, Sqlite>, lookup: &Lookup) {
    match lookup {
        Lookup::All => {}
        Lookup::Phone { runs } if runs.is_empty() => {
            q.push("SELECT NULL WHERE 0");
        }
        Lookup::Phone { runs } => {
            // Digits only: safe inside FTS5 quotes.
            let query = runs
                .iter()
                .map(|r| format!("\"{r}\""))
                .collect::<Vec<_>>()
                .join(" OR ");
            q.push("SELECT rowid FROM customers_phone_fts WHERE customers_phone_fts MATCH ")
                .push_bind(query);
        }
        Lookup::Words { text, email } => {
            if let Some(words) = super::search::match_words(text) {
                q.push("SELECT rowid FROM customers_fts WHERE customers_fts MATCH ")
                    .push_bind(words)
                    .push(" UNION ");
            }
            push_email(q, email);
        }
        Lookup::Email { prefix } => push_email(q, prefix),
    }
}

/// Customers whose e-mail starts with `prefix` (a range of `customers_email`).
fn push_email(q: &mut QueryBuilder<'_, Sqlite>, prefix: &str) {
    q.push("SELECT id FROM customers WHERE lower(email) >= ")
        .push_bind(prefix.to_string())
        .push(" AND lower(email) < ")
        .push_bind(format!("{prefix}\u{10FFFF}"));
}

fn customer(r: &SqliteRow) -> Customer {
    Customer {
        id: r.get("id"),
        name: r.get("name"),
        phone: r.get("phone"),
        email: r.get("email"),
        address: r.get("address"),
    }
}

const CUSTOMER_COLUMNS: &str = "c.id, c.name, c.phone, c.email, c.address";

/// One customer as stored, with consent and when they were created.
pub struct CustomerRecord {
    pub customer: Customer,
    pub marketing_consent: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A customer's order figures.
pub struct CustomerFigures {
    pub orders: i64,
    pub open_orders: i64,
    /// Owed over all their orders (minor units).
    pub balance: i64,
}

impl Store {
    /// How many customers a search matches (exact).
    pub async fn count_customers(&self, search: &CustomerSearch) -> Result<i64> {
        let lookup = Lookup::of(&search.text);
        let mut q = QueryBuilder::new("SELECT COUNT(*) FROM ");
        if matches!(lookup, Lookup::All) {
            q.push("customers");
        } else {
            q.push("(");
            push_hits(&mut q, &lookup);
            q.push(")");
        }
        Ok(q.build_query_scalar().fetch_one(self.reader()).await?)
    }

    /// One page of the customers a search matches, by name (then id), and
    /// how many match in all.
    pub async fn search_customers(&self, search: &CustomerSearch) -> Result<CustomerPage> {
        let lookup = Lookup::of(&search.text);
        let total = self.count_customers(search).await?;
        let size = search.page_size();
        let broad = total >= BROAD_HITS;
        let mut q = QueryBuilder::new(format!("SELECT {CUSTOMER_COLUMNS} FROM customers c "));
        if broad || matches!(lookup, Lookup::All) {
            // Walk the name index; `+c.id`: test the hits, do not drive from them.
            q.push("INDEXED BY customers_name WHERE 1 = 1");
            if !matches!(lookup, Lookup::All) {
                q.push(" AND +c.id IN (");
                push_hits(&mut q, &lookup);
                q.push(")");
            }
        } else {
            q.push("WHERE c.id IN (");
            push_hits(&mut q, &lookup);
            q.push(")");
        }
        if let Some(after) = &search.after {
            q.push(" AND (c.name COLLATE NOCASE > ")
                .push_bind(after.name.clone())
                .push(" OR (c.name COLLATE NOCASE = ")
                .push_bind(after.name.clone())
                .push(" AND c.id > ")
                .push_bind(after.id)
                .push("))");
        }
        q.push(" ORDER BY c.name COLLATE NOCASE, c.id LIMIT ")
            .push_bind(i64::from(size) + 1);
        let rows = q.build().fetch_all(self.reader()).await?;
        let mut customers: Vec<Customer> = rows.iter().map(customer).collect();
        let next = if customers.len() > size as usize {
            customers.truncate(size as usize);
            customers.last().map(|c| CustomerCursor {
                name: c.name.clone(),
                id: c.id,
            })
        } else {
            None
        };
        Ok(CustomerPage {
            customers,
            total,
            next,
        })
    }

    /// One customer as stored.
    pub async fn customer_record(&self, id: i64) -> Result<CustomerRecord> {
        let row = sqlx::query(&format!(
            "SELECT {CUSTOMER_COLUMNS}, c.marketing_consent, c.created_at FROM customers c WHERE c.id = ?"
        ))
        .bind(id)
        .fetch_optional(self.reader())
        .await?
        .ok_or_else(|| Error::not_found("customer", id.to_string()))?;
        Ok(CustomerRecord {
            customer: customer(&row),
            marketing_consent: row.get::<i64, _>("marketing_consent") != 0,
            created_at: parse_ts(row.get::<&str, _>("created_at"))?,
        })
    }

    /// A customer's orders counted, open ones counted, and what they owe.
    pub async fn customer_figures(&self, id: i64) -> Result<CustomerFigures> {
        let row = sqlx::query(
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE closed_at IS NULL), \
             COALESCE(SUM(total - paid) FILTER (WHERE total > paid), 0) \
             FROM orders WHERE customer_id = ?",
        )
        .bind(id)
        .fetch_one(self.reader())
        .await?;
        Ok(CustomerFigures {
            orders: row.get(0),
            open_orders: row.get(1),
            balance: row.get(2),
        })
    }

    /// A customer's history, newest first (the newest rows only).
    pub async fn customer_events(&self, id: i64) -> Result<Vec<CustomerEvent>> {
        let rows = sqlx::query(
            "SELECT at, actor, event, detail FROM customer_events WHERE customer_id = ? \
             ORDER BY id DESC LIMIT ?",
        )
        .bind(id)
        .bind(EVENTS_SHOWN)
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CustomerEvent {
                    at: parse_ts(r.get::<&str, _>("at"))?,
                    actor: r.get("actor"),
                    kind: CustomerEventKind::parse(r.get::<&str, _>("event"))?,
                    detail: serde_json::from_str(r.get::<&str, _>("detail"))
                        .map_err(|e| Error::Storage(format!("customer event detail: {e}")))?,
                })
            })
            .collect()
    }

    /// How many history rows a customer has.
    pub async fn customer_event_count(&self, id: i64) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM customer_events WHERE customer_id = ?")
                .bind(id)
                .fetch_one(self.reader())
                .await?,
        )
    }

    /// When marketing consent was last given or withdrawn.
    pub async fn consent_changed_at(
        &self,
        id: i64,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        let at: Option<String> = sqlx::query_scalar(
            "SELECT at FROM customer_events WHERE customer_id = ? AND event = ? \
             ORDER BY id DESC LIMIT 1",
        )
        .bind(id)
        .bind(CustomerEventKind::Consent.key())
        .fetch_optional(self.reader())
        .await?;
        at.as_deref().map(parse_ts).transpose()
    }

    /// One page of a customer's orders: open ones first, each part newest
    /// first (the customer's orders come from `orders_customer_at`).
    pub async fn customer_orders(
        &self,
        id: i64,
        after: Option<&CustomerOrdersCursor>,
        limit: u32,
        currency: &Currency,
    ) -> Result<CustomerOrders> {
        let mut q = QueryBuilder::<Sqlite>::new(
            "SELECT o.id, o.number, o.order_type, o.stage, o.status, o.total, o.paid, \
             o.due_date, o.created_at, o.closed_at IS NOT NULL AS closed, \
             c.name AS customer, c.phone AS phone \
             FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.customer_id = ",
        );
        q.push_bind(id);
        if let Some(a) = after {
            q.push(" AND ((o.closed_at IS NOT NULL) > ")
                .push_bind(a.closed)
                .push(" OR ((o.closed_at IS NOT NULL) = ")
                .push_bind(a.closed)
                .push(" AND (o.created_at, o.id) < (")
                .push_bind(a.created_at.clone())
                .push(", ")
                .push_bind(a.id)
                .push(")))");
        }
        q.push(" ORDER BY closed, o.created_at DESC, o.id DESC LIMIT ")
            .push_bind(i64::from(limit) + 1);
        let rows = q.build().fetch_all(self.reader()).await?;
        let more = rows.len() > limit as usize;
        let rows = &rows[..rows.len().min(limit as usize)];
        let next = more
            .then(|| rows.last())
            .flatten()
            .map(|r| CustomerOrdersCursor {
                closed: r.get("closed"),
                created_at: r.get("created_at"),
                id: r.get("id"),
            });
        Ok(CustomerOrders {
            orders: rows.iter().map(|r| summary(r, currency)).collect(),
            next,
        })
    }
}
