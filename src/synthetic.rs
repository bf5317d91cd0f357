//! Synthetic orders for scale tests and benchmarks: realistic customers
//! (names, phones, e-mails), order types, positions, balances and notes,
//! bulk-inserted in large transactions. Deterministic for a given seed.
//! A developer tool over the till (`tillflow dev generate`, `tests/synthetic.rs`,
//! `benches/scale.rs`), not part of it: built with the `synthetic` feature
//! (on by default; the desktop app leaves it out).

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::fulfillment::FulfillmentState;
use crate::journal::payloads::{self, SaleLine, SaleTotals};
use crate::journal::EntryKind;
use crate::orders::totals::{compute, PricedLine};
use crate::storage::{ts, BulkCustomer, BulkEntry, BulkLine, BulkOrder, BulkPayment};
use crate::till::{new_order_state, Till};
use crate::workflow::{Plan, Position};

/// First names the generator draws from.
pub const FIRST_NAMES: &[&str] = &[
    "Marie", "Pierre", "Ada", "Grace", "Alan", "Emma", "Lucas", "Chloé", "Hugo", "Léa", "Noah",
    "Sofia", "Jan", "Anna", "Mateo", "Olivia", "Liam", "Mia", "Yuki", "Omar", "Fatima", "Ivan",
    "Elena", "Kofi", "Amara", "Wei", "Priya", "Diego", "Sara", "Tom", "Nina", "Paul", "Zoé",
    "Karim", "Inès", "Leo", "Maya", "Samuel", "Clara", "Jonas",
];
/// Last names the generator draws from.
pub const LAST_NAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Müller",
    "Schmidt",
    "Rossi",
    "Russo",
    "Novak",
    "Kowalski",
    "Smith",
    "Jones",
    "Nguyen",
    "Tanaka",
    "Okafor",
    "Haddad",
    "Ivanova",
    "Silva",
    "Costa",
    "Jensen",
    "Hansen",
    "Curie",
    "Lovelace",
    "Hopper",
    "Turing",
];
/// Who generated orders, payments and journal entries name.
const ACTOR: &str = "dev generate";

const NOTES: &[&str] = &[
    "red wine stain on collar",
    "express please",
    "button missing",
    "call before pickup",
    "delicate silk, hand wash",
    "customer will pay on pickup",
    "cracked screen, no water damage",
    "gift wrap",
    "leave at reception",
    "pet hair",
];

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Synthetic {
    pub orders: u64,
    /// Orders per customer, on average.
    pub orders_per_customer: u64,
    /// Orders created over this many days before `now`.
    pub days: i64,
    pub seed: u64,
}

impl Default for Synthetic {
    fn default() -> Self {
        Synthetic {
            orders: 10_000,
            orders_per_customer: 5,
            days: 3 * 365,
            seed: 42,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Generated {
    pub customers: u64,
    pub orders: u64,
    pub lines: u64,
    pub first_number: String,
    pub last_number: String,
}

/// splitmix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Every open position of a plan.
fn open_positions(plan: &Plan) -> Vec<Position> {
    plan.stages
        .iter()
        .enumerate()
        .flat_map(|(si, s)| {
            (0..s.steps.len()).map(move |st| Position::Step {
                stage: si,
                step: st,
            })
        })
        .collect()
}

const ORDERS_PER_TX: u64 = 50_000;
const ORDERS_PER_BATCH: u64 = 5_000;

/// Adds `spec.orders` synthetic orders (and their customers) to the
/// database of `till`; `progress(done, total)` after every batch.
pub async fn generate_orders(
    till: &Till,
    spec: Synthetic,
    now: DateTime<Utc>,
    mut progress: impl FnMut(u64, u64),
) -> Result<Generated> {
    let snap = till.snapshot()?;
    let settings = &snap.settings;
    let pricing = crate::orders::pricing(settings);
    let mut types = Vec::new();
    for ot in &settings.order_types {
        let plan_id = Till::current_plan_id(&snap, &ot.key)?;
        let plan = till.plan(plan_id).await?;
        types.push((ot.key.clone(), plan_id, open_positions(&plan), plan));
    }
    if types.is_empty() || settings.catalogue.is_empty() {
        return Err(Error::conflict(
            "generating orders needs order types and a catalogue: run `tillflow demo` first",
        ));
    }
    let store = till.store();
    let (max_customer, max_order, counter) = store.id_marks().await?;
    let mut rng = Rng(spec.seed ^ (max_order as u64));
    let n_customers = spec.orders.div_ceil(spec.orders_per_customer.max(1));
    let start = now - Duration::days(spec.days);
    let span = (now - start).num_microseconds().unwrap_or(1).max(1) as u64;

    let mut open_tx = Some(store.begin().await?);
    let customers: Vec<BulkCustomer> = (1..=n_customers as i64)
        .map(|k| {
            let first = *rng.pick(FIRST_NAMES);
            let last = *rng.pick(LAST_NAMES);
            let id = max_customer + k;
            BulkCustomer {
                id,
                name: format!("{first} {last}"),
                phone: format!(
                    "+33 6 {:02} {:02} {:02} {:02}",
                    rng.below(100),
                    rng.below(100),
                    rng.below(100),
                    rng.below(100)
                ),
                email: (rng.below(10) < 6).then(|| {
                    format!(
                        "{}.{}{id}@example.com",
                        first.to_lowercase(),
                        last.to_lowercase()
                    )
                }),
                created_at: ts(start),
            }
        })
        .collect();
    if let Some(tx) = open_tx.as_mut() {
        tx.bulk_customers(&customers).await?;
    }
    drop(customers);

    let mut lines_total = 0u64;
    let mut done = 0u64;
    while done < spec.orders {
        let batch = ORDERS_PER_BATCH.min(spec.orders - done);
        let mut rows = Vec::with_capacity(batch as usize);
        let mut payments = Vec::new();
        let mut entries = Vec::new();
        for k in done..done + batch {
            let seq = counter + 1 + k as i64;
            let created = start
                + Duration::microseconds((span as u128 * k as u128 / spec.orders as u128) as i64);
            let (key, plan_id, open, plan) = rng.pick(&types);
            let age_days = (now - created).num_days();
            let position = if age_days > 30 || rng.below(10) < 3 {
                if rng.below(100) < 6 {
                    Position::Canceled
                } else {
                    Position::Completed
                }
            } else {
                *rng.pick(open)
            };
            let mut priced = Vec::new();
            let mut lines = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let item = rng.pick(&settings.catalogue);
                let qty = Decimal::from(1 + rng.below(3));
                let unit_price = snap.currency.to_minor(item.price, "price")?;
                priced.push(PricedLine {
                    qty,
                    unit_price,
                    modifiers: 0,
                    tax_rate: item.tax_rate,
                    discount: None,
                });
                lines.push(BulkLine {
                    sku: item.sku.clone(),
                    name: item.name.clone(),
                    qty: qty.to_string(),
                    unit_price,
                    tax_rate: item.tax_rate.to_string(),
                    note: (rng.below(20) == 0).then(|| rng.pick(NOTES).to_string()),
                    amount: 0,
                    tax: 0,
                });
            }
            let totals = compute(&priced, pricing)?;
            for (l, t) in lines.iter_mut().zip(&totals.lines) {
                l.amount = t.amount;
                l.tax = t.tax;
            }
            let paid = match position {
                Position::Completed => totals.total,
                Position::Canceled => 0,
                _ => match rng.below(4) {
                    0 | 1 => 0,
                    2 => totals.total / 2,
                    _ => totals.total,
                },
            };
            let due = (created + Duration::days(2 + rng.below(10) as i64)).date_naive();
            let notes = (rng.below(10) < 3).then(|| *rng.pick(NOTES));
            let fields = match notes {
                Some(n) => serde_json::json!({"due_date": due.to_string(), "notes": n}),
                None => serde_json::json!({"due_date": due.to_string()}),
            };
            let (stage_index, step_index) = match position {
                Position::Step { stage, step } => (stage as i64, step as i64),
                _ => (-1, -1),
            };
            let at = ts(created);
            lines_total += lines.len() as u64;
            let facts: Vec<_> = priced.iter().map(|p| (true, p.qty)).collect();
            let fulfillment_state = new_order_state(&facts, &[], position, totals.total, paid)
                .map(FulfillmentState::key);
            let id = max_order + 1 + k as i64;
            // One payment per paid order: card for every third, else cash.
            let payment = (paid != 0).then(|| BulkPayment {
                order_id: id,
                method: if k % 3 == 0 { "card" } else { "cash" },
                amount: paid,
                at: at.clone(),
                actor: ACTOR.into(),
            });
            let order = BulkOrder {
                id,
                number: format!("{}{seq:06}", settings.shop.order_prefix),
                order_type: key.clone(),
                plan_id: *plan_id,
                stage: plan.stage_at(position).to_string(),
                status: plan.status_at(position).to_string(),
                stage_index,
                step_index,
                customer_id: max_customer + 1 + rng.below(n_customers) as i64,
                fields: fields.to_string(),
                subtotal: totals.subtotal,
                tax: totals.tax,
                total: totals.total,
                paid,
                due_date: Some(due.to_string()),
                closed_at: position.is_terminal().then(|| at.clone()),
                created_at: at,
                fulfillment_state,
                lines,
            };
            let canceled = position == Position::Canceled;
            entries.extend(recorded(
                &order,
                &snap.currency.code,
                payment.as_ref(),
                canceled,
            )?);
            payments.extend(payment);
            rows.push(order);
        }
        let mut tx = match open_tx.take() {
            Some(tx) => tx,
            None => store.begin().await?,
        };
        tx.bulk_orders(&rows).await?;
        tx.bulk_payments(&payments).await?;
        tx.bulk_journal(&entries).await?;
        done += batch;
        if done.is_multiple_of(ORDERS_PER_TX) || done == spec.orders {
            tx.set_counter("order", counter + done as i64).await?;
            tx.commit().await?;
        } else {
            open_tx = Some(tx);
        }
        progress(done, spec.orders);
    }
    if let Some(tx) = open_tx {
        tx.commit().await?;
    }
    till.fill_fulfillment_states().await?;
    store.analyze().await?;
    let number = |seq: i64| format!("{}{seq:06}", settings.shop.order_prefix);
    Ok(Generated {
        customers: n_customers,
        orders: spec.orders,
        lines: lines_total,
        first_number: number(counter + 1),
        last_number: number(counter + spec.orders as i64),
    })
}

/// The journal entries of a generated order, as the till writes them when
/// it takes one: its sale, its payment, its cancellation.
fn recorded(
    order: &BulkOrder,
    currency: &str,
    payment: Option<&BulkPayment>,
    canceled: bool,
) -> Result<Vec<BulkEntry>> {
    let decimal = |text: &str| {
        text.parse::<Decimal>()
            .map_err(|e| Error::invalid("generated line", e.to_string()))
    };
    let mut lines = Vec::with_capacity(order.lines.len());
    for l in &order.lines {
        lines.push(SaleLine {
            name: &l.name,
            sku: Some(&l.sku),
            qty: decimal(&l.qty)?,
            unit_price: l.unit_price,
            tax_rate: decimal(&l.tax_rate)?,
            amount: l.amount,
            tax: l.tax,
        });
    }
    let totals = SaleTotals {
        subtotal: order.subtotal,
        tax: order.tax,
        total: order.total,
    };
    let entry = |kind, payload| BulkEntry {
        kind,
        payload,
        actor: ACTOR.into(),
        at: order.created_at.clone(),
    };
    let number = order.number.as_str();
    let mut out = vec![entry(
        EntryKind::Sale,
        payloads::sale(number, &order.order_type, currency, &lines, &totals),
    )];
    if let Some(p) = payment {
        out.push(entry(
            EntryKind::Payment,
            payloads::payment(number, p.method, p.amount, None),
        ));
    }
    if canceled {
        out.push(entry(
            EntryKind::Cancellation,
            payloads::cancellation(number, order.total, order.paid, None),
        ));
    }
    Ok(out)
}
