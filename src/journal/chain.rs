//! Checking a chain entry by entry, as the entries stream past (ordered by
//! till, then sequence): every entry's sequence follows the one before,
//! its `prev_hash` is the hash before it, its kind is known, its payload is
//! canonical, and its hash is the one its columns give. The result is a
//! [`Report`] naming the first bad entry.

use std::collections::HashMap;

use serde::Serialize;

use serde_json::Value;

use super::{canonical, hash_canonical, Entry, EntryKind, GENESIS};

/// Problems kept in a report; the count says how many there were in all.
pub const PROBLEMS_LISTED: usize = 100;

/// One thing that is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Problem {
    /// What found it: `chain`, `head`, `archive`, or a cross-check's name.
    pub check: String,
    /// The entry concerned (`T1#42`), when there is one.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub entry: Option<String>,
    pub message: String,
}

/// Where a till's chain ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TillHead {
    pub till: String,
    /// Entries checked.
    pub entries: u64,
    pub last_seq: u64,
    pub last_hash: String,
}

/// What a verification found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub ok: bool,
    pub entries: u64,
    pub tills: Vec<TillHead>,
    /// The cross-checks run against the tables (none for an archive).
    pub checks: Vec<String>,
    /// The first bad entry (`T1#42`), if any entry is bad.
    pub first_bad: Option<String>,
    /// How many problems there were in all.
    pub problem_count: u64,
    /// The first [`PROBLEMS_LISTED`] of them, chain problems first.
    pub problems: Vec<Problem>,
}

/// The label of an entry: `T1#42`.
pub fn label(till: &str, seq: u64) -> String {
    format!("{till}#{seq}")
}

/// Problems as they are found, kept up to [`PROBLEMS_LISTED`], counted all.
#[derive(Debug)]
pub struct Findings {
    pub listed: Vec<Problem>,
    pub count: u64,
    /// The first bad entry by (till, seq).
    first_bad: Option<(String, u64)>,
    /// How many problems are listed.
    limit: usize,
}

impl Default for Findings {
    fn default() -> Self {
        Findings::listing(PROBLEMS_LISTED)
    }
}

impl Findings {
    /// Findings listing the first `limit` problems (all are counted).
    pub fn listing(limit: usize) -> Findings {
        Findings {
            listed: Vec::new(),
            count: 0,
            first_bad: None,
            limit,
        }
    }

    pub fn add(&mut self, check: &str, entry: Option<(&str, u64)>, message: String) {
        self.count += 1;
        if let Some((till, seq)) = entry {
            let earlier = match &self.first_bad {
                None => true,
                Some((t, s)) => (till, seq) < (t.as_str(), *s),
            };
            if earlier {
                self.first_bad = Some((till.to_string(), seq));
            }
        }
        if self.listed.len() < self.limit {
            self.listed.push(Problem {
                check: check.to_string(),
                entry: entry.map(|(t, s)| label(t, s)),
                message,
            });
        }
    }

    pub fn report(self, entries: u64, tills: Vec<TillHead>, checks: Vec<String>) -> Report {
        Report {
            ok: self.count == 0,
            entries,
            tills,
            checks,
            first_bad: self.first_bad.map(|(t, s)| label(&t, s)),
            problem_count: self.count,
            problems: self.listed,
        }
    }
}

/// The chain check, fed one entry at a time.
#[derive(Debug, Default)]
pub struct ChainCheck {
    /// Where each till's chain starts: (first seq, hash before it);
    /// (1, [`GENESIS`]) for a till not named.
    starts: HashMap<String, (u64, String)>,
    heads: Vec<TillHead>,
    /// The till being read: its next expected seq and the hash before it.
    next: Option<(u64, String)>,
    entries: u64,
}

impl ChainCheck {
    /// A check of whole chains (from genesis).
    pub fn new() -> ChainCheck {
        ChainCheck::default()
    }

    /// A check of chain segments, each starting at `first_seq` after `prev_hash`.
    pub fn from_starts(starts: HashMap<String, (u64, String)>) -> ChainCheck {
        ChainCheck {
            starts,
            ..ChainCheck::default()
        }
    }

    pub fn entries(&self) -> u64 {
        self.entries
    }

    /// Checks one entry (entries come by till, then seq); gives back its
    /// payload, parsed, when it could be.
    pub fn push(&mut self, e: &Entry, found: &mut Findings) -> Option<Value> {
        self.entries += 1;
        let here = Some((e.till.as_str(), e.seq));
        let new_till = self.heads.last().is_none_or(|h| h.till != e.till);
        if new_till {
            if self.heads.iter().any(|h| h.till == e.till) {
                found.add(
                    "chain",
                    here,
                    format!("till {} appears twice: entries are out of order", e.till),
                );
            }
            let (seq, hash) = self
                .starts
                .get(&e.till)
                .cloned()
                .unwrap_or_else(|| (1, GENESIS.to_string()));
            self.next = Some((seq, hash));
            self.heads.push(TillHead {
                till: e.till.clone(),
                entries: 0,
                last_seq: 0,
                last_hash: String::new(),
            });
        }
        let (want_seq, want_prev) = self.next.clone().unwrap_or((1, GENESIS.to_string()));
        if e.seq != want_seq {
            let why = if e.seq > want_seq {
                "an entry is missing before it"
            } else {
                "an entry was inserted or moved"
            };
            found.add(
                "chain",
                here,
                format!("sequence {} where {want_seq} was due: {why}", e.seq),
            );
        }
        if e.prev_hash != want_prev {
            found.add(
                "chain",
                here,
                "its prev_hash is not the hash of the entry before it (an entry before it was changed, removed or moved)".into(),
            );
        }
        if EntryKind::parse(&e.kind).is_err() {
            found.add("chain", here, format!("unknown kind '{}'", e.kind));
        }
        let data = match e.data() {
            Ok(d) => Some(d),
            Err(err) => {
                found.add("chain", here, format!("its payload is unreadable: {err}"));
                None
            }
        };
        match data.as_ref().map(canonical) {
            Some(Ok(text)) if text == e.payload => {
                let h = hash_canonical(
                    &e.prev_hash,
                    &e.till,
                    e.seq,
                    &e.kind,
                    &e.at,
                    &e.actor,
                    &e.payload,
                );
                if h != e.hash {
                    found.add(
                        "chain",
                        here,
                        "its hash does not match its contents (the entry was changed)".into(),
                    );
                }
            }
            Some(Ok(_)) => found.add("chain", here, "its payload is not canonical JSON".into()),
            Some(Err(err)) => found.add("chain", here, format!("its payload is unreadable: {err}")),
            None => {}
        }
        // Go on from what is stored, so one bad entry is reported once.
        self.next = Some((e.seq.saturating_add(1), e.hash.clone()));
        if let Some(h) = self.heads.last_mut() {
            h.entries += 1;
            h.last_seq = e.seq;
            h.last_hash = e.hash.clone();
        }
        data
    }

    /// Where each till's chain ended.
    pub fn finish(self) -> Vec<TillHead> {
        self.heads
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{entry_hash, Payload};

    fn chain(n: u64) -> Vec<Entry> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let payload = Payload::new()
                    .money("amount", seq as i64 * 100)
                    .canonical()
                    .unwrap_or_default();
                let at = "2026-12-02T10:00:00.000000Z";
                let hash = entry_hash(&prev, "T1", seq, "payment", at, "Olga", &payload)
                    .unwrap_or_default();
                let e = Entry {
                    till: "T1".into(),
                    seq,
                    kind: "payment".into(),
                    at: at.into(),
                    actor: "Olga".into(),
                    payload,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                e
            })
            .collect()
    }

    fn check(entries: &[Entry]) -> Report {
        let mut c = ChainCheck::new();
        let mut found = Findings::default();
        for e in entries {
            let _ = c.push(e, &mut found);
        }
        let n = c.entries();
        found.report(n, c.finish(), Vec::new())
    }

    #[test]
    fn a_whole_chain_verifies_and_any_edit_names_its_entry() {
        let good = chain(5);
        let r = check(&good);
        assert!(r.ok, "{r:?}");
        assert_eq!(r.tills[0].last_seq, 5);

        let mut edited = good.clone();
        edited[2].payload = r#"{"amount":999}"#.into();
        assert_eq!(check(&edited).first_bad.as_deref(), Some("T1#3"));

        let mut removed = good.clone();
        removed.remove(1);
        assert_eq!(check(&removed).first_bad.as_deref(), Some("T1#3"));

        let mut swapped = good.clone();
        swapped.swap(1, 2);
        assert_eq!(check(&swapped).first_bad.as_deref(), Some("T1#2"));

        let mut spaced = good;
        spaced[0].payload = r#"{ "amount": 100 }"#.into();
        assert!(!check(&spaced).ok);
    }
}
