//! The first-run set-up as the owner types it: the shop's name, currency
//! and time zone, and what to start from (a template, or blank).

use serde::{Deserialize, Serialize};

use super::{Settings, Template, TEMPLATES};
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
    /// A template key (see [`TEMPLATES`]); absent: blank (built-in statuses only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub template: Option<String>,
}

/// A template as the set-up screen and `tillflow templates` list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateInfo {
    pub key: String,
    pub name: String,
    pub description: String,
}

/// Every template, in the order they are offered.
pub fn template_list() -> Vec<TemplateInfo> {
    TEMPLATES
        .iter()
        .map(|t| TemplateInfo {
            key: t.key.into(),
            name: t.name.into(),
            description: t.description.into(),
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
        Ok(())
    }
}
