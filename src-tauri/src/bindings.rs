//! Renders the TypeScript bindings of the IPC contract: every type and, in
//! `Commands`, every command's argument names and types and its result type.
//! `cargo test -p tillflow-app bindings` fails when the committed file is
//! stale; run it with `TILLFLOW_WRITE_BINDINGS=1` to rewrite it.

use std::marker::PhantomData;

use std::collections::BTreeMap;
use tillflow::backup::BackupInfo;
use tillflow::customers::{
    CustomerEdit, CustomerOrders, CustomerOrdersCursor, CustomerPage, CustomerSearch, CustomerView,
    MergePreview,
};
use tillflow::documents::{DocumentKind, ReportPaper, TagSizePreset};
use tillflow::export::ExportProgress;
use tillflow::import::ImportReport;
use tillflow::inventory::{Level as StockLevel, Movement, Site};
use tillflow::locale::LocaleOptions;
use tillflow::machine::BackupSettingsChange;
use tillflow::messages::{MessageTemplate, OutboxMessage, Rendered, SmsSettings, SmtpSettings};
use tillflow::orders::discount::DiscountInput;
use tillflow::orders::edit::{EditForm, OrderEdit};
use tillflow::orders::{
    Customer, LineInput, OrderFilter, OrderInput, OrderPage, OrderPreview, OrderView, PaymentInput,
};
use tillflow::payments::drawer::CashMovementKind;
use tillflow::payments::report::TillReport;
use tillflow::payments::RefundInput;
use tillflow::printing::Printer;
use tillflow::returns::{ExchangeInput, ReturnInput};
use tillflow::rules::ShopRules;
use tillflow::settings::{CatalogueItem, Settings, SettingsChange, Shop, ShopSetup, TemplateInfo};
use tillflow::shipments::ShipmentInput;
use tillflow::staff::{RolesView, StaffMember};
use tillflow::till::{
    BackupsView, DocumentPreview, ItemStock, MessagesChange, MessagesView, OrderFulfillment,
    RefundPreview, RestorePreview, Restored, ReturnPreview, Simulation, SimulationInput,
};
use tillflow::till::{CashCount, DrawerStatus, MovementResult, ZSummary};
use tillflow::till::{DiscountPreview, EditOutcome};
use ts_rs::{Config, TypeVisitor, TS};

use crate::commands::Changed;
use crate::contract::dashboard::AppInfo;
use crate::contract::fulfillment::ReturnOutcome;
use crate::contract::import::ImportKind;
use crate::contract::inventory::Inventory;
use crate::contract::journal::JournalStatus;
use crate::contract::printing::{PrintReport, QueuedPrint, SavedDocument};
use crate::contract::search::ExportedFile;
use crate::contract::settings::TriggerInfo;
use crate::contract::staff::SessionStatus;
use crate::error::CommandError;
use tillflow::dashboard::{Board, BoardPage, BoardQuery, Dashboard};

/// Where the bindings live, relative to the src-tauri directory.
pub const BINDINGS_PATH: &str = "../ui/src/lib/api/bindings.ts";

struct Command {
    name: &'static str,
    args: Vec<(&'static str, String)>,
    result: String,
}

/// A `tauri::ipc::Channel<T>` argument in the command list: the UI passes a
/// `Channel` from `@tauri-apps/api/core` and receives `T` messages on it.
struct Channel<T>(PhantomData<T>);

impl<T: TS> TS for Channel<T> {
    type WithoutGenerics = Channel<ts_rs::Dummy>;
    type OptionInnerType = Self;

    fn name(cfg: &Config) -> String {
        format!("Channel<{}>", T::name(cfg))
    }

    fn inline(cfg: &Config) -> String {
        Self::name(cfg)
    }

    fn visit_generics(v: &mut impl TypeVisitor)
    where
        Self: 'static,
    {
        T::visit_generics(v);
        v.visit::<T>();
    }
}

/// Describes the command list (`command_list.rs`): every command's argument
/// names and types and its result type, and the types they name.
macro_rules! describe {
    ($($module:ident::$name:ident($($arg:ident: $ty:ty),*) -> $result:ty;)*) => {
        fn commands(cfg: &Config) -> Vec<Command> {
            vec![$(Command {
                name: stringify!($name),
                args: vec![$((stringify!($arg), <$ty as TS>::name(cfg))),*],
                result: <$result as TS>::name(cfg),
            }),*]
        }

        fn declare_commands(d: &mut Decls<'_>) {
            $($(d.visit::<$ty>();)* d.visit::<$result>();)*
        }
    };
}
with_commands!(describe);

/// Names of the commands, in the order of the list.
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

impl TypeVisitor for Decls<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_none() {
            // A built-in (Vec, Option, a number…): declare what it holds.
            T::visit_generics(self);
            return;
        }
        let name = T::ident(self.cfg);
        let decl = format!(
            "{}export {}",
            T::docs().unwrap_or_default(),
            T::decl(self.cfg)
        );
        if let Some(seen) = self.out.get(&name) {
            // Two different Rust types may not take the same TypeScript name.
            assert_eq!(seen, &decl, "two types are named {name} in the bindings");
            return;
        }
        self.out.insert(name, decl);
        T::visit_dependencies(self);
    }
}

/// The whole bindings file.
pub fn render() -> String {
    let cfg = config();
    let mut d = Decls {
        cfg: &cfg,
        out: Default::default(),
    };
    declare_commands(&mut d);
    // The error every command rejects with, and the events' payloads.
    d.visit::<CommandError>();
    d.visit::<Changed>();
    d.visit::<PrintReport>();

    let mut out = String::from(
        "// Generated from src-tauri/src/command_list.rs and the types it names by\n\
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
        let expected: Vec<String> = command_names()
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        assert_eq!(allowed, expected);
    }
}
