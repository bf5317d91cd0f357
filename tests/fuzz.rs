//! Property tests and fuzz-style harnesses (proptest, stable Rust) over
//! what comes from outside: order input JSON, settings files, CSV imports,
//! typed amounts and scanned codes. Each harness checks: no panic, a typed
//! error (never `storage` or `io` for bad input), and nothing written on
//! error (row counts of every table before and after).
//!
//! Cases per harness: `TILLFLOW_FUZZ_CASES` (default 256, what CI runs);
//! the README's "Safety harnesses" section reports a 10,000-case release run:
//! `TILLFLOW_FUZZ_CASES=10000 cargo test --release --test fuzz -- --nocapture`

mod common;

use common::Shop;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use tillflow::money::{parse_decimal, parse_quantity, Currency, MAX_MINOR, MAX_QUANTITY};
use tillflow::orders::totals::{compute, PricedLine, Pricing};
use tillflow::orders::{OrderFilter, OrderInput};
use tillflow::settings::{Settings, TaxRounding};

fn cases() -> u32 {
    std::env::var("TILLFLOW_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    })
}

/// Runs a harness and says how long it took (the README's figures).
fn timed(name: &str, f: impl FnOnce()) {
    let started = std::time::Instant::now();
    f();
    println!(
        "fuzz {name}: {} cases in {:.1} s",
        cases(),
        started.elapsed().as_secs_f64()
    );
}

/// Errors input may cause; `storage` and `io` would mean the input got
/// past the checks into SQL or a file.
fn typed(e: &tillflow::Error) -> Result<(), TestCaseError> {
    prop_assert!(
        matches!(
            e.code(),
            "invalid" | "settings_invalid" | "not_found" | "conflict"
        ),
        "untyped error for input: {} {}",
        e.code(),
        e
    );
    Ok(())
}

/// Row counts of every table of the shop's database.
struct Rows(rusqlite::Connection);

impl Rows {
    fn open(shop: &Shop) -> Rows {
        Rows(rusqlite::Connection::open(shop.dir.path().join("shop.db")).unwrap())
    }

    fn count(&self) -> Vec<(String, i64)> {
        common::table_rows(&self.0)
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

// ---- generators -----------------------------------------------------------

/// Text as a hostile client might send it.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 .,+@'=;-]{0,16}",
        2 => "\\PC{0,24}",
        2 => any::<String>(),
        1 => Just("\u{0}".to_string()),
        1 => Just("=cmd|' /C calc'!A0".to_string()),
        1 => (1usize..40_000).prop_map(|n| "9".repeat(n)),
        1 => (1usize..6000).prop_map(|n| "é".repeat(n)),
    ]
}

/// Decimal-looking text: strict, lenient, huge, and anything.
fn decimal_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "-?[0-9]{1,3}(\\.[0-9]{1,3})?",
        2 => "-?[0-9]{1,30}(\\.[0-9]{1,30})?",
        2 => "[-+]?[0-9_]{0,6}[.]?[0-9]{0,4}([eE][-+]?[0-9]{1,3})?",
        1 => prop::sample::select(vec![
            "92233720368547758.07", "100000000000.00", "100000000000.01",
            "1000000", "1000000.001", "0.001", "0", "-0", "00.10",
            "79228162514264337593543950335", "1e9", "1_000", "+3", "3.", ".5",
        ]).prop_map(String::from),
        1 => hostile_text(),
    ]
}

fn opt<T: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<T>> {
    prop::option::weighted(0.7, s)
}

/// Mostly `valid`, now and then `hostile`: most orders get far enough to
/// be priced and stored, the rest probe every field.
fn mostly<T: std::fmt::Debug + Clone + 'static>(
    valid: impl Strategy<Value = T> + 'static,
    hostile: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<T> {
    prop_oneof![12 => valid, 1 => hostile].boxed()
}

fn line_json() -> impl Strategy<Value = Value> {
    (
        opt(prop::sample::select(vec![
            "SHIRT",
            "WASH-KG",
            "NOPE",
            "PHONE-CASE",
        ])),
        opt(mostly("[A-Z][a-z]{1,12}".boxed(), hostile_text().boxed())),
        mostly("[1-9]{1,2}(\\.[0-9]{1,3})?".boxed(), decimal_text().boxed()),
        mostly(
            "[0-9]{1,3}\\.[0-9]{2}".prop_map(Some).boxed(),
            opt(decimal_text()).boxed(),
        ),
        mostly(
            prop::sample::select(vec!["0", "5.5", "20"])
                .prop_map(|r| Some(r.to_string()))
                .boxed(),
            opt(decimal_text()).boxed(),
        ),
        prop::collection::vec(
            (
                mostly("[A-Z][a-z]{1,8}".boxed(), hostile_text().boxed()),
                mostly(
                    "-?[0-9]\\.[0-9]{2}".prop_map(Some).boxed(),
                    opt(decimal_text()).boxed(),
                ),
            ),
            0..3,
        ),
        opt(mostly("[a-z ]{1,20}".boxed(), hostile_text().boxed())),
    )
        .prop_map(|(sku, name, qty, price, rate, mods, note)| {
            let mods: Vec<Value> = mods
                .into_iter()
                .map(|(n, p)| json!({"name": n, "price": p}))
                .collect();
            json!({"sku": sku, "name": name, "qty": qty, "unit_price": price,
                   "tax_rate": rate, "modifiers": mods, "note": note})
        })
}

fn order_json() -> impl Strategy<Value = String> {
    let customer = mostly(
        ("[A-Z][a-z]{1,10}", "0[1-9][0-9]{8}")
            .prop_map(|(n, p)| json!({"name": n, "phone": p}))
            .boxed(),
        (
            opt(hostile_text()),
            opt(prop_oneof![hostile_text(), "[0-9 +()-]{0,30}"]),
            opt(hostile_text()),
            opt(hostile_text()),
        )
            .prop_map(|(name, phone, email, address)| {
                json!({"name": name, "phone": phone, "email": email, "address": address})
            })
            .boxed(),
    );
    (
        mostly(
            Just("laundry").boxed(),
            prop::sample::select(vec!["repair", "retail", "nope"]).boxed(),
        ),
        customer,
        prop_oneof![
            12 => prop::collection::vec(line_json(), 1..5),
            1 => Just(Vec::new()),
            1 => Just(vec![json!({"name": "C", "qty": "1", "unit_price": "1.00", "tax_rate": "0"}); 2731]),
        ],
        prop::collection::vec(
            (
                mostly(Just("cash".to_string()).boxed(), hostile_text().boxed()),
                mostly("0\\.[0-9]{2}".boxed(), decimal_text().boxed()),
                opt(hostile_text()),
            ),
            0..2,
        ),
        (
            mostly(Just(Some("2026-03-05".to_string())).boxed(), opt(hostile_text()).boxed()),
            opt(hostile_text()),
            opt(hostile_text()),
        ),
        0usize..60,
    )
        .prop_map(|(t, customer, lines, pays, (due, notes, estimate), cut)| {
            let pays: Vec<Value> = pays
                .into_iter()
                .map(|(m, a, r)| json!({"method": m, "amount": a, "reference": r}))
                .collect();
            let fields = match t {
                "laundry" => json!({"due_date": due, "notes": notes}),
                "repair" => json!({"due_date": due, "problem": notes, "estimate": estimate,
                                   "device": "Phone"}),
                _ => json!({"delivery": "courier", "shipping_address": notes}),
            };
            let doc = json!({
                "type": t, "customer": customer, "lines": lines, "payments": pays,
                "fields": fields,
            })
            .to_string();
            // Now and then, a document cut short.
            if cut == 0 {
                let mut half = doc.len() / 2;
                while !doc.is_char_boundary(half) {
                    half -= 1;
                }
                doc[..half].to_string()
            } else {
                doc
            }
        })
}

// ---- properties -----------------------------------------------------------

fn bounded_line() -> impl Strategy<Value = PricedLine> {
    let unit = prop_oneof![
        0i64..100_000,
        0i64..=MAX_MINOR,
        (MAX_MINOR - 1000)..=MAX_MINOR
    ];
    let qty = prop_oneof![1i64..10_000, 1i64..=MAX_QUANTITY * 1000];
    (qty, unit, -MAX_MINOR..=MAX_MINOR, 0u32..=1_000_000).prop_map(|(q, unit, m, rate)| {
        PricedLine {
            qty: Decimal::new(q, 3),
            unit_price: unit,
            modifiers: m.max(-unit),
            tax_rate: Decimal::new(i64::from(rate), 4),
            discount: None,
        }
    })
}

/// Totals never wrap: for any lines inside the bounds they are either
/// right (checked in i128) or an `invalid` error because an amount is
/// beyond the bound — never a wrapped or saturated number.
#[test]
fn totals_never_wrap_inside_the_bounds() {
    timed("totals", || {
        runner()
            .run(
                &(
                    prop::collection::vec(bounded_line(), 1..40),
                    any::<bool>(),
                    any::<bool>(),
                ),
                |(lines, inclusive, per_line)| {
                    let pricing = Pricing {
                        prices_include_tax: inclusive,
                        rounding: if per_line {
                            TaxRounding::PerLine
                        } else {
                            TaxRounding::PerDocument
                        },
                    };
                    // The exact amounts, in i128: at most 2 × every line's
                    // amount can be charged (tax ≤ 100 %).
                    let exact: i128 = lines
                        .iter()
                        .map(|l| {
                            let unit = i128::from(l.unit_price + l.modifiers);
                            (unit * i128::from(l.qty.mantissa() as i64)).abs() / 1000 + 1
                        })
                        .sum();
                    match compute(&lines, pricing) {
                        Ok(t) => {
                            let b = i128::from(MAX_MINOR);
                            for v in [t.subtotal, t.tax, t.total] {
                                prop_assert!(i128::from(v).abs() <= b);
                            }
                            prop_assert_eq!(
                                i128::from(t.subtotal) + i128::from(t.tax),
                                i128::from(t.total)
                            );
                            let charged: i128 = t.lines.iter().map(|l| i128::from(l.amount)).sum();
                            let base = if inclusive { t.total } else { t.subtotal };
                            prop_assert_eq!(charged, i128::from(base));
                            for (l, lt) in lines.iter().zip(&t.lines) {
                                let unit = i128::from(l.unit_price + l.modifiers);
                                let exact = unit * i128::from(l.qty.mantissa() as i64);
                                // Half away from zero, in thousandths.
                                let rounded = (exact + 500) / 1000;
                                prop_assert_eq!(i128::from(lt.amount), rounded);
                            }
                        }
                        Err(e) => {
                            prop_assert_eq!(e.code(), "invalid");
                            prop_assert!(
                                exact * 2 > i128::from(MAX_MINOR),
                                "refused lines far inside the bound: {}",
                                e
                            );
                        }
                    }
                    Ok(())
                },
            )
            .unwrap();
    });
}

/// parse ∘ format = id for every amount inside the bound, in currencies
/// with 0 to 4 decimals; and format ∘ parse is the canonical text.
#[test]
fn money_parse_of_format_is_identity() {
    timed("parse-format", || {
        let currencies: Vec<Currency> = ["JPY", "EUR", "BHD", "CLF"]
            .iter()
            .map(|c| Currency::from_code(c).unwrap())
            .collect();
        runner()
            .run(
                &(
                    prop_oneof![-MAX_MINOR..=MAX_MINOR, -1000i64..1000],
                    0usize..4,
                    "-?[0-9]{1,14}(\\.[0-9]{1,4})?",
                ),
                |(minor, c, text)| {
                    let c = &currencies[c];
                    prop_assert_eq!(c.parse(&c.format(minor), "x").unwrap(), minor);
                    if let Ok(m) = c.parse(&text, "x") {
                        prop_assert_eq!(c.parse(&c.format(m), "x").unwrap(), m);
                        prop_assert_eq!(c.to_decimal(m), text.parse::<Decimal>().unwrap());
                    }
                    Ok(())
                },
            )
            .unwrap();
    });
}

/// Any text typed as an amount, a quantity or a decimal: an `invalid`
/// error or a value inside the bounds written in strict syntax.
#[test]
fn fuzz_money_parsing() {
    timed("money", || {
        let eur = Currency::from_code("EUR").unwrap();
        let strict = |t: &str| {
            let t = t.trim();
            let d = t.strip_prefix('-').unwrap_or(t);
            let (w, f) = d.split_once('.').unwrap_or((d, "0"));
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            digits(w) && digits(f)
        };
        runner()
            .run(&decimal_text(), |text| {
                match eur.parse(&text, "amount") {
                    Ok(m) => {
                        prop_assert!(m.abs() <= MAX_MINOR);
                        prop_assert!(strict(&text), "{text:?} accepted");
                    }
                    Err(e) => prop_assert!(e.to_string().starts_with("amount: ")),
                }
                match parse_quantity(&text, "qty") {
                    Ok(q) => {
                        prop_assert!(q > Decimal::ZERO && q <= Decimal::from(MAX_QUANTITY));
                        prop_assert!(strict(&text), "{text:?} accepted");
                    }
                    Err(e) => prop_assert_eq!(e.code(), "invalid"),
                }
                match parse_decimal(&text, "d") {
                    Ok(_) => prop_assert!(strict(&text), "{text:?} accepted"),
                    Err(e) => prop_assert_eq!(e.code(), "invalid"),
                }
                Ok(())
            })
            .unwrap();
    });
}

/// Order input JSON, from valid to hostile: created (inside the bounds) or
/// a typed error with nothing written.
#[test]
fn fuzz_order_input() {
    let rt = runtime();
    let shop = rt.block_on(Shop::demo());
    let rows = Rows::open(&shop);
    let (created, refused) = (std::cell::Cell::new(0u32), std::cell::Cell::new(0u32));
    timed("order input", || {
        runner()
            .run(&order_json(), |doc| {
                let before = rows.count();
                let input: OrderInput = match serde_json::from_str(&doc) {
                    Ok(i) => i,
                    Err(_) => {
                        refused.set(refused.get() + 1);
                        return Ok(());
                    }
                };
                match rt.block_on(shop.till.create_order(
                    &input,
                    &tillflow::staff::Actor::trusted("fuzz"),
                    shop.now(),
                )) {
                    Ok(r) => {
                        created.set(created.get() + 1);
                        let o = rt.block_on(shop.till.order(&r.number)).unwrap();
                        let eur = Currency::from_code("EUR").unwrap();
                        let total = eur.parse(&o.totals.total, "total").unwrap();
                        prop_assert!(total.abs() <= MAX_MINOR);
                    }
                    Err(e) => {
                        refused.set(refused.get() + 1);
                        typed(&e)?;
                        prop_assert_eq!(rows.count(), before, "written by a refused order: {}", e);
                    }
                }
                Ok(())
            })
            .unwrap();
    });
    println!(
        "order input: {} created, {} refused",
        created.get(),
        refused.get()
    );
    rt.block_on(shop.till.close());
}

/// A settings file mutated at one place (a hostile value anywhere) or cut
/// short: imported, or a typed error with nothing written.
#[test]
fn fuzz_settings_import() {
    let rt = runtime();
    let shop = rt.block_on(Shop::demo());
    let rows = Rows::open(&shop);
    let demo = serde_json::to_value(Settings::demo()).unwrap();
    let mut paths = Vec::new();
    collect_paths(&demo, &mut Vec::new(), &mut paths);
    let value = prop_oneof![
        hostile_text().prop_map(Value::String),
        decimal_text().prop_map(Value::String),
        Just(Value::Null),
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        Just(json!([])),
        Just(json!({})),
    ];
    let backups = shop.dir.path().join("backups");
    timed("settings import", || {
        runner()
            .run(
                &(
                    0..paths.len(),
                    value,
                    0usize..40,
                    any::<prop::sample::Index>(),
                ),
                |(at, v, cut, cut_at)| {
                    let mut doc = demo.clone();
                    set_path(&mut doc, &paths[at], v);
                    let mut text = doc.to_string();
                    if cut == 0 {
                        let mut i = cut_at.index(text.len());
                        while !text.is_char_boundary(i) {
                            i -= 1;
                        }
                        text.truncate(i);
                    }
                    let before = rows.count();
                    let settings = match Settings::from_json(&text) {
                        Ok(s) => s,
                        Err(e) => {
                            typed(&e)?;
                            return Ok(());
                        }
                    };
                    match rt.block_on(shop.till.import_settings(
                        settings,
                        &tillflow::staff::Actor::trusted("fuzz"),
                        shop.now(),
                    )) {
                        Ok(_) => {
                            // Keep the disk small: every import backs up first.
                            let _ = std::fs::remove_dir_all(&backups);
                        }
                        Err(e) => {
                            typed(&e)?;
                            prop_assert_eq!(rows.count(), before, "written by {}", e);
                        }
                    }
                    Ok(())
                },
            )
            .unwrap();
    });
    rt.block_on(shop.till.close());
}

fn collect_paths(v: &Value, at: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                at.push(Value::String(k.clone()));
                collect_paths(x, at, out);
                at.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                at.push(Value::from(i));
                collect_paths(x, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn set_path(doc: &mut Value, path: &[Value], v: Value) {
    let mut here = doc;
    for step in path {
        here = match step {
            Value::String(k) => &mut here[k.as_str()],
            Value::Number(i) => &mut here[i.as_u64().unwrap_or(0) as usize],
            _ => return,
        };
    }
    *here = v;
}

/// CSV imports of customers and catalogue items, from well-formed to
/// broken: a report (written only when it has no problems) or a typed
/// error, and nothing written unless the report says so.
#[test]
fn fuzz_csv_import() {
    let rt = runtime();
    let shop = rt.block_on(Shop::demo());
    let rows = Rows::open(&shop);
    let cell = prop_oneof![
        4 => "[a-zA-Z0-9 .@+-]{0,10}",
        2 => decimal_text(),
        1 => hostile_text(),
        1 => Just("\"open quote".to_string()),
        1 => Just("\"a,\"\"b\"\"\"".to_string()),
    ];
    let header = prop_oneof![
        Just("name,phone,email,address".to_string()),
        Just("sku,name,price,tax_rate,barcode".to_string()),
        "[a-z,;\"]{0,30}",
    ];
    let csv = (
        header,
        prop::collection::vec(prop::collection::vec(cell, 0..6), 0..8),
        prop::sample::select(vec![",", ";", "\t"]),
        prop::sample::select(vec!["\r\n", "\n", "\r"]),
    )
        .prop_map(|(h, rows, sep, nl)| {
            let mut out = h + nl;
            for r in rows {
                out.push_str(&r.join(sep));
                out.push_str(nl);
            }
            out
        });
    timed("csv import", || {
        runner()
            .run(
                &(csv, any::<bool>(), any::<bool>()),
                |(text, items, dry_run)| {
                    let before = rows.count();
                    let report = if items {
                        rt.block_on(shop.till.import_items(
                            text.as_bytes(),
                            dry_run,
                            &tillflow::staff::Actor::trusted("fuzz"),
                            shop.now(),
                        ))
                    } else {
                        rt.block_on(shop.till.import_customers(
                            &tillflow::staff::Actor::cli(),
                            text.as_bytes(),
                            dry_run,
                            shop.now(),
                        ))
                    };
                    match report {
                        Ok(r) => {
                            prop_assert!(!(r.written && (dry_run || !r.problems.is_empty())));
                            if !r.written {
                                prop_assert_eq!(rows.count(), before);
                            }
                        }
                        Err(e) => {
                            typed(&e)?;
                            prop_assert_eq!(rows.count(), before, "written by {}", e);
                        }
                    }
                    Ok(())
                },
            )
            .unwrap();
    });
    rt.block_on(shop.till.close());
}

/// What a barcode scanner (a keyboard) types lands in the core as a code:
/// a catalogue lookup, an order number, a customer or order search.
/// Found, not found or invalid; never another error, never a write.
#[test]
fn fuzz_scanner_input() {
    let rt = runtime();
    let shop = rt.block_on(Shop::demo());
    let number = rt.block_on(shop.laundry(json!([])));
    let rows = Rows::open(&shop);
    let code = prop_oneof![
        "[A-Z0-9-]{4,20}",
        "TF-[0-9]{0,8}",
        "[0-9]{8,14}",
        hostile_text(),
        "[\"*():^+-]{1,8}[a-z]{0,4}",
    ];
    let before = rows.count();
    timed("scanner", || {
        runner()
            .run(&code, |code| {
                let settings = shop.till.settings().unwrap();
                let _ = settings.item(&code);
                match rt.block_on(shop.till.order(&code)) {
                    Ok(o) => prop_assert_eq!(&o.number, &number),
                    Err(e) => typed(&e)?,
                }
                if let Err(e) = rt.block_on(shop.till.find_customers(&code)) {
                    typed(&e)?;
                }
                let filter = OrderFilter {
                    text: Some(code.clone()),
                    ..OrderFilter::default()
                };
                if let Err(e) = rt.block_on(shop.till.search_orders(&filter)) {
                    typed(&e)?;
                }
                Ok(())
            })
            .unwrap();
    });
    assert_eq!(rows.count(), before, "a scan wrote something");
    rt.block_on(shop.till.close());
}
