//! CSV imports (see [`crate::import`]): customers, and catalogue items (a
//! settings change). Every row is checked first; with `dry_run` or any
//! problem nothing is written, otherwise all rows in one transaction.

use crate::staff::{Actor, Permission};
use std::io::Read;

use chrono::{DateTime, Utc};

use super::Till;
use crate::error::Result;
use crate::import::{check_customers, check_items, merge_items, Checked, ImportReport, Problem};

impl Till {
    /// Imports catalogue items from CSV read as it streams (see
    /// [`crate::import`]). With `dry_run` (or any problem) nothing is written.
    pub async fn import_items(
        &self,
        input: impl Read,
        dry_run: bool,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<ImportReport> {
        let actor = &actor.acting(Permission::Import)?;
        let snap = self.snapshot()?;
        let mut settings = snap.settings.clone();
        let Checked {
            rows,
            count,
            problems,
        } = check_items(input, &snap.currency, &settings.catalogue)?;
        let (created, updated) = merge_items(&mut settings, rows);
        let mut report = ImportReport {
            dry_run,
            rows: count,
            created,
            updated,
            problems,
            written: false,
        };
        if let Err(e) = crate::settings::validate(&settings) {
            report.problems.push(Problem::new(0, "", e.to_string()));
        }
        if dry_run || !report.problems.is_empty() {
            return Ok(report);
        }
        let summary = format!(
            "catalogue imported: {} added, {} updated",
            report.created, report.updated
        );
        self.store_settings(settings, actor, now, &summary).await?;
        report.written = true;
        Ok(report)
    }

    /// Imports customers from CSV read as it streams (only the checked rows
    /// are kept in memory). With `dry_run` (or any problem) nothing is written.
    pub async fn import_customers(
        &self,
        actor: &Actor,
        input: impl Read,
        dry_run: bool,
        now: DateTime<Utc>,
    ) -> Result<ImportReport> {
        actor.require(Permission::Import)?;
        let Checked {
            rows,
            count,
            problems,
        } = check_customers(input)?;
        let mut updated = 0;
        for row in &rows {
            if let Some(phone) = &row.phone {
                if self.store().customer_by_phone(phone).await?.is_some() {
                    updated += 1;
                }
            }
        }
        let mut report = ImportReport {
            dry_run,
            rows: count,
            created: rows.len() - updated,
            updated,
            problems,
            written: false,
        };
        if dry_run || !report.problems.is_empty() {
            return Ok(report);
        }
        let mut tx = self.store().begin().await?;
        for row in &rows {
            tx.import_customer(row, now).await?;
        }
        tx.commit().await?;
        report.written = true;
        Ok(report)
    }
}
