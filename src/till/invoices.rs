//! Invoices, credit notes and receipt copies as a print or "Save as PDF"
//! issues them: one change on the order each, in which the invoice takes
//! its number the first time (and every later print is a COPY of it as
//! issued), a credit note's or receipt's print is counted, and the order's
//! history records it. Credit notes themselves are issued by returns, in
//! the return's own transaction (see [`super::steps::issue_credit_note`]).

use chrono::{DateTime, Utc};

use super::steps::{issue_invoice, print_credit_note};
use super::Till;
use crate::audit::AuditEvent;
use crate::documents::{DocumentKind, DocumentModel};
use crate::error::Result;
use crate::workflow::Journal;

impl Till {
    /// The model(s) of `kind` of order `number` (of credit note `number`)
    /// to print or save now, issued in one change by `actor` (checked by
    /// the caller): an invoice gets its number the first time; an invoice,
    /// credit note or receipt printed before is marked COPY. Other
    /// documents are read as they are.
    pub(crate) async fn issue_models(
        &self,
        actor: &str,
        number: &str,
        kind: DocumentKind,
        split: bool,
        now: DateTime<Utc>,
    ) -> Result<Vec<DocumentModel>> {
        let model = match kind {
            DocumentKind::Invoice => self.print_invoice(actor, number, now).await?,
            DocumentKind::CreditNote => {
                let order = self.store().credit_note_order(number).await?;
                let mut change = self.open_order(&order, actor, now).await?;
                change.facts_changed = false;
                let (row, _) = change.tx.credit_note(number).await?;
                let plan = change.plan.clone();
                let mut j = Journal::new(&plan, change.state.position, change.facts.clone());
                let model = print_credit_note(&mut change.tx, &row, &mut j).await?;
                change.finish(j).await?;
                model
            }
            DocumentKind::Receipt => {
                let mut change = self.open_order(number, actor, now).await?;
                change.facts_changed = false;
                let prints = change.tx.count_receipt_print(change.state.id).await?;
                let plan = change.plan.clone();
                let mut j = Journal::new(&plan, change.state.position, change.facts.clone());
                if prints > 1 {
                    j.note(AuditEvent::CopyPrinted, Some("receipt"));
                }
                change.finish(j).await?;
                DocumentModel {
                    copy: prints > 1,
                    ..self.document_model(number).await?
                }
            }
            _ => self.document_model(number).await?,
        };
        self.laid_out(model, kind, split).await
    }

    /// The order's invoice for a print: issued now (its number taken in
    /// this change) when it has none, else a counted COPY.
    async fn print_invoice(
        &self,
        actor: &str,
        number: &str,
        now: DateTime<Utc>,
    ) -> Result<DocumentModel> {
        let snap = self.snapshot()?;
        let mut change = self.open_order(number, actor, now).await?;
        change.facts_changed = false;
        // The order as committed: this change holds the write lock, so
        // nothing changes it between here and the commit.
        let rec = self.store().order(number).await?;
        let returned = self.store().returned(rec.id).await?;
        let plan = change.plan.clone();
        let mut j = Journal::new(&plan, change.state.position, change.facts.clone());
        let issued = issue_invoice(
            &mut change.tx,
            &snap,
            &rec,
            &returned,
            true,
            &mut j,
            &change.actor,
            now,
        )
        .await?;
        change.finish(j).await?;
        Ok(DocumentModel {
            copy: issued.copy,
            ..issued.model
        })
    }
}
