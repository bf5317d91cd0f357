//! Customer look-ups: by phone digits (prefix) or by name.

use sqlx::Row;

use super::orders::phone_digits;
use super::Store;
use crate::error::Result;
use crate::orders::Customer;

impl Store {
    /// Customers whose phone starts with the digits typed, or whose name
    /// contains the text; at most `limit`.
    pub async fn find_customers(&self, query: &str, limit: u32) -> Result<Vec<Customer>> {
        let q = query.trim();
        let digits = phone_digits(q);
        let rows = if digits.len() >= 3
            && digits.len() * 2 >= q.chars().filter(|c| !c.is_whitespace()).count()
        {
            sqlx::query("SELECT id, name, phone, email, address FROM customers WHERE phone_digits LIKE ? ORDER BY name LIMIT ?")
                .bind(format!("{digits}%"))
                .bind(i64::from(limit))
                .fetch_all(self.reader())
                .await?
        } else {
            sqlx::query(
                "SELECT id, name, phone, email, address FROM customers WHERE name LIKE ? OR email LIKE ? \
                 ORDER BY name COLLATE NOCASE LIMIT ?",
            )
            .bind(format!("%{q}%"))
            .bind(format!("{q}%"))
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
