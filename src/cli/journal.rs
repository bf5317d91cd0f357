//! `tillflow journal verify [--archive FILE]` and `tillflow journal export`.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use clap::Subcommand;
use tillflow::journal::chain::Report;
use tillflow::staff::Actor;
use tillflow::{Error, Result, Till};

use super::output::Out;

#[derive(Subcommand, Debug)]
pub enum JournalCmd {
    /// Recompute every till's chain and cross-check it against the tables
    /// (or check an exported archive, without any database); exits 1
    /// naming the first bad entry.
    Verify {
        /// An archive written by `journal export`.
        #[arg(long)]
        archive: Option<PathBuf>,
    },
    /// Write the entries of a period (days in the shop's time zone, both
    /// included) to an archive that `verify --archive` checks elsewhere.
    Export {
        #[arg(long)]
        from: NaiveDate,
        #[arg(long)]
        to: NaiveDate,
        #[arg(long)]
        out: PathBuf,
    },
}

impl JournalCmd {
    /// The archive to verify, when the command needs no database.
    pub fn archive(&self) -> Option<&PathBuf> {
        match self {
            JournalCmd::Verify { archive } => archive.as_ref(),
            JournalCmd::Export { .. } => None,
        }
    }
}

/// Prints a report; an error when it found problems.
pub fn report(r: &Report, out: &Out) -> Result<()> {
    let mut text = String::new();
    for t in &r.tills {
        text.push_str(&format!(
            "till {}: {} entries, last #{} {}\n",
            t.till, t.entries, t.last_seq, t.last_hash
        ));
    }
    if !r.checks.is_empty() {
        text.push_str(&format!("cross-checks: {}\n", r.checks.join(", ")));
    }
    if r.ok {
        text.push_str(&format!("The journal verifies: {} entries.", r.entries));
    } else {
        for p in &r.problems {
            let at = p
                .entry
                .as_deref()
                .map(|e| format!(" {e}"))
                .unwrap_or_default();
            text.push_str(&format!("[{}]{at}: {}\n", p.check, p.message));
        }
        if r.problem_count > r.problems.len() as u64 {
            text.push_str(&format!(
                "… {} problems in all (the first {} listed)\n",
                r.problem_count,
                r.problems.len()
            ));
        }
        text.push_str("The journal does NOT verify.");
    }
    out.message(r, &text);
    if r.ok {
        return Ok(());
    }
    let first = r.first_bad.as_deref().unwrap_or("the tables");
    Err(Error::Storage(format!(
        "journal verification failed: {} problem(s), first bad entry {first}",
        r.problem_count
    )))
}

pub async fn run(
    till: &Till,
    cmd: JournalCmd,
    actor: &Actor,
    out: &Out,
    now: DateTime<Utc>,
) -> Result<()> {
    match cmd {
        JournalCmd::Verify {
            archive: Some(file),
        } => report(&tillflow::till::verify_archive(&file)?, out),
        JournalCmd::Verify { archive: None } => report(&till.verify_journal(actor).await?, out),
        JournalCmd::Export {
            from,
            to,
            out: file,
        } => {
            let done = till.export_journal(from, to, &file, actor, now).await?;
            let text = format!(
                "{} entries written to {} ({} till(s))",
                done.entries,
                done.file.display(),
                done.segments.len()
            );
            out.message(&done, &text);
            Ok(())
        }
    }
}
