//! Assembling pages into a PDF file: embedded, subset fonts and metadata.

use chrono::{DateTime, Utc};
use printpdf::{
    Mm, OffsetDateTime, PdfDocument, PdfPage, PdfSaveOptions, RawImage, RawImageData,
    RawImageFormat, XObjectId,
};

use super::model::ShopLogo;
use super::sheet::{FontIds, Sheet};
use super::typeface::{typeface, Typeface};
use super::DocumentError;

/// A PDF being put together.
pub(crate) struct PdfBuilder {
    doc: PdfDocument,
    pub(crate) fonts: FontIds,
    pub(crate) typeface: &'static Typeface,
    pages: Vec<PdfPage>,
}

impl PdfBuilder {
    /// A new document with its title, author (the shop) and creation date set.
    pub(crate) fn new(
        title: &str,
        author: &str,
        created_at: DateTime<Utc>,
    ) -> Result<Self, DocumentError> {
        let typeface = typeface()?;
        let mut doc = PdfDocument::new(title);
        let date = OffsetDateTime::from_unix_timestamp(created_at.timestamp())
            .map_err(|e| DocumentError::Pdf(format!("creation date: {e}")))?;
        let info = &mut doc.metadata.info;
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
        info.author = author.to_string();
        info.creator = "Tillflow".to_string();
        info.producer = "Tillflow (printpdf)".to_string();
        info.subject = title.to_string();
        let fonts = FontIds {
            regular: doc.add_font(&typeface.regular.parsed),
            bold: doc.add_font(&typeface.bold.parsed),
        };
        Ok(PdfBuilder {
            doc,
            fonts,
            typeface,
            pages: Vec::new(),
        })
    }

    /// A blank sheet to draw a page on.
    pub(crate) fn sheet(&self) -> Sheet<'static> {
        Sheet::new(self.typeface)
    }

    /// Register the shop logo as an image; `None` when the pixels don't match the size.
    pub(crate) fn add_logo(&mut self, logo: &ShopLogo) -> Option<XObjectId> {
        let (w, h) = (logo.width_px as usize, logo.height_px as usize);
        if w == 0 || h == 0 || logo.rgb8.len() != w.checked_mul(h)?.checked_mul(3)? {
            return None;
        }
        let image = RawImage {
            pixels: RawImageData::U8(logo.rgb8.clone()),
            width: w,
            height: h,
            data_format: RawImageFormat::RGB8,
            tag: Vec::new(),
        };
        Some(self.doc.add_image(&image))
    }

    /// Add a finished page of `width` × `height` mm.
    pub(crate) fn push_page(&mut self, width: f32, height: f32, sheet: Sheet<'_>) {
        let ops = sheet.into_ops(height, &self.fonts);
        self.pages.push(PdfPage::new(Mm(width), Mm(height), ops));
    }

    /// Serialise the document with subset fonts.
    pub(crate) fn finish(mut self) -> Result<Vec<u8>, DocumentError> {
        if self.pages.is_empty() {
            return Err(DocumentError::Pdf("document has no pages".to_string()));
        }
        let pages = std::mem::take(&mut self.pages);
        let options = PdfSaveOptions {
            subset_fonts: true,
            ..Default::default()
        };
        let mut warnings = Vec::new();
        let bytes = self.doc.with_pages(pages).save(&options, &mut warnings);
        if bytes.is_empty() {
            return Err(DocumentError::Pdf(format!("empty output: {warnings:?}")));
        }
        Ok(bytes)
    }
}
