//! Bulk data in and out: CSV export and import, synthetic data.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::Subcommand;
use tillflow::till::Synthetic;
use tillflow::{Result, Till};

use super::output::Out;

#[derive(Subcommand, Debug)]
pub enum DevCmd {
    /// Add N synthetic orders (with customers, lines, balances, notes) fast;
    /// loads the demo settings first if the shop has none.
    Generate {
        #[arg(long, default_value_t = 10_000)]
        orders: u64,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

pub async fn dev(till: &Till, cmd: DevCmd, out: &Out, now: DateTime<Utc>, db: &PathBuf) -> Result<()> {
    match cmd {
        DevCmd::Generate { orders, seed } => {
            till.ensure_demo(now).await?;
            let spec = Synthetic {
                orders,
                seed,
                ..Synthetic::default()
            };
            let started = std::time::Instant::now();
            let quiet = out.json;
            let g = till
                .generate_orders(spec, now, |done, total| {
                    if !quiet && (done % 100_000 == 0 || done == total) {
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
