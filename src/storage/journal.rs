//! The journal's SQL: appending an entry inside a write transaction (the
//! next sequence of the transaction's till, chained to the last hash),
//! reading the chain in keyset chunks to verify it, the cross-checks'
//! queries, and the entries of a period for the archive.

use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use serde_json::Value;
use sqlx::Row;

use super::{ts, SqlValue, Store, WriteTx};
use crate::error::{Error, Result};
use crate::journal::archive::Segment;
use crate::journal::chain::{ChainCheck, Findings, Report, PROBLEMS_LISTED};
use crate::journal::cross::{Derive, Group, Rule};
use crate::journal::{entry_hash, Entry, EntryKind, Payload, GENESIS};

/// Entries read per chunk while verifying or exporting.
const CHUNK: i64 = 2000;

/// A cross-check: a [`Rule`] and the query giving, per row, `(label, key,
/// facts)`: `key` the value of the rule's pairing field, `facts` a
/// `json_object` of the rule's fields. Rows older than the journal (ids up
/// to `journal_baseline`) are left out.
pub(crate) struct CrossCheck {
    pub rule: Rule,
    pub sql: &'static str,
}

/// Every cross-check `verify` runs. To check another table, add one here.
pub(crate) const CROSS_CHECKS: &[CrossCheck] = &[
    CrossCheck {
        rule: Rule {
            name: "cash movements",
            kinds: &[EntryKind::CashMovement],
            derive: Derive::Each,
            key: "session",
            fields: &["session", "kind", "amount", "reason", "@at", "@actor"],
        },
        sql: "SELECT 'cash movement ' || id, session_id, json_object('session', session_id, 'kind', kind, \
              'amount', amount, 'reason', reason, '@at', at, '@actor', actor) \
              FROM cash_movements WHERE kind <> 'no_sale'",
    },
    CrossCheck {
        rule: Rule {
            name: "no-sale drawer openings",
            kinds: &[EntryKind::DrawerOpen],
            derive: Derive::Each,
            key: "session",
            fields: &["session", "kind", "amount", "reason", "@at", "@actor"],
        },
        sql: "SELECT 'drawer opening ' || id, session_id, json_object('session', session_id, 'kind', kind, \
              'amount', amount, 'reason', reason, '@at', at, '@actor', actor) \
              FROM cash_movements WHERE kind = 'no_sale'",
    },
    CrossCheck {
        rule: Rule {
            name: "Z reports",
            kinds: &[EntryKind::ZReport],
            derive: Derive::Each,
            key: "session",
            fields: &["session", "number", "grand_total", "@till", "@at", "@actor"],
        },
        sql: "SELECT 'Z report ' || till || '/' || number, session_id, json_object('session', session_id, \
              'number', number, 'grand_total', grand_total, '@till', till, '@at', at, '@actor', actor) \
              FROM z_reports",
    },
    CrossCheck {
        rule: Rule {
            name: "session openings",
            kinds: &[EntryKind::SessionOpened],
            derive: Derive::Each,
            key: "session",
            fields: &["session", "float", "@till", "@at", "@actor"],
        },
        sql: "SELECT 'session ' || till || '/' || id, id, json_object('session', id, 'float', float, \
              '@till', till, '@at', opened_at, '@actor', opened_by) FROM till_sessions \
              WHERE id > COALESCE((SELECT last_id FROM journal_baseline WHERE name = 'till_sessions'), 0)",
    },
    CrossCheck {
        rule: Rule {
            name: "session closings",
            kinds: &[EntryKind::ZReport],
            derive: Derive::Each,
            key: "session",
            fields: &["session", "@till", "@at", "@actor"],
        },
        sql: "SELECT 'session ' || till || '/' || id || ' (closed)', id, json_object('session', id, \
              '@till', till, '@at', closed_at, '@actor', closed_by) FROM till_sessions \
              WHERE closed_at IS NOT NULL",
    },
    CrossCheck {
        rule: Rule {
            name: "change given",
            kinds: &[EntryKind::ChangeGiven],
            derive: Derive::Each,
            key: "order",
            fields: &["order", "method", "amount", "change", "rounding", "@at", "@actor"],
        },
        sql: "SELECT 'payments row ' || p.id, o.number, json_object('order', o.number, 'method', p.method, \
              'amount', p.amount, 'change', p.change_given, 'rounding', p.rounding, '@at', p.at, \
              '@actor', p.actor) FROM payments p JOIN orders o ON o.id = p.order_id \
              WHERE p.change_given <> 0 OR p.rounding <> 0",
    },
    CrossCheck {
        rule: Rule {
            name: "invoices",
            kinds: &[EntryKind::InvoiceIssued],
            derive: Derive::Each,
            key: "number",
            fields: &["number", "seq", "order", "total", "@at", "@actor"],
        },
        sql: "SELECT 'invoice ' || i.number, i.number, json_object('number', i.number, 'seq', i.seq, \
              'order', o.number, 'total', i.total, '@at', i.issued_at, '@actor', i.issued_by) \
              FROM invoices i JOIN orders o ON o.id = i.order_id",
    },
    CrossCheck {
        rule: Rule {
            name: "credit notes",
            kinds: &[EntryKind::CreditNoteIssued],
            derive: Derive::Each,
            key: "number",
            fields: &["number", "seq", "invoice", "order", "return_id", "total", "@at", "@actor"],
        },
        sql: "SELECT 'credit note ' || c.number, c.number, json_object('number', c.number, 'seq', c.seq, \
              'invoice', i.number, 'order', o.number, 'return_id', c.return_id, 'total', c.total, \
              '@at', c.issued_at, '@actor', c.issued_by) \
              FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id JOIN orders o ON o.id = c.order_id",
    },
    CrossCheck {
        rule: Rule {
            name: "payments",
            kinds: &[EntryKind::Payment],
            derive: Derive::Each,
            key: "order",
            fields: &["order", "method", "amount", "reference", "@at", "@actor"],
        },
        sql: "SELECT 'payments row ' || p.id, o.number, json_object('order', o.number, 'method', p.method, \
              'amount', p.amount, 'reference', p.reference, '@at', p.at, '@actor', p.actor) \
              FROM payments p JOIN orders o ON o.id = p.order_id \
              WHERE p.id > COALESCE((SELECT last_id FROM journal_baseline WHERE name = 'payments'), 0)",
    },
    CrossCheck {
        rule: Rule {
            name: "refunds",
            kinds: &[EntryKind::Refund],
            derive: Derive::Each,
            key: "order",
            fields: &["order", "return_kind", "refund", "charge", "@at", "@actor"],
        },
        sql: "SELECT 'returns row ' || r.id, o.number, json_object('order', o.number, 'return_kind', r.kind, \
              'refund', r.refund, 'charge', r.charge, '@at', r.at, '@actor', r.actor) \
              FROM returns r JOIN orders o ON o.id = r.order_id \
              WHERE r.id > COALESCE((SELECT last_id FROM journal_baseline WHERE name = 'returns'), 0)",
    },
    CrossCheck {
        rule: Rule {
            name: "sales",
            kinds: &[EntryKind::Sale],
            derive: Derive::Each,
            key: "order",
            fields: &["order", "order_type", "@at"],
        },
        sql: "SELECT 'order ' || number, number, json_object('order', number, 'order_type', order_type, \
              '@at', created_at) FROM orders \
              WHERE id > COALESCE((SELECT last_id FROM journal_baseline WHERE name = 'orders'), 0)",
    },
    CrossCheck {
        rule: Rule {
            name: "order totals",
            kinds: &[EntryKind::Sale, EntryKind::Refund, EntryKind::OrderEdited],
            derive: Derive::Latest,
            key: "order",
            fields: &["subtotal", "tax", "total"],
        },
        sql: "SELECT 'order ' || number, number, json_object('subtotal', subtotal, 'tax', tax, \
              'total', total) FROM orders \
              WHERE id > COALESCE((SELECT last_id FROM journal_baseline WHERE name = 'orders'), 0)",
    },
    CrossCheck {
        rule: Rule {
            name: "order paid",
            kinds: &[EntryKind::Payment],
            derive: Derive::Sum,
            key: "order",
            fields: &["amount"],
        },
        sql: "SELECT 'order ' || number || ' (paid)', number, json_object('amount', paid) FROM orders \
              WHERE id > COALESCE((SELECT last_id FROM journal_baseline WHERE name = 'orders'), 0)",
    },
    CrossCheck {
        rule: Rule {
            name: "cancellations",
            kinds: &[EntryKind::Cancellation],
            derive: Derive::Each,
            key: "order",
            fields: &["order"],
        },
        sql: "SELECT 'order ' || number || ' (canceled)', number, json_object('order', number) FROM orders \
              WHERE stage = 'canceled' \
              AND id > COALESCE((SELECT last_id FROM journal_baseline WHERE name = 'orders'), 0)",
    },
    CrossCheck {
        rule: Rule {
            name: "settings changes",
            kinds: &[EntryKind::SettingsChanged],
            derive: Derive::Each,
            key: "@at",
            fields: &["summary", "@at", "@actor"],
        },
        sql: "SELECT 'settings change ' || id, at, json_object('summary', summary, '@at', at, \
              '@actor', actor) FROM settings_changes \
              WHERE id > COALESCE((SELECT last_id FROM journal_baseline WHERE name = 'settings_changes'), 0)",
    },
];

/// The entry-side expression of a pairing field.
fn entry_key_sql(key: &str) -> String {
    match key {
        "@at" => "at".into(),
        "@actor" => "actor".into(),
        "@till" => "till".into(),
        field => {
            format!("CASE WHEN json_valid(payload) THEN json_extract(payload, '$.\"{field}\"') END")
        }
    }
}

/// One stream of a check's entries (side 0) and rows (side 1), sorted by
/// the pairing key: `(group, side, key text, till | label, seq, kind, at,
/// the payload's fields the rule reads | facts, actor)`, where `group`
/// tells keys apart by type and value.
fn cross_check_sql(check: &CrossCheck) -> String {
    let kinds = check
        .rule
        .kinds
        .iter()
        .map(|k| format!("'{}'", k.key()))
        .collect::<Vec<_>>()
        .join(", ");
    // Only the payload fields the rule reads go through the sort.
    let mut read: Vec<&str> = vec![check.rule.key];
    read.extend(check.rule.fields.iter().copied());
    let said = read
        .iter()
        .filter(|f| !f.starts_with('@'))
        .map(|f| format!("'{f}', payload -> '$.\"{f}\"'"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "WITH found(l, k, f) AS ({rows}), \
         both(k, side, a, seq, kind, at, body, actor) AS ( \
           SELECT {key}, 0, till, seq, kind, at, \
             CASE WHEN json_valid(payload) THEN json_object({said}) END, actor FROM journal \
           WHERE kind IN ({kinds}) \
           UNION ALL SELECT k, 1, l, 0, '', '', json(f), '' FROM found) \
         SELECT typeof(k) || ':' || COALESCE(CAST(k AS TEXT), ''), side, COALESCE(CAST(k AS TEXT), ''), \
           a, seq, kind, at, body, actor FROM both ORDER BY k, side, a, seq",
        rows = check.sql,
        key = entry_key_sql(check.rule.key),
    )
}

/// A chunk row: the eight columns of an entry.
type EntryTuple = (String, u64, String, String, String, String, String, String);

fn entry_of(t: EntryTuple) -> Entry {
    Entry {
        till: t.0,
        seq: t.1,
        kind: t.2,
        at: t.3,
        actor: t.4,
        payload: t.5,
        prev_hash: t.6,
        hash: t.7,
    }
}

const CHUNK_SQL: &str =
    "SELECT json_group_array(json_array(till, seq, kind, at, actor, payload, prev_hash, hash)) \
     FROM (SELECT * FROM journal WHERE (till, seq) > (?1, ?2) AND (?3 IS NULL OR till = ?3) \
     AND seq <= ?4 ORDER BY till, seq LIMIT ?5)";

impl WriteTx {
    /// The last sequence and hash of this transaction's till's chain
    /// (0 and [`GENESIS`] before its first entry).
    pub(crate) async fn chain_end(&mut self) -> Result<(i64, String)> {
        let till = self.till().to_string();
        let last = self
            .fetch_optional(
                "SELECT seq, hash FROM journal WHERE till = ? ORDER BY seq DESC LIMIT 1",
                [till.into()],
            )
            .await?;
        Ok(match last {
            Some(row) => (row.try_get::<i64, _>(0)?, row.try_get::<String, _>(1)?),
            None => (0, GENESIS.to_string()),
        })
    }

    /// Appends an entry to this transaction's till's chain: the next
    /// sequence, chained to the last hash; returns the sequence. It is
    /// written (and its head moved) with the transaction's other writes,
    /// so it commits or rolls back with the change it records.
    pub(crate) async fn append_journal(
        &mut self,
        kind: EntryKind,
        payload: &Payload,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let payload = payload.canonical()?;
        let till = self.till().to_string();
        let (last_seq, prev) = self.chain_end().await?;
        let seq = last_seq
            .checked_add(1)
            .ok_or_else(|| Error::Storage("journal sequence overflow".into()))?;
        let useq = u64::try_from(seq).map_err(|_| Error::Storage("bad journal sequence".into()))?;
        let at = ts(now);
        let hash = entry_hash(&prev, &till, useq, kind.key(), &at, actor, &payload)?;
        let values: Vec<SqlValue> = vec![
            till.as_str().into(),
            seq.into(),
            kind.key().into(),
            at.into(),
            actor.into(),
            payload.into(),
            prev.into(),
            hash.as_str().into(),
        ];
        self.defer(
            "INSERT INTO journal (till, seq, kind, at, actor, payload, prev_hash, hash) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            values,
        )?;
        self.defer(
            "INSERT INTO journal_head (till, seq, hash) VALUES (?, ?, ?) \
             ON CONFLICT(till) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            [till.into(), seq.into(), hash.into()],
        )?;
        Ok(useq)
    }
}

impl Store {
    /// Calls `each` with every entry (of `till`, or all tills) up to
    /// `last_seq`, after `(after_till, after_seq)`, by till and sequence,
    /// reading in chunks.
    async fn each_entry(
        &self,
        till: Option<&str>,
        after: (String, u64),
        last_seq: u64,
        mut each: impl FnMut(Entry) -> Result<()>,
    ) -> Result<()> {
        let mut after = after;
        let last = i64::try_from(last_seq).unwrap_or(i64::MAX);
        loop {
            let text: Option<String> = sqlx::query_scalar(CHUNK_SQL)
                .bind(&after.0)
                .bind(i64::try_from(after.1).unwrap_or(i64::MAX))
                .bind(till)
                .bind(last)
                .bind(CHUNK)
                .fetch_one(self.reader())
                .await?;
            let rows: Vec<EntryTuple> = serde_json::from_str(text.as_deref().unwrap_or("[]"))
                .map_err(|e| Error::Storage(format!("reading the journal: {e}")))?;
            let n = rows.len();
            for t in rows {
                after = (t.0.clone(), t.1);
                each(entry_of(t))?;
            }
            if n < CHUNK as usize {
                return Ok(());
            }
        }
    }

    /// Verifies every till's chain, its head, and the cross-checks.
    pub async fn verify_journal(&self) -> Result<Report> {
        self.verify_journal_listing(PROBLEMS_LISTED).await
    }

    /// [`Store::verify_journal`], listing the first `limit` problems.
    pub async fn verify_journal_listing(&self, limit: usize) -> Result<Report> {
        let mut chain = ChainCheck::new();
        let mut found = Findings::listing(limit);
        self.each_entry(None, (String::new(), 0), u64::MAX, |e| {
            let _ = chain.push(&e, &mut found);
            Ok(())
        })
        .await?;
        let entries = chain.entries();
        let heads = chain.finish();
        let stored: Vec<(String, i64, String)> =
            sqlx::query_as("SELECT till, seq, hash FROM journal_head ORDER BY till")
                .fetch_all(self.reader())
                .await?;
        for (till, seq, hash) in &stored {
            let useq = u64::try_from(*seq).unwrap_or(0);
            match heads.iter().find(|h| &h.till == till) {
                Some(h) if h.last_seq == useq && &h.last_hash == hash => {}
                Some(h) => found.add(
                    "head",
                    Some((till, h.last_seq.min(useq))),
                    format!(
                        "till {till}'s chain ends at #{} but its last entry written was #{useq}: entries were removed from the end or added outside the till",
                        h.last_seq
                    ),
                ),
                None => found.add(
                    "head",
                    Some((till, 1)),
                    format!("till {till} wrote {useq} entries; none are left"),
                ),
            }
        }
        for h in &heads {
            if !stored.iter().any(|(t, _, _)| t == &h.till) {
                found.add(
                    "head",
                    Some((&h.till, 1)),
                    format!(
                        "till {} has entries but no head: added outside the till",
                        h.till
                    ),
                );
            }
        }
        for check in CROSS_CHECKS {
            self.cross_check(check, &mut found).await?;
        }
        let checks = CROSS_CHECKS.iter().map(|c| c.rule.name.into()).collect();
        Ok(found.report(entries, heads, checks))
    }

    /// Runs one cross-check: the rule's entries and the query's rows, read
    /// as one stream sorted by the pairing key (entries of a key first, by
    /// till and sequence), checked a key at a time; memory holds one key.
    async fn cross_check(&self, check: &CrossCheck, found: &mut Findings) -> Result<()> {
        let rule = check.rule;
        let sql = cross_check_sql(check);
        let mut rows = sqlx::query(&sql).fetch(self.reader());
        let mut group: Option<(String, Group)> = None;
        while let Some(row) = rows.try_next().await? {
            let id: String = row.try_get(0)?;
            let side: i64 = row.try_get(1)?;
            let key: String = row.try_get(2)?;
            // An entry whose payload is not JSON is the chain's finding.
            let Some(text) = row.try_get::<Option<String>, _>(7)? else {
                continue;
            };
            if group.as_ref().is_none_or(|(g, _)| g != &id) {
                if let Some((_, done)) = group.take() {
                    done.finish(found);
                }
                group = Some((id, Group::new(rule)));
            }
            let Some((_, g)) = group.as_mut() else {
                continue;
            };
            if side == 0 {
                let e = Entry {
                    till: row.try_get(3)?,
                    seq: u64::try_from(row.try_get::<i64, _>(4)?).unwrap_or(0),
                    kind: row.try_get(5)?,
                    at: row.try_get(6)?,
                    actor: row.try_get(8)?,
                    payload: text,
                    prev_hash: String::new(),
                    hash: String::new(),
                };
                if let Ok(data) = e.data() {
                    g.entry(&e, &data, found);
                }
            } else {
                let label: String = row.try_get(3)?;
                let facts: Value = serde_json::from_str(&text)
                    .map_err(|e| Error::Storage(format!("{}: {e}", rule.name)))?;
                g.row(&label, &key, &facts, found);
            }
        }
        if let Some((_, done)) = group {
            done.finish(found);
        }
        Ok(())
    }

    /// Per till, the run of entries written in `[from, to)`: the sequences
    /// from the first entry at or after `from` to the last before `to`
    /// (everything between, so the segment is a whole piece of chain).
    pub async fn journal_segments(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Segment>> {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT till, MIN(seq), MAX(seq) FROM journal WHERE at >= ? AND at < ? GROUP BY till ORDER BY till",
        )
        .bind(ts(from))
        .bind(ts(to))
        .fetch_all(self.reader())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for (till, first, last) in rows {
            let ends: Vec<(i64, String, String)> = sqlx::query_as(
                "SELECT seq, prev_hash, hash FROM journal WHERE till = ? AND seq IN (?, ?) ORDER BY seq",
            )
            .bind(&till)
            .bind(first)
            .bind(last)
            .fetch_all(self.reader())
            .await?;
            let (Some(a), Some(b)) = (ends.first(), ends.last()) else {
                continue;
            };
            out.push(Segment {
                till,
                first_seq: u64::try_from(first).unwrap_or(0),
                last_seq: u64::try_from(last).unwrap_or(0),
                count: u64::try_from(last - first + 1).unwrap_or(0),
                prev_hash: a.1.clone(),
                last_hash: b.2.clone(),
            });
        }
        Ok(out)
    }

    /// Calls `each` with the entries of `segment`, in order.
    pub async fn segment_entries(
        &self,
        segment: &Segment,
        each: impl FnMut(Entry) -> Result<()>,
    ) -> Result<()> {
        let after = (segment.till.clone(), segment.first_seq.saturating_sub(1));
        self.each_entry(Some(&segment.till), after, segment.last_seq, each)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::CROSS_CHECKS;

    /// Every check pairs its entries and rows by a field (the stream is
    /// sorted by it): a rule without one would compare nothing.
    #[test]
    fn every_cross_check_pairs_by_a_field() {
        for c in CROSS_CHECKS {
            assert!(
                !c.rule.key.is_empty(),
                "{} has no pairing field",
                c.rule.name
            );
            assert!(
                c.rule.key.starts_with('@')
                    || c.rule.fields.contains(&c.rule.key)
                    || c.rule.derive != crate::journal::cross::Derive::Each,
                "{}: its pairing field is not one it compares",
                c.rule.name
            );
        }
    }
}
