//! The tamper test: a real SQLite file with a trading history, its journal
//! triggers dropped, then raw SQL edits — every single-field edit of an
//! entry, deletions, reorderings, insertions (forged with the right hash
//! algorithm), and edits of the payment, order and return rows the
//! journal describes — each must be caught by `verify`.
//!
//! Tampers go in batches (a verification of 10,000 entries takes about a
//! second in a debug build; one per tamper would take days): a batch makes
//! the same kind of tamper at entries spaced at least 5 apart (or on rows of
//! orders spaced apart), runs `verify` once, and counts a tamper as caught
//! only when the report names *it*: an entry within one of where it was
//! made, or (for a row) its order's number. The batch is then undone, and
//! the untouched database verifies at the end.
//!
//! `cargo test --test journal_tamper` runs a sample on a small history;
//! the full sweep over ≥ 10,000 entries is
//! `cargo test --test journal_tamper -- --ignored --nocapture`
//! (`TAMPER_ORDERS` sets the number of orders, default 4,000).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use common::{d, Shop};
use serde_json::{json, Value};
use tillflow::journal::chain::Report;
use tillflow::journal::{canonical, entry_hash};
use tillflow::orders::PaymentInput;
use tillflow::payments::RefundTo;
use tillflow::returns::ReturnInput;
use tillflow::shipments::LineQty;
use tillflow::staff::Actor;

fn anna() -> Actor {
    Actor::trusted("anna")
}

/// A trading history of `orders` laundry orders: each a sale paid in part
/// at intake; every 10th canceled, two in 10 paid again later, one in 10
/// paid in full, picked up and a line returned (refunded); a settings
/// change and a sign-in/out.
async fn trade(shop: &Shop, orders: usize) {
    let owner = shop
        .till
        .add_first_owner("Olga", "482913", shop.now())
        .await
        .expect("owner");
    for i in 0..orders {
        let n = shop
            .laundry(json!([{"method": "card", "amount": "10.00"}]))
            .await;
        let pay = |amount: &str, method: &str| PaymentInput {
            method: method.into(),
            amount: d(amount),
            reference: None,
        };
        match i % 10 {
            0 => {
                shop.till
                    .cancel(&n, "customer left", &anna(), shop.now())
                    .await
                    .expect("cancel");
            }
            1 | 2 => {
                shop.till
                    .pay(&n, &pay("1.50", "cash"), &anna(), shop.now())
                    .await
                    .expect("pay");
            }
            3 => {
                let o = shop.till.order(&n).await.expect("order");
                shop.till
                    .pay(&n, &pay(&o.totals.balance, "cash"), &anna(), shop.now())
                    .await
                    .expect("pay in full");
                shop.pick_up(&n).await;
                let ret = ReturnInput {
                    lines: vec![LineQty {
                        line: 2,
                        qty: d("1"),
                    }],
                    restock: None,
                    refund_to: RefundTo::Original,
                    reason: "stain not removed".into(),
                };
                shop.till
                    .return_lines(&n, &ret, &anna(), shop.now())
                    .await
                    .expect("return");
            }
            _ => {}
        }
        if i == orders / 2 {
            shop.set_laundry_deposit("10").await.expect("settings");
            let olga = shop
                .till
                .sign_in(&owner.name, "482913", shop.now())
                .await
                .expect("sign in");
            shop.till.sign_out(&olga, shop.now()).await.expect("out");
        }
    }
}

/// The database file, opened raw, with the journal's triggers dropped and
/// pristine copies of what the tampers touch.
struct Lab {
    conn: rusqlite::Connection,
    /// (seq, kind, actor, at, payload, prev_hash, hash) of till T1, by seq.
    entries: Vec<(i64, String, String, String, String, String, String)>,
}

impl Lab {
    fn open(shop: &Shop) -> Lab {
        let conn = rusqlite::Connection::open(shop.dir.path().join("shop.db")).expect("open");
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;
             CREATE TABLE pristine_journal AS SELECT * FROM journal;
             CREATE TABLE pristine_payments AS SELECT * FROM payments;
             CREATE TABLE pristine_orders AS SELECT * FROM orders;
             CREATE TABLE pristine_returns AS SELECT * FROM returns;
             CREATE TABLE pristine_head AS SELECT * FROM journal_head;",
        )
        .expect("set up");
        let entries = {
            let mut stmt = conn
                .prepare("SELECT seq, kind, actor, at, payload, prev_hash, hash FROM journal WHERE till = 'T1' ORDER BY seq")
                .expect("prepare");
            stmt.query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
        };
        Lab { conn, entries }
    }

    fn run(&self, sql: &str) {
        self.conn
            .execute_batch(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    fn restore_journal(&self) {
        self.run(
            "DELETE FROM journal; INSERT INTO journal SELECT * FROM pristine_journal;
             DELETE FROM journal_head; INSERT INTO journal_head SELECT * FROM pristine_head;",
        );
    }

    fn restore_rows(&self, table: &str, ids: &[i64]) {
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        self.run(&format!(
            "DELETE FROM {table} WHERE id IN ({list}) OR id > 1000000000;
             INSERT INTO {table} SELECT * FROM pristine_{table} WHERE id IN ({list});"
        ));
    }

    /// (row id, its order's number, the order's index) of every row of `table`.
    fn rows(&self, table: &str) -> Vec<(i64, String, usize)> {
        let sql = if table == "orders" {
            "SELECT id, number, id FROM orders ORDER BY id".to_string()
        } else {
            format!("SELECT t.id, o.number, o.id FROM {table} t JOIN orders o ON o.id = t.order_id ORDER BY t.id")
        };
        let mut stmt = self.conn.prepare(&sql).expect("prepare");
        stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as usize))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
    }
}

fn q(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A payload with one value changed and still canonical (a careful forger).
fn altered_payload(payload: &str) -> String {
    let mut v: Value = serde_json::from_str(payload).expect("json");
    let map = v.as_object_mut().expect("object");
    let key = map
        .iter()
        .find(|(_, v)| v.is_i64())
        .or_else(|| map.iter().find(|(_, v)| v.is_string()))
        .map(|(k, _)| k.clone())
        .expect("a field to change");
    let new = match &map[&key] {
        Value::Number(n) => json!(n.as_i64().unwrap_or(0) + 1),
        Value::String(s) => json!(format!("{s}x")),
        other => other.clone(),
    };
    map.insert(key, new);
    canonical(&v).expect("canonical")
}

fn flip(hex: &str) -> String {
    let mut c: Vec<char> = hex.chars().collect();
    c[10] = if c[10] == 'a' { 'b' } else { 'a' };
    c.into_iter().collect()
}

/// Tried and caught, per kind of tamper.
#[derive(Default)]
struct Tally(BTreeMap<String, (u64, u64)>);

impl Tally {
    fn print(&self, what: &str) {
        if let Some((t, c)) = self.0.get(what) {
            println!("  {what:<28} tried {t:>7}  caught {c:>7}");
        }
    }

    fn note(&mut self, what: &str, caught: bool) {
        let e = self.0.entry(what.to_string()).or_default();
        e.0 += 1;
        e.1 += u64::from(caught);
    }

    fn print_and_check(&self) {
        let (mut tried, mut caught) = (0, 0);
        for (what, (t, c)) in &self.0 {
            println!("{what:<28} tried {t:>7}  caught {c:>7}");
            tried += t;
            caught += c;
        }
        println!("{:<28} tried {tried:>7}  caught {caught:>7}", "ALL");
        assert_eq!(tried, caught, "every tamper is caught");
        assert!(tried > 0);
    }
}

async fn verify(shop: &Shop) -> Report {
    // Every problem listed, so each tamper of a batch can be looked for.
    let r = shop
        .till
        .store()
        .verify_journal_listing(1_000_000)
        .await
        .expect("verify runs");
    assert!(
        r.problem_count as usize <= r.problems.len(),
        "a batch too big to attribute: {} problems, {} listed",
        r.problem_count,
        r.problems.len()
    );
    r
}

/// The T1 sequence numbers the report names.
fn named(r: &Report) -> BTreeSet<i64> {
    r.problems
        .iter()
        .filter_map(|p| p.entry.as_deref()?.strip_prefix("T1#")?.parse().ok())
        .collect()
}

/// Whether `text` names order `number` (not a longer number it starts).
fn mentions(text: &str, number: &str) -> bool {
    text.match_indices(number).any(|(i, _)| {
        !text[i + number.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// The batches of entry indexes `0..n`: every index once, indexes of a
/// batch at least `stride` apart, batches of at most `per` entries.
fn entry_batches(n: usize, per: usize) -> Vec<Vec<usize>> {
    let stride = n.div_ceil(per.max(1)).max(5);
    (0..stride)
        .map(|offset| (offset..n).step_by(stride).collect())
        .filter(|b: &Vec<usize>| !b.is_empty())
        .collect()
}

/// Makes every tamper: each kind on every entry (batches of `per`) and on
/// every payment, order and return row.
async fn sweep(shop: &Shop, per: usize) -> Tally {
    let lab = Lab::open(shop);
    let mut t = Tally::default();
    assert!(verify(shop).await.ok, "the untouched history verifies");
    let n = lab.entries.len();
    type Edit = fn(&Lab, i64, usize) -> String;
    let e = |i: usize| &lab.entries[i];
    let single: Vec<(&str, Edit)> = vec![
        ("edit till", |_, s, _| {
            format!("UPDATE journal SET till = 'T9' WHERE till = 'T1' AND seq = {s};")
        }),
        ("edit seq", |_, s, _| {
            format!("UPDATE journal SET seq = seq + 1000000000 WHERE seq = {s};")
        }),
        ("edit kind", |l, s, i| {
            let other = if l.entries[i].1 == "sale" {
                "payment"
            } else {
                "sale"
            };
            format!("UPDATE journal SET kind = {} WHERE seq = {s};", q(other))
        }),
        ("edit at", |l, s, i| {
            format!(
                "UPDATE journal SET at = {} WHERE seq = {s};",
                q(&l.entries[i].3.replacen("2026", "2025", 1))
            )
        }),
        ("edit actor", |l, s, i| {
            format!(
                "UPDATE journal SET actor = {} WHERE seq = {s};",
                q(&format!("{}x", l.entries[i].2))
            )
        }),
        ("edit payload", |l, s, i| {
            format!(
                "UPDATE journal SET payload = {} WHERE seq = {s};",
                q(&altered_payload(&l.entries[i].4))
            )
        }),
        ("edit prev_hash", |l, s, i| {
            format!(
                "UPDATE journal SET prev_hash = {} WHERE seq = {s};",
                q(&flip(&l.entries[i].5))
            )
        }),
        ("edit hash", |l, s, i| {
            format!(
                "UPDATE journal SET hash = {} WHERE seq = {s};",
                q(&flip(&l.entries[i].6))
            )
        }),
        ("delete", |_, s, _| {
            format!("DELETE FROM journal WHERE seq = {s};")
        }),
        ("edit payload + rehash", |l, s, i| {
            // The forger knows the algorithm: the next entry's prev_hash,
            // or the head, gives it away.
            let (_, kind, actor, at, payload, prev, _) = &l.entries[i];
            let forged = altered_payload(payload);
            let hash = entry_hash(prev, "T1", s as u64, kind, at, actor, &forged).expect("hash");
            format!(
                "UPDATE journal SET payload = {}, hash = {} WHERE seq = {s};",
                q(&forged),
                q(&hash)
            )
        }),
        ("swap with next", |l, s, _| {
            if s >= l.entries.len() as i64 {
                return String::new();
            }
            format!(
                "UPDATE journal SET seq = 1999999999 WHERE seq = {s};
                 UPDATE journal SET seq = {s} WHERE seq = {};
                 UPDATE journal SET seq = {} WHERE seq = 1999999999;",
                s + 1,
                s + 1
            )
        }),
    ];
    let batches = entry_batches(n, per);
    for (what, edit) in &single {
        println!("{what}: {} batches", batches.len());
        for batch in &batches {
            let mut made = Vec::new();
            for &i in batch {
                let s = e(i).0;
                let sql = edit(&lab, s, i);
                if !sql.is_empty() {
                    lab.run(&sql);
                    made.push(s);
                }
            }
            let r = verify(shop).await;
            let seen = named(&r);
            for s in made {
                let hit = (s - 1..=s + 2).any(|x| seen.contains(&x));
                t.note(what, hit && !r.ok);
            }
            lab.restore_journal();
        }
        t.print(what);
    }
    // Insertions: after each entry of the batch, a forged entry correctly
    // chained to it (the forger knows the algorithm), later ones renumbered.
    println!("insert after: {} batches", batches.len());
    for batch in &batches {
        // Entry x moves up by the number of chosen entries before it.
        let chosen: Vec<i64> = batch.iter().map(|&i| e(i).0).collect();
        let shift: Vec<String> = lab
            .entries
            .iter()
            .map(|en| {
                let up = chosen.iter().filter(|&&c| c < en.0).count() as i64;
                format!("({}, {})", en.0, en.0 + up)
            })
            .collect();
        lab.run(&format!(
            "CREATE TEMP TABLE shift (seq INTEGER PRIMARY KEY, new INTEGER NOT NULL);
             INSERT INTO shift VALUES {};
             UPDATE journal SET seq = 1000000000 + (SELECT new FROM shift WHERE shift.seq = journal.seq);
             UPDATE journal SET seq = seq - 1000000000;
             DROP TABLE shift;",
            shift.join(",")
        ));
        let mut made = Vec::new();
        for (k, &i) in batch.iter().enumerate() {
            let (s, _, actor, at, _, _, hash) = e(i);
            let pos = s + k as i64 + 1;
            let fake = r#"{"amount":100,"method":"cash","order":"X","reference":null}"#;
            let fake_hash =
                entry_hash(hash, "T1", pos as u64, "payment", at, actor, fake).expect("hash");
            lab.run(&format!(
                "INSERT INTO journal VALUES ('T1', {pos}, 'payment', {}, {}, {}, {}, {});",
                q(at),
                q(actor),
                q(fake),
                q(hash),
                q(&fake_hash)
            ));
            made.push(pos);
        }
        let r = verify(shop).await;
        let seen = named(&r);
        for pos in made {
            t.note(
                "insert after",
                !r.ok && (pos - 1..=pos + 1).any(|x| seen.contains(&x)),
            );
        }
        lab.restore_journal();
    }
    t.print("insert after");
    // The rows the journal describes: per column, a batch edits one row of
    // each of orders spaced 3 apart; caught when the report names its order.
    let col_edits: &[(&str, &[(&str, &str)])] = &[
        (
            "payments",
            &[
                ("amount", "amount + 1"),
                ("method", "method || 'x'"),
                ("order_id", "order_id + 1"),
                ("reference", "COALESCE(reference, '') || 'x'"),
                ("at", "replace(at, '2026', '2025')"),
                ("actor", "actor || 'x'"),
            ],
        ),
        (
            "orders",
            &[
                ("number", "number || 'x'"),
                ("order_type", "order_type || 'x'"),
                ("subtotal", "subtotal + 1"),
                ("tax", "tax + 1"),
                ("total", "total + 1"),
                ("paid", "paid + 1"),
                (
                    "stage",
                    "CASE stage WHEN 'canceled' THEN 'intake' ELSE 'canceled' END",
                ),
                ("created_at", "replace(created_at, '2026', '2025')"),
            ],
        ),
        (
            "returns",
            &[
                ("refund", "refund + 1"),
                ("charge", "charge + 1"),
                (
                    "kind",
                    "CASE kind WHEN 'return' THEN 'exchange' ELSE 'return' END",
                ),
                ("at", "replace(at, '2026', '2025')"),
                ("actor", "actor || 'x'"),
                ("order_id", "order_id + 1"),
            ],
        ),
    ];
    for (table, cols) in col_edits {
        let rows = lab.rows(table);
        // Batches: rows of orders 3 apart, one row per order, at most `per`.
        let mut left: Vec<&(i64, String, usize)> = rows.iter().collect();
        let mut batches: Vec<Vec<&(i64, String, usize)>> = Vec::new();
        while !left.is_empty() {
            let mut taken: Vec<usize> = Vec::new();
            let mut batch = Vec::new();
            left.retain(|r| {
                let free = batch.len() < per && taken.iter().all(|o| o.abs_diff(r.2) >= 3);
                if free {
                    taken.push(r.2);
                    batch.push(*r);
                }
                !free
            });
            batches.push(batch);
        }
        let mut kinds: Vec<(String, String)> = cols
            .iter()
            .map(|(c, x)| {
                (
                    format!("{table}.{c} edited"),
                    format!("UPDATE {table} SET {c} = {x} WHERE id = "),
                )
            })
            .collect();
        kinds.push((
            format!("{table} row deleted"),
            format!("DELETE FROM {table} WHERE id = "),
        ));
        kinds.push((format!("{table} row inserted"), String::new()));
        for (what, sql) in &kinds {
            println!("{what}: {} batches", batches.len());
            for batch in &batches {
                let ids: Vec<i64> = batch.iter().map(|r| r.0).collect();
                for (k, (id, _, _)) in batch.iter().enumerate() {
                    if sql.is_empty() {
                        // A row slipped in: a copy of this one under a new id.
                        let renumber = if *table == "orders" {
                            ", number = number || '-2'"
                        } else {
                            ""
                        };
                        lab.run(&format!(
                            "CREATE TEMP TABLE fake AS SELECT * FROM pristine_{table} WHERE id = {id};
                             UPDATE fake SET id = {}{renumber};
                             INSERT INTO {table} SELECT * FROM fake; DROP TABLE fake;",
                            1_000_000_001 + k
                        ));
                    } else {
                        lab.run(&format!("{sql}{id};"));
                    }
                }
                let r = verify(shop).await;
                let text: Vec<String> = r.problems.iter().map(|p| p.message.clone()).collect();
                for (_, number, _) in batch {
                    let hit = text.iter().any(|m| mentions(m, number));
                    t.note(what, hit && !r.ok);
                }
                lab.restore_rows(table, &ids);
            }
            t.print(what);
        }
    }
    assert!(verify(shop).await.ok, "every tamper was undone");
    t
}

#[tokio::test]
async fn a_sample_of_every_tamper_is_caught() {
    let shop = Shop::demo().await;
    trade(&shop, 12).await;
    let t = sweep(&shop, 8).await;
    t.print_and_check();
}

#[tokio::test]
#[ignore = "the full sweep over ≥ 10,000 entries: run by hand (see the file's doc)"]
async fn every_tamper_over_ten_thousand_entries_is_caught() {
    let orders: usize = std::env::var("TAMPER_ORDERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4000);
    let shop = Shop::demo().await;
    let started = Instant::now();
    trade(&shop, orders).await;
    println!(
        "history of {orders} orders written in {:.1?}",
        started.elapsed()
    );
    let started = Instant::now();
    let r = shop.till.verify_journal(&anna()).await.expect("verify");
    println!("verify: {} entries in {:.1?}", r.entries, started.elapsed());
    assert!(r.ok && r.entries >= 10_000, "{} entries", r.entries);
    let started = Instant::now();
    let t = sweep(&shop, 2500).await;
    println!("sweep in {:.1?}", started.elapsed());
    t.print_and_check();
}
