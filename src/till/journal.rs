//! The journal as the till offers it: verifying the chain and its
//! cross-checks (`tillflow journal verify`, the app at start-up), and the
//! period archive an auditor checks elsewhere (`journal export`). Entries
//! are written by the changes they record (`steps::journal`).

use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;

use super::Till;
use crate::error::{Error, Result};
use crate::journal::archive::{self, Manifest, Segment, FORMAT};
use crate::journal::chain::Report;
use crate::settings::day_start;
use crate::staff::{Actor, Permission};

/// What an export wrote.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct JournalExport {
    pub file: PathBuf,
    pub entries: u64,
    pub segments: Vec<Segment>,
}

impl Till {
    /// Verifies the journal: every till's chain, its head, and the
    /// cross-checks against the tables (needs `reports.view`).
    pub async fn verify_journal(&self, actor: &Actor) -> Result<Report> {
        actor.require(Permission::ViewReports)?;
        self.store().verify_journal().await
    }

    /// Writes the archive of the entries from day `from` to day `to`
    /// (both included, in the shop's time zone) to `out` (needs
    /// `data.export`): see [`archive`] for the format.
    pub async fn export_journal(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        out: &Path,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<JournalExport> {
        actor.require(Permission::Export)?;
        if to < from {
            return Err(Error::invalid("to", "the period ends before it starts"));
        }
        let tz = match self.snapshot() {
            Ok(snap) => snap.settings.time_zone()?,
            Err(_) => chrono_tz::Tz::UTC,
        };
        let end = to
            .checked_add_days(Days::new(1))
            .ok_or_else(|| Error::invalid("to", "too far in the future"))?;
        let segments = self
            .store()
            .journal_segments(day_start(from, tz), day_start(end, tz))
            .await?;
        let manifest = Manifest {
            format: FORMAT.to_string(),
            from: from.to_string(),
            to: to.to_string(),
            time_zone: tz.name().to_string(),
            exported_at: crate::storage::ts(now),
            segments: segments.clone(),
        };
        let io = |e: std::io::Error| Error::Io(format!("{}: {e}", out.display()));
        let tmp = out.with_extension("part");
        let file = std::fs::File::create(&tmp).map_err(io)?;
        let mut w = BufWriter::new(file);
        let line =
            serde_json::to_string(&manifest).map_err(|e| Error::Io(format!("manifest: {e}")))?;
        writeln!(w, "{line}").map_err(io)?;
        let mut entries = 0u64;
        for s in &segments {
            self.store()
                .segment_entries(s, |e| {
                    let line =
                        serde_json::to_string(&e).map_err(|e| Error::Io(format!("entry: {e}")))?;
                    writeln!(w, "{line}").map_err(io)?;
                    entries += 1;
                    Ok(())
                })
                .await?;
        }
        let file = w.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)?;
        std::fs::rename(&tmp, out).map_err(io)?;
        Ok(JournalExport {
            file: out.to_path_buf(),
            entries,
            segments,
        })
    }
}

/// Verifies an archive file written by [`Till::export_journal`], without
/// any database: its chain and the manifest's segments.
pub fn verify_archive(path: &Path) -> Result<Report> {
    let file =
        std::fs::File::open(path).map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
    archive::verify(BufReader::new(file))
}
