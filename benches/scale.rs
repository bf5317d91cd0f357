//! Search, board, dashboard and export at scale, against a database of N
//! synthetic orders (generated on first run, then reused).
//!
//! Run (release): `cargo bench -p tillflow --bench scale`
//! Env: `TILLFLOW_SCALE_DB` (default /tmp/tillflow-scale.db),
//! `TILLFLOW_SCALE_ORDERS` (default 1000000, used only to generate),
//! `BENCH_N` (queries per measurement, default 300).
//! Prints p50 / p90 / p99 per query, and wall time and peak RSS (VmHWM) of a
//! `tillflow export csv` child process exporting every order.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use tillflow::dashboard::BoardQuery;
use tillflow::fulfillment::FulfillmentState;
use tillflow::orders::OrderFilter;
use tillflow::staff::Actor;
use tillflow::storage::Durability;
use tillflow::synthetic::{generate_orders, Synthetic, FIRST_NAMES, LAST_NAMES};
use tillflow::Till;

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i].as_secs_f64() * 1000.0
}

fn report(name: &str, v: &mut [Duration], rows: usize) {
    let (p50, p90, p99) = (pct(v, 0.5), pct(v, 0.9), pct(v, 0.99));
    println!(
        "{name:<40} p50 {p50:>8.3} ms   p90 {p90:>8.3} ms   p99 {p99:>8.3} ms   (n={}, avg rows {})",
        v.len(),
        rows / v.len().max(1)
    );
}

/// A tiny deterministic sequence for picking query parameters.
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

/// `BENCH_ONLY=<text>`: run only the measurements whose name contains it.
fn wanted(name: &str) -> bool {
    std::env::var("BENCH_ONLY").map_or(true, |only| name.contains(only.as_str()))
}

async fn measure(till: &Till, name: &str, n: usize, mut filter: impl FnMut(usize) -> OrderFilter) {
    if !wanted(name) {
        return;
    }
    // Warm up caches.
    for i in 0..10 {
        till.search_orders(&filter(i)).await.expect("search");
    }
    let mut times = Vec::with_capacity(n);
    let mut rows = 0;
    for i in 0..n {
        let f = filter(i);
        let t = Instant::now();
        let page = till.search_orders(&f).await.expect("search");
        times.push(t.elapsed());
        rows += page.orders.len();
    }
    report(name, &mut times, rows);
}

fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Runs `tillflow export csv` as a child; wall time, peak RSS, output size.
fn export_child(db: &PathBuf, lines: bool) -> (Duration, u64, u64) {
    let out = std::env::temp_dir().join("tillflow-scale-export.csv");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tillflow"));
    cmd.arg("--db")
        .arg(db)
        .args(["--json", "export", "csv", "--out"])
        .arg(&out);
    if lines {
        cmd.arg("--lines");
    }
    let t = Instant::now();
    let mut child = cmd.stdout(Stdio::null()).spawn().expect("spawn tillflow");
    let pid = child.id();
    let mut peak = 0;
    loop {
        if let Some(kb) = vm_hwm_kb(pid) {
            peak = peak.max(kb);
        }
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let wall = t.elapsed();
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    let _ = std::fs::remove_file(&out);
    (wall, peak, size)
}

fn main() {
    let db = std::env::var_os("TILLFLOW_SCALE_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("tillflow-scale.db"));
    let orders: u64 = std::env::var("TILLFLOW_SCALE_ORDERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let n: usize = std::env::var("BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let fresh = !db.exists();
        let till = Till::open(&db, Durability::Normal).await.expect("open db");
        let now = Utc::now();
        if fresh {
            till.ensure_demo(now).await.expect("demo settings");
            let t = Instant::now();
            let g = generate_orders(
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
            println!(
                "generated {} orders, {} customers, {} lines in {:.1} s",
                g.orders,
                g.customers,
                g.lines,
                t.elapsed().as_secs_f64()
            );
        }
        let total = till
            .count_orders(&OrderFilter::default())
            .await
            .expect("count");
        println!("database {} : {total} orders", db.display());
        let mut pick = Pick(7);
        let mut phones = Vec::new();
        let mut names = Vec::new();
        for _ in 0..n {
            // Seven digits ("+33 6 AB CD"): ~20 customers, ~100 orders.
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
        }
        let page = |limit| Some(limit);
        measure(&till, "search phone prefix (7 digits), 50", n, |i| {
            OrderFilter {
                phone: Some(phones[i % n].clone()),
                limit: page(50),
                ..Default::default()
            }
        })
        .await;
        measure(&till, "search customer name (first last), 50", n, |i| {
            OrderFilter {
                customer: Some(names[i % n].clone()),
                limit: page(50),
                ..Default::default()
            }
        })
        .await;
        measure(&till, "search customer surname only, 50", n / 5, |i| {
            OrderFilter {
                customer: Some(LAST_NAMES[i % LAST_NAMES.len()].to_string()),
                limit: page(50),
                ..Default::default()
            }
        })
        .await;
        // What the dashboard's search box sends for a typed name: free
        // text of two words (on the order or its customer), a page of 25.
        measure(&till, "free text name (first last), 25", n, |i| {
            OrderFilter {
                text: Some(names[i % n].clone()),
                limit: page(25),
                ..Default::default()
            }
        })
        .await;
        measure(&till, "free text (phone digits), 50", n, |i| OrderFilter {
            text: Some(phones[i % n].clone()),
            limit: page(50),
            ..Default::default()
        })
        .await;
        measure(&till, "free text 'stain' (notes), 50", n / 10, |_| {
            OrderFilter {
                text: Some("stain".into()),
                limit: page(50),
                ..Default::default()
            }
        })
        .await;
        // The same page the general way (every hit collected; the window
        // is skipped): what a one-word search cost before the window.
        let currency = till.snapshot().expect("settings").currency.clone();
        let stain = OrderFilter {
            text: Some("stain".into()),
            limit: page(50),
            ..Default::default()
        };
        let mut times = Vec::new();
        for i in 0..n / 10 + 10 {
            let t = Instant::now();
            till.store()
                .search_orders_planned(&stain, &currency, true)
                .await
                .expect("search");
            if i >= 10 {
                times.push(t.elapsed());
            }
        }
        let rows = 50 * times.len();
        report("free text 'stain', general plan, 50", &mut times, rows);
        measure(&till, "free text 'stain' (notes), 25", n / 10, |_| {
            OrderFilter {
                text: Some("stain".into()),
                limit: page(25),
                ..Default::default()
            }
        })
        .await;
        measure(
            &till,
            "free text 's' (one letter typed), 25",
            n / 10,
            |_| OrderFilter {
                text: Some("s".into()),
                limit: page(25),
                ..Default::default()
            },
        )
        .await;
        let statuses = [
            "received",
            "cleaning",
            "ready_for_pickup",
            "completed",
            "canceled",
        ];
        measure(&till, "50 newest in a status", n, |i| OrderFilter {
            status: Some(statuses[i % statuses.len()].to_string()),
            limit: page(50),
            ..Default::default()
        })
        .await;
        let states = [
            FulfillmentState::Open,
            FulfillmentState::ReadyToShip,
            FulfillmentState::Closed,
            FulfillmentState::Abandoned,
        ];
        measure(&till, "50 newest in a fulfillment state", n, |i| {
            OrderFilter {
                fulfillment_state: Some(states[i % states.len()]),
                limit: page(50),
                ..Default::default()
            }
        })
        .await;
        let mut cursors = Vec::new();
        for s in statuses {
            let first = OrderFilter {
                status: Some(s.to_string()),
                limit: page(50),
                ..Default::default()
            };
            let next = till.search_orders(&first).await.expect("page").next;
            cursors.push(next);
        }
        measure(&till, "50 newest in a status, page 2 (keyset)", n, |i| {
            OrderFilter {
                status: Some(statuses[i % statuses.len()].to_string()),
                limit: page(50),
                after: cursors[i % statuses.len()].clone(),
                ..Default::default()
            }
        })
        .await;
        measure(&till, "50 open with balance due, by due date", n, |_| {
            OrderFilter {
                open_only: true,
                balance_due: true,
                sort: tillflow::orders::OrderSort::Due,
                limit: page(50),
                ..Default::default()
            }
        })
        .await;
        if wanted("dashboard") {
            let tz = till.time_zone().expect("time zone");
            let mut times = Vec::with_capacity(n);
            for _ in 0..10 {
                till.dashboard(&Actor::cli(), now, tz)
                    .await
                    .expect("dashboard");
            }
            for _ in 0..n {
                let t = Instant::now();
                till.dashboard(&Actor::cli(), now, tz)
                    .await
                    .expect("dashboard");
                times.push(t.elapsed());
            }
            report("dashboard (Till::dashboard, all figures)", &mut times, n);
        }
        if wanted("board") {
            let tz = till.time_zone().expect("time zone");
            for (label, query) in [
                ("board (all types)", BoardQuery::default()),
                (
                    "board (one type)",
                    BoardQuery {
                        order_type: Some("laundry".into()),
                    },
                ),
            ] {
                let mut times = Vec::with_capacity(n);
                let mut cards = 0;
                for _ in 0..10 {
                    till.board(&query, now, tz).await.expect("board");
                }
                for _ in 0..n {
                    let t = Instant::now();
                    let b = till.board(&query, now, tz).await.expect("board");
                    times.push(t.elapsed());
                    cards += b.columns.iter().map(|c| c.cards.len()).sum::<usize>();
                }
                report(label, &mut times, cards);
            }
        }
        if !wanted("count all") {
            till.close().await;
            return;
        }
        let mut times = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            till.count_orders(&OrderFilter::default())
                .await
                .expect("count");
            times.push(t.elapsed());
        }
        report("count all orders (export estimate)", &mut times, 20);
        till.close().await;
    });
    for lines in [false, true] {
        if !wanted("export") {
            break;
        }
        let (wall, peak_kb, size) = export_child(&db, lines);
        println!(
            "export csv{:<8} (child process)          wall {:>7.2} s   peak RSS {:>6.1} MB   {:.0} MB written",
            if lines { " --lines" } else { "" },
            wall.as_secs_f64(),
            peak_kb as f64 / 1024.0,
            size as f64 / 1e6
        );
    }
}
