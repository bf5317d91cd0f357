// `sqlx::migrate!` embeds migrations/ at compile time; rebuild when it changes
// (cargo does not track that directory by itself).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
