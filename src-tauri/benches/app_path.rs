//! The app's commands as the window calls them, on a large database: the
//! arguments decoded from JSON, the command run with the app's managed
//! state on the app's runtime, the answer encoded to JSON. (Tauri's own
//! dispatch around it — a webview message and a lookup by name — is not
//! included.)
//!
//! Run (release): `TILLFLOW_SCALE_DB=/tmp/copy-of-1m.db cargo bench -p tillflow-app --bench app_path`
//! Open a COPY: opening migrates the database. Env: `BENCH_N` (calls per
//! command, default 200). Prints p50 / p90 / p99 and the answer's size.
//!
//! Adding a command is one `bench!` line in `main`.

use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use tauri::Manager;
use tillflow::synthetic::{FIRST_NAMES, LAST_NAMES};
use tillflow_app::commands;
use tillflow_app::error::CommandResult;
use tillflow_app::session::Session;
use tillflow_app::till::Shop;

/// An argument as the command receives it: decoded from its JSON.
fn arg<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("argument decodes")
}

/// The answer as it crosses to the window: encoded to JSON.
fn answer<T: Serialize>(r: CommandResult<T>) -> usize {
    match r {
        Ok(v) => serde_json::to_string(&v).expect("answer encodes").len(),
        Err(e) => panic!("command failed: {} ({})", e.message, e.code),
    }
}

fn pct(v: &[Duration], p: f64) -> f64 {
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i].as_secs_f64() * 1000.0
}

/// A tiny deterministic sequence for picking parameters.
struct Pick(u64);
impl Pick {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

/// `bench!(app, n, "name", |session, shop, i| command(shop, arg(json!(…)), …))`: `shop`
/// is the app's managed `State<Shop>`, `i` the call's index (0..n). Each
/// call runs as a task on the app's runtime, as Tauri runs async commands.
macro_rules! bench {
    ($app:expr, $n:expr, $name:expr, |$session:ident, $shop:ident, $i:ident| $call:expr) => {{
        let app: &'static tauri::App<tauri::test::MockRuntime> = $app;
        let rt = tauri::async_runtime::handle();
        let call = |$i: usize| {
            let $session = app.state::<Session>();
            let $shop = app.state::<Shop>();
            let command = $call;
            rt.block_on(rt.spawn(async move { answer(command.await) }))
                .expect("task")
        };
        for $i in 0..10 {
            call($i);
        }
        let mut times = Vec::with_capacity($n);
        let mut bytes = 0;
        for $i in 0..$n {
            let t = Instant::now();
            bytes += call($i);
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{:<44} p50 {:>7.3} ms   p90 {:>7.3} ms   p99 {:>7.3} ms   (n={}, avg answer {} B)",
            $name,
            pct(&times, 0.5),
            pct(&times, 0.9),
            pct(&times, 0.99),
            $n,
            bytes / $n.max(1)
        );
    }};
}

fn main() {
    let db = std::env::var_os("TILLFLOW_SCALE_DB")
        .map(std::path::PathBuf::from)
        .expect("TILLFLOW_SCALE_DB: a copy of a generated database");
    let n: usize = std::env::var("BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    // As the app does: Tauri's runtime, the database opened on a pinned thread.
    let shop = tillflow_app::open_shop(&db).unwrap_or_else(|e| panic!("open: {e}"));
    let rt = tauri::async_runtime::handle();
    // 'static, as the app's own state is: commands run as spawned tasks.
    let app: &'static _ = Box::leak(Box::new(tauri::test::mock_app()));
    app.manage(shop);
    // Signed in, as the app is when someone works at it.
    let session = Session::default();
    session.sign_in(tillflow::staff::Actor::trusted("bench"));
    app.manage(session);
    let total = rt
        .block_on(async {
            let shop = app.state::<Shop>();
            let till = shop
                .till()
                .await
                .unwrap_or_else(|e| panic!("till: {}", e.message));
            till.count_orders(&Default::default()).await
        })
        .expect("count");
    println!("database: {total} orders");

    let mut pick = Pick(11);
    let mut phones = Vec::new();
    let mut names = Vec::new();
    let mut numbers = Vec::new();
    for _ in 0..n {
        phones.push(format!(
            "+33 6 {:02} {:02}",
            pick.below(100),
            pick.below(100)
        ));
        names.push(format!(
            "{} {}",
            FIRST_NAMES[pick.below(FIRST_NAMES.len())],
            LAST_NAMES[pick.below(LAST_NAMES.len())]
        ));
        numbers.push(format!("TF-{:06}", 1 + pick.below(total.max(1) as usize)));
    }
    // The dashboard's search box sends free text, a page of 25.
    let search = |text: &str| json!({ "text": text, "limit": 25 });

    bench!(
        app,
        n,
        "orders_search: phone (free text)",
        |session, shop, i| {
            commands::search::orders_search(session, shop, arg(search(&phones[i])))
        }
    );
    bench!(
        app,
        n,
        "orders_search: customer name (free text)",
        |session, shop, i| {
            commands::search::orders_search(session, shop, arg(search(&names[i])))
        }
    );
    bench!(
        app,
        n,
        "orders_search: order number (free text)",
        |session, shop, i| {
            commands::search::orders_search(session, shop, arg(search(&numbers[i])))
        }
    );
    bench!(
        app,
        n / 4,
        "orders_search: a word in notes (free text)",
        |session, shop, _i| {
            commands::search::orders_search(session, shop, arg(search("stain")))
        }
    );
    bench!(
        app,
        n / 4,
        "orders_search: one letter (search as you type)",
        |session, shop, i| {
            let letter = &names[i][..1];
            commands::search::orders_search(session, shop, arg(search(letter)))
        }
    );
    bench!(
        app,
        n / 4,
        "orders_count: customer name (after the page)",
        |session, shop, i| {
            commands::search::orders_count(session, shop, arg(search(&names[i])))
        }
    );
    bench!(app, n, "order_get", |session, shop, i| {
        commands::orders::order_get(session, shop, arg(json!(numbers[i])))
    });
    bench!(app, n, "customers_find: name", |session, shop, i| {
        commands::orders::customers_find(session, shop, arg(json!(names[i])))
    });
    bench!(app, n / 10, "dashboard", |session, shop, _i| {
        commands::dashboard::dashboard(session, shop)
    });

    rt.block_on(async {
        if let Ok(till) = app.state::<Shop>().till().await {
            till.close().await;
        }
    });
}
