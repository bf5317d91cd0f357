//! `tillflow print` and `tillflow printers`: an order's documents to PDF
//! files and to printers.

use std::path::PathBuf;
use std::sync::Arc;
use tillflow::staff::Actor;

use chrono::Utc;
use clap::{Args, ValueEnum};
use serde::Serialize;
use tillflow::documents::DocumentKind;
use tillflow::printing::{list_printers, PrintDestination};
use tillflow::till::PrintOutcome;
use tillflow::{Result, Till};

use super::output::Out;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    Invoice,
    PackingSlip,
    Receipt,
    /// The workshop's job ticket.
    Ticket,
    /// One label per piece.
    Tags,
    /// A credit note: NUMBER is the credit note's own (CN-2026-000001).
    CreditNote,
}

impl From<Kind> for DocumentKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Invoice => DocumentKind::Invoice,
            Kind::PackingSlip => DocumentKind::PackingSlip,
            Kind::Receipt => DocumentKind::Receipt,
            Kind::Ticket => DocumentKind::Ticket,
            Kind::Tags => DocumentKind::Tags,
            Kind::CreditNote => DocumentKind::CreditNote,
        }
    }
}

/// Print or save an order's invoice, packing slip, receipt, job ticket or tags, or a credit
/// note (by its own number). Without --out or --printer, prints on the printer the settings
/// name for the document (ESC/POS when that is a thermal receipt, ticket or label printer).
/// The first print or save of an order's invoice issues its number; any later one (and any
/// reprint of a receipt or credit note) says COPY.
#[derive(Args, Debug)]
pub struct PrintArgs {
    kind: Kind,
    number: String,
    /// Save as PDF to this file (the parts of a split invoice go next to it,
    /// e.g. FILE-courier.pdf). Saving raises no trigger.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print the PDF on this system printer (CUPS queue) instead of the configured one.
    #[arg(long)]
    printer: Option<String>,
    /// Invoices only: one invoice per delivery method of the order's lines.
    #[arg(long)]
    split_by_delivery: bool,
}

#[derive(Serialize)]
struct Report {
    number: String,
    kind: DocumentKind,
    files: Vec<PathBuf>,
    printed: Vec<PrintOutcome>,
}

fn destination_text(d: &PrintDestination) -> String {
    match d {
        PrintDestination::Printer(Some(name)) => name.clone(),
        PrintDestination::Printer(None) => "the default printer".into(),
        PrintDestination::Thermal(t) => t.to_string(),
        PrintDestination::File(p) => p.display().to_string(),
    }
}

pub async fn print(till: &Till, args: PrintArgs, actor: &Actor, out: &Out) -> Result<()> {
    let kind = DocumentKind::from(args.kind);
    let number = args.number.trim().to_string();
    let mut report = Report {
        number: number.clone(),
        kind,
        files: Vec::new(),
        printed: Vec::new(),
    };
    if let Some(path) = &args.out {
        report.files = till
            .save_document(
                actor,
                &number,
                kind,
                args.split_by_delivery,
                path,
                Utc::now(),
            )
            .await?;
    }
    if args.out.is_none() || args.printer.is_some() {
        let jobs = till
            .print_jobs(
                actor,
                &number,
                kind,
                args.split_by_delivery,
                args.printer.as_deref(),
                Utc::now(),
            )
            .await?;
        let backend = Arc::new(till.system_printer()?);
        report.printed = till
            .print_and_wait(backend, jobs, actor, Utc::now())
            .await?;
    }

    let mut text = Vec::new();
    for f in &report.files {
        text.push(format!("Saved {} to {}", kind_name(kind), f.display()));
    }
    for p in &report.printed {
        let on = destination_text(&p.job.destination);
        match (&p.error, &p.event) {
            (Some(e), _) => text.push(format!("Not printed on {on}: {e}")),
            (None, Some(ev)) => text.push(format!(
                "Printed {} {} on {on} ({}); {}: {} → {} ({})",
                kind_name(kind),
                p.job.order_number,
                p.reference.as_deref().unwrap_or(""),
                ev.number,
                kind.printed_event().unwrap_or("items.tagged"),
                ev.status,
                if ev.moved { "moved" } else { "no move" }
            )),
            (None, None) => text.push(format!(
                "Printed {} {} on {on}{}",
                kind_name(kind),
                p.job.order_number,
                p.event_error
                    .as_deref()
                    .map(|e| format!(" (trigger not recorded: {e})"))
                    .unwrap_or_default()
            )),
        }
    }
    out.message(&report, &text.join("\n"));
    match report.printed.into_iter().find_map(|p| p.error) {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

fn kind_name(kind: DocumentKind) -> &'static str {
    kind.name()
}

pub fn printers(till: &Till, out: &Out) -> Result<()> {
    let settings = till.system_printer()?.settings;
    let list = list_printers(&settings)?;
    let text = if list.is_empty() {
        "No printers.".to_string()
    } else {
        list.iter()
            .map(|p| format!("{}{}", p.name, if p.is_default { " (default)" } else { "" }))
            .collect::<Vec<_>>()
            .join("\n")
    };
    out.message(&list, &text);
    Ok(())
}
