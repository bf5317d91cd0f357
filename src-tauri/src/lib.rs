//! Tillflow desktop shell: a thin Tauri v2 layer over the `tillflow` core.
//! Commands validate input, call the core, map errors to `{code, message}`
//! and broadcast every write to all windows.

pub mod bindings;
pub mod command_names;
pub mod commands;
pub mod contract;
pub mod error;
pub mod print_desk;
pub mod till;

use tauri::Manager;

fn focus_main(app: &tauri::AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        // Best effort: a second launch only brings the first window forward.
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
}

/// Opens the shop's database. It is opened on a thread kept on one CPU
/// under `SCHED_BATCH` (`tillflow::runtime::on_pinned_thread`), so the
/// database's sqlx workers started meanwhile, the writer's among them, keep
/// that CPU and policy; the commands themselves (PDF rendering, CSV export,
/// IPC) run on Tauri's runtime on every CPU.
pub fn open_shop(path: &std::path::Path) -> Result<till::Shop, Box<dyn std::error::Error>> {
    let shop =
        tillflow::runtime::on_pinned_thread(|| tauri::async_runtime::block_on(till::open(path)))??;
    Ok(shop)
}

fn setup(app: &mut tauri::App) -> Result<(), Box<dyn std::error::Error>> {
    let shop = open_shop(&till::database_path())?;
    app.manage(shop);
    let desk = print_desk::start(app.handle());
    app.manage(desk);
    Ok(())
}

/// Starts the app; exits with a message when it cannot start.
pub fn run() {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            focus_main(app)
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .setup(setup)
        .invoke_handler(tauri::generate_handler![
            commands::settings::app_info,
            commands::settings::settings_get,
            commands::settings::settings_change,
            commands::settings::settings_export,
            commands::settings::settings_import,
            commands::settings::triggers_list,
            commands::orders::order_preview,
            commands::orders::order_create,
            commands::orders::order_get,
            commands::orders::orders_list,
            commands::orders::order_fire,
            commands::orders::order_move,
            commands::orders::order_pay,
            commands::orders::order_cancel,
            commands::orders::customers_find,
            commands::orders::customer_store_credit,
            commands::dashboard::dashboard,
            commands::documents::list_printers,
            commands::documents::save_document_pdf,
            commands::documents::print_document,
            commands::documents::print_retry,
            commands::fulfillment::stock_availability,
            commands::fulfillment::order_fulfillment,
            commands::fulfillment::order_allocate,
            commands::fulfillment::shipment_create,
            commands::fulfillment::shipment_ship,
            commands::fulfillment::shipment_deliver,
            commands::fulfillment::shipment_fail,
            commands::fulfillment::shipment_delete,
            commands::returns::return_preview,
            commands::returns::order_return,
            commands::returns::order_exchange,
            commands::returns::order_payment_failed,
            commands::inventory::inventory_get,
            commands::inventory::sites_list,
            commands::inventory::site_add,
            commands::inventory::stock_receive,
            commands::inventory::stock_adjust,
            commands::inventory::stock_transfer,
            commands::inventory::stock_backorder,
            commands::inventory::stock_movements,
            commands::search::orders_search,
            commands::search::orders_export_csv,
            commands::import::csv_import,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("tillflow: the app could not start: {e}");
        std::process::exit(1);
    }
}
