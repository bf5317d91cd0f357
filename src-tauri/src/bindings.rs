//! Renders the TypeScript bindings of the IPC contract: every type and, in
//! `Commands`, every command's argument names and types and its result type.
//! `cargo test -p tillflow-app bindings` fails when the committed file is
//! stale; run it with `TILLFLOW_WRITE_BINDINGS=1` to rewrite it.

use ts_rs::{Config, TS};

use crate::commands::Changed;
use crate::contract::dashboard::AppInfo;
use crate::contract::fulfillment::{
    ExchangeInput, ItemStock, OrderFulfillment, ReturnInput, ReturnOutcome, ReturnPreview,
    ShipmentInput,
};
use crate::contract::import::{ImportKind, ImportReport};
use crate::contract::inventory::{Inventory, Movement, Site, StockLevel};
use crate::contract::orders::{
    Customer, LineInput, OrderInput, OrderPreview, OrderSummary, OrderView, PaymentInput,
};
use crate::contract::printing::{DocumentKind, PrintReport, Printer, QueuedPrint, SavedDocument};
use crate::contract::search::{
    ExportProgress, ExportedFile, FulfillmentState, OrderFilter, OrderPage,
};
use crate::contract::settings::{Settings, SettingsChange, TriggerInfo};
use crate::error::CommandError;
use tillflow::dashboard::{Board, BoardPage, BoardQuery, Dashboard};

/// Where the bindings live, relative to the src-tauri directory.
pub const BINDINGS_PATH: &str = "../ui/src/lib/api/bindings.ts";

struct Command {
    name: &'static str,
    args: Vec<(&'static str, String)>,
    result: String,
}

fn arg<T: TS>(cfg: &Config, name: &'static str) -> (&'static str, String) {
    (name, T::name(cfg))
}

/// A `tauri::ipc::Channel<T>` argument: the UI passes a `Channel` from
/// `@tauri-apps/api/core` and receives `T` messages on it.
fn channel<T: TS>(cfg: &Config, name: &'static str) -> (&'static str, String) {
    (name, format!("Channel<{}>", T::name(cfg)))
}

fn command<R: TS>(cfg: &Config, name: &'static str, args: Vec<(&'static str, String)>) -> Command {
    Command {
        name,
        args,
        result: R::name(cfg),
    }
}

fn commands(c: &Config) -> Vec<Command> {
    vec![
        command::<AppInfo>(c, "app_info", vec![]),
        command::<Settings>(c, "settings_get", vec![]),
        command::<Settings>(
            c,
            "settings_change",
            vec![arg::<SettingsChange>(c, "change")],
        ),
        command::<String>(c, "settings_export", vec![]),
        command::<Settings>(c, "settings_import", vec![arg::<String>(c, "json")]),
        command::<Vec<TriggerInfo>>(c, "triggers_list", vec![]),
        command::<OrderPreview>(c, "order_preview", vec![arg::<OrderInput>(c, "input")]),
        command::<OrderView>(c, "order_create", vec![arg::<OrderInput>(c, "input")]),
        command::<OrderView>(c, "order_get", vec![arg::<String>(c, "number")]),
        command::<OrderView>(
            c,
            "order_fire",
            vec![arg::<String>(c, "number"), arg::<String>(c, "trigger")],
        ),
        command::<OrderView>(
            c,
            "order_move",
            vec![
                arg::<String>(c, "number"),
                arg::<String>(c, "to_status"),
                arg::<String>(c, "reason"),
            ],
        ),
        command::<OrderView>(
            c,
            "order_pay",
            vec![
                arg::<String>(c, "number"),
                arg::<PaymentInput>(c, "payment"),
            ],
        ),
        command::<OrderView>(
            c,
            "order_cancel",
            vec![arg::<String>(c, "number"), arg::<String>(c, "reason")],
        ),
        command::<Vec<Customer>>(c, "customers_find", vec![arg::<String>(c, "query")]),
        command::<String>(
            c,
            "customer_store_credit",
            vec![arg::<i64>(c, "customer_id")],
        ),
        command::<Dashboard>(c, "dashboard", vec![]),
        command::<Board>(c, "board", vec![arg::<BoardQuery>(c, "query")]),
        command::<BoardPage>(
            c,
            "board_more",
            vec![
                arg::<BoardQuery>(c, "query"),
                arg::<String>(c, "stage"),
                arg::<String>(c, "status"),
                arg::<String>(c, "after"),
            ],
        ),
        command::<Vec<Printer>>(c, "list_printers", vec![]),
        command::<SavedDocument>(
            c,
            "save_document_pdf",
            vec![
                arg::<String>(c, "number"),
                arg::<DocumentKind>(c, "kind"),
                arg::<bool>(c, "split_by_delivery"),
            ],
        ),
        command::<Vec<QueuedPrint>>(
            c,
            "print_document",
            vec![
                arg::<String>(c, "number"),
                arg::<DocumentKind>(c, "kind"),
                arg::<bool>(c, "split_by_delivery"),
            ],
        ),
        command::<QueuedPrint>(c, "print_retry", vec![arg::<u32>(c, "job_id")]),
        command::<Vec<ItemStock>>(c, "stock_availability", vec![arg::<Vec<String>>(c, "skus")]),
        command::<OrderFulfillment>(c, "order_fulfillment", vec![arg::<String>(c, "number")]),
        command::<OrderView>(c, "order_allocate", vec![arg::<String>(c, "number")]),
        command::<OrderView>(
            c,
            "shipment_create",
            vec![
                arg::<String>(c, "number"),
                arg::<ShipmentInput>(c, "shipment"),
            ],
        ),
        command::<OrderView>(c, "shipment_ship", shipment(c, &[])),
        command::<OrderView>(c, "shipment_deliver", shipment(c, &[])),
        command::<OrderView>(c, "shipment_fail", shipment(c, &["reason"])),
        command::<OrderView>(c, "shipment_delete", shipment(c, &[])),
        command::<ReturnPreview>(
            c,
            "return_preview",
            vec![
                arg::<String>(c, "number"),
                arg::<ReturnInput>(c, "input"),
                arg::<Vec<LineInput>>(c, "add"),
            ],
        ),
        command::<ReturnOutcome>(
            c,
            "order_return",
            vec![arg::<String>(c, "number"), arg::<ReturnInput>(c, "input")],
        ),
        command::<ReturnOutcome>(
            c,
            "order_exchange",
            vec![arg::<String>(c, "number"), arg::<ExchangeInput>(c, "input")],
        ),
        command::<OrderView>(
            c,
            "order_payment_failed",
            vec![
                arg::<String>(c, "number"),
                arg::<PaymentInput>(c, "payment"),
                arg::<String>(c, "reason"),
            ],
        ),
        command::<Inventory>(c, "inventory_get", vec![]),
        command::<Vec<Site>>(c, "sites_list", vec![]),
        command::<Site>(c, "site_add", vec![arg::<Site>(c, "site")]),
        command::<StockLevel>(
            c,
            "stock_receive",
            vec![
                arg::<String>(c, "site"),
                arg::<String>(c, "sku"),
                arg::<String>(c, "qty"),
                arg::<Option<String>>(c, "note"),
            ],
        ),
        command::<StockLevel>(
            c,
            "stock_adjust",
            vec![
                arg::<String>(c, "site"),
                arg::<String>(c, "sku"),
                arg::<String>(c, "qty"),
                arg::<String>(c, "reason"),
            ],
        ),
        command::<Vec<StockLevel>>(
            c,
            "stock_transfer",
            vec![
                arg::<String>(c, "sku"),
                arg::<String>(c, "qty"),
                arg::<String>(c, "from"),
                arg::<String>(c, "to"),
            ],
        ),
        command::<()>(
            c,
            "stock_backorder",
            vec![arg::<String>(c, "sku"), arg::<bool>(c, "allow")],
        ),
        command::<Vec<Movement>>(c, "stock_movements", vec![arg::<String>(c, "sku")]),
        command::<OrderPage>(c, "orders_search", vec![arg::<OrderFilter>(c, "filter")]),
        command::<ExportedFile>(
            c,
            "orders_export_csv",
            vec![
                arg::<OrderFilter>(c, "filter"),
                arg::<bool>(c, "lines"),
                arg::<String>(c, "file_name"),
                channel::<ExportProgress>(c, "on_progress"),
            ],
        ),
        command::<ImportReport>(
            c,
            "csv_import",
            vec![
                arg::<ImportKind>(c, "kind"),
                arg::<String>(c, "text"),
                arg::<bool>(c, "dry_run"),
            ],
        ),
    ]
}

/// Arguments of a command on one shipment: the order, the shipment's id,
/// then `text` string arguments.
fn shipment(c: &Config, text: &[&'static str]) -> Vec<(&'static str, String)> {
    let mut args = vec![arg::<String>(c, "number"), arg::<i64>(c, "id")];
    args.extend(text.iter().map(|n| arg::<String>(c, n)));
    args
}

/// Names of the commands described in the bindings (checked against the handler list).
pub fn command_names() -> Vec<&'static str> {
    commands(&config()).iter().map(|c| c.name).collect()
}

fn config() -> Config {
    // Ids and counts are JSON numbers, well inside 2^53.
    Config::new().with_large_int("number")
}

/// Collects the declaration of `T` and of everything it refers to.
struct Decls<'a> {
    cfg: &'a Config,
    out: std::collections::BTreeMap<String, String>,
}

impl ts_rs::TypeVisitor for Decls<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        let Some(_) = T::output_path() else { return };
        let name = T::ident(self.cfg);
        if self.out.contains_key(&name) {
            return;
        }
        let doc = T::docs().unwrap_or_default();
        self.out
            .insert(name, format!("{doc}export {}", T::decl(self.cfg)));
        T::visit_dependencies(self);
    }
}

fn declare<T: TS + 'static>(d: &mut Decls<'_>) {
    ts_rs::TypeVisitor::visit::<T>(d);
}

/// The whole bindings file.
pub fn render() -> String {
    let cfg = config();
    let mut d = Decls {
        cfg: &cfg,
        out: Default::default(),
    };
    declare::<AppInfo>(&mut d);
    declare::<Settings>(&mut d);
    declare::<SettingsChange>(&mut d);
    declare::<TriggerInfo>(&mut d);
    declare::<OrderInput>(&mut d);
    declare::<OrderView>(&mut d);
    declare::<OrderPreview>(&mut d);
    declare::<OrderFilter>(&mut d);
    declare::<FulfillmentState>(&mut d);
    declare::<OrderSummary>(&mut d);
    declare::<PaymentInput>(&mut d);
    declare::<Customer>(&mut d);
    declare::<Dashboard>(&mut d);
    declare::<Board>(&mut d);
    declare::<BoardPage>(&mut d);
    declare::<BoardQuery>(&mut d);
    declare::<CommandError>(&mut d);
    declare::<Changed>(&mut d);
    declare::<Printer>(&mut d);
    declare::<SavedDocument>(&mut d);
    declare::<QueuedPrint>(&mut d);
    declare::<PrintReport>(&mut d);
    declare::<ItemStock>(&mut d);
    declare::<OrderFulfillment>(&mut d);
    declare::<ShipmentInput>(&mut d);
    declare::<ReturnInput>(&mut d);
    declare::<ExchangeInput>(&mut d);
    declare::<ReturnPreview>(&mut d);
    declare::<ReturnOutcome>(&mut d);
    declare::<Inventory>(&mut d);
    declare::<Movement>(&mut d);
    declare::<OrderPage>(&mut d);
    declare::<ExportProgress>(&mut d);
    declare::<ExportedFile>(&mut d);
    declare::<ImportKind>(&mut d);
    declare::<ImportReport>(&mut d);

    let mut out = String::from(
        "// Generated from the Rust types in src-tauri/src/contract by\n\
         // `TILLFLOW_WRITE_BINDINGS=1 cargo test -p tillflow-app bindings`. Do not edit.\n\n\
         import type { Channel } from '@tauri-apps/api/core';\n\n",
    );
    for decl in d.out.values() {
        out.push_str(decl);
        out.push_str("\n\n");
    }
    out.push_str(&format!(
        "/** Event broadcast after every write. */\nexport const CHANGED_EVENT = {:?};\n\n",
        crate::commands::CHANGED_EVENT
    ));
    out.push_str(&format!(
        "/** Event sent when a print job finishes (payload: PrintReport). */\nexport const PRINT_EVENT = {:?};\n\n",
        crate::print_desk::PRINT_EVENT
    ));
    out.push_str(
        "/** Every command: its arguments and its result. */\nexport interface Commands {\n",
    );
    for c in commands(&cfg) {
        let args = c
            .args
            .iter()
            .map(|(n, t)| format!("{n}: {t}"))
            .collect::<Vec<_>>()
            .join("; ");
        let args = if args.is_empty() {
            "Record<string, never>".to_string()
        } else {
            format!("{{ {args} }}")
        };
        out.push_str(&format!(
            "\t{}: {{ args: {args}; result: {} }};\n",
            c.name, c.result
        ));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command_names::COMMAND_NAMES;

    #[test]
    fn bindings_are_fresh() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH);
        let fresh = render();
        if std::env::var_os("TILLFLOW_WRITE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("write bindings");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{} is stale: run `TILLFLOW_WRITE_BINDINGS=1 cargo test -p tillflow-app bindings`",
            path.display()
        );
    }

    #[test]
    fn bindings_describe_every_command() {
        assert_eq!(command_names(), COMMAND_NAMES);
    }

    #[test]
    fn capability_allows_exactly_the_commands() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/main.json");
        let text = std::fs::read_to_string(path).expect("capabilities/main.json");
        let cap: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let allowed: Vec<String> = cap["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(|p| p.as_str())
            .filter(|p| p.starts_with("allow-"))
            .map(String::from)
            .collect();
        let expected: Vec<String> = COMMAND_NAMES
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        assert_eq!(allowed, expected);
    }
}
