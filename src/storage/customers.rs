//! Customer look-ups: by phone digits (prefix) or by name.

use sqlx::Row;

use super::orders::phone_digits;
use chrono::{DateTime, Utc};

use super::{ts, Store, WriteTx};
use crate::error::Result;
use crate::import::CustomerRow;
use crate::orders::Customer;

impl Store {
    /// Customers whose phone starts or ends with the digits typed, or whose name
    /// contains the text; at most `limit`.
    pub async fn find_customers(&self, query: &str, limit: u32) -> Result<Vec<Customer>> {
        let q = query.trim();
        let digits = phone_digits(q);
        let rows = if digits.len() >= 3
            && digits.len() * 2 >= q.chars().filter(|c| !c.is_whitespace()).count()
        {
            // The start of the number, or (from a few digits on) its end.
            let rev = if digits.len() >= super::search::SUFFIX_DIGITS {
                super::search::reversed(&digits)
            } else {
                String::new()
            };
            sqlx::query(
                "SELECT id, name, phone, email, address FROM customers \
                 WHERE (phone_digits >= ?1 AND phone_digits < ?1 || char(1114111)) \
                 OR (?2 <> '' AND phone_digits_rev >= ?2 AND phone_digits_rev < ?2 || char(1114111)) \
                 ORDER BY name LIMIT ?3",
            )
                .bind(&digits)
                .bind(rev)
                .bind(i64::from(limit))
                .fetch_all(self.reader())
                .await?
        } else {
            // Words of the name starting with the words typed (the name's
            // full-text index), or the start of the e-mail: index look-ups,
            // never a scan of every customer.
            let email = q.to_lowercase();
            sqlx::query(
                "SELECT id, name, phone, email, address FROM customers WHERE id IN \
                 (SELECT rowid FROM customers_fts WHERE ?1 <> '' AND customers_fts MATCH ?1 \
                  UNION SELECT id FROM customers WHERE lower(email) >= ?2 AND lower(email) < ?2 || char(1114111)) \
                 ORDER BY name COLLATE NOCASE LIMIT ?3",
            )
            .bind(super::search::match_words(q).unwrap_or_default())
            .bind(email)
            .bind(i64::from(limit))
            .fetch_all(self.reader())
            .await?
        };
        Ok(rows
            .iter()
            .map(|r| Customer {
                id: r.get(0),
                name: r.get(1),
                phone: r.get(2),
                email: r.get(3),
                address: r.get(4),
            })
            .collect())
    }
}

impl Store {
    /// The id of the (first) customer with this phone number, if any.
    pub async fn customer_by_phone(&self, phone: &str) -> Result<Option<i64>> {
        let id = sqlx::query_scalar(
            "SELECT id FROM customers WHERE phone_digits = ? ORDER BY id LIMIT 1",
        )
        .bind(phone_digits(phone))
        .fetch_optional(self.reader())
        .await?;
        Ok(id)
    }
}

impl WriteTx {
    /// Updates the customer with this phone (name, and e-mail and address
    /// when given) or creates one. Returns whether it created.
    pub async fn import_customer(&mut self, c: &CustomerRow, now: DateTime<Utc>) -> Result<bool> {
        let digits = c.phone.as_deref().map(phone_digits);
        if let Some(d) = digits.as_deref() {
            let done = sqlx::query(
                "UPDATE customers SET name = ?, email = COALESCE(?, email), address = COALESCE(?, address) \
                 WHERE id = (SELECT id FROM customers WHERE phone_digits = ? ORDER BY id LIMIT 1)",
            )
            .bind(&c.name)
            .bind(&c.email)
            .bind(&c.address)
            .bind(d)
            .execute(self.conn().await?)
            .await?;
            if done.rows_affected() > 0 {
                return Ok(false);
            }
        }
        sqlx::query(
            "INSERT INTO customers (name, phone, phone_digits, email, address, created_at) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(&c.name)
        .bind(&c.phone)
        .bind(digits)
        .bind(&c.email)
        .bind(&c.address)
        .bind(ts(now))
        .execute(self.conn().await?)
        .await?;
        Ok(true)
    }
}
