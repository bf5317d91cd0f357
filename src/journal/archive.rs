//! The period archive: a JSON Lines file, first line the [`Manifest`]
//! (the period, and per till the segment: first and last sequence, the
//! hash before the first entry and the last hash), then one [`Entry`] per
//! line by till and sequence. [`verify`] checks it without the database:
//! every entry's chain link and hash, and that the entries are exactly the
//! segments the manifest announces.

use std::collections::HashMap;
use std::io::BufRead;

use serde::{Deserialize, Serialize};

use super::chain::{ChainCheck, Findings, Report};
use super::Entry;
use crate::error::{Error, Result};

pub const FORMAT: &str = "tillflow.journal-archive.v1";

/// One till's part of an archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub till: String,
    pub first_seq: u64,
    pub last_seq: u64,
    pub count: u64,
    /// The hash of the entry before the first (64 zeros at the start).
    pub prev_hash: String,
    pub last_hash: String,
}

/// The archive's first line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    /// The period, as asked (`YYYY-MM-DD`, both days included, in `time_zone`).
    pub from: String,
    pub to: String,
    pub time_zone: String,
    pub exported_at: String,
    pub segments: Vec<Segment>,
}

/// Checks an archive read from `input`.
pub fn verify(input: impl BufRead) -> Result<Report> {
    let mut lines = input.lines();
    let first = lines
        .next()
        .ok_or_else(|| Error::invalid("archive", "the file is empty"))?
        .map_err(|e| Error::Io(format!("archive: {e}")))?;
    let manifest: Manifest = serde_json::from_str(&first)
        .map_err(|e| Error::invalid("archive", format!("line 1 is not a manifest: {e}")))?;
    if manifest.format != FORMAT {
        return Err(Error::invalid(
            "archive",
            format!("format '{}' is not {FORMAT}", manifest.format),
        ));
    }
    let starts: HashMap<String, (u64, String)> = manifest
        .segments
        .iter()
        .map(|s| (s.till.clone(), (s.first_seq, s.prev_hash.clone())))
        .collect();
    let mut chain = ChainCheck::from_starts(starts);
    let mut found = Findings::default();
    for (n, line) in lines.enumerate() {
        let line = line.map_err(|e| Error::Io(format!("archive: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Entry>(&line) {
            Ok(e) => {
                chain.push(&e, &mut found);
            }
            Err(e) => found.add(
                "archive",
                None,
                format!("line {}: not an entry: {e}", n + 2),
            ),
        }
    }
    let entries = chain.entries();
    let heads = chain.finish();
    for s in &manifest.segments {
        match heads.iter().find(|h| h.till == s.till) {
            None if s.count == 0 => {}
            None => found.add(
                "archive",
                None,
                format!(
                    "till {}: the manifest announces {} entries; none are in the file",
                    s.till, s.count
                ),
            ),
            Some(h) => {
                if h.entries != s.count || h.last_seq != s.last_seq || h.last_hash != s.last_hash {
                    found.add(
                        "archive",
                        Some((&s.till, h.last_seq)),
                        format!(
                            "till {}: the file ends at #{} ({} entries, hash {}) but the manifest says #{} ({} entries, hash {})",
                            s.till, h.last_seq, h.entries, h.last_hash, s.last_seq, s.count, s.last_hash
                        ),
                    );
                }
            }
        }
    }
    for h in &heads {
        if !manifest.segments.iter().any(|s| s.till == h.till) {
            found.add(
                "archive",
                None,
                format!("till {} is in the file but not in the manifest", h.till),
            );
        }
    }
    Ok(found.report(entries, heads, Vec::new()))
}
