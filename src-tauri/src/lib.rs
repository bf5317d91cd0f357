//! Tillflow desktop shell: a thin Tauri v2 layer over the `tillflow` core.
//! Commands validate input, call the core, map errors to `{code, message}`
//! and broadcast every write to all windows.

#[macro_use]
mod command_list;

pub mod backups;
pub mod bindings;
pub mod changes;
pub mod commands;
pub mod contract;
pub mod error;
pub mod journal_check;
pub mod outbox;
pub mod print_desk;
pub mod session;
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

/// Opens the shop's database. It is opened on a thread kept on one CPU
/// under `SCHED_BATCH` (`tillflow::runtime::on_pinned_thread`), so the
/// database's sqlx workers started meanwhile, the writer's among them, keep
/// that CPU and policy; the commands themselves (PDF rendering, CSV export,
/// IPC) run on Tauri's runtime on every CPU.
pub fn open_shop(path: &std::path::Path) -> Result<till::Shop, Box<dyn std::error::Error>> {
    let till =
        tillflow::runtime::on_pinned_thread(|| tauri::async_runtime::block_on(till::open(path)))??;
    Ok(till::Shop::new(till, path.to_path_buf()))
}

fn setup(app: &mut tauri::App) -> Result<(), Box<dyn std::error::Error>> {
    let shop = open_shop(&till::database_path())?;
    app.manage(shop);
    app.manage(session::Session::default());
    app.manage(journal_check::JournalCheck::default());
    journal_check::start(app.handle().clone());
    changes::watch(app.handle().clone());
    backups::schedule(app.handle().clone());
    outbox::run(app.handle().clone());
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
        .invoke_handler(with_commands!(handler))
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                backups::at_close(app);
            }
        }),
        Err(e) => {
            eprintln!("tillflow: the app could not start: {e}");
            std::process::exit(1);
        }
    }
}
