//! The back-office settings model: shop, Status Library, workflow types,
//! workflows, Action Wizards, order types and the catalogue. The same types
//! are the settings file format (`tillflow.settings.v1`, see docs/settings.md).

mod discount_codes;
mod documents;
mod edit;
mod fields;
mod guards;
mod logo;
mod roles;
mod setup;
mod templates;
mod time_zone;
mod validate;
mod versions;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::messages::MessageSettings;
use crate::triggers::Trigger;

pub use discount_codes::{check_codes, DiscountCode};
pub use documents::{is_default, DocumentOptions};
pub use edit::SettingsChange;
pub use fields::{field_key, FieldRole, PrintOn};
pub use guards::{parse_target, Guard};
pub use logo::{check_png, sha256_hex, Logo, MAX_LOGO_BYTES};
pub use roles::StepRoles;
pub use setup::{template_list, ShopSetup, TemplateInfo};
pub use templates::{Template, TEMPLATES};
pub use time_zone::{day_start, local_day, parse_time_zone, resolve_time_zone, system_time_zone};
pub use validate::validate;
pub use versions::{version_for, OrderTypeContent, WorkflowContent};

pub const FORMAT: &str = "tillflow.settings.v1";
/// Built-in terminal statuses; always present, never deletable, never a workflow step.
pub const COMPLETED: &str = "completed";
pub const CANCELED: &str = "canceled";
pub const BUILTIN_STATUSES: [&str; 2] = [COMPLETED, CANCELED];

const DEMO: &str = include_str!("demo.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Settings {
    pub format: String,
    pub shop: Shop,
    pub statuses: Vec<Status>,
    #[serde(default = "default_workflow_types")]
    pub workflow_types: Vec<String>,
    #[serde(default)]
    pub workflows: Vec<Workflow>,
    #[serde(default)]
    pub wizards: Vec<Wizard>,
    #[serde(default)]
    pub order_types: Vec<OrderType>,
    #[serde(default)]
    pub catalogue: Vec<CatalogueItem>,
    /// The shop's item categories (names), in the order the shop lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Codes entered at the POS for a discount on the order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discount_codes: Vec<DiscountCode>,
}

pub fn default_workflow_types() -> Vec<String> {
    ["intake", "production", "fulfillment"]
        .map(String::from)
        .to_vec()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Shop {
    pub name: String,
    pub currency: String,
    #[serde(default)]
    pub prices_include_tax: bool,
    #[serde(default)]
    pub tax_rounding: TaxRounding,
    /// Prefix of human order numbers ("LD-" gives LD-000123).
    #[serde(default)]
    pub order_prefix: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
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
    /// Text printed at the foot of invoices and receipts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub footer: Option<String>,
    /// Paper size, receipt width and logo of printed documents.
    #[serde(default, skip_serializing_if = "is_default")]
    pub documents: DocumentOptions,
    /// Which printer gets which document, copies, timeout.
    #[serde(default, skip_serializing_if = "is_default")]
    pub printing: crate::printing::PrintSettings,
    /// IANA time zone of the shop (`Europe/Berlin`): what "today" is for
    /// the dashboard and overdue orders. Absent: the system's zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// How amounts and dates read on screen and on paper: a supported
    /// BCP 47 tag (`fr-FR`, `en-US`, see [`crate::locale::LOCALES`]).
    /// Absent: the one the time zone, else the currency, suggests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub locale: Option<String>,
    /// Messages to customers when their order enters a status, and the
    /// SMTP server they go out through (see docs/settings.md).
    #[serde(default, skip_serializing_if = "MessageSettings::is_empty")]
    pub messages: MessageSettings,
    /// PIN length, auto-lock and the shop's own roles (docs/staff.md).
    /// Absent: 6-digit PINs, lock after 5 minutes, the built-in roles only.
    #[serde(default, skip_serializing_if = "is_default")]
    pub staff: crate::staff::StaffSettings,
    /// How long after a move a permitted person may undo it, in minutes
    /// (`order undo`). Absent: 10; 0: no undo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub undo_minutes: Option<u32>,
    /// Drawer sessions, cash rounding and blind counts (docs/tills-day.md).
    /// Absent: cash needs an open session, no rounding, counts not blind.
    #[serde(default, skip_serializing_if = "is_default")]
    pub cash: crate::payments::drawer::CashSettings,
}

/// The undo window when the shop sets none, in minutes.
pub const DEFAULT_UNDO_MINUTES: u32 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TaxRounding {
    /// Round each line's tax, then add.
    #[default]
    PerLine,
    /// Add the exact tax per rate over the document, then round once per rate.
    PerDocument,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Status {
    pub key: String,
    pub name: String,
    #[serde(default = "default_color")]
    pub color: String,
}

fn default_color() -> String {
    "#888".to_string()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Workflow {
    pub key: String,
    pub name: String,
    /// The workflow type (stage) this workflow serves: intake, production, …
    #[serde(rename = "type")]
    pub kind: String,
    pub steps: Vec<Step>,
    /// Version number, set by storage; informational in files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub version: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Step {
    pub status: String,
    /// The auto-progress trigger: moves the order out of this step.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub trigger: Trigger,
    /// Who may fire the trigger and move an order out by hand (empty:
    /// anyone with the permission). Versioned with the workflow.
    #[serde(default, skip_serializing_if = "StepRoles::is_empty")]
    pub roles: StepRoles,
    /// Conditions the order must meet before it leaves this step, by its
    /// trigger or by hand (docs/settings.md, "Guards").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Guard>>", optional))]
    pub guards: Vec<Guard>,
    /// How long an order should stay here at most (`30m`, `4h`, `3d`);
    /// the dashboard lists the orders over it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub target: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Wizard {
    pub key: String,
    pub name: String,
    pub steps: Vec<WizardStep>,
    /// Fields asked when an order of this wizard is updated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub update_fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WizardStep {
    pub title: String,
    #[serde(default)]
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Field {
    pub key: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    /// Options of a `choice` field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// What the answer is to the order (its due date…), whatever the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub role: Option<FieldRole>,
    /// The documents the answer is printed on, as "Label: answer".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub print_on: Vec<PrintOn>,
}

impl Field {
    pub fn label(&self) -> &str {
        if self.label.is_empty() {
            &self.key
        } else {
            &self.label
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    LongText,
    Number,
    Money,
    Date,
    Choice,
    Checkbox,
    /// The customer picker; its answer is the order's customer.
    Customer,
    /// The line-item entry wizard; its answer is the order's lines.
    Lines,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrderType {
    pub key: String,
    pub name: String,
    pub wizard: String,
    /// Workflow key per stage (workflow type). A missing or null stage is skipped.
    pub stages: BTreeMap<String, Option<String>>,
    /// Percent of the total that must be paid when the order is created
    /// (a required deposit); none = no deposit rule.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::strict_option"
    )]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<String>"))]
    pub deposit_percent: Option<Decimal>,
    /// Hours an untouched intake order waits before its fulfillment state
    /// is `abandoned` (default 72).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub abandon_after_hours: Option<u32>,
    /// The item categories this order type offers at the POS; empty: all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub version: Option<u32>,
}

impl OrderType {
    /// Whether the POS offers `item` for an order of this type: it is
    /// active and, when this type names categories, in one of them.
    pub fn offers(&self, item: &CatalogueItem) -> bool {
        item.active
            && (self.categories.is_empty()
                || item.categories.iter().any(|c| self.categories.contains(c)))
    }

    /// The stages this order type runs, in the shop's stage order, with their workflow keys.
    pub fn pipeline<'a>(&'a self, workflow_types: &'a [String]) -> Vec<(&'a str, &'a str)> {
        workflow_types
            .iter()
            .filter_map(|stage| match self.stages.get(stage) {
                Some(Some(wf)) => Some((stage.as_str(), wf.as_str())),
                _ => None,
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CatalogueItem {
    pub sku: String,
    pub name: String,
    /// Unit price as a decimal string in the shop currency.
    #[serde(with = "crate::money::strict")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub price: Decimal,
    /// Tax rate in percent.
    #[serde(with = "crate::money::strict")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub tax_rate: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub barcode: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modifiers: Vec<CatalogueModifier>,
    /// The shop categories this item is in (zero or more).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// An inactive item is not offered at the POS; orders that have it keep it.
    #[serde(default = "active", skip_serializing_if = "is_active")]
    pub active: bool,
}

fn active() -> bool {
    true
}

fn is_active(active: &bool) -> bool {
    *active
}

impl CatalogueItem {
    /// Whether a search for `query` finds this item: its name or SKU
    /// contains it, or its barcode is it (case-insensitive); an empty
    /// query finds every item.
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim().to_lowercase();
        q.is_empty()
            || self.name.to_lowercase().contains(&q)
            || self.sku.to_lowercase().contains(&q)
            || self.barcode.as_deref().map(str::to_lowercase).as_deref() == Some(q.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CatalogueModifier {
    pub name: String,
    /// Price adjustment per unit (may be negative).
    #[serde(with = "crate::money::strict")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub price: Decimal,
}

/// The locale `shop` chose, else the one its time zone (the system's when
/// it names none) or currency suggests.
pub fn shop_locale(shop: &Shop) -> crate::Result<&'static crate::locale::Locale> {
    match shop
        .locale
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(tag) => crate::locale::Locale::find(tag),
        None => {
            let zone = resolve_time_zone(shop.time_zone.as_deref())?;
            Ok(crate::locale::Locale::suggested(
                Some(zone.name()),
                &shop.currency,
            ))
        }
    }
}

impl Settings {
    /// The demo settings shipped with the app (laundry, repair, retail).
    pub fn demo() -> Settings {
        // The demo file is part of the binary and covered by tests.
        serde_json::from_str(DEMO).expect("demo settings are valid JSON")
    }

    /// Parses a settings file; adds the built-in statuses when missing.
    pub fn from_json(text: &str) -> crate::Result<Settings> {
        let mut s: Settings = serde_json::from_str(text)
            .map_err(|e| crate::Error::settings(format!("not a valid settings file: {e}")))?;
        s.ensure_builtins();
        Ok(s)
    }

    /// The shop's time zone (see [`resolve_time_zone`]).
    pub fn time_zone(&self) -> crate::Result<chrono_tz::Tz> {
        resolve_time_zone(self.shop.time_zone.as_deref())
    }

    /// The shop's locale: the one it chose, else the one its time zone or
    /// currency suggests ([`crate::locale::Locale::suggested`]).
    pub fn locale(&self) -> crate::Result<&'static crate::locale::Locale> {
        shop_locale(&self.shop)
    }

    /// The shop's one format for amounts and dates (its locale, currency
    /// and time zone), used by documents, messages and screens.
    pub fn format(&self) -> crate::Result<crate::locale::ShopFormat> {
        let currency = self.currency()?;
        Ok(crate::locale::ShopFormat::new(
            self.locale()?,
            &currency.code,
            currency.exponent,
            self.time_zone()?,
        ))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn ensure_builtins(&mut self) {
        for (key, name, color) in [
            (COMPLETED, "Completed", "#2e7d32"),
            (CANCELED, "Canceled", "#9e9e9e"),
        ] {
            if !self.statuses.iter().any(|s| s.key == key) {
                self.statuses.push(Status {
                    key: key.into(),
                    name: name.into(),
                    color: color.into(),
                });
            }
        }
    }

    pub fn status(&self, key: &str) -> Option<&Status> {
        self.statuses.iter().find(|s| s.key == key)
    }
    pub fn workflow(&self, key: &str) -> Option<&Workflow> {
        self.workflows.iter().find(|w| w.key == key)
    }
    pub fn wizard(&self, key: &str) -> Option<&Wizard> {
        self.wizards.iter().find(|w| w.key == key)
    }
    pub fn order_type(&self, key: &str) -> Option<&OrderType> {
        self.order_types.iter().find(|t| t.key == key)
    }
    pub fn item(&self, sku: &str) -> Option<&CatalogueItem> {
        self.catalogue.iter().find(|i| i.sku == sku)
    }
    /// The catalogue items matching `query` (see [`CatalogueItem::matches`]):
    /// for an order type, those it offers (active, in one of its
    /// categories when it names any); without one, the whole catalogue
    /// (the settings hub lists inactive items too).
    pub fn find_items(
        &self,
        order_type: Option<&str>,
        query: &str,
    ) -> crate::Result<Vec<&CatalogueItem>> {
        let offered = match order_type {
            Some(key) => Some(
                self.order_type(key)
                    .ok_or_else(|| crate::Error::not_found("order type", key))?,
            ),
            None => None,
        };
        Ok(self
            .catalogue
            .iter()
            .filter(|i| offered.is_none_or(|ot| ot.offers(i)))
            .filter(|i| i.matches(query))
            .collect())
    }
    pub fn currency(&self) -> crate::Result<crate::money::Currency> {
        crate::money::Currency::from_code(&self.shop.currency)
    }
}
