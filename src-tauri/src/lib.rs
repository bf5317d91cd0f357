//! Tillflow desktop shell: a thin Tauri v2 layer over the `tillflow` core.
//! Commands validate input, call the core, map errors to `{code, message}`
//! and broadcast every write to all windows.

pub mod bindings;
pub mod changes;
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

fn setup(app: &mut tauri::App) -> Result<(), Box<dyn std::error::Error>> {
    let path = till::database_path();
    // Opened in a task, not on this (GTK) thread, so the database's sqlx
    // workers start from a runtime thread and share its CPU and policy.
    let shop = tauri::async_runtime::block_on(tauri::async_runtime::spawn(async move {
        till::open(&path).await
    }))??;
    app.manage(shop);
    changes::watch(app.handle().clone());
    let desk = print_desk::start(app.handle());
    app.manage(desk);
    Ok(())
}

/// Starts the app; exits with a message when it cannot start.
pub fn run() {
    // The core runs on tillflow's runtime (threads kept on one CPU, no
    // wakeup preemption: see tillflow::runtime); Tauri runs its commands there.
    let runtime = match tillflow::runtime::build(2) {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("tillflow: cannot start the async runtime: {e}");
            std::process::exit(1);
        }
    };
    tauri::async_runtime::set(runtime.handle().clone());
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
            commands::orders::order_fire,
            commands::orders::order_move,
            commands::orders::order_pay,
            commands::orders::order_cancel,
            commands::orders::customers_find,
            commands::orders::customer_store_credit,
            commands::dashboard::dashboard,
            commands::dashboard::board,
            commands::dashboard::board_more,
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
