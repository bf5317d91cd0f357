//! `tillflow stock …`: sites, receipts, adjustments, transfers, levels, the
//! ledger, backorders, and confirming (allocating) an order.

use chrono::{DateTime, Utc};
use clap::Subcommand;
use rust_decimal::Decimal;
use tillflow::inventory::{Level, Site, SiteKind};
use tillflow::staff::Actor;
use tillflow::{Result, Till};

use super::output::Out;

#[derive(Subcommand, Debug)]
pub enum StockCmd {
    /// List the sites.
    Sites,
    /// Add a site (warehouse or store); --home marks this store.
    SiteAdd {
        key: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "warehouse")]
        kind: String,
        #[arg(long)]
        home: bool,
    },
    /// Goods received at a site.
    Receive {
        sku: String,
        qty: String,
        #[arg(long)]
        site: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Correct a count (signed quantity, e.g. -2).
    Adjust {
        sku: String,
        #[arg(allow_hyphen_values = true)]
        qty: String,
        #[arg(long)]
        site: String,
        #[arg(long)]
        reason: String,
    },
    /// Move stock between sites.
    Transfer {
        sku: String,
        qty: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
    },
    /// Stock levels (one SKU or all).
    Show { sku: Option<String> },
    /// Availability of an item at every site.
    Availability { sku: String },
    /// The ledger of one item.
    Ledger { sku: String },
    /// Allow or refuse selling an item below zero.
    Backorder {
        sku: String,
        #[arg(long, action = clap::ArgAction::Set)]
        allow: bool,
    },
    /// Confirm an order: reserve its stock across sites.
    Allocate { number: String },
}

fn decimal(text: &str, field: &str) -> Result<Decimal> {
    tillflow::money::parse_decimal(text, field)
}

fn levels(out: &Out, rows: &[Level]) {
    let text: Vec<String> = rows
        .iter()
        .map(|l| {
            format!(
                "{:<16} {:<12} on hand {:>10}  allocated {:>10}  available {:>10}",
                l.sku, l.site, l.on_hand, l.allocated, l.available
            )
        })
        .collect();
    out.message(&rows, &text.join("\n"));
}

pub async fn run(
    till: &Till,
    cmd: StockCmd,
    actor: &Actor,
    out: &Out,
    now: DateTime<Utc>,
) -> Result<()> {
    match cmd {
        StockCmd::Sites => {
            let sites = till.sites().await?;
            let text: Vec<String> = sites
                .iter()
                .map(|s| {
                    format!(
                        "{:<12} {:<10} {}{}",
                        s.key,
                        s.kind.key(),
                        s.name,
                        if s.home { "  (this store)" } else { "" }
                    )
                })
                .collect();
            out.message(&sites, &text.join("\n"));
        }
        StockCmd::SiteAdd {
            key,
            name,
            kind,
            home,
        } => {
            let site = Site {
                key,
                name,
                kind: SiteKind::parse(&kind)?,
                home,
            };
            let s = till.add_site(&site, actor, now).await?;
            out.message(&s, &format!("Site {} added", s.key));
        }
        StockCmd::Receive {
            sku,
            qty,
            site,
            note,
        } => {
            let l = till
                .receive_stock(
                    &site,
                    &sku,
                    decimal(&qty, "qty")?,
                    note.as_deref(),
                    actor,
                    now,
                )
                .await?;
            levels(out, &[l]);
        }
        StockCmd::Adjust {
            sku,
            qty,
            site,
            reason,
        } => {
            let l = till
                .adjust_stock(&site, &sku, decimal(&qty, "qty")?, &reason, actor, now)
                .await?;
            levels(out, &[l]);
        }
        StockCmd::Transfer { sku, qty, from, to } => {
            let (a, b) = till
                .transfer_stock(&sku, decimal(&qty, "qty")?, &from, &to, actor, now)
                .await?;
            levels(out, &[a, b]);
        }
        StockCmd::Show { sku } => levels(out, &till.stock_levels(sku.as_deref()).await?),
        StockCmd::Availability { sku } => levels(out, &till.availability(&sku).await?),
        StockCmd::Ledger { sku } => {
            let rows = till.movements(&sku).await?;
            let text: Vec<String> = rows
                .iter()
                .map(|m| {
                    format!(
                        "{}  {:<10} {:<12} {:>10}  {} {}",
                        m.at.format("%Y-%m-%d %H:%M"),
                        m.kind.key(),
                        m.site,
                        m.qty,
                        m.order.as_deref().unwrap_or(""),
                        m.note.as_deref().unwrap_or("")
                    )
                })
                .collect();
            out.message(&rows, &text.join("\n"));
        }
        StockCmd::Backorder { sku, allow } => {
            till.set_backorder(actor, &sku, allow).await?;
            out.message(
                &serde_json::json!({"sku": sku, "allow_backorder": allow}),
                &format!(
                    "{sku}: backorders {}",
                    if allow { "allowed" } else { "refused" }
                ),
            );
        }
        StockCmd::Allocate { number } => {
            let c = till.confirm_order(&number, actor, now).await?;
            let text: Vec<String> = c
                .allocations
                .iter()
                .map(|a| format!("line {}: {} {} at {}", a.line_no, a.qty, a.sku, a.site))
                .collect();
            out.message(
                &c,
                &if text.is_empty() {
                    format!("{number}: nothing to reserve")
                } else {
                    format!("{number} reserved:\n  {}", text.join("\n  "))
                },
            );
        }
    }
    Ok(())
}
