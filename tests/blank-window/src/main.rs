//! A blank Tauri window: the baseline start-up time and memory the app is
//! compared with (`scripts/measure-app.sh`).

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("blank window: {e}");
        std::process::exit(1);
    }
}
