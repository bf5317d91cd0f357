//! The shop's settings: first start (blank or demo), importing a whole
//! settings document, one settings-hub edit; each validated as a whole and
//! stored in one transaction, then put in force.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::{poisoned, Snapshot, Till};
use crate::backup::BackupReason;
use crate::error::{Error, Result};
use crate::orders::OrderFilter;
use crate::settings::{validate, Settings, SettingsChange, Shop, FORMAT};

/// A shop with nothing configured yet but the built-ins.
pub fn blank_settings() -> Settings {
    let mut s = Settings {
        format: FORMAT.to_string(),
        shop: Shop {
            name: "My shop".into(),
            currency: "EUR".into(),
            prices_include_tax: false,
            tax_rounding: Default::default(),
            order_prefix: String::new(),
            address: Vec::new(),
            phone: None,
            email: None,
            tax_id: None,
            footer: None,
            documents: Default::default(),
            printing: Default::default(),
            time_zone: None,
        },
        statuses: Vec::new(),
        workflow_types: crate::settings::default_workflow_types(),
        workflows: Vec::new(),
        wizards: Vec::new(),
        order_types: Vec::new(),
        catalogue: Vec::new(),
    };
    s.ensure_builtins();
    s
}

impl Till {
    /// Creates blank settings if there are none. Returns whether it did.
    pub async fn init(&self, now: DateTime<Utc>) -> Result<bool> {
        if self.is_configured() {
            return Ok(false);
        }
        self.import_settings(blank_settings(), "system", now)
            .await?;
        Ok(true)
    }

    /// Loads the demo settings when the shop has none (first start). Returns whether it did.
    pub async fn ensure_demo(&self, now: DateTime<Utc>) -> Result<bool> {
        if self.is_configured() {
            return Ok(false);
        }
        self.import_settings(Settings::demo(), "system", now)
            .await?;
        Ok(true)
    }

    /// Replaces the whole settings model, all or nothing.
    pub async fn import_settings(
        &self,
        mut settings: Settings,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Settings> {
        settings.ensure_builtins();
        validate(&settings)?;
        if self.is_configured() {
            // The settings being replaced can be had back from this backup
            // (in this machine's backup folder, encrypted if it says so).
            self.back_up(BackupReason::PreImport, now).await?;
        }
        self.store_settings(settings, actor, now, "settings imported")
            .await
    }

    /// Applies one settings-hub edit (validated against the whole model).
    pub async fn change_settings(
        &self,
        change: SettingsChange,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Settings> {
        let mut settings = self.settings()?;
        let summary = serde_json::to_string(&change).unwrap_or_default();
        change.apply(&mut settings)?;
        validate(&settings)?;
        self.store_settings(settings, actor, now, &summary).await
    }

    pub(crate) async fn store_settings(
        &self,
        settings: Settings,
        actor: &str,
        now: DateTime<Utc>,
        summary: &str,
    ) -> Result<Settings> {
        self.check_currency_kept(&settings).await?;
        let mut tx = self.store.begin().await?;
        let (stored, plan_ids) = tx.save_settings(settings, now, actor, summary).await?;
        tx.commit().await?;
        let snap = Arc::new(Snapshot {
            currency: stored.currency()?,
            settings: stored.clone(),
            plan_ids,
        });
        *self.snapshot.write().map_err(|_| poisoned())? = Some(snap);
        Ok(stored)
    }

    /// Money is stored in minor units of the shop's currency: once orders
    /// exist, another currency would silently rescale every amount (10.50 EUR
    /// read as 1.050 BHD), so it is refused.
    async fn check_currency_kept(&self, settings: &Settings) -> Result<()> {
        let Ok(current) = self.snapshot() else {
            return Ok(());
        };
        let next = settings.currency()?;
        if next.code == current.currency.code {
            return Ok(());
        }
        let orders = self.store.count_orders(&OrderFilter::default()).await?;
        if orders > 0 {
            return Err(Error::invalid(
                "shop.currency",
                format!(
                    "the shop has {orders} orders in {}: the currency cannot change (start a new database for {})",
                    current.currency.code, next.code
                ),
            ));
        }
        Ok(())
    }
}
