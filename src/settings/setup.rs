//! The first-run set-up as the owner types it: the shop's name, currency
//! and time zone, what to start from (a template, or blank), and the
//! details printed on its papers (address, phone, tax ID, footer, logo…).

use serde::{Deserialize, Serialize};

use super::{Logo, Settings, Template, TEMPLATES};
use crate::error::{Error, Result};

/// What the first-run screen sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ShopSetup {
    pub name: String,
    /// ISO 4217 code (`EUR`, `USD`); lower case is accepted.
    pub currency: String,
    /// IANA zone (`Europe/Paris`); empty or absent: the machine's zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub time_zone: Option<String>,
    /// BCP 47 tag of a supported locale (`fr-FR`); absent: the template's,
    /// else the one the time zone or currency suggests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub locale: Option<String>,
    /// A template key (see [`TEMPLATES`]); absent: blank (built-in statuses only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub template: Option<String>,
    /// Postal address, one printed line each (blank lines dropped).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub address: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub tax_id: Option<String>,
    /// Whether typed prices include tax; absent: the template's choice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub prices_include_tax: Option<bool>,
    /// Order number prefix (`BK-`); absent: the template's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub order_prefix: Option<String>,
    /// Text at the foot of receipts and invoices; absent: the template's,
    /// empty: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub footer: Option<String>,
    /// The logo, inline (`{"sha256": "", "png": base64}`), stored with the settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub logo: Option<Logo>,
}

/// A template as the set-up screen and `tillflow templates` list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateInfo {
    pub key: String,
    pub name: String,
    pub description: String,
    /// The template's own choices, shown before the owner changes them.
    pub prices_include_tax: bool,
    pub order_prefix: String,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub footer: Option<String>,
}

/// Every template, in the order they are offered.
pub fn template_list() -> Vec<TemplateInfo> {
    TEMPLATES
        .iter()
        .filter_map(|t| {
            let shop = t.settings().ok()?.shop;
            Some(TemplateInfo {
                key: t.key.into(),
                name: t.name.into(),
                description: t.description.into(),
                prices_include_tax: shop.prices_include_tax,
                order_prefix: shop.order_prefix,
                footer: shop.footer,
            })
        })
        .collect()
}

impl ShopSetup {
    /// The template asked for, if any (an unknown key is an error).
    pub fn template(&self) -> Result<Option<&'static Template>> {
        match self.template.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(key) => Template::find(key).map(Some),
        }
    }

    /// Puts the typed profile on `settings` (validated with the whole model
    /// afterwards; an empty name is refused here, as the field it is).
    pub fn apply(&self, settings: &mut Settings) -> Result<()> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(Error::invalid("name", "type the shop's name"));
        }
        settings.shop.name = name.to_string();
        settings.shop.currency = self.currency.trim().to_uppercase();
        settings.shop.time_zone = self
            .time_zone
            .as_deref()
            .map(str::trim)
            .filter(|z| !z.is_empty())
            .map(String::from);
        let shop = &mut settings.shop;
        if let Some(tag) = typed(&self.locale) {
            shop.locale = Some(crate::locale::Locale::find(&tag)?.tag.to_string());
        }
        shop.address = self
            .address
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        shop.phone = typed(&self.phone);
        shop.email = typed(&self.email);
        shop.tax_id = typed(&self.tax_id);
        if let Some(footer) = &self.footer {
            shop.footer = Some(footer.trim_end())
                .filter(|f| !f.trim().is_empty())
                .map(String::from);
        }
        if let Some(include) = self.prices_include_tax {
            shop.prices_include_tax = include;
        }
        if let Some(prefix) = &self.order_prefix {
            shop.order_prefix = prefix.trim().to_string();
        }
        shop.documents.logo = self.logo.clone();
        Ok(())
    }
}

/// A typed one-line answer: trimmed, and none when blank.
fn typed(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(String::from)
}
