//! `tillflow ship NUMBER …`, `tillflow return NUMBER …`,
//! `tillflow exchange NUMBER …`.

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use tillflow::audit::AuditEvent;
use tillflow::orders::LineInput;
use tillflow::payments::RefundTo;
use tillflow::returns::{ExchangeInput, ReturnInput};
use tillflow::shipments::{DeliveryMethod, LineQty, ShipmentInput};
use tillflow::staff::Actor;
use tillflow::till::ReturnResult;
use tillflow::triggers::Trigger;
use tillflow::{Error, EventResult, Result, Till};

use super::output::Out;

#[derive(Subcommand, Debug)]
pub enum ShipCmd {
    /// List the order's shipments.
    List,
    /// Create a shipment: --line LINE:QTY (repeat), by --carrier or --pickup.
    Create {
        #[arg(long = "line", required = true)]
        lines: Vec<String>,
        #[arg(long)]
        carrier: Option<String>,
        #[arg(long)]
        tracking: Option<String>,
        /// Pickup in store instead of a carrier.
        #[arg(long)]
        pickup: bool,
    },
    /// The shipment was handed to the carrier.
    Shipped { id: i64 },
    /// The shipment was delivered (a pickup: collected).
    Delivered { id: i64 },
    /// The delivery failed.
    Failed {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// Delete a shipment that has not shipped.
    Delete { id: i64 },
}

/// What a return takes back.
#[derive(Args, Debug)]
pub struct ReturnArgs {
    /// LINE:QTY to take back (repeat).
    #[arg(long = "line", required = true)]
    lines: Vec<String>,
    /// Site to restock; without it the goods are written off.
    #[arg(long)]
    restock: Option<String>,
    /// original | store_credit
    #[arg(long, default_value = "original")]
    refund_to: String,
    #[arg(long)]
    reason: String,
}

impl ReturnArgs {
    fn input(&self) -> Result<ReturnInput> {
        Ok(ReturnInput {
            lines: self
                .lines
                .iter()
                .map(|l| LineQty::parse(l))
                .collect::<Result<_>>()?,
            restock: self.restock.clone(),
            refund_to: RefundTo::parse(&self.refund_to)?,
            reason: self.reason.clone(),
        })
    }
}

fn event(out: &Out, r: &EventResult, what: AuditEvent) {
    out.event(r, what);
}

fn returned(out: &Out, r: &ReturnResult) {
    let to: Vec<String> = r
        .refunds
        .iter()
        .map(|x| format!("{} to {}", x.amount, x.method))
        .collect();
    out.message(
        r,
        &format!(
            "{}: return #{} — refund {}{}, charge {}; total {}, balance {}{}",
            r.result.number,
            r.return_id,
            r.refund,
            if to.is_empty() {
                String::new()
            } else {
                format!(" ({})", to.join(", "))
            },
            r.charge,
            r.total,
            r.balance,
            r.credit_note
                .as_deref()
                .map(|n| format!("; credit note {n}"))
                .unwrap_or_default()
        ),
    );
}

pub async fn ship(
    till: &Till,
    number: &str,
    cmd: ShipCmd,
    actor: &Actor,
    out: &Out,
    now: DateTime<Utc>,
) -> Result<()> {
    match cmd {
        ShipCmd::List => {
            let rows = till.shipments(number).await?;
            let text: Vec<String> = rows
                .iter()
                .map(|s| {
                    let lines: Vec<String> = s
                        .lines
                        .iter()
                        .map(|l| {
                            format!("{}×{}@{}", l.line, l.qty, l.site.as_deref().unwrap_or("-"))
                        })
                        .collect();
                    format!(
                        "#{:<5} {:<8} {:<10} {:<10} {:<14} {}",
                        s.id,
                        s.method.key(),
                        s.status.key(),
                        s.carrier.as_deref().unwrap_or(""),
                        s.tracking.as_deref().unwrap_or(""),
                        lines.join(" ")
                    )
                })
                .collect();
            out.message(&rows, &text.join("\n"));
        }
        ShipCmd::Create {
            lines,
            carrier,
            tracking,
            pickup,
        } => {
            let input = ShipmentInput {
                method: if pickup {
                    DeliveryMethod::Pickup
                } else {
                    DeliveryMethod::Carrier
                },
                carrier,
                tracking,
                lines: lines
                    .iter()
                    .map(|l| LineQty::parse(l))
                    .collect::<Result<_>>()?,
            };
            let r = till.create_shipment(number, &input, actor, now).await?;
            out.message(
                &r,
                &format!(
                    "{number}: shipment #{} created ({})",
                    r.shipment, r.result.status
                ),
            );
        }
        ShipCmd::Shipped { id } => event(
            out,
            &till.ship_shipment(number, id, actor, now).await?,
            Trigger::ShipmentShipped.into(),
        ),
        ShipCmd::Delivered { id } => event(
            out,
            &till.deliver_shipment(number, id, actor, now).await?,
            Trigger::ShipmentDelivered.into(),
        ),
        ShipCmd::Failed { id, reason } => event(
            out,
            &till.fail_shipment(number, id, &reason, actor, now).await?,
            AuditEvent::ShipmentFailed,
        ),
        ShipCmd::Delete { id } => event(
            out,
            &till.delete_shipment(number, id, actor, now).await?,
            AuditEvent::ShipmentDeleted,
        ),
    }
    Ok(())
}

pub async fn take_back(
    till: &Till,
    number: &str,
    args: &ReturnArgs,
    actor: &Actor,
    out: &Out,
    now: DateTime<Utc>,
) -> Result<()> {
    let r = till
        .return_lines(number, &args.input()?, actor, now)
        .await?;
    returned(out, &r);
    Ok(())
}

/// Parses "SKU:QTY" (the last colon splits).
fn new_line(text: &str) -> Result<LineInput> {
    let (sku, q) = text
        .rsplit_once(':')
        .ok_or_else(|| Error::invalid("add", format!("'{text}' is not SKU:QTY")))?;
    Ok(LineInput {
        sku: Some(sku.trim().to_string()),
        qty: tillflow::money::parse_quantity(q, "add")?,
        ..Default::default()
    })
}

#[allow(clippy::too_many_arguments)]
pub async fn exchange(
    till: &Till,
    number: &str,
    args: &ReturnArgs,
    add: &[String],
    method: Option<String>,
    actor: &Actor,
    out: &Out,
    now: DateTime<Utc>,
) -> Result<()> {
    let input = ExchangeInput {
        ret: args.input()?,
        add: add.iter().map(|a| new_line(a)).collect::<Result<_>>()?,
        method,
    };
    let r = till.exchange(number, &input, actor, now).await?;
    returned(out, &r);
    Ok(())
}
