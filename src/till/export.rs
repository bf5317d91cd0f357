//! CSV export of the orders matching a filter (see [`crate::export`]),
//! streamed from the store as it reads; and of the catalogue.

use crate::staff::{Actor, Permission};
use std::io::Write;

use super::Till;
use crate::csv::CsvWriter;
use crate::error::Result;
use crate::export::{
    progress_step, record, write_catalogue, ExportProgress, ExportSummary, LINE_COLUMNS,
    ORDER_COLUMNS,
};
use crate::orders::OrderFilter;

impl Till {
    /// Writes the whole catalogue (inactive items too) as the CSV the
    /// catalogue import reads; returns how many items it wrote.
    pub fn export_catalogue_csv<W: Write>(&self, actor: &Actor, out: W) -> Result<usize> {
        actor.require(Permission::Export)?;
        let snap = self.snapshot()?;
        write_catalogue(&snap.settings.catalogue, &snap.currency, out)
    }

    /// Writes the orders matching `filter` as CSV to `out` (a header, then
    /// one row per order, or per line with `lines`), calling `progress`
    /// along the way. Paging fields of the filter are ignored.
    pub async fn export_orders_csv<W: Write>(
        &self,
        actor: &Actor,
        filter: &OrderFilter,
        lines: bool,
        out: W,
        mut progress: impl FnMut(ExportProgress),
    ) -> Result<ExportSummary> {
        actor.require(Permission::Export)?;
        let currency = self.snapshot()?.currency.clone();
        let filter = OrderFilter {
            limit: None,
            after: None,
            ..self.resolve_filter(filter)?
        };
        let total = self.store().count_orders(&filter).await?.max(0) as u64;
        progress(ExportProgress { done: 0, total });
        let mut csv = CsvWriter::new(out);
        let mut header: Vec<&str> = ORDER_COLUMNS.to_vec();
        if lines {
            header.extend(LINE_COLUMNS);
        }
        csv.write_record(&header)?;
        let width = header.len();
        let step = progress_step(total);
        let mut summary = ExportSummary { orders: 0, rows: 0 };
        let mut last_id = None;
        self.store()
            .export_orders(&filter, lines, |r| {
                if last_id != Some(r.id) {
                    last_id = Some(r.id);
                    summary.orders += 1;
                    if summary.orders.is_multiple_of(step) {
                        progress(ExportProgress {
                            done: summary.orders,
                            total,
                        });
                    }
                }
                let mut fields = Vec::with_capacity(width);
                record(&r, lines, &currency, &mut fields);
                summary.rows += 1;
                csv.write_record(&fields)
            })
            .await?;
        csv.flush()?;
        // The end, unless the last step already reported it.
        if !summary.orders.is_multiple_of(step) || summary.orders != total {
            progress(ExportProgress {
                done: summary.orders,
                total: total.max(summary.orders),
            });
        }
        Ok(summary)
    }
}
