//! Invoice, credit-note and receipt-print SQL. Numbers are taken inside the
//! caller's write transaction (`MAX(seq) + 1` under `BEGIN IMMEDIATE`), so
//! a number exists exactly when its document does.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::Row;

use super::inventory::qty;
use super::{parse_ts, ts, SqlValue, Store, WriteTx};
use crate::error::{Error, Result};

/// Which numbered series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    Invoice,
    CreditNote,
}

impl Series {
    fn table(self) -> &'static str {
        match self {
            Series::Invoice => "invoices",
            Series::CreditNote => "credit_notes",
        }
    }
}

/// An issued invoice or credit note as stored.
#[derive(Debug, Clone)]
pub struct IssuedRow {
    pub id: i64,
    pub number: String,
    pub order_id: i64,
    /// The document model as issued (JSON).
    pub document: String,
    pub prints: i64,
}

/// A new invoice or credit note.
pub struct NewIssue<'a> {
    pub series: Series,
    pub seq: i64,
    pub number: &'a str,
    pub order_id: i64,
    /// Credit notes: the invoice corrected and the return that made it.
    pub invoice_id: Option<i64>,
    pub return_id: Option<i64>,
    pub total: i64,
    pub document: &'a str,
    /// 1 when issued by printing it, 0 when issued without a print.
    pub prints: i64,
}

/// A credit note as the order page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreditNoteRow {
    pub number: String,
    pub invoice: String,
    pub issued_at: DateTime<Utc>,
    /// The amount credited, minor units.
    pub total: i64,
}

fn issued_row(r: &sqlx::sqlite::SqliteRow) -> Result<IssuedRow> {
    Ok(IssuedRow {
        id: r.try_get(0)?,
        number: r.try_get(1)?,
        order_id: r.try_get(2)?,
        document: r.try_get(3)?,
        prints: r.try_get(4)?,
    })
}

impl WriteTx {
    /// The order's invoice, when one was issued.
    pub async fn order_invoice(&mut self, order_id: i64) -> Result<Option<IssuedRow>> {
        self.fetch_optional(
            "SELECT id, number, order_id, document, prints FROM invoices WHERE order_id = ?",
            [order_id.into()],
        )
        .await?
        .as_ref()
        .map(issued_row)
        .transpose()
    }

    /// The credit note numbered `number`, with its order's number.
    pub async fn credit_note(&mut self, number: &str) -> Result<(IssuedRow, String)> {
        let r = self
            .fetch_optional(
                "SELECT c.id, c.number, c.order_id, c.document, c.prints, o.number \
                 FROM credit_notes c JOIN orders o ON o.id = c.order_id WHERE c.number = ?",
                [number.into()],
            )
            .await?
            .ok_or_else(|| Error::not_found("credit note", number))?;
        Ok((issued_row(&r)?, r.try_get(5)?))
    }

    /// The series' next number: one more than the last issued.
    pub async fn next_seq(&mut self, series: Series) -> Result<i64> {
        let sql = format!("SELECT COALESCE(MAX(seq), 0) + 1 FROM {}", series.table());
        let r = self
            .fetch_optional(&sql, [])
            .await?
            .ok_or_else(|| Error::Storage("no next number".into()))?;
        Ok(r.try_get(0)?)
    }

    /// Writes an issued invoice or credit note; returns its id. A number
    /// already taken (a format changed to write old numbers again) is a
    /// conflict, and nothing is issued.
    pub async fn insert_issue(
        &mut self,
        new: &NewIssue<'_>,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let taken = format!("SELECT 1 FROM {} WHERE number = ?", new.series.table());
        if self
            .fetch_optional(&taken, [new.number.into()])
            .await?
            .is_some()
        {
            return Err(Error::conflict(format!(
                "the number {} was issued already: change the number format in the settings",
                new.number
            )));
        }
        let mut values: Vec<SqlValue> = vec![
            new.seq.into(),
            new.number.into(),
            new.order_id.into(),
            ts(now).into(),
            actor.into(),
            new.total.into(),
            new.document.into(),
            new.prints.into(),
        ];
        let (columns, marks) = match new.series {
            Series::Invoice => ("", ""),
            Series::CreditNote => {
                values.extend([new.invoice_id.into(), new.return_id.into()]);
                (", invoice_id, return_id", ", ?, ?")
            }
        };
        let sql = format!(
            "INSERT INTO {} (seq, number, order_id, issued_at, issued_by, total, document, prints{columns}) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?{marks}) RETURNING id",
            new.series.table()
        );
        let r = self.fetch_optional(&sql, values).await?;
        let r = r.ok_or_else(|| Error::Storage("insert returned nothing".into()))?;
        Ok(r.try_get(0)?)
    }

    /// Counts one more print of an issued document; returns the count.
    pub async fn count_print(&mut self, series: Series, id: i64) -> Result<i64> {
        let sql = format!(
            "UPDATE {} SET prints = prints + 1 WHERE id = ? RETURNING prints",
            series.table()
        );
        let r = self
            .fetch_optional(&sql, [id.into()])
            .await?
            .ok_or_else(|| Error::not_found("document", id.to_string()))?;
        Ok(r.try_get(0)?)
    }

    /// Counts one more print of the order's receipt; returns the count.
    pub async fn count_receipt_print(&mut self, order_id: i64) -> Result<i64> {
        let r = self
            .fetch_optional(
                "INSERT INTO receipt_prints (order_id, prints) VALUES (?, 1) \
                 ON CONFLICT(order_id) DO UPDATE SET prints = prints + 1 RETURNING prints",
                [order_id.into()],
            )
            .await?
            .ok_or_else(|| Error::Storage("receipt print not counted".into()))?;
        Ok(r.try_get(0)?)
    }
}

impl Store {
    /// Returned quantity per line of an order so far: (line, qty).
    pub async fn returned(&self, order_id: i64) -> Result<Vec<(i64, Decimal)>> {
        let rows = sqlx::query(
            "SELECT l.line_no, SUM(l.qty_milli) FROM return_lines l JOIN returns r ON r.id = l.return_id \
             WHERE r.order_id = ? GROUP BY l.line_no ORDER BY l.line_no",
        )
        .bind(order_id)
        .fetch_all(self.reader())
        .await?;
        Ok(rows.iter().map(|r| (r.get(0), qty(r.get(1)))).collect())
    }

    /// The order's invoice number and its credit notes, oldest first.
    pub async fn order_issues(
        &self,
        order_id: i64,
    ) -> Result<(Option<String>, Vec<CreditNoteRow>)> {
        let invoice: Option<String> =
            sqlx::query_scalar("SELECT number FROM invoices WHERE order_id = ?")
                .bind(order_id)
                .fetch_optional(self.reader())
                .await?;
        let rows = sqlx::query(
            "SELECT c.number, i.number, c.issued_at, c.total FROM credit_notes c \
             JOIN invoices i ON i.id = c.invoice_id WHERE c.order_id = ? ORDER BY c.seq",
        )
        .bind(order_id)
        .fetch_all(self.reader())
        .await?;
        let notes = rows
            .iter()
            .map(|r| {
                Ok(CreditNoteRow {
                    number: r.try_get(0)?,
                    invoice: r.try_get(1)?,
                    issued_at: parse_ts(r.try_get(2)?)?,
                    total: r.try_get(3)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((invoice, notes))
    }

    /// Every issued number of `series` in order: (seq, number).
    pub async fn issued_numbers(&self, series: Series) -> Result<Vec<(i64, String)>> {
        let sql = format!("SELECT seq, number FROM {} ORDER BY seq", series.table());
        Ok(sqlx::query_as(&sql).fetch_all(self.reader()).await?)
    }
}

impl Store {
    /// The order a credit note belongs to (its number).
    pub async fn credit_note_order(&self, number: &str) -> Result<String> {
        sqlx::query_scalar(
            "SELECT o.number FROM credit_notes c JOIN orders o ON o.id = c.order_id WHERE c.number = ?",
        )
        .bind(number)
        .fetch_optional(self.reader())
        .await?
        .ok_or_else(|| Error::not_found("credit note", number))
    }

    /// The stored document of the order's invoice, when issued, and how
    /// often it was printed.
    pub async fn invoice_document(&self, order_id: i64) -> Result<Option<(String, i64)>> {
        Ok(
            sqlx::query_as("SELECT document, prints FROM invoices WHERE order_id = ?")
                .bind(order_id)
                .fetch_optional(self.reader())
                .await?,
        )
    }

    /// The stored document of credit note `number` and how often it was printed.
    pub async fn credit_note_document(&self, number: &str) -> Result<(String, i64)> {
        sqlx::query_as("SELECT document, prints FROM credit_notes WHERE number = ?")
            .bind(number)
            .fetch_optional(self.reader())
            .await?
            .ok_or_else(|| Error::not_found("credit note", number))
    }
}
