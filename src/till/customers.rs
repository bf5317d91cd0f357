//! Customers: the list's search, a customer's page, the edit of their
//! details (with marketing consent) and the merge of a duplicate. Every
//! write is one transaction with its history row (`customer_events`).

use crate::staff::{Actor, Permission};
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::steps::check_actor;
use super::Till;
use crate::customers::{
    changes, check_merge, fills, CustomerEdit, CustomerEventKind, CustomerOrders,
    CustomerOrdersCursor, CustomerPage, CustomerSearch, CustomerView, MergePreview,
};
use crate::error::{Error, Result};

/// Orders on a page of a customer's orders unless asked otherwise, and at most.
const ORDERS_PAGE: u32 = 25;
const ORDERS_MAX: u32 = 200;

impl Till {
    /// One page of the customers a search matches, and how many match.
    pub async fn search_customers(&self, search: &CustomerSearch) -> Result<CustomerPage> {
        self.store().search_customers(search).await
    }

    /// A customer's page: details, consent, order figures, store credit and
    /// the newest history rows.
    pub async fn customer(&self, id: i64) -> Result<CustomerView> {
        let currency = self.snapshot()?.currency.clone();
        let store = self.store();
        let record = store.customer_record(id).await?;
        let figures = store.customer_figures(id).await?;
        Ok(CustomerView {
            customer: record.customer,
            marketing_consent: record.marketing_consent,
            consent_changed_at: store.consent_changed_at(id).await?,
            created_at: record.created_at,
            orders: figures.orders,
            open_orders: figures.open_orders,
            balance: currency.format(figures.balance),
            store_credit: currency.format(store.store_credit(id).await?),
            events: store.customer_events(id).await?,
        })
    }

    /// One page of a customer's orders: open ones first, then the rest,
    /// each newest first.
    pub async fn customer_orders(
        &self,
        id: i64,
        after: Option<&CustomerOrdersCursor>,
        limit: Option<u32>,
    ) -> Result<CustomerOrders> {
        let currency = self.snapshot()?.currency.clone();
        self.store().customer_record(id).await?;
        let limit = limit.unwrap_or(ORDERS_PAGE).clamp(1, ORDERS_MAX);
        self.store()
            .customer_orders(id, after, limit, &currency)
            .await
    }

    /// Changes a customer's details and consent (intake's rules). One
    /// transaction: the change and its history row (and a consent row when
    /// consent was given or withdrawn). Nothing changed: nothing recorded.
    pub async fn edit_customer(
        &self,
        id: i64,
        edit: &CustomerEdit,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<CustomerView> {
        let actor = &actor.acting(Permission::EditCustomers)?;
        let actor = check_actor(actor)?;
        let checked = edit.checked(id)?;
        let mut tx = self.store().begin().await?;
        let (old, old_consent) = tx.customer_for_change(id).await?;
        let diff = changes(&old, old_consent, &checked);
        if !diff.is_empty() {
            tx.update_customer(id, &checked).await?;
            let details: Map<String, Value> = diff
                .iter()
                .filter(|(field, _, _)| *field != "marketing_consent")
                .map(|(field, from, to)| (field.to_string(), json!({ "from": from, "to": to })))
                .collect();
            if !details.is_empty() {
                tx.record_customer_event(
                    id,
                    CustomerEventKind::Edited,
                    &Value::Object(details),
                    actor,
                    now,
                )
                .await?;
            }
            if old_consent != checked.marketing_consent {
                tx.record_customer_event(
                    id,
                    CustomerEventKind::Consent,
                    &json!({ "given": checked.marketing_consent }),
                    actor,
                    now,
                )
                .await?;
            }
        }
        tx.commit().await?;
        self.customer(id).await
    }

    /// What merging `duplicate` into `keep` would do.
    pub async fn merge_preview(&self, keep: i64, duplicate: i64) -> Result<MergePreview> {
        check_merge(keep, duplicate)?;
        let currency = self.snapshot()?.currency.clone();
        let store = self.store();
        let kept = store.customer_record(keep).await?.customer;
        let dup = store.customer_record(duplicate).await?.customer;
        let figures = store.customer_figures(duplicate).await?;
        let dup_credit = store.store_credit(duplicate).await?;
        let keep_credit = store.store_credit(keep).await?;
        let events_moved = store.customer_event_count(duplicate).await?;
        Ok(MergePreview {
            fills: fills(&kept, &dup),
            keep: kept,
            duplicate: dup,
            orders_moved: figures.orders,
            credit_moved: currency.format(dup_credit),
            credit_after: currency.format(credit_sum(keep_credit, dup_credit)?),
            events_moved,
        })
    }

    /// Merges `duplicate` into `keep` in one transaction: the duplicate's
    /// orders, store credit and history move to `keep`, `keep`'s empty
    /// details are filled from the duplicate, the duplicate is deleted (and
    /// leaves the search indexes), and a `customer.merged` row records it.
    /// A failure leaves both customers as they were.
    pub async fn merge_customers(
        &self,
        keep: i64,
        duplicate: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<CustomerView> {
        let actor = &actor.acting(Permission::MergeCustomers)?;
        let actor = check_actor(actor)?;
        check_merge(keep, duplicate)?;
        let currency = self.snapshot()?.currency.clone();
        let mut tx = self.store().begin().await?;
        let (kept, _) = tx.customer_for_change(keep).await?;
        let (dup, _) = tx.customer_for_change(duplicate).await?;
        let (_, credit, _) = tx.customer_merge_counts(duplicate).await?;
        let moved = tx.merge_customers(keep, duplicate).await?;
        let detail = json!({
            "duplicate": { "id": dup.id, "name": dup.name, "phone": dup.phone, "email": dup.email },
            "orders": moved.orders,
            "credit": currency.format(credit),
            "events": moved.events,
            "filled": fills(&kept, &dup),
        });
        tx.record_customer_event(keep, CustomerEventKind::Merged, &detail, actor, now)
            .await?;
        tx.commit().await?;
        self.customer(keep).await
    }
}

fn credit_sum(a: i64, b: i64) -> Result<i64> {
    a.checked_add(b)
        .ok_or_else(|| Error::invalid("store_credit", "store credit is out of range"))
}
