//! Command-line arguments and dispatch.

mod backup;
mod cash;
mod edits;
mod exchange;
mod filter_args;
mod fulfillment;
mod journal;
mod messages;
mod output;
mod print;
mod refunds;
mod staff;
mod stock;

use std::io::Read;
use std::path::PathBuf;

use chrono::Utc;
use clap::{Parser, Subcommand};
use filter_args::FilterArgs;
use tillflow::audit::AuditEvent;
use tillflow::orders::{OrderInput, PaymentInput};
use tillflow::settings::{Settings, Template};
use tillflow::staff::Actor;
use tillflow::storage::Durability;
use tillflow::triggers::Trigger;
use tillflow::{Error, Result, Till};

#[derive(Parser, Debug)]
#[command(
    name = "tillflow",
    version,
    about = "Tillflow: point of sale and order management (core CLI)"
)]
pub struct Args {
    /// Database file (default: TILLFLOW_DB, else the platform data directory).
    #[arg(long, global = true, env = "TILLFLOW_DB")]
    db: Option<PathBuf>,
    /// Machine-readable JSON output.
    #[arg(long, global = true)]
    pub json: bool,
    /// Act as this staff member (PIN from TILLFLOW_PIN, else standard
    /// input); without it, as the built-in `cli` with owner rights.
    #[arg(long = "as", global = true, value_name = "NAME")]
    acting_as: Option<String>,
    #[command(subcommand)]
    command: Cmd,
}

// Parsed once per run: variant sizes do not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
enum Cmd {
    /// Create the database with blank settings (built-in statuses only), or
    /// from a template (`tillflow templates` lists them).
    Init {
        /// Replace the settings of a shop that has some (backed up first).
        #[arg(long)]
        force: bool,
        /// Start from a template: laundry, repair, tailoring or retail.
        #[arg(long)]
        template: Option<String>,
    },
    /// The templates a new shop can start from.
    Templates,
    /// Create the database with the demo settings (laundry, repair, retail).
    Demo {
        /// Replace the settings of a shop that has some (backed up first).
        #[arg(long)]
        force: bool,
    },
    /// Export or import the settings file (tillflow.settings.v1).
    #[command(subcommand)]
    Settings(SettingsCmd),
    /// One order.
    #[command(subcommand)]
    Order(OrderCmd),
    /// Lists of orders.
    #[command(subcommand)]
    Orders(OrdersCmd),
    /// What needs attention now: open, overdue and unpaid orders, open
    /// orders by status, a week of intake (the app's dashboard figures).
    Dashboard,
    /// Find customers by phone or name.
    Customers { query: String },
    /// The trigger event catalogue.
    Triggers,
    /// Print or save an order's invoice, packing slip or receipt.
    Print(print::PrintArgs),
    /// The system's printers.
    Printers,
    /// Inventory across sites.
    Stock {
        #[command(subcommand)]
        cmd: stock::StockCmd,
    },
    /// Shipments of an order.
    Ship {
        number: String,
        #[command(subcommand)]
        cmd: fulfillment::ShipCmd,
    },
    /// Take lines of an order back (restock or write off) and refund.
    Return {
        number: String,
        #[command(flatten)]
        args: fulfillment::ReturnArgs,
    },
    /// Return lines and add new ones; settle only the difference.
    Exchange {
        number: String,
        #[command(flatten)]
        args: fulfillment::ReturnArgs,
        /// SKU:QTY to add (repeat).
        #[arg(long = "add", required = true)]
        add: Vec<String>,
        /// Payment method for a difference in the shop's favour.
        #[arg(long)]
        method: Option<String>,
    },
    /// Export orders.
    #[command(subcommand)]
    Export(exchange::ExportCmd),
    /// Import customers or catalogue items from CSV.
    #[command(subcommand)]
    Import(exchange::ImportCmd),
    /// Back up the database (a checked copy taken while it is in use), or
    /// list the backups.
    Backup(backup::BackupArgs),
    /// Check the database's invariants (integrity, full-text indexes, every
    /// order with its lines and history, paid = payments, gap-free numbers,
    /// stock = ledger); exits 1 naming what is broken.
    Check,
    /// Replace the database with a backup (nothing else may have it open;
    /// it is backed up first).
    Restore(backup::RestoreArgs),
    /// Developer tools: synthetic data for scale tests.
    #[command(subcommand)]
    Dev(exchange::DevCmd),
    /// Staff members: add, list, PINs, roles, disable, unlock.
    #[command(subcommand)]
    Staff(staff::StaffCmd),
    /// The roles and what each may do.
    Roles {
        /// `roles list` reads as `roles`.
        #[arg(value_parser = ["list"])]
        list: Option<String>,
    },
    /// Customer messages: send what the outbox holds, list, retry.
    #[command(subcommand)]
    Messages(messages::MessagesCmd),
    /// Workflows: walk an order type's steps without writing anything.
    #[command(subcommand)]
    Workflow(WorkflowCmd),
    /// This till's drawer session: open with a float, status, X report, close (Z).
    #[command(subcommand)]
    Session(cash::SessionCmd),
    /// Cash in, out of the drawer or to the safe, with a reason.
    #[command(subcommand)]
    Cash(cash::CashCmd),
    /// Open the cash drawer without a sale, with a reason.
    #[command(subcommand)]
    Drawer(cash::DrawerCmd),
    /// Z reports: list, show, print.
    #[command(subcommand)]
    Reports(cash::ReportsCmd),
    /// The tamper-evident journal: verify it, export a period.
    #[command(subcommand)]
    Journal(journal::JournalCmd),
}

#[derive(Subcommand, Debug)]
enum WorkflowCmd {
    /// Walk a new order of TYPE through events and print each step and why
    /// (nothing is written). Events: trigger keys, pay:AMOUNT, ship,
    /// fill:FIELD, move:STATUS, override:STATUS.
    Simulate {
        order_type: String,
        #[arg(long, value_delimiter = ',')]
        events: Vec<String>,
        /// The order's total (default 100).
        #[arg(long)]
        total: Option<String>,
        /// Paid at intake.
        #[arg(long)]
        paid: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
enum SettingsCmd {
    Export {
        #[arg(long)]
        out: Option<PathBuf>,
    },
    Import {
        file: PathBuf,
    },
    /// Set the logo printed on documents from a PNG file (copied into the
    /// database), or remove it.
    Logo {
        #[arg(required_unless_present = "remove", conflicts_with = "remove")]
        file: Option<PathBuf>,
        #[arg(long)]
        remove: bool,
    },
}

#[derive(Subcommand, Debug)]
enum OrderCmd {
    /// Create an order from a JSON file (or - for standard input).
    Create {
        #[arg(long)]
        input: String,
    },
    /// Raise a trigger event on an order.
    Event { number: String, event: String },
    /// Move an order to a step of any stage of its plan, or to `completed`.
    Move {
        number: String,
        /// A step's status (`stage:status` when it is in two stages) or `completed`.
        #[arg(long)]
        to: String,
        #[arg(long)]
        reason: String,
        /// Past the guards of the steps it leaves (permission orders.override_guard).
        #[arg(long = "override")]
        override_guards: bool,
    },
    /// Undo the order's last move (a person's own, within the shop's window).
    Undo {
        number: String,
        #[arg(long)]
        reason: String,
    },
    /// Record a payment.
    Pay {
        number: String,
        #[arg(long)]
        amount: String,
        #[arg(long)]
        method: String,
        #[arg(long)]
        reference: Option<String>,
    },
    /// Record a payment attempt that failed (declined card, bounced
    /// transfer): nothing is paid; the order is `failed` until a payment succeeds.
    PaymentFailed {
        number: String,
        #[arg(long)]
        amount: String,
        #[arg(long)]
        method: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        reference: Option<String>,
    },
    /// Cancel an order.
    Cancel {
        number: String,
        #[arg(long)]
        reason: String,
    },
    /// Show an order with its lines, totals and history.
    Show { number: String },
    /// Edit an order: update wizard answers, customer, due date, lines
    /// (JSON from a file, or - for standard input; docs/settings.md "Order edits").
    Edit {
        number: String,
        #[arg(long)]
        input: String,
    },
    /// Give money back without goods (a canceled order's deposit, goodwill,
    /// an overcharge): to the original tenders newest first, or store credit.
    Refund {
        number: String,
        #[arg(long)]
        amount: String,
        /// original (default) or store_credit.
        #[arg(long, conflicts_with = "store_credit")]
        to: Option<String>,
        /// Shorthand for --to store_credit.
        #[arg(long)]
        store_credit: bool,
        #[arg(long)]
        reason: String,
        /// Show how it would be paid out; write nothing.
        #[arg(long)]
        preview: bool,
    },
    /// Void an order: cancel it and refund everything paid (same-day mistake).
    Void {
        number: String,
        #[arg(long)]
        reason: String,
    },
    /// Give a discount on a line (--line, 0-based) or the whole order.
    Discount {
        number: String,
        #[arg(long, conflicts_with = "amount", required_unless_present = "amount")]
        percent: Option<String>,
        #[arg(long)]
        amount: Option<String>,
        #[arg(long)]
        line: Option<usize>,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand, Debug)]
enum OrdersCmd {
    /// The first orders matching the filter.
    List {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// One page of the orders matching the filter, and the cursor of the next.
    Search {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Cursor printed by the previous page.
        #[arg(long)]
        after: Option<String>,
    },
}

/// A file to stream from (`-`: standard input).
pub(crate) fn open_input(path: &str) -> Result<Box<dyn std::io::Read + Send>> {
    if path == "-" {
        Ok(Box::new(std::io::stdin()))
    } else {
        let file = std::fs::File::open(path).map_err(|e| Error::Io(format!("{path}: {e}")))?;
        Ok(Box::new(std::io::BufReader::new(file)))
    }
}

pub(crate) fn read_input(path: &str) -> Result<String> {
    if path == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        Ok(s)
    } else {
        Ok(std::fs::read_to_string(path).map_err(|e| Error::Io(format!("{path}: {e}")))?)
    }
}

pub async fn run(args: Args) -> Result<()> {
    let path = args
        .db
        .clone()
        .unwrap_or_else(tillflow::till::default_db_path);
    let out = output::Out { json: args.json };
    let now = Utc::now();
    if let Cmd::Restore(restore) = args.command {
        let actor = match args.acting_as.as_deref() {
            None => Actor::cli(),
            Some(name) => {
                let till = Till::open(&path, Durability::Full).await?;
                let actor = staff::acting(&till, Some(name), now).await;
                till.close().await;
                actor?
            }
        };
        return backup::restore(restore, &actor, &out, now, &path).await;
    }
    if let Cmd::Journal(cmd) = &args.command {
        // An archive is checked on its own, on any machine.
        if let Some(file) = cmd.archive() {
            return journal::report(&tillflow::till::verify_archive(file)?, &out);
        }
    }
    let till = Till::open(&path, Durability::Full).await?;
    let result = match staff::acting(&till, args.acting_as.as_deref(), now).await {
        Ok(actor) => match args.command {
            Cmd::Staff(cmd) => staff::staff(&till, cmd, &actor, &out, now).await,
            cmd => dispatch(&till, cmd, &actor, &out, now, &path).await,
        },
        Err(e) => Err(e),
    };
    till.close().await;
    result
}

async fn dispatch(
    till: &Till,
    cmd: Cmd,
    actor: &Actor,
    out: &output::Out,
    now: chrono::DateTime<Utc>,
    path: &std::path::Path,
) -> Result<()> {
    match cmd {
        Cmd::Init { force, .. } | Cmd::Demo { force } if till.is_configured() && !force => {
            return Err(Error::conflict(format!(
                "{} already has settings (shop '{}'): --force replaces them, after a backup",
                path.display(),
                till.settings()?.shop.name
            )));
        }
        Cmd::Init {
            template: Some(key),
            ..
        } => {
            let template = Template::find(&key)?;
            let s = till
                .import_settings(template.settings()?, actor, now)
                .await?;
            out.message(
                &serde_json::json!({"db": path, "created": true, "template": template.key,
                    "statuses": s.statuses.len(), "order_types": s.order_types.len()}),
                &format!(
                    "Initialised {} from the {} template; set the shop's name, address and tax ID on the Shop page",
                    path.display(),
                    template.name
                ),
            );
        }
        Cmd::Init { template: None, .. } => {
            let s = till
                .import_settings(tillflow::till::blank_settings(), actor, now)
                .await?;
            out.message(
                &serde_json::json!({"db": path, "created": true, "statuses": s.statuses.len()}),
                &format!("Initialised {} with blank settings", path.display()),
            );
        }
        Cmd::Templates => out.templates(),
        Cmd::Demo { .. } => {
            let s = till.import_settings(Settings::demo(), actor, now).await?;
            out.message(
                &serde_json::json!({"db": path, "order_types": s.order_types.len()}),
                &format!(
                    "Loaded demo settings into {} ({} order types)",
                    path.display(),
                    s.order_types.len()
                ),
            );
        }
        Cmd::Settings(SettingsCmd::Export { out: file }) => {
            let text = till.export_settings().await?;
            match file {
                Some(f) => {
                    std::fs::write(&f, text + "\n")?;
                    out.message(
                        &serde_json::json!({"out": f}),
                        &format!("Settings written to {}", f.display()),
                    );
                }
                None => println!("{text}"),
            }
        }
        Cmd::Settings(SettingsCmd::Import { file }) => {
            let text = read_input(&file.to_string_lossy())?;
            let s = till
                .import_settings(Settings::from_json(&text)?, actor, now)
                .await?;
            out.message(&serde_json::json!({"imported": true, "workflows": s.workflows.len(), "order_types": s.order_types.len()}),
                &format!("Imported settings: {} statuses, {} workflows, {} order types", s.statuses.len(), s.workflows.len(), s.order_types.len()));
        }
        Cmd::Settings(SettingsCmd::Logo { file, remove }) => {
            let png = match (&file, remove) {
                (Some(f), false) => {
                    Some(std::fs::read(f).map_err(|e| Error::Io(format!("{}: {e}", f.display())))?)
                }
                _ => None,
            };
            let s = till.set_logo(png.as_deref(), actor, now).await?;
            let sha = s.shop.documents.logo.map(|l| l.sha256);
            let text = match (&file, &sha) {
                (Some(f), Some(_)) => {
                    format!("Logo set from {} (kept in the database)", f.display())
                }
                _ => "Logo removed".to_string(),
            };
            out.message(&serde_json::json!({"logo": sha}), &text);
        }
        Cmd::Order(OrderCmd::Create { input }) => {
            let text = read_input(&input)?;
            let input: OrderInput = serde_json::from_str(&text)
                .map_err(|e| Error::invalid("input", format!("not a valid order: {e}")))?;
            let r = till.create_order(&input, actor, now).await?;
            let view = till.order(&r.number).await?;
            out.order(&view);
        }
        Cmd::Order(OrderCmd::Edit { number, input }) => {
            edits::edit(till, &number, &read_input(&input)?, actor, now, out).await?;
        }
        Cmd::Order(OrderCmd::Discount {
            number,
            percent,
            amount,
            line,
            reason,
        }) => {
            let given = (percent.as_deref(), amount.as_deref(), line, reason);
            edits::discount(till, &number, given, actor, now, out).await?;
        }
        Cmd::Order(OrderCmd::Event { number, event }) => {
            let trigger = Trigger::parse(&event)?;
            let r = till.fire_event(&number, trigger, actor, now).await?;
            out.event(&r, trigger.into());
        }
        Cmd::Order(OrderCmd::Move {
            number,
            to,
            reason,
            override_guards,
        }) => {
            let r = if override_guards {
                till.move_order_past_guards(&number, &to, &reason, actor, now)
                    .await?
            } else {
                till.move_order(&number, &to, &reason, actor, now).await?
            };
            out.event(&r, AuditEvent::ManualMove);
        }
        Cmd::Order(OrderCmd::Undo { number, reason }) => {
            let r = till.undo_move(&number, &reason, actor, now).await?;
            out.event(&r, AuditEvent::MoveUndone);
        }
        Cmd::Workflow(WorkflowCmd::Simulate {
            order_type,
            events,
            total,
            paid,
        }) => {
            let input = tillflow::till::SimulationInput {
                order_type,
                draft: None,
                total,
                paid,
                events: events.into_iter().collect(),
            };
            out.simulation(&till.simulate_workflow(&input)?);
        }
        Cmd::Order(OrderCmd::Pay {
            number,
            amount,
            method,
            reference,
        }) => {
            let payment = payment_input(till, &amount, method, reference)?;
            let r = till.pay(&number, &payment, actor, now).await?;
            out.paid(&r);
        }
        Cmd::Order(OrderCmd::PaymentFailed {
            number,
            amount,
            method,
            reason,
            reference,
        }) => {
            let payment = payment_input(till, &amount, method, reference)?;
            let r = till
                .payment_failed(&number, &payment, &reason, actor, now)
                .await?;
            out.event(&r, AuditEvent::PaymentFailed);
        }
        Cmd::Order(OrderCmd::Cancel { number, reason }) => {
            let r = till.cancel(&number, &reason, actor, now).await?;
            out.event(&r, AuditEvent::OrderCanceled);
        }
        Cmd::Order(OrderCmd::Refund {
            number,
            amount,
            to,
            store_credit,
            reason,
            preview,
        }) => {
            let args = refunds::RefundArgs {
                amount: &amount,
                to: to.as_deref(),
                store_credit,
                reason,
                preview,
            };
            refunds::refund(till, &number, args, actor, now, out).await?;
        }
        Cmd::Order(OrderCmd::Void { number, reason }) => {
            refunds::void(till, &number, &reason, actor, now, out).await?;
        }
        Cmd::Order(OrderCmd::Show { number }) => out.order(&till.order(&number).await?),
        Cmd::Orders(OrdersCmd::List { filter, limit }) => {
            let mut filter = filter.filter(&till.snapshot()?.currency)?;
            filter.limit = Some(limit);
            out.list(&till.list_orders(&filter).await?);
        }
        Cmd::Orders(OrdersCmd::Search {
            filter,
            limit,
            after,
        }) => {
            let mut filter = filter.filter(&till.snapshot()?.currency)?;
            filter.limit = Some(limit);
            filter.after = after;
            out.page(&till.search_orders(&filter).await?);
        }
        Cmd::Dashboard => out.dashboard(&till.dashboard(actor, now, till.time_zone()?).await?),
        Cmd::Customers { query } => out.customers(&till.find_customers(&query).await?),
        Cmd::Triggers => out.triggers(),
        Cmd::Print(args) => print::print(till, args, actor, out).await?,
        Cmd::Printers => print::printers(till, out)?,
        Cmd::Stock { cmd } => stock::run(till, cmd, actor, out, now).await?,
        Cmd::Ship { number, cmd } => fulfillment::ship(till, &number, cmd, actor, out, now).await?,
        Cmd::Return { number, args } => {
            fulfillment::take_back(till, &number, &args, actor, out, now).await?
        }
        Cmd::Exchange {
            number,
            args,
            add,
            method,
        } => fulfillment::exchange(till, &number, &args, &add, method, actor, out, now).await?,
        Cmd::Export(cmd) => exchange::export(till, cmd, actor, out).await?,
        Cmd::Import(cmd) => exchange::import(till, cmd, actor, out, now).await?,
        Cmd::Dev(cmd) => exchange::dev(till, cmd, actor, out, now, path).await?,
        Cmd::Backup(args) => backup::backup(till, args, actor, out, now, path).await?,
        Cmd::Check => backup::check(till, out).await?,
        Cmd::Roles { .. } => staff::roles(till, out),
        Cmd::Staff(_) => return Err(Error::conflict("staff commands run with their actor")),
        Cmd::Messages(cmd) => messages::run(till, cmd, actor, out, now).await?,
        Cmd::Session(cmd) => cash::session(till, cmd, actor, out, now).await?,
        Cmd::Cash(cmd) => cash::cash(till, cmd, actor, out, now).await?,
        Cmd::Drawer(cmd) => cash::drawer(till, cmd, actor, out, now).await?,
        Cmd::Reports(cmd) => cash::reports(till, cmd, actor, out, now).await?,
        Cmd::Journal(cmd) => journal::run(till, cmd, actor, out, now).await?,
        // Handled in `run`, before the database is opened.
        Cmd::Restore(_) => return Err(Error::conflict("a restore runs with the database closed")),
    }
    Ok(())
}

/// A payment from `--amount` (the shop currency's strict amount syntax),
/// `--method` and `--reference`.
fn payment_input(
    till: &Till,
    amount: &str,
    method: String,
    reference: Option<String>,
) -> Result<PaymentInput> {
    let currency = &till.snapshot()?.currency;
    let amount = currency.to_decimal(currency.parse(amount, "amount")?);
    Ok(PaymentInput {
        method,
        amount,
        reference,
    })
}
