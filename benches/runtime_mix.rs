//! Is the app slower for running on tillflow's pinned runtime (all threads
//! on one CPU, `SCHED_BATCH`: see `tillflow::runtime`)? The same work on
//! that runtime, on a plain Tokio runtime (threads on every CPU), and on a
//! plain one with the database opened on a pinned thread (the app's way:
//! `tillflow::runtime::on_pinned_thread`):
//! intake alone; then 50 invoices rendered (the app renders PDFs on its
//! runtime) while orders keep coming in; then a CSV export of every order
//! while searches run.
//!
//! Run: `cargo bench --bench runtime_mix` (env BENCH_N: intakes alone,
//! default 1000; BENCH_ORDERS: orders in the database, default 20000).

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use serde_json::json;
use tillflow::documents::DocumentKind;
use tillflow::orders::{OrderFilter, OrderInput};
use tillflow::storage::Durability;
use tillflow::synthetic::{generate_orders, Synthetic};
use tillflow::Till;
use tokio::runtime::Runtime;

fn p50(v: &mut [Duration]) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

fn input(i: usize) -> OrderInput {
    serde_json::from_value(json!({
        "type": "laundry",
        "customer": {"name": format!("Customer {}", i % 500), "phone": format!("06{:08}", i % 500)},
        "fields": {"due_date": "2026-03-05"},
        "lines": [
            {"sku": "SHIRT", "qty": "3", "modifiers": [{"name": "Starch"}]},
            {"sku": "SUIT", "qty": "1"},
            {"sku": "WASH-KG", "qty": "2.5"},
            {"sku": "DRESS", "qty": "1"},
            {"name": "Curtain", "qty": "1", "unit_price": "18.00", "tax_rate": "20", "note": "stain"}
        ]
    }))
    .expect("valid input")
}

/// How the database is opened: in a task on the runtime (its sqlx workers
/// start from a runtime thread), or on a pinned thread (as the app does).
#[derive(Clone, Copy, PartialEq)]
enum Open {
    InTask,
    OnPinnedThread,
}

fn run(name: &str, rt: &Runtime, open: Open, n: usize, orders: u64) {
    let now = Utc
        .with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
        .single()
        .expect("date");
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("mix.db");
    let till = match open {
        Open::InTask => rt
            .block_on(rt.spawn(async move { Till::open(&path, Durability::Normal).await }))
            .expect("task"),
        Open::OnPinnedThread => tillflow::runtime::on_pinned_thread(|| {
            rt.block_on(Till::open(&path, Durability::Normal))
        })
        .expect("thread"),
    };
    let till = std::sync::Arc::new(till.expect("open"));
    let work = rt.spawn(async move {
        till.ensure_demo(now).await.expect("demo");
        generate_orders(
            &till,
            Synthetic {
                orders,
                ..Synthetic::default()
            },
            now,
            |_, _| {},
        )
        .await
        .expect("generate");
        let mut numbers = Vec::new();
        for i in 0..50 {
            numbers.push(
                till.create_order(&input(i), &tillflow::staff::Actor::trusted("bench"), now)
                    .await
                    .expect("warm")
                    .number,
            );
        }
        // Intake alone.
        let mut alone = Vec::with_capacity(n);
        for i in 0..n {
            let t = Instant::now();
            till.create_order(&input(i), &tillflow::staff::Actor::trusted("bench"), now)
                .await
                .expect("create");
            alone.push(t.elapsed());
        }
        // 50 invoices rendered (one task) while orders come in (another).
        let render = {
            let till = till.clone();
            let numbers = numbers.clone();
            tokio::spawn(async move {
                let t = Instant::now();
                for number in &numbers {
                    till.render_document(number, DocumentKind::Invoice, false)
                        .await
                        .expect("render");
                }
                t.elapsed()
            })
        };
        let mut during = Vec::new();
        let mut i = 0;
        while !render.is_finished() {
            let t = Instant::now();
            till.create_order(&input(i), &tillflow::staff::Actor::trusted("bench"), now)
                .await
                .expect("create");
            during.push(t.elapsed());
            i += 1;
        }
        let render = render.await.expect("render task");
        // A CSV export of every order (one task) while searches run.
        let export = {
            let till = till.clone();
            tokio::spawn(async move {
                let t = Instant::now();
                let mut out = std::io::sink();
                till.export_orders_csv(
                    &tillflow::staff::Actor::cli(),
                    &OrderFilter::default(),
                    false,
                    &mut out,
                    |_| {},
                )
                .await
                .expect("export");
                t.elapsed()
            })
        };
        let mut searches = Vec::new();
        while !export.is_finished() {
            let f = OrderFilter {
                text: Some(format!("06{:08}", i % 500)),
                limit: Some(25),
                ..Default::default()
            };
            let t = Instant::now();
            till.search_orders(&f).await.expect("search");
            searches.push(t.elapsed());
            i += 1;
        }
        let export = export.await.expect("export task");
        till.close().await;
        (alone, render, during, export, searches)
    });
    let (mut alone, render, mut during, export, mut searches) =
        rt.block_on(work).expect("bench task");
    println!(
        "{name:<8} intake alone p50 {:.3} ms | 50 invoices {:>6.1} ms, intake meanwhile p50 {:.3} ms (n={}) | \
         export {orders} orders {:>6.1} ms, search meanwhile p50 {:.3} ms (n={})",
        p50(&mut alone),
        render.as_secs_f64() * 1000.0,
        p50(&mut during),
        during.len(),
        export.as_secs_f64() * 1000.0,
        p50(&mut searches),
        searches.len()
    );
}

fn main() {
    let n: usize = std::env::var("BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let orders: u64 = std::env::var("BENCH_ORDERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let pinned = tillflow::runtime::build(2).expect("runtime");
    let plain = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    for round in 0..2 {
        println!("round {}", round + 1);
        // Today's app: everything on the pinned runtime.
        run("pinned", &pinned, Open::InTask, n, orders);
        run("plain", &plain, Open::InTask, n, orders);
        // The app now: Tauri's plain runtime, the database opened pinned.
        run("app", &plain, Open::OnPinnedThread, n, orders);
    }
}
