//! Tauri build step. The app manifest lists every command the UI may call, so
//! `capabilities/main.json` can allow exactly those (no command is reachable
//! from the web side unless listed there).

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(tillflow_commands());
    let attrs = tauri_build::Attributes::new().app_manifest(manifest);
    if let Err(e) = tauri_build::try_build(attrs) {
        // build scripts report failure by panicking; the message is Tauri's.
        panic!("tauri build step failed: {e:#}");
    }
}

include!("src/command_names.rs");

fn tillflow_commands() -> &'static [&'static str] {
    println!("cargo:rerun-if-changed=src/command_names.rs");
    COMMAND_NAMES
}
