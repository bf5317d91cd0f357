//! The till's day: a drawer session opened with a float, cash movements
//! (pay-in, pay-out, safe drop, no-sale opening), X reports any time and
//! the Z report that counts the drawer, seals the session and takes the
//! till's next Z number — each write one transaction (docs/tills-day.md).

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::steps::{check_reason, journal};
use super::Till;
use crate::documents::DocumentKind;
use crate::documents::{
    render_till_report, render_till_report_escpos, save_pdf, DocCurrency, ReportDocument,
    ReportPaper,
};
use crate::error::{Error, Result};
use crate::journal::{EntryKind, Payload};
use crate::payments::drawer::{count_total, denominations, CashMovementKind};
use crate::payments::report::{compute, SessionInfo, TillReport};
use crate::payments::METHODS;
use crate::printing::{
    destination_for, open_cash_drawer, PrintDestination, PrintJob, PrintQueue, ReceiptPrinter,
};
use crate::staff::{Actor, Permission};
use crate::storage::WriteTx;

/// A float or a count: a total, or pieces per note and coin.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CashCount {
    /// The total as a decimal string ("150.00"), when not counted by piece.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub total: Option<String>,
    /// (denomination as a decimal string, pieces).
    #[serde(default)]
    pub pieces: Vec<(String, i64)>,
}

/// The drawer now: the open session, if any, and what the screens need to
/// count it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DrawerStatus {
    pub till: String,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub session: Option<SessionInfo>,
    /// Cash the drawer should hold now; absent when no session is open or
    /// the shop counts blind.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub expected_cash: Option<String>,
    pub blind_count: bool,
    /// The currency's notes and coins, largest first (decimal strings).
    pub denominations: Vec<String>,
    /// The tenders that can be counted at closing (key, label).
    pub tenders: Vec<(String, String)>,
    /// The tenders the till refuses now because no session is open (the
    /// shop's `cash.sessions` rule); empty while a session is open.
    pub closed_tenders: Vec<String>,
    pub currency: String,
    pub currency_exponent: u32,
}

/// A cash movement recorded.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MovementResult {
    pub id: i64,
    pub kind: CashMovementKind,
    pub amount: String,
    /// Whether the drawer was kicked open through the receipt printer.
    pub kicked: bool,
    /// Why it was not, when it was asked to be.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub kick_error: Option<String>,
}

/// One past Z report in a list.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ZSummary {
    pub number: i64,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: DateTime<Utc>,
    pub actor: String,
    pub net: String,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub cash_variance: Option<String>,
    pub grand_total: String,
}

impl Till {
    fn cash_amount(&self, text: &str, field: &str) -> Result<i64> {
        let snap = self.snapshot()?;
        let amount = snap.currency.parse(text, field)?;
        if amount < 0 {
            return Err(Error::invalid(field, "an amount is 0 or more"));
        }
        Ok(amount)
    }

    /// A count's total (minor units) and its pieces as stored (JSON).
    fn count(&self, count: &CashCount, field: &str) -> Result<(i64, String)> {
        let currency = &self.snapshot()?.currency;
        if count.pieces.is_empty() {
            let text = count
                .total
                .as_deref()
                .ok_or_else(|| Error::invalid(field, "give a total or a count by piece"))?;
            return Ok((self.cash_amount(text, field)?, "[]".to_string()));
        }
        let mut pieces = Vec::with_capacity(count.pieces.len());
        for (value, n) in &count.pieces {
            pieces.push((currency.parse(value, field)?, *n));
        }
        let total = count_total(currency, &pieces, field)?;
        if let Some(text) = count.total.as_deref() {
            if self.cash_amount(text, field)? != total {
                return Err(Error::invalid(
                    field,
                    format!(
                        "the pieces add up to {}, not {text}",
                        currency.format(total)
                    ),
                ));
            }
        }
        let json =
            serde_json::to_string(&pieces).map_err(|e| Error::Storage(format!("count: {e}")))?;
        Ok((total, json))
    }

    /// Opens this till's drawer session with `float`.
    pub async fn open_session(
        &self,
        float: &CashCount,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<DrawerStatus> {
        let who = actor.acting(Permission::OpenTill)?;
        let (total, count) = self.count(float, "float")?;
        let till = self.till_code().to_string();
        let mut tx = self.store().begin().await?;
        let session = tx.insert_session(&till, total, &count, &who, now).await?;
        let payload = Payload::new()
            .with("session", session)
            .money("float", total);
        journal(&mut tx, EntryKind::SessionOpened, &payload, &who, now).await?;
        tx.commit().await?;
        self.drawer_status(now).await
    }

    /// The drawer now (any signed-in staff).
    pub async fn drawer_status(&self, now: DateTime<Utc>) -> Result<DrawerStatus> {
        let snap = self.snapshot()?;
        let till = self.till_code().to_string();
        let currency = &snap.currency;
        let blind = snap.settings.shop.cash.blind_count;
        let rule = snap.settings.shop.cash.sessions;
        let (session, expected) = match self.store().current_session(&till).await? {
            Some(id) => {
                let facts = self.store().read_session_facts(id, now).await?;
                let r = compute(&facts, &BTreeMap::new(), None, now, "")?;
                let expected = (!blind).then(|| currency.format(r.cash.expected));
                (Some(facts.session), expected)
            }
            None => (None, None),
        };
        let closed_tenders = METHODS
            .iter()
            .filter(|(k, _)| session.is_none() && rule.needs_session(k))
            .map(|(k, _)| k.to_string())
            .collect();
        Ok(DrawerStatus {
            till,
            session,
            expected_cash: expected,
            blind_count: blind,
            denominations: denominations(&currency.code)
                .iter()
                .map(|d| currency.format(*d))
                .collect(),
            tenders: METHODS
                .iter()
                .map(|(k, l)| (k.to_string(), l.to_string()))
                .collect(),
            closed_tenders,
            currency: currency.code.clone(),
            currency_exponent: currency.exponent,
        })
    }

    /// An X report: the open session's figures now; only its journal
    /// entry is written.
    pub async fn x_report(&self, actor: &Actor, now: DateTime<Utc>) -> Result<TillReport> {
        let who = actor.acting(Permission::ViewReports)?;
        let till = self.till_code().to_string();
        let mut tx = self.store().begin().await?;
        let id = open_in(&mut tx, &till).await?;
        let facts = tx.session_facts(id, now).await?;
        let report = compute(&facts, &BTreeMap::new(), None, now, &who)?;
        journal(
            &mut tx,
            EntryKind::XReport,
            &report_payload(&report),
            &who,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(report)
    }

    /// Closes this till's session with the drawer `counted` per tender
    /// (method → decimal string): computes the Z report, takes the till's
    /// next Z number and seals the session, in one transaction.
    pub async fn close_session(
        &self,
        counted: &BTreeMap<String, CashCount>,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<TillReport> {
        let who = actor.acting(Permission::CloseTill)?;
        if !counted.contains_key(crate::payments::CASH) {
            return Err(Error::invalid(
                "counted",
                "count the cash to close the till",
            ));
        }
        let mut amounts = BTreeMap::new();
        for (method, count) in counted {
            let key = crate::payments::check_method(method, "counted")?;
            let (total, _) = self.count(count, &format!("counted.{key}"))?;
            amounts.insert(key.to_string(), total);
        }
        let till = self.till_code().to_string();
        let mut tx = self.store().begin().await?;
        let id = open_in(&mut tx, &till).await?;
        let number = tx.next_z_number(&till).await?;
        let facts = tx.session_facts(id, now).await?;
        let report = compute(&facts, &amounts, Some(number), now, &who)?;
        let json =
            serde_json::to_string(&report).map_err(|e| Error::Storage(format!("report: {e}")))?;
        tx.insert_z(&till, number, id, &json, report.grand_total, &who, now)
            .await?;
        journal(
            &mut tx,
            EntryKind::ZReport,
            &report_payload(&report),
            &who,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(report)
    }

    /// Records a pay-in, pay-out or safe drop of `amount` with `reason` in
    /// the open session.
    pub async fn cash_movement(
        &self,
        kind: CashMovementKind,
        amount: &str,
        reason: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<MovementResult> {
        let who = actor.acting(Permission::ManageCash)?;
        if kind == CashMovementKind::NoSale {
            return Err(Error::invalid("kind", "a no-sale opening is `drawer open`"));
        }
        let reason = check_reason(reason)?;
        let value = self.cash_amount(amount, "amount")?;
        if value == 0 {
            return Err(Error::invalid("amount", "an amount is more than 0"));
        }
        let till = self.till_code().to_string();
        let mut tx = self.store().begin().await?;
        let session = open_in(&mut tx, &till).await?;
        if kind.signed(value) < 0 {
            let facts = tx.session_facts(session, now).await?;
            let held = compute(&facts, &BTreeMap::new(), None, now, &who)?
                .cash
                .expected;
            if value > held {
                let currency = &self.snapshot()?.currency;
                return Err(Error::conflict(format!(
                    "the drawer should hold only {}: {} cannot come out of it",
                    currency.format(held.max(0)),
                    currency.format(value)
                )));
            }
        }
        let id = tx
            .insert_movement(Some(session), kind, value, reason, &who, now)
            .await?;
        let payload = Payload::new()
            .with("session", session)
            .with("kind", kind.key())
            .money("amount", value)
            .with("reason", reason);
        journal(&mut tx, EntryKind::CashMovement, &payload, &who, now).await?;
        tx.commit().await?;
        Ok(MovementResult {
            id,
            kind,
            amount: self.snapshot()?.currency.format(value),
            kicked: false,
            kick_error: None,
        })
    }

    /// A no-sale opening: records it with `reason` (in the open session, if
    /// any), then kicks the drawer through the thermal receipt printer.
    pub async fn open_drawer(
        &self,
        reason: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<MovementResult> {
        let who = actor.acting(Permission::ManageCash)?;
        let reason = check_reason(reason)?;
        let till = self.till_code().to_string();
        let printing = self.snapshot()?.settings.shop.printing.clone();
        let mut tx = self.store().begin().await?;
        let session = tx.open_session(&till).await?;
        let kind = CashMovementKind::NoSale;
        let id = tx
            .insert_movement(session, kind, 0, reason, &who, now)
            .await?;
        let payload = Payload::new()
            .with("session", session)
            .with("kind", kind.key())
            .money("amount", 0)
            .with("reason", reason);
        journal(&mut tx, EntryKind::DrawerOpen, &payload, &who, now).await?;
        tx.commit().await?;
        let kick = match &printing.receipt_printer {
            ReceiptPrinter::Thermal(target) => {
                open_cash_drawer(target, &printing).map_err(|e| e.to_string())
            }
            ReceiptPrinter::System(_) => {
                Err("the drawer opens through a thermal receipt printer; none is set".to_string())
            }
        };
        Ok(MovementResult {
            id,
            kind,
            amount: self.snapshot()?.currency.format(0),
            kicked: kick.is_ok(),
            kick_error: kick.err(),
        })
    }

    /// This till's Z reports, newest first.
    pub async fn z_reports(&self, actor: &Actor) -> Result<Vec<ZSummary>> {
        actor.acting(Permission::ViewReports)?;
        let currency = self.snapshot()?.currency.clone();
        let till = self.till_code().to_string();
        let mut out = Vec::new();
        for row in self.store().z_reports(&till).await? {
            let r: TillReport = serde_json::from_str(&row.report)
                .map_err(|e| Error::Storage(format!("Z report {}: {e}", row.number)))?;
            out.push(ZSummary {
                number: row.number,
                at: row.at,
                actor: row.actor,
                net: currency.format(r.net),
                cash_variance: r.cash_variance().map(|v| currency.format(v)),
                grand_total: currency.format(row.grand_total),
            });
        }
        Ok(out)
    }

    /// Z report `number` of this till, as sealed.
    pub async fn z_report(&self, number: i64, actor: &Actor) -> Result<TillReport> {
        actor.acting(Permission::ViewReports)?;
        let till = self.till_code().to_string();
        let row = self.store().z_report(&till, number).await?;
        serde_json::from_str(&row.report)
            .map_err(|e| Error::Storage(format!("Z report {number}: {e}")))
    }

    /// `report` as a document of this shop.
    pub fn report_document(&self, report: TillReport) -> Result<ReportDocument> {
        let snap = self.snapshot()?;
        Ok(ReportDocument {
            shop: crate::orders::document::shop_header(&snap.settings.shop, None),
            currency: DocCurrency {
                code: snap.currency.code.clone(),
                exponent: snap.currency.exponent,
            },
            report,
        })
    }

    /// Saves `report` as a PDF on `paper` at `path`; returns the path.
    pub fn save_report_pdf(
        &self,
        report: TillReport,
        paper: ReportPaper,
        path: PathBuf,
    ) -> Result<PathBuf> {
        let doc = self.report_document(report)?;
        let pdf = render_till_report(&doc, paper)?;
        save_pdf(&pdf, &path)?;
        Ok(path)
    }

    /// The print job of Z report `report`: an A4 PDF for system printer
    /// `printer` when given, else for the receipt printer — ESC/POS to a
    /// thermal one, an 80 mm PDF to a system one. It goes through the print
    /// queue like an order's receipt ([`Till::submit_report_print`],
    /// [`Till::print_report`]).
    pub fn report_print_job(&self, report: TillReport, printer: Option<&str>) -> Result<PrintJob> {
        let snap = self.snapshot()?;
        let width = snap.settings.shop.documents.receipt_width;
        let number = report
            .z_number
            .ok_or_else(|| Error::invalid("number", "only a Z report is printed"))?;
        let destination = match printer.map(str::trim).filter(|n| !n.is_empty()) {
            Some(name) => PrintDestination::Printer(Some(name.to_string())),
            None => destination_for(DocumentKind::ZReport, &snap.settings.shop.printing),
        };
        let doc = self.report_document(report)?;
        let payload = match (&destination, printer.is_some()) {
            (PrintDestination::Thermal(_), _) => render_till_report_escpos(&doc, width)?,
            (_, true) => render_till_report(&doc, ReportPaper::A4)?,
            (_, false) => render_till_report(&doc, ReportPaper::Receipt)?,
        };
        let job = PrintJob::new(
            number.to_string(),
            DocumentKind::ZReport,
            destination,
            payload,
        );
        Ok(job)
    }

    /// Queues `report` on `queue` (the app's print desk) and returns the
    /// queued job at once; its outcome comes from the queue.
    pub fn submit_report_print(
        &self,
        queue: &PrintQueue,
        report: TillReport,
        printer: Option<&str>,
        actor: &Actor,
    ) -> Result<PrintJob> {
        let by = actor.acting(Permission::Print)?;
        let mut job = self.report_print_job(report, printer)?;
        job.by = by;
        job.id = queue.submit(job.clone())?;
        job.attempt = 1;
        job.payload.clear();
        Ok(job)
    }

    /// Prints `report` through a print queue of its own and waits (the
    /// command line). Returns the spooler's reference or where it went.
    pub async fn print_report(
        &self,
        report: TillReport,
        printer: Option<&str>,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<String> {
        let job = self.report_print_job(report, printer)?;
        let backend = std::sync::Arc::new(self.system_printer()?);
        let outcome = self
            .print_and_wait(backend, vec![job], actor, now)
            .await?
            .pop()
            .ok_or_else(|| Error::Io("the print queue reported nothing".into()))?;
        match (outcome.reference, outcome.error) {
            (Some(reference), None) => Ok(reference),
            (_, Some(e)) => Err(Error::Io(e.to_string())),
            (None, None) => Err(Error::Io("the print queue reported nothing".into())),
        }
    }
}

/// The open session of `till` in `tx`; refused when there is none.
async fn open_in(tx: &mut WriteTx, till: &str) -> Result<i64> {
    tx.open_session(till)
        .await?
        .ok_or_else(|| Error::conflict(format!("no drawer session is open on till {till}")))
}

/// What the journal records of an X or Z report: the session, the Z
/// number, the drawer's figures and the grand total.
fn report_payload(r: &TillReport) -> Payload {
    Payload::new()
        .with("session", r.session.id)
        .with("number", r.z_number)
        .money("float", r.cash.float)
        .money("cash_expected", r.cash.expected)
        .with(
            "cash_counted",
            r.tenders
                .iter()
                .find(|t| t.method == crate::payments::CASH)
                .and_then(|t| t.counted),
        )
        .money("sales", r.sales)
        .money("refunds", r.refunds)
        .money("net", r.net)
        .money("grand_total", r.grand_total)
}
