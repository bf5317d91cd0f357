//! The till: the core's one entry point for the app, the CLI and tests.
//! It owns the store and in-memory caches of the (immutable) settings
//! snapshot and plans, and runs every order change as one transaction
//! together with its audit rows.
//!
//! Layout: [`change`] is the one shape of an order change (open → steps →
//! journal → store → commit) and `steps` the steps operations share; each
//! other file is one area of operations (orders, payments, shipments,
//! returns, inventory, fulfillment, documents, prints, settings, imports)
//! and imports only those two and this file, never another area
//! (`tests/module_graph.rs` checks it).

mod backups;
mod cash;
mod change;
mod customers;
mod dashboard;
mod discounts;
mod documents;
mod edits;
mod export;
mod fulfillment;
mod imports;
mod inventory;
mod invoices;
mod journal;
mod messages;
mod orders;
mod payments;
mod preview;
mod prints;
mod refunds;
mod returns;
mod settings;
mod shipments;
mod staff;
mod steps;
mod workflow;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use chrono::Utc;

use crate::error::{Error, Result};
use crate::money::Currency;
use crate::orders::AbandonCutoffs;
use crate::orders::{Customer, OrderFilter, OrderPage, OrderSummary};
use crate::settings::Settings;
use crate::storage::{Durability, StatusCount, Store};
use crate::workflow::Plan;

pub use backups::{
    restore, restore_with, BackupHistoryEntry, BackupsView, RestorePreview, RestoreRequest,
    Restored, MACHINE_NOTE, RESTORE_NOTE,
};
pub use cash::{CashCount, DrawerStatus, MovementResult, ZSummary};
pub use change::{Confirmation, EventResult};
pub use change::{EditOutcome, EditTotals};
pub use discounts::DiscountPreview;
pub use documents::{DocumentPreview, RenderedDocument};
pub use fulfillment::{ItemStock, LineFulfillment, OrderFulfillment, Reservation};
pub use journal::{verify_archive, JournalExport};
pub use messages::{MessagesChange, MessagesView, SendReport, SENDER_ACTOR};
pub use payments::Paid;
pub use prints::PrintOutcome;
pub use refunds::{RefundPreview, RefundResult};
pub use returns::{ReturnPreview, ReturnResult};
pub use settings::blank_settings;
pub use shipments::ShipmentResult;
#[cfg(feature = "synthetic")]
#[cfg(feature = "synthetic")]
pub(crate) use steps::new_order_state;
pub use steps::RefundView;
pub use workflow::{Simulation, SimulationInput};

/// The settings in force, with what intake needs precomputed.
#[derive(Debug)]
pub struct Snapshot {
    pub settings: Settings,
    pub currency: Currency,
    plan_ids: HashMap<String, i64>,
}

pub struct Till {
    store: Store,
    snapshot: RwLock<Option<Arc<Snapshot>>>,
    plans: RwLock<HashMap<i64, Arc<Plan>>>,
}

/// Where the database lives: `TILLFLOW_DB`, else the platform data directory.
pub fn default_db_path() -> PathBuf {
    if let Some(p) = std::env::var_os("TILLFLOW_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    directories::ProjectDirs::from("app", "Tillflow", "Tillflow")
        .map(|d| d.data_dir().join("tillflow.db"))
        .unwrap_or_else(|| PathBuf::from("tillflow.db"))
}

/// Where "Save as PDF" puts documents when no path is given:
/// `TILLFLOW_DOCUMENTS_DIR`, else the user's Downloads, Documents or home folder.
pub fn default_documents_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("TILLFLOW_DOCUMENTS_DIR").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    directories::UserDirs::new()
        .and_then(|d| {
            d.download_dir()
                .or(d.document_dir())
                .map(Path::to_path_buf)
                .or_else(|| Some(d.home_dir().to_path_buf()))
        })
        .unwrap_or_else(|| PathBuf::from("."))
}

impl Till {
    pub async fn open(path: &Path, durability: Durability) -> Result<Till> {
        let code = crate::machine::till_code(path)?;
        let store = Store::open(path, durability).await?.for_till(&code)?;
        let till = Till {
            store,
            snapshot: RwLock::new(None),
            plans: RwLock::new(HashMap::new()),
        };
        till.reload().await?;
        till.fill_fulfillment_states().await?;
        Ok(till)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// This till's code (`T1`), from the machine settings file: every
    /// journal entry it writes carries it.
    pub fn till_code(&self) -> &str {
        self.store.till()
    }

    async fn reload(&self) -> Result<()> {
        let loaded = self.store.load_settings().await?;
        let snap = match loaded {
            Some((settings, plan_ids)) => Some(Arc::new(Snapshot {
                currency: settings.currency()?,
                settings,
                plan_ids,
            })),
            None => None,
        };
        *self.snapshot.write().map_err(|_| poisoned())? = snap;
        Ok(())
    }

    /// Whether the shop has any settings yet.
    pub fn is_configured(&self) -> bool {
        self.snapshot.read().map(|s| s.is_some()).unwrap_or(false)
    }

    /// The settings in force.
    pub fn snapshot(&self) -> Result<Arc<Snapshot>> {
        self.snapshot
            .read()
            .map_err(|_| poisoned())?
            .clone()
            .ok_or_else(|| {
                Error::conflict(
                    "the shop has no settings yet: run `tillflow init` or `tillflow demo`",
                )
            })
    }

    pub fn settings(&self) -> Result<Settings> {
        Ok(self.snapshot()?.settings.clone())
    }

    /// The catalogue items a search for `query` finds: for an order type,
    /// only those it offers ([`Settings::find_items`]).
    pub fn find_items(
        &self,
        order_type: Option<&str>,
        query: &str,
    ) -> Result<Vec<crate::settings::CatalogueItem>> {
        let snap = self.snapshot()?;
        let found = snap.settings.find_items(order_type, query)?;
        Ok(found.into_iter().cloned().collect())
    }

    /// A plan by id, cached (plans never change).
    pub async fn plan(&self, id: i64) -> Result<Arc<Plan>> {
        if let Some(p) = self.plans.read().map_err(|_| poisoned())?.get(&id) {
            return Ok(p.clone());
        }
        let plan = Arc::new(self.store.load_plan(id).await?);
        self.plans
            .write()
            .map_err(|_| poisoned())?
            .insert(id, plan.clone());
        Ok(plan)
    }

    pub(crate) fn current_plan_id(snap: &Snapshot, order_type: &str) -> Result<i64> {
        snap.plan_ids
            .get(order_type)
            .copied()
            .ok_or_else(|| Error::not_found("order type", order_type))
    }

    /// The filter as the store runs it: with `fulfillment_state` set, the
    /// instants before which an untouched intake order of each type counts
    /// as abandoned, as of `as_of` (or now).
    pub(crate) fn resolve_filter(&self, filter: &OrderFilter) -> Result<OrderFilter> {
        filter.check()?;
        let mut f = filter.clone();
        if f.fulfillment_state.is_none() {
            return Ok(f);
        }
        let snap = self.snapshot()?;
        let now = f.as_of.unwrap_or_else(Utc::now);
        let before = |hours: Option<u32>| {
            now - chrono::Duration::hours(i64::from(
                hours.unwrap_or(crate::fulfillment::DEFAULT_ABANDON_AFTER_HOURS),
            ))
        };
        f.abandoned_before = AbandonCutoffs {
            by_type: snap
                .settings
                .order_types
                .iter()
                .map(|t| (t.key.clone(), before(t.abandon_after_hours)))
                .collect(),
            otherwise: Some(before(None)),
        };
        Ok(f)
    }

    pub async fn list_orders(&self, filter: &OrderFilter) -> Result<Vec<OrderSummary>> {
        let snap = self.snapshot()?;
        let filter = self.resolve_filter(filter)?;
        self.store.list_orders(&filter, &snap.currency).await
    }

    /// One page of the orders matching `filter` (see [`OrderFilter`]).
    pub async fn search_orders(&self, filter: &OrderFilter) -> Result<OrderPage> {
        let snap = self.snapshot()?;
        let filter = self.resolve_filter(filter)?;
        self.store.search_orders(&filter, &snap.currency).await
    }

    /// How many orders match `filter`.
    pub async fn count_orders(&self, filter: &OrderFilter) -> Result<i64> {
        self.store.count_orders(&self.resolve_filter(filter)?).await
    }

    /// The orders matching `filter` counted by stage and status.
    pub async fn status_counts(&self, filter: &OrderFilter) -> Result<Vec<StatusCount>> {
        self.store
            .status_counts(&self.resolve_filter(filter)?)
            .await
    }

    /// The first 20 customers the customer list's search finds (the POS
    /// picker, `tillflow customers`): name words, phone digits in any
    /// formatting, e-mail.
    pub async fn find_customers(&self, query: &str) -> Result<Vec<Customer>> {
        let search = crate::customers::CustomerSearch {
            text: query.to_string(),
            after: None,
            limit: Some(20),
        };
        Ok(self.store.search_customers(&search).await?.customers)
    }

    pub async fn close(&self) {
        self.store.close().await;
    }
}

fn poisoned() -> Error {
    Error::Storage("settings cache lock poisoned".into())
}
