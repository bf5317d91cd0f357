//! Customers by phone at intake and from CSV import (the customer list's
//! search is in `customer_pages`).

use super::orders::phone_digits;
use chrono::{DateTime, Utc};

use super::{ts, Store, WriteTx};
use crate::error::Result;
use crate::import::CustomerRow;

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
