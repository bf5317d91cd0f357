//! Shipments: some or all of an order's lines (partial quantities), by
//! carrier (with a tracking number) or picked up in store. A shipment is
//! `created`, then `shipped` (its stock is consumed: ledger `sale`), then
//! `delivered` — or `failed` when delivery fails. A pickup goes from
//! `created` straight to `delivered` when the customer collects it (shipped
//! and delivered at once). Only a shipment that has not shipped may be
//! deleted; its lines are shippable again. Pure rules; no SQL here.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::inventory::AllocationRow;
use crate::money::check_quantity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryMethod {
    Carrier,
    Pickup,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ShipmentStatus {
    Created,
    Shipped,
    Delivered,
    Failed,
}

macro_rules! keyed {
    ($t:ident { $($v:ident = $k:literal),* }) => {
        impl $t {
            pub fn key(self) -> &'static str {
                match self { $( $t::$v => $k, )* }
            }
            pub fn parse(text: &str) -> Result<$t> {
                match text.trim() {
                    $( $k => Ok($t::$v), )*
                    other => Err(Error::invalid(stringify!($t), format!("unknown value '{other}'"))),
                }
            }
        }
    };
}
keyed!(DeliveryMethod { Carrier = "carrier", Pickup = "pickup" });
keyed!(ShipmentStatus { Created = "created", Shipped = "shipped", Delivered = "delivered", Failed = "failed" });

/// A quantity of one order line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LineQty {
    pub line: i64,
    #[serde(with = "crate::money::strict")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub qty: Decimal,
}

impl LineQty {
    /// Parses "LINE:QTY" (e.g. "0:2"); a bare "LINE" is not accepted.
    pub fn parse(text: &str) -> Result<LineQty> {
        let (l, q) = text
            .split_once(':')
            .ok_or_else(|| Error::invalid("line", format!("'{text}' is not LINE:QTY")))?;
        let line = l
            .trim()
            .parse()
            .map_err(|_| Error::invalid("line", format!("'{l}' is not a line number")))?;
        let qty = crate::money::parse_quantity(q, "qty")?;
        Ok(LineQty { line, qty })
    }
}

/// What a worker asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ShipmentInput {
    pub method: DeliveryMethod,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub carrier: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub tracking: Option<String>,
    pub lines: Vec<LineQty>,
}

/// A shipment line: how much of an order line, from which site (none for
/// items whose stock is not counted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ShipmentLine {
    pub line: i64,
    pub site: Option<String>,
    #[serde(with = "crate::money::strict")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub qty: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Shipment {
    pub id: i64,
    pub method: DeliveryMethod,
    pub carrier: Option<String>,
    pub tracking: Option<String>,
    pub status: ShipmentStatus,
    pub lines: Vec<ShipmentLine>,
    pub created_at: DateTime<Utc>,
    pub shipped_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
}

/// What the rules need of an order line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderedLine {
    pub qty: Decimal,
    /// Whether its stock is counted (it must be reserved before it ships).
    pub counted: bool,
}

fn text(v: &Option<String>, field: &str) -> Result<Option<String>> {
    match v.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) if t.len() > 64 => Err(Error::invalid(field, "at most 64 characters")),
        Some(t) => Ok(Some(t.to_string())),
        None => Ok(None),
    }
}

/// How much of an order line is in shipments already (any status).
pub fn in_shipments(existing: &[Shipment], line: i64) -> Decimal {
    existing
        .iter()
        .flat_map(|s| &s.lines)
        .filter(|l| l.line == line)
        .map(|l| l.qty)
        .sum()
}

/// Validates a shipment request and picks the site of every line from the
/// line's reservations not yet taken by another unshipped shipment.
pub fn plan(
    input: &ShipmentInput,
    lines: &[OrderedLine],
    allocations: &[AllocationRow],
    existing: &[Shipment],
) -> Result<(Option<String>, Option<String>, Vec<ShipmentLine>)> {
    let carrier = text(&input.carrier, "carrier")?;
    let tracking = text(&input.tracking, "tracking")?;
    match input.method {
        DeliveryMethod::Carrier if carrier.is_none() => {
            return Err(Error::invalid(
                "carrier",
                "a carrier shipment needs a carrier",
            ))
        }
        DeliveryMethod::Pickup if carrier.is_some() || tracking.is_some() => {
            return Err(Error::invalid(
                "carrier",
                "a pickup in store has no carrier or tracking number",
            ))
        }
        _ => {}
    }
    if input.lines.is_empty() {
        return Err(Error::invalid(
            "lines",
            "a shipment needs at least one line",
        ));
    }
    let mut out = Vec::new();
    for (i, want) in input.lines.iter().enumerate() {
        let field = format!("lines[{i}]");
        let q = check_quantity(want.qty, &format!("{field}.qty"))?;
        if input.lines[..i].iter().any(|l| l.line == want.line) {
            return Err(Error::invalid(
                field,
                format!("line {} is given twice", want.line),
            ));
        }
        let ordered = usize::try_from(want.line)
            .ok()
            .and_then(|l| lines.get(l))
            .ok_or_else(|| {
                Error::invalid(&field, format!("the order has no line {}", want.line))
            })?;
        let in_shipments = in_shipments(existing, want.line);
        let left = ordered.qty - in_shipments;
        if q > left {
            return Err(Error::invalid(
                format!("{field}.qty"),
                format!(
                    "line {}: {} ordered, {} already in shipments; at most {} left to ship",
                    want.line,
                    ordered.qty.normalize(),
                    in_shipments.normalize(),
                    left.max(Decimal::ZERO).normalize()
                ),
            ));
        }
        if !ordered.counted {
            out.push(ShipmentLine {
                line: want.line,
                site: None,
                qty: q,
            });
            continue;
        }
        let mut missing = q;
        for a in allocations.iter().filter(|a| a.line_no == want.line) {
            let pending: Decimal = existing
                .iter()
                .filter(|s| s.status == ShipmentStatus::Created)
                .flat_map(|s| &s.lines)
                .filter(|l| l.line == want.line && l.site.as_deref() == Some(a.site.as_str()))
                .map(|l| l.qty)
                .sum();
            let free = a.qty - a.shipped - pending;
            let take = free.min(missing);
            if take > Decimal::ZERO {
                out.push(ShipmentLine {
                    line: want.line,
                    site: Some(a.site.clone()),
                    qty: take.normalize(),
                });
                missing -= take;
            }
        }
        if missing > Decimal::ZERO {
            return Err(Error::conflict(format!(
                "line {}: {} more is not reserved; confirm the order to allocate its stock",
                want.line,
                missing.normalize()
            )));
        }
    }
    Ok((carrier, tracking, out))
}
