//! Settings hub commands: read, edit one thing, export and import the file.

use tauri::{AppHandle, State};

use super::{broadcast, ChangedKind};
use tillflow::locale::LocaleOptions;
use tillflow::settings::{
    template_list, Settings, SettingsChange, Shop as ShopProfile, ShopSetup, TemplateInfo,
};
use tillflow::staff::RolesView;
use tillflow::till::DocumentPreview;

use crate::contract::dashboard::AppInfo;
use crate::contract::settings::TriggerInfo;
use crate::error::{CommandError, CommandResult};
use crate::session::Session;
use crate::till::Shop;

/// The version, the database and the shop; on a new database (no settings
/// yet) `configured` is false and the shop fields are empty.
#[tauri::command(rename_all = "snake_case")]
pub async fn app_info(shop: State<'_, Shop>) -> CommandResult<AppInfo> {
    let till = shop.till().await?;
    let configured = till.is_configured();
    let (shop_name, currency) = match configured {
        true => {
            let s = till.settings()?;
            (s.shop.name.clone(), s.shop.currency.clone())
        }
        false => (String::new(), String::new()),
    };
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        database: shop.database.display().to_string(),
        shop_name,
        currency,
        configured,
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn settings_get(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
) -> CommandResult<Settings> {
    session.viewer()?;
    Ok(shop.till().await?.settings()?)
}

/// Applies one edit (save or delete a status, workflow, wizard, order type…);
/// the whole settings model is validated before anything is stored.
#[tauri::command(rename_all = "snake_case")]
pub async fn settings_change(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    change: SettingsChange,
) -> CommandResult<Settings> {
    let actor = session.actor(chrono::Utc::now())?;
    let saved = shop
        .till()
        .await?
        .change_settings(change, &actor, chrono::Utc::now())
        .await?;
    broadcast(&app, ChangedKind::Settings, None);
    Ok(saved)
}

/// The settings file (`tillflow.settings.v1`) as pretty JSON text, the
/// logo inline.
#[tauri::command(rename_all = "snake_case")]
pub async fn settings_export(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
) -> CommandResult<String> {
    session.viewer()?;
    Ok(shop.till().await?.export_settings().await?)
}

/// Replaces the settings with a settings file's content, all or nothing.
#[tauri::command(rename_all = "snake_case")]
pub async fn settings_import(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    json: String,
) -> CommandResult<Settings> {
    let actor = session.actor(chrono::Utc::now())?;
    if json.trim().is_empty() {
        return Err(CommandError::invalid("json", "The settings file is empty"));
    }
    let parsed = Settings::from_json(&json)?;
    let saved = shop
        .till()
        .await?
        .import_settings(parsed, &actor, chrono::Utc::now())
        .await?;
    broadcast(&app, ChangedKind::Settings, None);
    Ok(saved)
}

/// The trigger catalogue, for the workflow editor's trigger popup.
#[tauri::command(rename_all = "snake_case")]
pub fn triggers_list() -> Vec<TriggerInfo> {
    tillflow::triggers::Trigger::ALL
        .iter()
        .copied()
        .map(TriggerInfo::from)
        .collect()
}

/// The invoice and receipt of a sample order as they would print with
/// `profile` as the shop (not saved), drawn by the core's document code.
#[tauri::command(rename_all = "snake_case")]
pub async fn settings_preview(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    profile: ShopProfile,
) -> CommandResult<DocumentPreview> {
    session.viewer()?;
    Ok(shop
        .till()
        .await?
        .preview_documents(profile, chrono::Utc::now())
        .await?)
}

/// The templates a new shop can start from (key, name, one-line description).
#[tauri::command(rename_all = "snake_case")]
pub fn templates_list() -> Vec<TemplateInfo> {
    template_list()
}

/// The first-run set-up of a new database: a template or blank, with the
/// shop's name, currency and time zone; refused once the shop has settings.
#[tauri::command(rename_all = "snake_case")]
pub async fn shop_setup(
    session: State<'_, Session>,
    app: AppHandle,
    shop: State<'_, Shop>,
    setup: ShopSetup,
) -> CommandResult<Settings> {
    let actor = session.actor(chrono::Utc::now())?;
    let saved = shop
        .till()
        .await?
        .set_up(&setup, &actor, chrono::Utc::now())
        .await?;
    broadcast(&app, ChangedKind::Settings, None);
    Ok(saved)
}

/// The key a wizard field labelled `label` gets, unique among `taken` (the
/// other keys of the wizard): the core's one rule (`bike_make`, `bike_make_2`).
#[tauri::command(rename_all = "snake_case")]
pub async fn wizard_field_key(
    session: State<'_, Session>,
    label: String,
    taken: Vec<String>,
) -> CommandResult<String> {
    session.viewer()?;
    Ok(tillflow::settings::field_key(&label, &taken))
}

/// The locales a shop can choose, each with an example amount and date in
/// `currency` (`1 234,50 € · 31/12/2026`), and the one suggested for a shop
/// in `time_zone` (the first-run and shop profile choosers).
#[tauri::command(rename_all = "snake_case")]
pub async fn locale_options(
    currency: String,
    time_zone: Option<String>,
) -> CommandResult<LocaleOptions> {
    Ok(tillflow::locale::options(&currency, time_zone.as_deref())?)
}

/// Every permission with its label and every role of the shop (built-in
/// ones with their fixed matrix, the shop's own with their checklist), for
/// the Roles page and the step role pickers.
#[tauri::command(rename_all = "snake_case")]
pub async fn roles_list(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
) -> CommandResult<RolesView> {
    session.viewer()?;
    Ok(shop.till().await?.roles_view())
}

/// Walks a simulated order of a type (of the saved settings or a draft)
/// through events: the same engine as real orders, nothing written.
#[tauri::command(rename_all = "snake_case")]
pub async fn workflow_simulate(
    session: State<'_, Session>,
    shop: State<'_, Shop>,
    input: tillflow::till::SimulationInput,
) -> CommandResult<tillflow::till::Simulation> {
    session.viewer()?;
    Ok(shop.till().await?.simulate_workflow(&input)?)
}
