//! Order intake (5 lines) and trigger transitions through the real core
//! (sqlx, one writer, BEGIN IMMEDIATE, synchronous=NORMAL), against a raw
//! rusqlite baseline doing the same writes on the same schema in the same run
//! (with SQLite's prepared-statement cache, as sqlx uses one).
//!
//! Run: `cargo bench --bench engine` (env BENCH_N sets iterations, default 3000).
//! Prints p50 / p90 / p99 per operation and the ratio to the baseline.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use rusqlite::types::FromSql;
use rusqlite::{params, Connection, Params, Transaction, TransactionBehavior};
use serde_json::json;
use tillflow::orders::OrderInput;
use tillflow::storage::Durability;
use tillflow::triggers::Trigger;
use tillflow::Till;

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i].as_secs_f64() * 1000.0
}

fn report(name: &str, v: &mut [Duration]) -> f64 {
    let (p50, p90, p99) = (pct(v, 0.5), pct(v, 0.9), pct(v, 0.99));
    println!(
        "{name:<34} p50 {p50:>7.3} ms   p90 {p90:>7.3} ms   p99 {p99:>7.3} ms   (n={})",
        v.len()
    );
    p50
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

/// The first column of the first row, through SQLite's statement cache.
fn first<T: FromSql, P: Params>(tx: &Transaction, sql: &str, p: P) -> rusqlite::Result<T> {
    tx.prepare_cached(sql)?.query_row(p, |r| r.get(0))
}

/// Runs a cached statement.
fn exec<P: Params>(tx: &Transaction, sql: &str, p: P) -> rusqlite::Result<usize> {
    tx.prepare_cached(sql)?.execute(p)
}

fn baseline(path: &std::path::Path, n: usize) -> (Vec<Duration>, Vec<Duration>) {
    let mut c = Connection::open(path).expect("open");
    c.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")
        .expect("pragmas");
    let plan_id: i64 = c
        .query_row(
            "SELECT plan_id FROM order_types WHERE key='laundry'",
            [],
            |r| r.get(0),
        )
        .expect("plan");
    let mut intake = Vec::with_capacity(n);
    let mut numbers = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        let tx = c
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .expect("tx");
        let no: i64 = first(&tx, "INSERT INTO counters (name, value) VALUES ('raw', 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value", [])
            .expect("counter");
        let number = format!("RAW-{no:06}");
        let phone = format!("06{:08}", i % 500);
        let cust: Option<i64> = first(
            &tx,
            "SELECT id FROM customers WHERE phone_digits = ? ORDER BY id LIMIT 1",
            [&phone],
        )
        .ok();
        let cust = match cust {
            Some(id) => id,
            None => first(&tx, "INSERT INTO customers (name, phone, phone_digits, created_at) VALUES (?, ?, ?, '2026') RETURNING id", params![format!("C {i}"), phone, phone])
                .expect("customer"),
        };
        let id: i64 = first(
            &tx,
                "INSERT INTO orders (number, order_type, plan_id, stage, status, stage_index, step_index, customer_id, fields, subtotal, tax, total, paid, due_date, created_at, updated_at, fulfillment_state) \
                 VALUES (?, 'laundry', ?, 'intake', 'received', 0, 0, ?, '{\"due_date\":\"2026-03-05\"}', 6000, 1200, 7200, 0, '2026-03-05', '2026-03-02T09:00:00Z', '2026-03-02T09:00:00Z', 'open') RETURNING id",
                params![number, plan_id, cust],
            )
            .expect("order");
        exec(&tx,
            "INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price, modifiers, tax_rate, note, delivery_method, amount, tax) VALUES \
             (?1, 0, 'SHIRT', 'Shirt', '3', 350, '[{\"name\":\"Starch\",\"price\":50}]', '20', NULL, NULL, 1200, 200), \
             (?1, 1, 'SUIT', 'Suit', '1', 1490, '[]', '20', NULL, NULL, 1490, 248), \
             (?1, 2, 'WASH-KG', 'Wash', '2.5', 420, '[]', '20', NULL, NULL, 1050, 175), \
             (?1, 3, 'DRESS', 'Dress', '1', 1200, '[]', '20', NULL, NULL, 1200, 200), \
             (?1, 4, NULL, 'Curtain', '1', 1800, '[]', '20', 'stain', NULL, 1800, 300)",
            [id],
        )
        .expect("lines");
        exec(&tx,
            "INSERT INTO order_events (order_id, at, actor, event, from_status, to_status, moved, reason) VALUES (?, '2026-03-02T09:00:00Z', 'bench', 'order.created', NULL, 'received', 1, NULL)",
            [id],
        )
        .expect("event");
        tx.commit().expect("commit");
        intake.push(t.elapsed());
        numbers.push(number);
    }
    let mut transition = Vec::with_capacity(n);
    for number in &numbers {
        let t = Instant::now();
        let tx = c
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .expect("tx");
        let (id, _plan, _stage, _si, _st, _total, _paid): (i64, i64, String, i64, i64, i64, i64) = tx
            .prepare_cached("SELECT id, plan_id, stage, stage_index, step_index, total, paid FROM orders WHERE number = ?")
            .and_then(|mut st| st.query_row([number], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
            }))
            .expect("state");
        exec(&tx, "UPDATE orders SET stage = 'production', status = 'cleaning', stage_index = 1, step_index = 0, updated_at = '2026', closed_at = NULL WHERE id = ?", [id])
            .expect("update");
        exec(&tx,
            "INSERT INTO order_events (order_id, at, actor, event, from_status, to_status, moved, reason) VALUES (?, '2026', 'bench', 'items.tagged', 'received', 'cleaning', 1, NULL)",
            [id],
        )
        .expect("event");
        tx.commit().expect("commit");
        transition.push(t.elapsed());
    }
    (intake, transition)
}

fn main() {
    let n: usize = std::env::var("BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("bench.db");
    // The runtime the CLI and the app use (threads kept on one CPU).
    let rt = tillflow::runtime::build(2).expect("runtime");
    let now = Utc
        .with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
        .single()
        .expect("date");

    let till_path = path.clone();
    let work = rt.spawn(async move {
        let path = till_path;
        let till = Till::open(&path, Durability::Normal).await.expect("open");
        till.ensure_demo(now).await.expect("demo");
        // Warm up caches and the statement cache.
        for i in 0..50 {
            till.create_order(&input(i), &tillflow::staff::Actor::trusted("bench"), now)
                .await
                .expect("warm");
        }
        let mut intake = Vec::with_capacity(n);
        let mut numbers = Vec::with_capacity(n);
        for i in 0..n {
            let inp = input(i);
            let t = Instant::now();
            let r = till
                .create_order(&inp, &tillflow::staff::Actor::trusted("bench"), now)
                .await
                .expect("create");
            intake.push(t.elapsed());
            numbers.push(r.number);
        }
        let mut transition = Vec::with_capacity(n);
        for number in &numbers {
            let t = Instant::now();
            let r = till
                .fire_event(
                    number,
                    Trigger::ItemsTagged,
                    &tillflow::staff::Actor::trusted("bench"),
                    now,
                )
                .await
                .expect("event");
            transition.push(t.elapsed());
            assert!(r.moved);
        }
        till.close().await;
        (intake, transition)
    });
    let (mut intake, mut transition) = rt.block_on(work).expect("bench task");
    let (mut raw_intake, mut raw_transition) = baseline(&path, n);

    println!("Tillflow engine benchmark, synchronous=NORMAL, WAL, n={n}");
    let a = report("tillflow intake (5 lines)", &mut intake);
    let b = report("raw rusqlite intake (same writes)", &mut raw_intake);
    let c = report("tillflow transition (items.tagged)", &mut transition);
    let d = report("raw rusqlite transition", &mut raw_transition);
    println!(
        "ratio to baseline: intake {:.2}x, transition {:.2}x",
        a / b,
        c / d
    );
    println!("targets: intake p50 <= 0.25 ms, transition p50 <= 0.15 ms, <= 2x baseline");
}
