//! The settings model as the UI sees it: a mirror of `tillflow::settings` with
//! TypeScript bindings. Values cross over by serde (same JSON shape); a unit
//! test checks the mirror round-trips the demo settings unchanged.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Settings {
    pub format: String,
    pub shop: Shop,
    pub statuses: Vec<Status>,
    pub workflow_types: Vec<String>,
    pub workflows: Vec<Workflow>,
    pub wizards: Vec<Wizard>,
    pub order_types: Vec<OrderType>,
    pub catalogue: Vec<CatalogueItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Shop {
    pub name: String,
    pub currency: String,
    pub prices_include_tax: bool,
    pub tax_rounding: TaxRounding,
    pub order_prefix: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub address: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub tax_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub footer: Option<String>,
    /// Paper, receipt width and logo; absent = the defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub documents: Option<super::printing::DocumentOptions>,
    /// Printers per document; absent = the system default printer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub printing: Option<super::printing::PrintSettings>,
    /// IANA time zone (`Europe/Berlin`); absent = the system's zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub time_zone: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaxRounding {
    PerLine,
    PerDocument,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Status {
    pub key: String,
    pub name: String,
    pub color: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Workflow {
    pub key: String,
    pub name: String,
    /// The workflow type (stage) this workflow serves.
    #[serde(rename = "type")]
    pub kind: String,
    pub steps: Vec<Step>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub version: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Step {
    pub status: String,
    /// Trigger key, e.g. `items.tagged`.
    pub trigger: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Wizard {
    pub key: String,
    pub name: String,
    pub steps: Vec<WizardStep>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<Field>>")]
    pub update_fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WizardStep {
    pub title: String,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Field {
    pub key: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(optional, as = "Option<String>")]
    pub label: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub options: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    LongText,
    Number,
    Money,
    Date,
    Choice,
    Checkbox,
    Customer,
    Lines,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrderType {
    pub key: String,
    pub name: String,
    pub wizard: String,
    /// Workflow key per stage; a missing or null stage is skipped.
    pub stages: BTreeMap<String, Option<String>>,
    /// Deposit required at creation, percent of the total (decimal string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub deposit_percent: Option<String>,
    /// Hours before an untouched intake order counts as abandoned (default 72).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub abandon_after_hours: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub version: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CatalogueItem {
    pub sku: String,
    pub name: String,
    /// Decimal string in the shop currency.
    pub price: String,
    /// Percent, decimal string.
    pub tax_rate: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub barcode: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<CatalogueModifier>>")]
    pub modifiers: Vec<CatalogueModifier>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CatalogueModifier {
    pub name: String,
    /// Price adjustment per unit, decimal string (may be negative).
    pub price: String,
}

/// One edit made in the settings hub (mirror of `tillflow::settings::SettingsChange`).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum SettingsChange {
    SaveShop { shop: Shop },
    SaveStatus { status: Status },
    DeleteStatus { key: String },
    SaveWorkflowTypes { workflow_types: Vec<String> },
    SaveWorkflow { workflow: Workflow },
    DeleteWorkflow { key: String },
    SaveWizard { wizard: Wizard },
    DeleteWizard { key: String },
    SaveOrderType { order_type: OrderType },
    DeleteOrderType { key: String },
    SaveItem { item: CatalogueItem },
    DeleteItem { sku: String },
}

/// Who raises a trigger: a worker (a button) or the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TriggerSource {
    Worker,
    System,
}

/// An entry of the trigger catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TriggerInfo {
    pub key: String,
    pub label: String,
    pub source: TriggerSource,
    /// Describes a state (moves on at once when it already holds).
    pub is_state: bool,
    pub description: String,
}
