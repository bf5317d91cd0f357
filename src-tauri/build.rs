//! Tauri build step. The app manifest lists every command the UI may call, so
//! `capabilities/main.json` can allow exactly those (no command is reachable
//! from the web side unless listed there).

fn main() {
    println!("cargo:rerun-if-changed=src/command_list.rs");
    let manifest = tauri_build::AppManifest::new().commands(COMMAND_NAMES);
    let attrs = tauri_build::Attributes::new().app_manifest(manifest);
    if let Err(e) = tauri_build::try_build(attrs) {
        // build scripts report failure by panicking; the message is Tauri's.
        panic!("tauri build step failed: {e:#}");
    }
}

include!("src/command_list.rs");

/// The command names of the list (its types are not needed here).
macro_rules! names {
    ($($module:ident::$name:ident($($arg:ident: $ty:ty),*) -> $result:ty;)*) => {
        const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];
    };
}
with_commands!(names);
