//! `tillflow session|cash|drawer|reports`: the till's day (drawer
//! sessions, cash movements, no-sale openings, X and Z reports).

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::Subcommand;
use tillflow::documents::ReportPaper;
use tillflow::payments::drawer::CashMovementKind;
use tillflow::payments::report::TillReport;
use tillflow::staff::Actor;
use tillflow::till::CashCount;
use tillflow::{Error, Result, Till};

use super::output::Out;

#[derive(Subcommand, Debug)]
pub enum SessionCmd {
    /// Open this till's drawer session with a float.
    Open {
        /// The float as a total (e.g. 150.00).
        #[arg(long = "float")]
        float: Option<String>,
        /// The float by piece, DENOMINATION=PIECES (repeat, e.g. 20.00=3).
        #[arg(long = "count")]
        count: Vec<String>,
        /// The till to open (this machine's till; refused if it is another).
        #[arg(long)]
        till: Option<String>,
    },
    /// Whether a session is open, its float and the cash expected now.
    Status,
    /// An X report: the open session's figures now (nothing changes).
    X,
    /// Close the session: the Z report, with the drawer counted per tender.
    Close {
        /// METHOD=AMOUNT per counted tender (cash is required), e.g. cash=412.50 card=120.00.
        #[arg(long, num_args = 1.., required = true)]
        counted: Vec<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum CashCmd {
    /// Put cash into the drawer.
    In(MoveArgs),
    /// Take cash out to pay for something.
    Out(MoveArgs),
    /// Take cash to the safe.
    Drop(MoveArgs),
}

#[derive(clap::Args, Debug)]
pub struct MoveArgs {
    #[arg(long)]
    amount: String,
    #[arg(long)]
    reason: String,
}

#[derive(Subcommand, Debug)]
pub enum DrawerCmd {
    /// Open the drawer without a sale (kicked through the thermal receipt printer).
    Open {
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum ReportsCmd {
    /// Z reports: list, show, print.
    #[command(subcommand)]
    Z(ZCmd),
}

#[derive(Subcommand, Debug)]
pub enum ZCmd {
    /// This till's Z reports, newest first.
    List,
    /// One Z report.
    Show { number: i64 },
    /// Print a Z report (receipt printer), or save it as an A4 PDF.
    Print {
        number: i64,
        #[arg(long)]
        out: Option<PathBuf>,
        /// A system printer (A4) instead of the receipt printer.
        #[arg(long)]
        printer: Option<String>,
    },
}

/// `DENOMINATION=PIECES` or `METHOD=AMOUNT`.
fn split_pair(text: &str, what: &str) -> Result<(String, String)> {
    text.split_once('=')
        .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
        .ok_or_else(|| Error::invalid(what, format!("'{text}' is not NAME=VALUE")))
}

pub async fn session(
    till: &Till,
    cmd: SessionCmd,
    actor: &Actor,
    out: &Out,
    now: DateTime<Utc>,
) -> Result<()> {
    match cmd {
        SessionCmd::Open {
            float,
            count,
            till: name,
        } => {
            let code = till.till_code().to_string();
            if let Some(name) = name.filter(|n| *n != code) {
                return Err(Error::conflict(format!(
                    "this machine is till {code}, not {name}"
                )));
            }
            let mut pieces = Vec::new();
            for c in &count {
                let (value, n) = split_pair(c, "count")?;
                let n = n
                    .parse::<i64>()
                    .map_err(|_| Error::invalid("count", format!("'{c}': pieces are a number")))?;
                pieces.push((value, n));
            }
            let float = CashCount {
                total: float,
                pieces,
            };
            let s = till.open_session(&float, actor, now).await?;
            let text = match &s.session {
                Some(info) => format!(
                    "Session {} opened on till {} with a float of {}",
                    info.id,
                    s.till,
                    till.snapshot()?.currency.format(info.float)
                ),
                None => "no session".to_string(),
            };
            out.message(&s, &text);
        }
        SessionCmd::Status => {
            let s = till.drawer_status(now).await?;
            let currency = &till.snapshot()?.currency;
            let text = match &s.session {
                Some(info) => format!(
                    "Till {}: session {} open since {} ({}), float {}{}",
                    s.till,
                    info.id,
                    info.opened_at.to_rfc3339(),
                    info.opened_by,
                    currency.format(info.float),
                    s.expected_cash
                        .as_deref()
                        .map(|e| format!(", cash expected {e}"))
                        .unwrap_or_default()
                ),
                None => format!("Till {}: no session open", s.till),
            };
            out.message(&s, &text);
        }
        SessionCmd::X => {
            let r = till.x_report(actor, now).await?;
            out.message(&r, &report_text(till, &r)?);
        }
        SessionCmd::Close { counted } => {
            let mut counts = BTreeMap::new();
            for c in &counted {
                let (method, amount) = split_pair(c, "counted")?;
                counts.insert(
                    method,
                    CashCount {
                        total: Some(amount),
                        pieces: Vec::new(),
                    },
                );
            }
            let r = till.close_session(&counts, actor, now).await?;
            out.message(&r, &report_text(till, &r)?);
        }
    }
    Ok(())
}

pub async fn cash(
    till: &Till,
    cmd: CashCmd,
    actor: &Actor,
    out: &Out,
    now: DateTime<Utc>,
) -> Result<()> {
    let (kind, args) = match cmd {
        CashCmd::In(a) => (CashMovementKind::PayIn, a),
        CashCmd::Out(a) => (CashMovementKind::PayOut, a),
        CashCmd::Drop(a) => (CashMovementKind::Drop, a),
    };
    let m = till
        .cash_movement(kind, &args.amount, &args.reason, actor, now)
        .await?;
    out.message(&m, &format!("{} of {} recorded", kind.label(), m.amount));
    Ok(())
}

pub async fn drawer(
    till: &Till,
    cmd: DrawerCmd,
    actor: &Actor,
    out: &Out,
    now: DateTime<Utc>,
) -> Result<()> {
    let DrawerCmd::Open { reason } = cmd;
    let m = till.open_drawer(&reason, actor, now).await?;
    let text = match &m.kick_error {
        None => "No-sale opening recorded; drawer kicked".to_string(),
        Some(e) => format!("No-sale opening recorded; the drawer did not open: {e}"),
    };
    out.message(&m, &text);
    Ok(())
}

pub async fn reports(
    till: &Till,
    cmd: ReportsCmd,
    actor: &Actor,
    out: &Out,
    now: DateTime<Utc>,
) -> Result<()> {
    let ReportsCmd::Z(cmd) = cmd;
    match cmd {
        ZCmd::List => {
            let list = till.z_reports(actor).await?;
            let text = list
                .iter()
                .map(|z| {
                    format!(
                        "Z {:>4}  {}  {}  net {}  variance {}  grand total {}",
                        z.number,
                        z.at.to_rfc3339(),
                        z.actor,
                        z.net,
                        z.cash_variance.as_deref().unwrap_or("-"),
                        z.grand_total
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out.message(
                &list,
                if text.is_empty() {
                    "no Z reports"
                } else {
                    &text
                },
            );
        }
        ZCmd::Show { number } => {
            let r = till.z_report(number, actor).await?;
            out.message(&r, &report_text(till, &r)?);
        }
        ZCmd::Print {
            number,
            out: file,
            printer,
        } => {
            let r = till.z_report(number, actor).await?;
            match file {
                Some(path) => {
                    actor.acting(tillflow::staff::Permission::Print)?;
                    let path = till.save_report_pdf(r, ReportPaper::A4, path)?;
                    out.message(
                        &serde_json::json!({"z": number, "out": path}),
                        &format!("Z report {number} saved to {}", path.display()),
                    );
                }
                None => {
                    let to = till.print_report(r, printer.as_deref(), actor, now).await?;
                    out.message(
                        &serde_json::json!({"z": number, "printed": to}),
                        &format!("Z report {number} printed ({to})"),
                    );
                }
            }
        }
    }
    Ok(())
}

/// The report as text: its headline figures per tender.
fn report_text(till: &Till, r: &TillReport) -> Result<String> {
    let c = &till.snapshot()?.currency;
    let title = match r.z_number {
        Some(n) => format!("Z report {n} (till {})", r.session.till),
        None => format!("X report (till {})", r.session.till),
    };
    let mut lines = vec![
        title,
        format!(
            "orders {}  sales {}  refunds {}  net {}",
            r.orders,
            c.format(r.sales),
            c.format(r.refunds),
            c.format(r.net)
        ),
        format!(
            "cash: float {} + taken {} - change {} - refunds {} + in {} - out {} - drops {} = expected {}",
            c.format(r.cash.float),
            c.format(r.cash.taken),
            c.format(r.cash.change),
            c.format(r.cash.refunds),
            c.format(r.cash.pay_ins),
            c.format(r.cash.pay_outs),
            c.format(r.cash.drops),
            c.format(r.cash.expected)
        ),
    ];
    for t in &r.tenders {
        let counted = match (t.counted, t.variance) {
            (Some(n), Some(v)) => format!("  counted {}  variance {}", c.format(n), c.format(v)),
            _ => String::new(),
        };
        lines.push(format!(
            "  {:<14} expected {}{counted}",
            t.label,
            c.format(t.expected)
        ));
    }
    lines.push(format!("grand total {}", c.format(r.grand_total)));
    Ok(lines.join("\n"))
}
