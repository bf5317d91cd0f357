//! An order's documents: the model from the stored order and the settings,
//! rendered PDFs (optionally one invoice per delivery method) and "Save as
//! PDF". Reads only committed data; writes nothing to the database.

use crate::staff::{Actor, Permission};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::steps::stored_model;
use super::Till;
use chrono::{DateTime, Utc};

use crate::documents::{
    invoice_first_page_svg, receipt_svg, save_pdf, DocumentKind, DocumentModel, ShopLogo,
};
use crate::error::{Error, Result};
use crate::orders::document::{document_model, sample_model, split_model};
use crate::orders::pricing;
use crate::settings::{check_png, validate, Shop};

/// A shop profile's documents as they would print, for the Shop page.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentPreview {
    /// The first page of a sample order's invoice (paper size of the settings).
    pub invoice_svg: String,
    /// The sample order's receipt (receipt width of the settings).
    pub receipt_svg: String,
}

/// One rendered PDF of an order.
#[derive(Debug, Clone, Serialize)]
pub struct RenderedDocument {
    pub kind: DocumentKind,
    pub order_number: String,
    /// The invoice's or credit note's own number, when it has one.
    pub document_number: Option<String>,
    /// Set on the parts of an invoice split by delivery method.
    pub delivery_method: Option<String>,
    #[serde(skip)]
    pub pdf: Vec<u8>,
}

/// Text as a file-name part: letters, digits and '-'.
fn file_part(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "part".to_string()
    } else {
        out
    }
}

impl RenderedDocument {
    /// Where this document goes when `base` is the path asked for: `base`
    /// itself, or `base` with `-<method>` before the extension for the parts
    /// of a split invoice (`invoice.pdf` → `invoice-courier.pdf`).
    pub fn path_for(&self, base: &Path) -> PathBuf {
        let Some(method) = &self.delivery_method else {
            return base.to_path_buf();
        };
        let stem = base
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "document".to_string());
        let ext = base
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_else(|| "pdf".to_string());
        base.with_file_name(format!(
            "{stem}-{}.{ext}",
            file_part(&method.to_lowercase())
        ))
    }

    /// A file name for this document ("invoice-TF-000012.pdf", or
    /// "invoice-TF-000012-courier.pdf" for a part of a split invoice;
    /// "credit-note-CN-2026-000001.pdf").
    pub fn file_name(&self) -> String {
        let number = match self.kind {
            DocumentKind::CreditNote => self.document_number.as_deref(),
            _ => None,
        };
        let number = number.unwrap_or(&self.order_number);
        let base = RenderedDocument::default_file_name(self.kind, number);
        self.path_for(Path::new(&base))
            .to_string_lossy()
            .into_owned()
    }

    /// The file name a document of order `number` is saved under.
    pub fn default_file_name(kind: DocumentKind, number: &str) -> String {
        let kind = match kind {
            DocumentKind::Invoice => "invoice",
            DocumentKind::PackingSlip => "packing-slip",
            DocumentKind::Receipt => "receipt",
            DocumentKind::Ticket => "ticket",
            DocumentKind::Tags => "tags",
            DocumentKind::CreditNote => "credit-note",
            DocumentKind::ZReport => "z-report",
        };
        format!("{kind}-{}.pdf", file_part(number))
    }
}

impl Till {
    /// The logo `shop` names, decoded: read from the database (or, for a
    /// logo just chosen and not saved yet, from the settings themselves).
    pub(super) async fn shop_logo(&self, shop: &Shop) -> Result<Option<ShopLogo>> {
        let Some(logo) = &shop.documents.logo else {
            return Ok(None);
        };
        if let Some((_, png)) = logo.inline_png()? {
            return check_png(&png).map(Some);
        }
        let png = self
            .store()
            .logo_png(&logo.sha256)
            .await?
            .ok_or_else(|| Error::not_found("logo", logo.sha256.clone()))?;
        check_png(&png).map(Some)
    }

    /// How the shop's invoice and receipt look with `shop` as its profile
    /// (not saved): a sample order's invoice (first page) and receipt, drawn
    /// by the documents' own code, as SVG. Refuses a profile the settings
    /// would refuse, naming the field.
    pub async fn preview_documents(
        &self,
        shop: Shop,
        now: DateTime<Utc>,
    ) -> Result<DocumentPreview> {
        let mut settings = self.settings()?;
        settings.shop = shop;
        validate(&settings)?;
        let logo = self.shop_logo(&settings.shop).await?;
        let model = sample_model(&settings, logo, now)?;
        let layout = settings.shop.documents.layout();
        Ok(DocumentPreview {
            invoice_svg: invoice_first_page_svg(&model, &layout)?,
            receipt_svg: receipt_svg(&model, &layout)?,
        })
    }

    /// The document model of a committed order.
    pub async fn document_model(&self, number: &str) -> Result<DocumentModel> {
        let snap = self.snapshot()?;
        let rec = self.store().order(number).await?;
        let returned = self.store().returned(rec.id).await?;
        let logo = self.shop_logo(&snap.settings.shop).await?;
        let (model, _) = document_model(&rec, &snap.settings, &snap.currency, logo, &returned)?;
        Ok(model)
    }

    /// `kind` of `number` as the next print would show it, writing nothing:
    /// an issued invoice or credit note as issued, marked COPY once printed
    /// (an invoice not issued yet shows the order without an invoice
    /// number); other documents from the order as it is. `number` is the
    /// order's, or for a credit note its own.
    pub(crate) async fn document_models(
        &self,
        number: &str,
        kind: DocumentKind,
        split: bool,
    ) -> Result<Vec<DocumentModel>> {
        let model = match kind {
            DocumentKind::CreditNote => {
                let (json, prints) = self.store().credit_note_document(number).await?;
                let mut model = stored_model(&json)?;
                model.copy = prints > 0;
                model
            }
            DocumentKind::Invoice => {
                let id = self.store().order(number).await?.id;
                match self.store().invoice_document(id).await? {
                    Some((json, prints)) => DocumentModel {
                        copy: prints > 0,
                        ..stored_model(&json)?
                    },
                    None => self.document_model(number).await?,
                }
            }
            _ => self.document_model(number).await?,
        };
        self.laid_out(model, kind, split).await
    }

    /// A model ready to render: the shop's logo as it is now, and with
    /// `split` one model per delivery method (invoices only).
    pub(super) async fn laid_out(
        &self,
        mut model: DocumentModel,
        kind: DocumentKind,
        split: bool,
    ) -> Result<Vec<DocumentModel>> {
        if split && kind != DocumentKind::Invoice {
            return Err(Error::invalid(
                "split_by_delivery",
                "only invoices are split by delivery method",
            ));
        }
        let snap = self.snapshot()?;
        model.shop.logo = self.shop_logo(&snap.settings.shop).await?;
        if !split {
            return Ok(vec![model]);
        }
        let rec = self.store().order(&model.order_number).await?;
        let pricing = rec.pricing.unwrap_or_else(|| pricing(&snap.settings));
        split_model(&model, pricing)
    }

    /// Renders `kind` of order `number` (of credit note `number`) as PDF,
    /// as the next print would show it, writing nothing; with
    /// `split_by_delivery` (invoices only) one PDF per delivery method,
    /// whose totals add up to the order's.
    pub async fn render_document(
        &self,
        number: &str,
        kind: DocumentKind,
        split_by_delivery: bool,
    ) -> Result<Vec<RenderedDocument>> {
        let models = self
            .document_models(number, kind, split_by_delivery)
            .await?;
        self.rendered(models, kind)
    }

    fn rendered(
        &self,
        models: Vec<DocumentModel>,
        kind: DocumentKind,
    ) -> Result<Vec<RenderedDocument>> {
        let layout = self.snapshot()?.settings.shop.documents.layout();
        models
            .iter()
            .map(|m| {
                Ok(RenderedDocument {
                    kind,
                    order_number: m.order_number.clone(),
                    document_number: m.issue.as_ref().map(|i| i.number.clone()),
                    delivery_method: m.part.as_ref().map(|p| p.delivery_method.clone()),
                    pdf: kind.render_pdf(m, &layout)?,
                })
            })
            .collect()
    }

    /// "Save as PDF": renders and writes the document(s) to `path` (parts of
    /// a split invoice next to it, named by [`RenderedDocument::path_for`]).
    /// Saving issues like printing: the order's invoice gets its number the
    /// first time, and a later save or print of it (or of a credit note or
    /// receipt) is a COPY. Returns the files written. Raises no trigger:
    /// saving is not printing.
    pub async fn save_document(
        &self,
        actor: &Actor,
        number: &str,
        kind: DocumentKind,
        split_by_delivery: bool,
        path: &Path,
        now: DateTime<Utc>,
    ) -> Result<Vec<PathBuf>> {
        let by = actor.acting(Permission::Print)?;
        let models = self
            .issue_models(&by, number, kind, split_by_delivery, now)
            .await?;
        let docs = self.rendered(models, kind)?;
        let mut written = Vec::with_capacity(docs.len());
        for doc in &docs {
            let target = doc.path_for(path);
            save_pdf(&doc.pdf, &target)?;
            written.push(target);
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_parts_are_named_after_their_method() {
        let doc = RenderedDocument {
            kind: DocumentKind::Invoice,
            order_number: "TF-000012".into(),
            document_number: None,
            delivery_method: Some("Courier (express)".into()),
            pdf: Vec::new(),
        };
        assert_eq!(
            doc.path_for(Path::new("/tmp/inv.pdf")),
            PathBuf::from("/tmp/inv-courier-express.pdf")
        );
        assert_eq!(doc.file_name(), "invoice-TF-000012-courier-express.pdf");
    }
}
