//! Bulk data in and out: CSV export and import, synthetic data.

use std::path::Path;
use tillflow::staff::{Actor, Permission};

use chrono::{DateTime, Utc};
use clap::Subcommand;
use tillflow::synthetic::{generate_orders, Synthetic};
use tillflow::{Result, Till};

use super::filter_args::FilterArgs;
use super::output::Out;

// Parsed once per run: variant sizes do not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum ExportCmd {
    /// Orders matching the filter as CSV (one row per order, or per line).
    Csv {
        /// Output file, or - for standard output.
        #[arg(long, default_value = "-")]
        out: String,
        /// One row per order line (order columns repeated).
        #[arg(long)]
        lines: bool,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// The catalogue as the CSV `import items` reads (categories separated by |).
    Items {
        /// Output file, or - for standard output.
        #[arg(long, default_value = "-")]
        out: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum ImportCmd {
    /// Customers: name, phone, email, address (phone matches update).
    Customers {
        file: String,
        /// Check every row and list the problems; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Catalogue items: sku, name, price, tax_rate, unit, barcode, categories, active.
    Items {
        file: String,
        #[arg(long)]
        dry_run: bool,
    },
}

pub async fn import(
    till: &Till,
    cmd: ImportCmd,
    actor: &Actor,
    out: &Out,
    now: DateTime<Utc>,
) -> Result<()> {
    let (report, what) = match cmd {
        ImportCmd::Customers { file, dry_run } => (
            till.import_customers(actor, super::open_input(&file)?, dry_run, now)
                .await?,
            "customers",
        ),
        ImportCmd::Items { file, dry_run } => (
            till.import_items(super::open_input(&file)?, dry_run, actor, now)
                .await?,
            "items",
        ),
    };
    if out.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        for p in &report.problems {
            let column = if p.column.is_empty() {
                String::new()
            } else {
                format!(", column {}", p.column)
            };
            println!("row {}{column}: {}", p.row, p.message);
        }
        let verb = if report.written {
            "Imported"
        } else {
            "Would import"
        };
        println!(
            "{verb} {} {what}: {} new, {} updated ({} rows, {} problems){}",
            report.created + report.updated,
            report.created,
            report.updated,
            report.rows,
            report.problems.len(),
            if report.written {
                ""
            } else {
                "; nothing written"
            }
        );
    }
    if report.problems.is_empty() {
        Ok(())
    } else {
        Err(tillflow::Error::invalid(
            "file",
            format!("{} problems; nothing imported", report.problems.len()),
        ))
    }
}

pub async fn export(till: &Till, cmd: ExportCmd, actor: &Actor, out: &Out) -> Result<()> {
    let (file, lines, filter) = match cmd {
        ExportCmd::Csv {
            out: file,
            lines,
            filter,
        } => (file, lines, filter),
        ExportCmd::Items { out: file } => return export_items(till, &file, actor, out),
    };
    let filter = filter.filter(&till.snapshot()?.currency)?;
    let to_stdout = file == "-";
    let quiet = out.json || to_stdout;
    let progress = |p: tillflow::export::ExportProgress| {
        if !quiet {
            eprint!("\r{}/{} orders", p.done, p.total);
        }
    };
    let summary = if to_stdout {
        let stdout = std::io::stdout();
        let w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
        match till
            .export_orders_csv(actor, &filter, lines, w, progress)
            .await
        {
            // The reader went away (`| head`): not an error of the export.
            Err(tillflow::Error::Io(e)) if e.contains("Broken pipe") => return Ok(()),
            other => other?,
        }
    } else {
        let f = std::fs::File::create(&file)
            .map_err(|e| tillflow::Error::Io(format!("{file}: {e}")))?;
        let w = std::io::BufWriter::with_capacity(1 << 16, f);
        let s = till
            .export_orders_csv(actor, &filter, lines, w, progress)
            .await?;
        if !quiet {
            eprintln!();
        }
        s
    };
    if !to_stdout {
        out.message(
            &serde_json::json!({"out": file, "orders": summary.orders, "rows": summary.rows}),
            &format!(
                "Wrote {} orders ({} rows) to {file}",
                summary.orders, summary.rows
            ),
        );
    }
    Ok(())
}

/// `export items`: the catalogue CSV to a file or standard output.
fn export_items(till: &Till, file: &str, actor: &Actor, out: &Out) -> Result<()> {
    if file == "-" {
        till.export_catalogue_csv(actor, std::io::stdout().lock())?;
        return Ok(());
    }
    let f = std::fs::File::create(file).map_err(|e| tillflow::Error::Io(format!("{file}: {e}")))?;
    let items = till.export_catalogue_csv(actor, std::io::BufWriter::new(f))?;
    out.message(
        &serde_json::json!({"out": file, "items": items}),
        &format!("Wrote {items} items to {file}"),
    );
    Ok(())
}

#[derive(Subcommand, Debug)]
pub enum DevCmd {
    /// Add N synthetic orders (with customers, lines, balances, notes) fast;
    /// loads the demo settings first if the shop has none.
    Generate {
        #[arg(long, default_value_t = 10_000)]
        orders: u64,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Spread the orders over this many days before now (orders older
        /// than 30 days are closed: fewer days, more open orders).
        #[arg(long, default_value_t = 3 * 365)]
        days: i64,
    },
}

pub async fn dev(
    till: &Till,
    cmd: DevCmd,
    actor: &Actor,
    out: &Out,
    now: DateTime<Utc>,
    db: &Path,
) -> Result<()> {
    // Synthetic orders are an import of made-up data.
    actor.require(Permission::Import)?;
    match cmd {
        DevCmd::Generate { orders, seed, days } => {
            till.ensure_demo(now).await?;
            let spec = Synthetic {
                orders,
                seed,
                days: days.max(1),
                ..Synthetic::default()
            };
            let started = std::time::Instant::now();
            let quiet = out.json;
            let g = generate_orders(till, spec, now, |done, total| {
                if !quiet && (done.is_multiple_of(100_000) || done == total) {
                    eprintln!("{done}/{total} orders");
                }
            })
            .await?;
            out.message(
                &g,
                &format!(
                    "Generated {} orders ({} .. {}), {} customers, {} lines into {} in {:.1} s",
                    g.orders,
                    g.first_number,
                    g.last_number,
                    g.customers,
                    g.lines,
                    db.display(),
                    started.elapsed().as_secs_f64()
                ),
            );
        }
    }
    Ok(())
}
