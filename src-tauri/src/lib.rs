//! Tillflow desktop shell: a thin Tauri v2 layer over the `tillflow` core.
//! Commands validate input, call the core, map errors to `{code, message}`
//! and broadcast every write to all windows.

#[macro_use]
mod command_list;

pub mod bindings;
pub mod commands;
pub mod contract;
pub mod error;
pub mod print_desk;
pub mod till;

use tauri::Manager;

/// The handler of every command in `command_list.rs`.
macro_rules! handler {
    ($($module:ident::$name:ident($($arg:ident: $ty:ty),*) -> $result:ty;)*) => {
        tauri::generate_handler![$(commands::$module::$name),*]
    };
}

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
        .invoke_handler(with_commands!(handler))
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("tillflow: the app could not start: {e}");
        std::process::exit(1);
    }
}
