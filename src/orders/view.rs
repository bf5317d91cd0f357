//! Views: orders as screens, documents and `--json` show them (money as
//! decimal strings in the shop currency).

use super::discount::discount_label;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Customer, HistoryEntry, OrderRecord};
use crate::fulfillment::FulfillmentState;
use crate::money::Currency;
use crate::settings::Settings;
use crate::triggers::{Source, Trigger};
use crate::workflow::{Plan, Position};

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TotalsView {
    /// After the lines' discounts.
    pub subtotal: String,
    pub tax: String,
    pub total: String,
    pub paid: String,
    pub balance: String,
    /// What the lines' discounts take off in all, when any line has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub discount: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ModifierView {
    pub name: String,
    pub price: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LineView {
    pub sku: Option<String>,
    pub name: String,
    pub qty: String,
    pub unit_price: String,
    pub modifiers: Vec<ModifierView>,
    pub tax_rate: String,
    pub note: Option<String>,
    pub delivery_method: Option<String>,
    /// After its discount.
    pub amount: String,
    pub tax: String,
    /// What its discount takes off, when it has one ("1.20").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub discount: Option<String>,
    /// "Discount 10 % (loyal customer)".
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub discount_label: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentView {
    pub method: String,
    pub amount: String,
    pub reference: Option<String>,
    pub at: DateTime<Utc>,
    pub actor: String,
    /// Cash given back ("0.00" when none).
    pub change: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StepView {
    pub status: String,
    pub name: String,
    pub color: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub trigger: Trigger,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionView {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub trigger: Trigger,
    pub label: &'static str,
    /// Firing it ends the workflow (`completed`): the app asks first.
    pub completes: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrderView {
    pub number: String,
    #[serde(rename = "type")]
    pub order_type: String,
    pub type_name: String,
    pub stage: String,
    pub status: String,
    pub status_name: String,
    pub status_color: String,
    pub workflow: Option<String>,
    pub workflow_version: Option<u32>,
    pub order_type_version: u32,
    pub currency: String,
    pub customer: Option<Customer>,
    #[cfg_attr(
        feature = "ts",
        ts(type = "Record<string, string | number | boolean | null>")
    )]
    pub fields: Map<String, Value>,
    /// The answers labelled by the order type's wizard, in its order.
    pub answers: Vec<super::Answer>,
    pub lines: Vec<LineView>,
    pub totals: TotalsView,
    pub payments: Vec<PaymentView>,
    pub history: Vec<HistoryEntry>,
    /// The current workflow's steps (for the move menu and the progress bar).
    pub steps: Vec<StepView>,
    /// Worker buttons valid now (the current step's trigger, when a worker raises it).
    pub actions: Vec<ActionView>,
    pub due_date: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Derived from lines, shipments, payments and returns (see
    /// [`crate::fulfillment::state`]); set by the till.
    pub fulfillment_state: Option<FulfillmentState>,
    /// Where a person may move the order, the guards in the way, and until
    /// when its last move may be undone; set by the till.
    pub moves: Option<crate::workflow::MovesView>,
    /// The order's invoice number, once one was issued (set by the till).
    pub invoice: Option<String>,
    /// Its credit notes, oldest first (set by the till).
    pub credit_notes: Vec<CreditNoteView>,
}

/// A credit note of an order, as its page lists it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CreditNoteView {
    pub number: String,
    /// The invoice it corrects.
    pub invoice: String,
    pub issued_at: DateTime<Utc>,
    /// The amount credited (decimal string).
    pub total: String,
}

/// A row of an order list (board card, dashboard, CLI list).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrderSummary {
    pub number: String,
    #[serde(rename = "type")]
    pub order_type: String,
    pub stage: String,
    pub status: String,
    pub customer: Option<String>,
    pub phone: Option<String>,
    pub total: String,
    pub balance: String,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub due_date: Option<NaiveDate>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: DateTime<Utc>,
    /// Open and due before the shop's today ([`super::is_overdue`]); set by
    /// the till where it knows today (false otherwise).
    #[serde(default)]
    pub overdue: bool,
}

impl OrderView {
    pub fn build(rec: &OrderRecord, plan: &Plan, settings: &Settings, currency: &Currency) -> Self {
        let status = plan.status_at(rec.position).to_string();
        let st = settings.status(&status);
        let stage = plan.plan_stage(rec.position);
        let f = |m: i64| currency.format(m);
        let steps = stage
            .map(|ps| {
                ps.steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let lib = settings.status(&s.status);
                        StepView {
                            status: s.status.clone(),
                            name: lib.map_or(s.status.clone(), |x| x.name.clone()),
                            color: lib.map_or("#888".into(), |x| x.color.clone()),
                            trigger: s.trigger,
                            current: matches!(rec.position, Position::Step { step, .. } if step == i),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let actions = plan
            .trigger_at(rec.position)
            .filter(|t| t.source() == Source::Worker)
            .map(|t| ActionView {
                trigger: t,
                label: t.label(),
                completes: plan.next(rec.position) == Position::Completed,
            })
            .into_iter()
            .collect();
        OrderView {
            number: rec.number.clone(),
            order_type: rec.order_type.clone(),
            type_name: settings
                .order_type(&rec.order_type)
                .map_or(rec.order_type.clone(), |t| t.name.clone()),
            stage: plan.stage_at(rec.position).to_string(),
            status_name: st.map_or(status.clone(), |s| s.name.clone()),
            status_color: st.map_or("#888".into(), |s| s.color.clone()),
            status,
            workflow: stage.map(|s| s.workflow.clone()),
            workflow_version: stage.map(|s| s.version),
            order_type_version: plan.order_type_version,
            currency: currency.code.clone(),
            customer: rec.customer.clone(),
            fields: rec.fields.clone(),
            answers: super::answers(
                settings
                    .order_type(&rec.order_type)
                    .and_then(|t| settings.wizard(&t.wizard)),
                &rec.fields,
            ),
            lines: rec
                .lines
                .iter()
                .map(|l| LineView {
                    sku: l.sku.clone(),
                    name: l.name.clone(),
                    qty: l.qty.normalize().to_string(),
                    unit_price: f(l.unit_price),
                    modifiers: l
                        .modifiers
                        .iter()
                        .map(|m| ModifierView {
                            name: m.name.clone(),
                            price: f(m.price),
                        })
                        .collect(),
                    tax_rate: l.tax_rate.normalize().to_string(),
                    note: l.note.clone(),
                    delivery_method: l.delivery_method.clone(),
                    amount: f(l.amount),
                    tax: f(l.tax),
                    discount: super::discount::taken_off(l).map(|(minor, _)| f(minor)),
                    discount_label: super::discount::taken_off(l)
                        .map(|(_, percent)| discount_label(&percent, l.discount_reason.as_deref())),
                })
                .collect(),
            totals: TotalsView {
                subtotal: f(rec.subtotal),
                tax: f(rec.tax),
                total: f(rec.total),
                paid: f(rec.paid),
                balance: f(rec.balance()),
                discount: {
                    let off: Vec<i64> = rec
                        .lines
                        .iter()
                        .filter_map(|l| super::discount::taken_off(l).map(|(minor, _)| minor))
                        .collect();
                    (!off.is_empty()).then(|| f(off.iter().sum()))
                },
            },
            payments: rec
                .payments
                .iter()
                .map(|p| PaymentView {
                    method: p.method.clone(),
                    amount: f(p.amount),
                    reference: p.reference.clone(),
                    at: p.at,
                    actor: p.actor.clone(),
                    change: f(p.change),
                })
                .collect(),
            history: rec.history.clone(),
            steps,
            actions,
            due_date: rec.due_date,
            created_at: rec.created_at,
            updated_at: rec.updated_at,
            fulfillment_state: None,
            moves: None,
            invoice: None,
            credit_notes: Vec::new(),
        }
    }
}
