// The commands the UI may call. Included by build.rs (to generate one
// `allow-<command>` permission each) and by the crate (bindings and a test
// check that the handler list, the TypeScript bindings and
// capabilities/main.json all name exactly these).
pub const COMMAND_NAMES: &[&str] = &[
    "app_info",
    "settings_get",
    "settings_change",
    "settings_export",
    "settings_import",
    "triggers_list",
    "order_preview",
    "order_create",
    "order_get",
    "orders_list",
    "order_fire",
    "order_move",
    "order_pay",
    "order_cancel",
    "customers_find",
    "dashboard",
    "list_printers",
    "save_document_pdf",
    "print_document",
    "print_retry",
];
