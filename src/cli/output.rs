//! Human-readable and `--json` output.

use serde::Serialize;
use tillflow::audit::AuditEvent;
use tillflow::dashboard::Dashboard;
use tillflow::orders::{Customer, OrderPage, OrderSummary, OrderView};
use tillflow::triggers::Trigger;
use tillflow::EventResult;

pub struct Out {
    pub json: bool,
}

fn print_json<T: Serialize>(v: &T) {
    println!("{}", serde_json::to_string_pretty(v).unwrap_or_default());
}

impl Out {
    pub fn dashboard(&self, d: &Dashboard) {
        if self.json {
            return print_json(d);
        }
        println!("Open orders     {}", d.open);
        println!("Overdue         {}", d.overdue);
        println!(
            "Unpaid          {} {} on {} order{}",
            d.unpaid_total,
            d.currency,
            d.unpaid,
            if d.unpaid == 1 { "" } else { "s" }
        );
        println!("\nOpen orders by status");
        for s in &d.by_status {
            println!("  {:<12} {:<24} {:>8}", s.stage, s.name, s.count);
        }
        println!("\nNew orders per day ({})", d.time_zone);
        for day in &d.created_per_day {
            println!("  {}  {:>8}", day.day, day.count);
        }
        for (title, list) in [
            ("Overdue", &d.overdue_orders),
            ("Unpaid", &d.unpaid_orders),
            ("Over their step's time target", &d.over_target_orders),
        ] {
            if !list.is_empty() {
                println!("\n{title} (first {})", list.len());
                self.list(list);
            }
        }
    }

    /// A payment taken: where the order is, and the change to give back.
    pub fn paid(&self, r: &tillflow::till::Paid) {
        if self.json {
            return print_json(r);
        }
        self.event(&r.result, Trigger::PaymentCaptured.into());
        if r.tendered != r.paid {
            println!(
                "Paid {} of {} tendered: CHANGE {}",
                r.paid, r.tendered, r.change
            );
        }
    }

    pub fn message<T: Serialize>(&self, json: &T, text: &str) {
        if self.json {
            print_json(json)
        } else {
            println!("{text}")
        }
    }

    pub fn event(&self, r: &EventResult, event: AuditEvent) {
        let event = event.label();
        if self.json {
            return print_json(r);
        }
        if r.moved {
            println!(
                "{}: {event} → {} ({}) via {}",
                r.number,
                r.status,
                r.stage,
                r.path.join(" → ")
            );
        } else {
            println!(
                "{}: {event} recorded; still at {} ({})",
                r.number, r.status, r.stage
            );
        }
    }

    pub fn simulation(&self, sim: &tillflow::till::Simulation) {
        if self.json {
            return print_json(sim);
        }
        println!("{}: {}", sim.order_type, sim.statuses.join(" → "));
        for (i, s) in sim.steps.iter().enumerate() {
            let arrow = if s.moved {
                format!("{} → {}", s.from, s.path.join(" → "))
            } else {
                format!("stays at {}", s.to)
            };
            println!("{i:>3}. {:<28} {arrow}", s.action);
            println!("     {}", s.why);
        }
        println!("Ends at: {}", sim.status);
    }

    pub fn order(&self, o: &OrderView) {
        if self.json {
            return print_json(o);
        }
        println!(
            "Order {}  [{}]  {} / {}",
            o.number, o.type_name, o.stage, o.status_name
        );
        if let Some(c) = &o.customer {
            println!(
                "Customer: {}{}",
                c.name,
                c.phone
                    .as_deref()
                    .map(|p| format!("  {p}"))
                    .unwrap_or_default()
            );
        }
        if let Some(due) = o.due_date {
            println!("Due: {due}");
        }
        if let Some(invoice) = &o.invoice {
            println!("Invoice: {invoice}");
        }
        for c in &o.credit_notes {
            println!(
                "Credit note: {}  {} (corrects {})",
                c.number, c.total, c.invoice
            );
        }
        for a in &o.answers {
            println!("  {}: {}", a.label, a.value);
        }
        println!();
        for l in &o.lines {
            println!(
                "  {:>7} x {:<32} {:>10} {:>10}  ({}%)",
                l.qty, l.name, l.unit_price, l.amount, l.tax_rate
            );
            for m in &l.modifiers {
                println!("            + {:<30} {:>10}", m.name, m.price);
            }
            if let Some(n) = &l.note {
                println!("            note: {n}");
            }
        }
        let t = &o.totals;
        println!("\n  {:<45}{:>10} {}", "Subtotal", t.subtotal, o.currency);
        println!("  {:<45}{:>10}", "Tax", t.tax);
        println!("  {:<45}{:>10}", "Total", t.total);
        println!("  {:<45}{:>10}", "Paid", t.paid);
        println!("  {:<45}{:>10}", "Balance", t.balance);
        if !o.actions.is_empty() {
            let a: Vec<_> = o
                .actions
                .iter()
                .map(|a| format!("{} ({})", a.label, a.trigger))
                .collect();
            println!("\nNext: {}", a.join(", "));
        }
        println!("\nHistory:");
        for h in &o.history {
            let from = h.from_status.as_deref().unwrap_or("—");
            let mv = if h.moved {
                format!("{from} → {}", h.to_status)
            } else {
                format!("(at {})", h.to_status)
            };
            println!(
                "  {}  {:<24} {:<32} {}{}",
                h.at.format("%Y-%m-%d %H:%M"),
                h.label,
                mv,
                h.actor,
                h.reason
                    .as_deref()
                    .map(|r| format!(" — {r}"))
                    .unwrap_or_default()
            );
        }
    }

    pub fn list(&self, rows: &[OrderSummary]) {
        if self.json {
            return print_json(&rows);
        }
        if rows.is_empty() {
            println!("No orders match.");
        }
        for r in rows {
            println!(
                "{:<12} {:<10} {:<12} {:<18} {:<24} {:>10} {:>10}",
                r.number,
                r.order_type,
                r.stage,
                r.status,
                r.customer.as_deref().unwrap_or("—"),
                r.total,
                r.balance
            );
        }
    }

    pub fn page(&self, page: &OrderPage) {
        if self.json {
            return print_json(page);
        }
        self.list(&page.orders);
        if let Some(next) = &page.next {
            println!("More: --after {next}");
        }
    }

    pub fn customers(&self, rows: &[Customer]) {
        if self.json {
            return print_json(&rows);
        }
        for c in rows {
            println!(
                "#{:<6} {:<30} {}",
                c.id,
                c.name,
                c.phone.as_deref().unwrap_or("")
            );
        }
    }

    /// The templates `init --template` takes.
    pub fn templates(&self) {
        let all: Vec<serde_json::Value> = tillflow::settings::TEMPLATES
            .iter()
            .map(
                |t| serde_json::json!({"key": t.key, "name": t.name, "description": t.description}),
            )
            .collect();
        if self.json {
            return print_json(&all);
        }
        for t in tillflow::settings::TEMPLATES {
            println!("{:<10} {:<24} {}", t.key, t.name, t.description);
        }
        println!("\nStart from one: tillflow init --template KEY");
    }

    pub fn triggers(&self) {
        #[derive(Serialize)]
        struct T {
            key: &'static str,
            label: &'static str,
            source: tillflow::triggers::Source,
            state: bool,
            description: &'static str,
        }
        let all: Vec<T> = Trigger::ALL
            .iter()
            .map(|t| T {
                key: t.key(),
                label: t.label(),
                source: t.source(),
                state: t.is_state(),
                description: t.description(),
            })
            .collect();
        if self.json {
            return print_json(&all);
        }
        for t in all {
            println!(
                "{:<22} {:<7} {}",
                t.key,
                format!("{:?}", t.source).to_lowercase(),
                t.description
            );
        }
    }
}
