//! The journal: an append-only, hash-chained record of every sale,
//! payment, refund, cancellation, closing and settings change, one chain
//! per till. This module is the format, free of storage: the kinds of
//! entry, the canonical JSON of a payload, the chain's hash, checking a
//! chain entry by entry ([`chain`]), matching entries against the rows
//! they describe ([`cross`]), and the period archive ([`archive`]).
//! docs/journal.md describes it for a shop owner and an auditor.

pub mod archive;
mod canonical;
pub mod chain;
pub mod cross;
mod kind;
pub mod payloads;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

pub use canonical::{canonical, Payload};
pub use kind::EntryKind;

/// The `prev_hash` of a till's first entry: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry as stored (and as an archive carries it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The till's code (`T1`).
    pub till: String,
    /// Gap-free per till, from 1.
    pub seq: u64,
    /// The kind's key ([`EntryKind::key`]); kept as text so an unknown
    /// kind is reported, not refused while reading.
    pub kind: String,
    /// RFC 3339 UTC, microseconds.
    pub at: String,
    /// Who made the change, as audit rows name them.
    pub actor: String,
    /// The canonical JSON of the payload.
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

impl Entry {
    /// The hash this entry should carry: see [`entry_hash`].
    pub fn expected_hash(&self) -> Result<String> {
        entry_hash(
            &self.prev_hash,
            &self.till,
            self.seq,
            &self.kind,
            &self.at,
            &self.actor,
            &self.payload,
        )
    }

    /// The payload parsed (an object).
    pub fn data(&self) -> Result<Value> {
        serde_json::from_str(&self.payload)
            .map_err(|e| Error::invalid("payload", format!("not JSON: {e}")))
    }
}

/// `hex(SHA-256(prev_hash ‖ record))`, where `record` is the canonical JSON
/// of the whole entry but its hashes: `{"actor", "at", "kind", "payload",
/// "seq", "till"}` (keys sorted, the payload as its canonical object). So
/// an edit of any column, not only of the payload, changes the hash.
pub fn entry_hash(
    prev_hash: &str,
    till: &str,
    seq: u64,
    kind: &str,
    at: &str,
    actor: &str,
    payload: &str,
) -> Result<String> {
    let data: Value = serde_json::from_str(payload)
        .map_err(|e| Error::invalid("payload", format!("not JSON: {e}")))?;
    let canonical_payload = canonical(&data)?;
    Ok(hash_canonical(
        prev_hash,
        till,
        seq,
        kind,
        at,
        actor,
        &canonical_payload,
    ))
}

/// [`entry_hash`] of a payload already in canonical JSON (not checked):
/// the record is spelled out around it, keys in their sorted order.
pub(crate) fn hash_canonical(
    prev_hash: &str,
    till: &str,
    seq: u64,
    kind: &str,
    at: &str,
    actor: &str,
    canonical_payload: &str,
) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let record = format!(
        "{{\"actor\":{},\"at\":{},\"kind\":{},\"payload\":{canonical_payload},\"seq\":{seq},\"till\":{}}}",
        q(actor),
        q(at),
        q(kind),
        q(till)
    );
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(record.as_bytes());
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// A till's code: 1 to 16 letters, digits, `-` or `_` (`T1`, `FRONT-2`).
pub fn check_till_code(code: &str) -> Result<()> {
    let ok = !code.is_empty()
        && code.len() <= 16
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "till",
            format!("'{code}': a till code is 1 to 16 letters, digits, '-' or '_' (e.g. T1)"),
        ))
    }
}

/// The till code of a machine without one set.
pub const DEFAULT_TILL: &str = "T1";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_covers_every_column_and_the_previous_hash() -> Result<()> {
        let base = entry_hash(GENESIS, "T1", 1, "sale", "t", "Olga", r#"{"a":1}"#)?;
        assert_eq!(base.len(), 64);
        let variants = [
            entry_hash(&"1".repeat(64), "T1", 1, "sale", "t", "Olga", r#"{"a":1}"#)?,
            entry_hash(GENESIS, "T2", 1, "sale", "t", "Olga", r#"{"a":1}"#)?,
            entry_hash(GENESIS, "T1", 2, "sale", "t", "Olga", r#"{"a":1}"#)?,
            entry_hash(GENESIS, "T1", 1, "payment", "t", "Olga", r#"{"a":1}"#)?,
            entry_hash(GENESIS, "T1", 1, "sale", "u", "Olga", r#"{"a":1}"#)?,
            entry_hash(GENESIS, "T1", 1, "sale", "t", "Olgb", r#"{"a":1}"#)?,
            entry_hash(GENESIS, "T1", 1, "sale", "t", "Olga", r#"{"a":2}"#)?,
        ];
        for v in variants {
            assert_ne!(v, base);
        }
        Ok(())
    }

    #[test]
    fn a_known_hash_stays_the_same() -> Result<()> {
        // The format is fixed: an archive hashed today verifies in ten years.
        let record = r#"{"actor":"Olga","at":"2026-12-02T10:00:00.000000Z","kind":"payment","payload":{"amount":1050,"method":"cash","order":"A-1"},"seq":1,"till":"T1"}"#;
        let mut h = Sha256::new();
        h.update(GENESIS.as_bytes());
        h.update(record.as_bytes());
        let want = hex(&h.finalize());
        let got = entry_hash(
            GENESIS,
            "T1",
            1,
            "payment",
            "2026-12-02T10:00:00.000000Z",
            "Olga",
            r#"{"order":"A-1","method":"cash","amount":1050}"#,
        )?;
        assert_eq!(got, want);
        Ok(())
    }

    #[test]
    fn till_codes_are_short_and_plain() {
        assert!(check_till_code("T1").is_ok());
        assert!(check_till_code("FRONT-2").is_ok());
        assert!(check_till_code("").is_err());
        assert!(check_till_code("a b").is_err());
        assert!(check_till_code(&"T".repeat(17)).is_err());
    }
}
