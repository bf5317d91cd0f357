//! Writes to customers: an edit of the details, the history rows, and the
//! merge of a duplicate into the customer kept. Each runs inside the
//! caller's transaction (the till commits it with its history row).

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::Row;

use super::{ts, WriteTx};
use crate::customers::{CheckedEdit, CustomerEventKind};
use crate::error::{Error, Result};
use crate::orders::Customer;

/// What a merge moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    pub orders: u64,
    pub credit_rows: u64,
    pub events: u64,
}

impl WriteTx {
    /// A customer and their consent, read under the write lock.
    pub async fn customer_for_change(&mut self, id: i64) -> Result<(Customer, bool)> {
        let row = sqlx::query(
            "SELECT id, name, phone, email, address, marketing_consent FROM customers WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(self.conn().await?)
        .await?
        .ok_or_else(|| Error::not_found("customer", id.to_string()))?;
        Ok((
            Customer {
                id: row.get("id"),
                name: row.get("name"),
                phone: row.get("phone"),
                email: row.get("email"),
                address: row.get("address"),
            },
            row.get::<i64, _>("marketing_consent") != 0,
        ))
    }

    /// Stores checked details (the name and phone indexes follow by trigger).
    pub async fn update_customer(&mut self, id: i64, edit: &CheckedEdit) -> Result<()> {
        sqlx::query(
            "UPDATE customers SET name = ?, phone = ?, phone_digits = ?, email = ?, address = ?, \
             marketing_consent = ? WHERE id = ?",
        )
        .bind(&edit.name)
        .bind(&edit.phone)
        .bind(edit.phone.as_deref().map(super::orders::phone_digits))
        .bind(&edit.email)
        .bind(&edit.address)
        .bind(edit.marketing_consent)
        .bind(id)
        .execute(self.conn().await?)
        .await?;
        Ok(())
    }

    /// One row of a customer's history.
    pub async fn record_customer_event(
        &mut self,
        customer_id: i64,
        kind: CustomerEventKind,
        detail: &Value,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO customer_events (customer_id, at, actor, event, detail) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(customer_id)
        .bind(ts(now))
        .bind(actor)
        .bind(kind.key())
        .bind(detail.to_string())
        .execute(self.conn().await?)
        .await?;
        Ok(())
    }

    /// A customer's store credit and history rows, read under the write lock.
    pub async fn customer_merge_counts(&mut self, id: i64) -> Result<(i64, i64, i64)> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM orders WHERE customer_id = ?1), \
             (SELECT COALESCE(SUM(amount), 0) FROM store_credit WHERE customer_id = ?1), \
             (SELECT COUNT(*) FROM customer_events WHERE customer_id = ?1)",
        )
        .bind(id)
        .fetch_one(self.conn().await?)
        .await?;
        Ok((row.get(0), row.get(1), row.get(2)))
    }

    /// Moves the duplicate's orders, store credit and history to `keep`,
    /// fills the kept customer's empty details from the duplicate, and
    /// deletes the duplicate (its name and phone leave the search indexes
    /// by trigger).
    pub async fn merge_customers(&mut self, keep: i64, duplicate: i64) -> Result<Moved> {
        let orders = sqlx::query("UPDATE orders SET customer_id = ? WHERE customer_id = ?")
            .bind(keep)
            .bind(duplicate)
            .execute(self.conn().await?)
            .await?
            .rows_affected();
        let credit_rows =
            sqlx::query("UPDATE store_credit SET customer_id = ? WHERE customer_id = ?")
                .bind(keep)
                .bind(duplicate)
                .execute(self.conn().await?)
                .await?
                .rows_affected();
        let events =
            sqlx::query("UPDATE customer_events SET customer_id = ? WHERE customer_id = ?")
                .bind(keep)
                .bind(duplicate)
                .execute(self.conn().await?)
                .await?
                .rows_affected();
        sqlx::query(
            "UPDATE customers SET \
             phone = COALESCE(customers.phone, d.phone), \
             phone_digits = CASE WHEN customers.phone IS NULL THEN d.phone_digits ELSE customers.phone_digits END, \
             email = COALESCE(customers.email, d.email), \
             address = COALESCE(customers.address, d.address) \
             FROM (SELECT phone, phone_digits, email, address FROM customers WHERE id = ?) d \
             WHERE customers.id = ?",
        )
        .bind(duplicate)
        .bind(keep)
        .execute(self.conn().await?)
        .await?;
        sqlx::query("DELETE FROM customers WHERE id = ?")
            .bind(duplicate)
            .execute(self.conn().await?)
            .await?;
        Ok(Moved {
            orders,
            credit_rows,
            events,
        })
    }
}
