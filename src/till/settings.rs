//! The shop's settings: first start (blank or demo), importing a whole
//! settings document, one settings-hub edit; each validated as a whole and
//! stored in one transaction, then put in force.

use crate::staff::{Actor, Permission, SYSTEM};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::steps::journal;
use super::{poisoned, Snapshot, Till};
use crate::backup::BackupReason;
use crate::error::{Error, Result};
use crate::journal::{EntryKind, Payload};
use crate::orders::OrderFilter;
use crate::settings::{
    validate, Logo, Settings, SettingsChange, Shop, ShopSetup, Template, FORMAT,
};
use crate::storage::WriteTx;

/// Refuses settings that take away a role staff members still hold
/// (active or not: enabling them again would bring it back), naming them;
/// read under the write lock, so nobody is given the role meanwhile.
async fn check_roles_held(tx: &mut WriteTx, settings: &Settings) -> Result<()> {
    let mut held: Vec<(String, Vec<String>)> = Vec::new();
    for (name, role) in tx.staff_roles().await? {
        if settings.shop.staff.has_role(&role) {
            continue;
        }
        match held.iter_mut().find(|(r, _)| *r == role) {
            Some((_, names)) => names.push(name),
            None => held.push((role, vec![name])),
        }
    }
    match held.first() {
        None => Ok(()),
        Some((role, names)) => Err(Error::conflict(format!(
            "the role '{role}' is held by {}: give them another role first",
            names.join(", ")
        ))),
    }
}

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
            locale: None,
            messages: Default::default(),
            staff: Default::default(),
            undo_minutes: None,
            cash: Default::default(),
        },
        statuses: Vec::new(),
        workflow_types: crate::settings::default_workflow_types(),
        workflows: Vec::new(),
        wizards: Vec::new(),
        order_types: Vec::new(),
        catalogue: Vec::new(),
        categories: Vec::new(),
        discount_codes: Vec::new(),
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
        self.import_settings(blank_settings(), &Actor::trusted(SYSTEM), now)
            .await?;
        Ok(true)
    }

    /// Loads the demo settings when the shop has none (first start). Returns whether it did.
    pub async fn ensure_demo(&self, now: DateTime<Utc>) -> Result<bool> {
        if self.is_configured() {
            return Ok(false);
        }
        self.import_settings(Settings::demo(), &Actor::trusted(SYSTEM), now)
            .await?;
        Ok(true)
    }

    /// Loads a template's settings when the shop has none (first start).
    /// Returns whether it did.
    pub async fn init_from_template(
        &self,
        template: &Template,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        if self.is_configured() {
            return Ok(false);
        }
        self.import_settings(template.settings()?, &Actor::trusted(SYSTEM), now)
            .await?;
        Ok(true)
    }

    /// The first-run set-up: a template's settings (or blank: built-in
    /// statuses only) with the shop's name, currency and time zone as typed,
    /// stored in one transaction with its note in the settings history.
    /// Refused once the shop has settings (the settings hub changes them).
    pub async fn set_up(
        &self,
        setup: &ShopSetup,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Settings> {
        let actor = &actor.acting(Permission::EditSettings)?;
        if self.is_configured() {
            return Err(already_set_up());
        }
        let template = setup.template()?;
        let mut settings = match template {
            Some(t) => t.settings()?,
            None => blank_settings(),
        };
        setup.apply(&mut settings)?;
        settings.ensure_builtins();
        validate(&settings)?;
        let summary = format!(
            "shop set up: {} ({})",
            settings.shop.name,
            template.map_or("blank", |t| t.key)
        );
        self.put_settings(settings, actor, now, &summary, true)
            .await
    }

    /// The settings file (`tillflow.settings.v1`) of the settings in force,
    /// whole on its own: the logo goes in it inline (base64 PNG).
    pub async fn export_settings(&self) -> Result<String> {
        let mut settings = self.settings()?;
        if let Some(logo) = &settings.shop.documents.logo {
            let png = self
                .store
                .logo_png(&logo.sha256)
                .await?
                .ok_or_else(|| Error::not_found("logo", logo.sha256.clone()))?;
            settings.shop.documents.logo = Some(Logo::from_png(&png)?);
        }
        Ok(settings.to_json())
    }

    /// Sets the shop's logo from a PNG file's bytes (copied into the
    /// database), or removes it with `None`. One settings change.
    pub async fn set_logo(
        &self,
        png: Option<&[u8]>,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Settings> {
        actor.require(Permission::EditSettings)?;
        let mut shop = self.settings()?.shop;
        shop.documents.logo = png.map(Logo::from_png).transpose()?;
        self.change_settings(SettingsChange::SaveShop { shop }, actor, now)
            .await
    }

    /// Replaces the whole settings model, all or nothing.
    pub async fn import_settings(
        &self,
        mut settings: Settings,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Settings> {
        let actor = &actor.acting(Permission::Import)?;
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
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Settings> {
        let actor = &actor.acting(Permission::EditSettings)?;
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
        self.put_settings(settings, actor, now, summary, false)
            .await
    }

    /// Stores the settings; `first` refuses (inside the transaction) when
    /// the shop already has some.
    async fn put_settings(
        &self,
        mut settings: Settings,
        actor: &str,
        now: DateTime<Utc>,
        summary: &str,
        first: bool,
    ) -> Result<Settings> {
        self.check_currency_kept(&settings).await?;
        // A logo given inline (a settings file, a logo just chosen) is
        // copied into the database with the settings that name it.
        let inline = match &settings.shop.documents.logo {
            Some(logo) => logo.inline_png()?,
            None => None,
        };
        let mut tx = self.store.begin().await?;
        if first && tx.has_settings().await? {
            return Err(already_set_up());
        }
        check_roles_held(&mut tx, &settings).await?;
        if let Some((sha, png)) = &inline {
            tx.store_logo(sha, png, now).await?;
            settings.shop.documents.logo = Some(Logo::stored(sha.clone()));
        } else if let Some(logo) = &settings.shop.documents.logo {
            if !tx.has_logo(&logo.sha256).await? {
                return Err(Error::invalid(
                    "shop.documents.logo",
                    format!(
                        "no logo {} in this database (a settings file carries the PNG itself: \"png\": base64)",
                        logo.sha256
                    ),
                ));
            }
        }
        let summary = if inline.is_some() {
            // Keep the audit row small: the PNG is in `logos`.
            summary_without_png(summary)
        } else {
            summary.to_string()
        };
        let (stored, plan_ids) = tx.save_settings(settings, now, actor, &summary).await?;
        let changed = Payload::new().with("summary", summary.as_str());
        journal(&mut tx, EntryKind::SettingsChanged, &changed, actor, now).await?;
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
                    "the shop has {orders} {} in {}: the currency cannot change (start a new database for {})",
                    if orders == 1 { "order" } else { "orders" },
                    current.currency.code,
                    next.code
                ),
            ));
        }
        Ok(())
    }
}

fn already_set_up() -> Error {
    Error::conflict(
        "the shop is already set up: change its profile on the Shop page of the settings",
    )
}

/// A settings change's summary with any inline PNG left out.
fn summary_without_png(summary: &str) -> String {
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(summary) else {
        return summary.to_string();
    };
    if let Some(logo) = value.pointer_mut("/shop/documents/logo") {
        if let Some(obj) = logo.as_object_mut() {
            obj.remove("png");
        }
    }
    value.to_string()
}
