//! Bulk inserts for generated (synthetic) data: many rows per statement,
//! explicit ids, many statements per transaction. Same tables, same
//! triggers (full-text rows included) as the normal write paths.

use sqlx::QueryBuilder;

use super::{Store, WriteTx};
use crate::error::{Error, Result};
use crate::journal::{entry_hash, EntryKind, Payload};

/// A customer row with its id chosen by the caller.
pub struct BulkCustomer {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub email: Option<String>,
    pub created_at: String,
}

/// An order row with its id chosen by the caller, and its lines.
pub struct BulkOrder {
    pub id: i64,
    pub number: String,
    pub order_type: String,
    pub plan_id: i64,
    pub stage: String,
    pub status: String,
    pub stage_index: i64,
    pub step_index: i64,
    pub customer_id: i64,
    pub fields: String,
    pub subtotal: i64,
    pub tax: i64,
    pub total: i64,
    pub paid: i64,
    pub due_date: Option<String>,
    pub created_at: String,
    pub closed_at: Option<String>,
    /// `None`: left for the till to work out when it next opens.
    pub fulfillment_state: Option<&'static str>,
    pub lines: Vec<BulkLine>,
}

pub struct BulkLine {
    pub sku: String,
    pub name: String,
    pub qty: String,
    pub unit_price: i64,
    pub tax_rate: String,
    pub note: Option<String>,
    pub amount: i64,
    pub tax: i64,
}

/// Rows per INSERT statement (SQLite allows 32766 bound values).
const CUSTOMERS_PER_INSERT: usize = 4000;
const ORDERS_PER_INSERT: usize = 1500;
const LINES_PER_INSERT: usize = 2500;
const PAYMENTS_PER_INSERT: usize = 4000;
const ENTRIES_PER_INSERT: usize = 4000;

/// A payment row of a generated order.
pub struct BulkPayment {
    pub order_id: i64,
    pub method: &'static str,
    pub amount: i64,
    pub at: String,
    pub actor: String,
}

/// A journal entry of generated data, chained when it is written.
pub struct BulkEntry {
    pub kind: EntryKind,
    pub payload: Payload,
    pub actor: String,
    /// RFC 3339, as `ts` writes it.
    pub at: String,
}

impl Store {
    /// The largest ids in use (customers, orders) and the order counter.
    pub async fn id_marks(&self) -> Result<(i64, i64, i64)> {
        let r: (i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM customers), (SELECT COALESCE(MAX(id), 0) FROM orders), \
             COALESCE((SELECT value FROM counters WHERE name = 'order'), 0)",
        )
        .fetch_one(self.reader())
        .await?;
        Ok(r)
    }

    /// Refreshes the query planner's statistics (after bulk loads).
    pub async fn analyze(&self) -> Result<()> {
        let mut writer = self.writer.lock().await;
        writer.execute("ANALYZE").await?;
        writer.execute("PRAGMA wal_checkpoint(TRUNCATE)").await?;
        Ok(())
    }
}

impl WriteTx {
    pub async fn bulk_customers(&mut self, rows: &[BulkCustomer]) -> Result<()> {
        for chunk in rows.chunks(CUSTOMERS_PER_INSERT) {
            let mut q = QueryBuilder::new(
                "INSERT INTO customers (id, name, phone, phone_digits, email, created_at) ",
            );
            q.push_values(chunk, |mut b, c| {
                b.push_bind(c.id)
                    .push_bind(&c.name)
                    .push_bind(&c.phone)
                    .push_bind(super::orders::phone_digits(&c.phone))
                    .push_bind(&c.email)
                    .push_bind(&c.created_at);
            });
            q.build().execute(self.conn().await?).await?;
        }
        Ok(())
    }

    pub async fn bulk_orders(&mut self, rows: &[BulkOrder]) -> Result<()> {
        for chunk in rows.chunks(ORDERS_PER_INSERT) {
            let mut q = QueryBuilder::new(
                "INSERT INTO orders (id, number, order_type, plan_id, stage, status, stage_index, step_index, \
                 customer_id, fields, subtotal, tax, total, paid, due_date, created_at, updated_at, closed_at, \
                 fulfillment_state) ",
            );
            q.push_values(chunk, |mut b, o| {
                b.push_bind(o.id)
                    .push_bind(&o.number)
                    .push_bind(&o.order_type)
                    .push_bind(o.plan_id)
                    .push_bind(&o.stage)
                    .push_bind(&o.status)
                    .push_bind(o.stage_index)
                    .push_bind(o.step_index)
                    .push_bind(o.customer_id)
                    .push_bind(&o.fields)
                    .push_bind(o.subtotal)
                    .push_bind(o.tax)
                    .push_bind(o.total)
                    .push_bind(o.paid)
                    .push_bind(&o.due_date)
                    .push_bind(&o.created_at)
                    .push_bind(o.closed_at.as_ref().unwrap_or(&o.created_at))
                    .push_bind(&o.closed_at)
                    .push_bind(o.fulfillment_state);
            });
            q.build().execute(self.conn().await?).await?;
        }
        let lines: Vec<(i64, usize, &BulkLine)> = rows
            .iter()
            .flat_map(|o| o.lines.iter().enumerate().map(move |(i, l)| (o.id, i, l)))
            .collect();
        for chunk in lines.chunks(LINES_PER_INSERT) {
            let mut q = QueryBuilder::new(
                "INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price, modifiers, \
                 tax_rate, note, delivery_method, amount, tax) ",
            );
            q.push_values(chunk, |mut b, (id, i, l)| {
                b.push_bind(*id)
                    .push_bind(*i as i64)
                    .push_bind(&l.sku)
                    .push_bind(&l.name)
                    .push_bind(&l.qty)
                    .push_bind(l.unit_price)
                    .push_bind("[]")
                    .push_bind(&l.tax_rate)
                    .push_bind(&l.note)
                    .push_bind(None::<String>)
                    .push_bind(l.amount)
                    .push_bind(l.tax);
            });
            q.build().execute(self.conn().await?).await?;
        }
        Ok(())
    }

    pub async fn bulk_payments(&mut self, rows: &[BulkPayment]) -> Result<()> {
        for chunk in rows.chunks(PAYMENTS_PER_INSERT) {
            let mut q =
                QueryBuilder::new("INSERT INTO payments (order_id, method, amount, at, actor) ");
            q.push_values(chunk, |mut b, p| {
                b.push_bind(p.order_id)
                    .push_bind(p.method)
                    .push_bind(p.amount)
                    .push_bind(&p.at)
                    .push_bind(&p.actor);
            });
            q.build().execute(self.conn().await?).await?;
        }
        Ok(())
    }

    /// Appends `entries` to this transaction's till's chain, in order, as
    /// [`WriteTx::append_journal`] appends one: the next sequences, each
    /// chained to the hash before it, and the chain's head moved.
    pub async fn bulk_journal(&mut self, entries: &[BulkEntry]) -> Result<()> {
        let till = self.till().to_string();
        let (mut seq, mut prev) = self.chain_end().await?;
        let mut rows = Vec::with_capacity(entries.len());
        for e in entries {
            seq = seq
                .checked_add(1)
                .ok_or_else(|| Error::Storage("journal sequence overflow".into()))?;
            let useq =
                u64::try_from(seq).map_err(|_| Error::Storage("bad journal sequence".into()))?;
            let payload = e.payload.canonical()?;
            let hash = entry_hash(&prev, &till, useq, e.kind.key(), &e.at, &e.actor, &payload)?;
            rows.push((
                seq,
                e,
                payload,
                std::mem::replace(&mut prev, hash.clone()),
                hash,
            ));
        }
        for chunk in rows.chunks(ENTRIES_PER_INSERT) {
            let mut q = QueryBuilder::new(
                "INSERT INTO journal (till, seq, kind, at, actor, payload, prev_hash, hash) ",
            );
            q.push_values(chunk, |mut b, (seq, e, payload, prev_hash, hash)| {
                b.push_bind(&till)
                    .push_bind(*seq)
                    .push_bind(e.kind.key())
                    .push_bind(&e.at)
                    .push_bind(&e.actor)
                    .push_bind(payload)
                    .push_bind(prev_hash)
                    .push_bind(hash);
            });
            q.build().execute(self.conn().await?).await?;
        }
        if !rows.is_empty() {
            sqlx::query(
                "INSERT INTO journal_head (till, seq, hash) VALUES (?, ?, ?) \
                 ON CONFLICT(till) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            )
            .bind(&till)
            .bind(seq)
            .bind(&prev)
            .execute(self.conn().await?)
            .await?;
        }
        Ok(())
    }

    /// Sets a named counter (the order-number sequence after a bulk load).
    pub async fn set_counter(&mut self, name: &str, value: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO counters (name, value) VALUES (?, ?) \
             ON CONFLICT(name) DO UPDATE SET value = excluded.value",
        )
        .bind(name)
        .bind(value)
        .execute(self.conn().await?)
        .await?;
        Ok(())
    }
}
