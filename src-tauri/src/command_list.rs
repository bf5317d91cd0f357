// The one list of the commands the UI may call: module, name, arguments and
// result. It expands into the handler list (`lib.rs`), the `allow-<command>`
// permissions (`build.rs` includes this file) and the `Commands` interface
// of the TypeScript bindings (`bindings.rs`).
//
// Adding a command:
// 1. Write it in `src/commands/<module>.rs` with
//    `#[tauri::command(rename_all = "snake_case")]`.
// 2. Add one line below: `module::name(arg: Type, …) -> Result;` with the
//    function's arguments as the UI passes them (leave out `State`,
//    `AppHandle`) and the result without `CommandResult`. Name the types as
//    `bindings.rs` imports them (add the import there if needed);
//    `Channel<T>` is a `tauri::ipc::Channel<T>` argument.
// 3. `TILLFLOW_WRITE_BINDINGS=1 cargo test -p tillflow-app --lib bindings`
//    rewrites ui/src/lib/api/bindings.ts; add `allow-<name-with-dashes>` to
//    capabilities/main.json (`cargo test -p tillflow-app --lib bindings`
//    checks both).
//
// This file is `include!`d by build.rs, so it holds only this macro: each
// includer passes the name of its own macro, which gets the list.

macro_rules! with_commands {
    ($then:ident) => {
        $then! {
            settings::app_info() -> AppInfo;
            settings::settings_get() -> Settings;
            settings::settings_change(change: SettingsChange) -> Settings;
            settings::settings_export() -> String;
            settings::settings_import(json: String) -> Settings;
            settings::triggers_list() -> Vec<TriggerInfo>;
            orders::order_preview(input: OrderInput) -> OrderPreview;
            orders::shop_rules() -> ShopRules;
            orders::order_create(input: OrderInput) -> OrderView;
            orders::order_get(number: String) -> OrderView;
            orders::order_fire(number: String, trigger: String) -> OrderView;
            orders::order_move(number: String, to_status: String, reason: String) -> OrderView;
            orders::order_pay(number: String, payment: PaymentInput) -> OrderView;
            orders::order_cancel(number: String, reason: String) -> OrderView;
            orders::customers_find(query: String) -> Vec<Customer>;
            orders::customer_store_credit(customer_id: i64) -> String;
            dashboard::dashboard() -> Dashboard;
            dashboard::board(query: BoardQuery) -> Board;
            dashboard::board_more(query: BoardQuery, stage: String, status: String, after: String) -> BoardPage;
            documents::list_printers() -> Vec<Printer>;
            documents::save_document_pdf(number: String, kind: DocumentKind, split_by_delivery: bool) -> SavedDocument;
            documents::print_document(number: String, kind: DocumentKind, split_by_delivery: bool) -> Vec<QueuedPrint>;
            documents::print_retry(job_id: u32) -> QueuedPrint;
            fulfillment::stock_availability(skus: Vec<String>) -> Vec<ItemStock>;
            fulfillment::order_fulfillment(number: String) -> OrderFulfillment;
            fulfillment::order_allocate(number: String) -> OrderView;
            fulfillment::shipment_create(number: String, shipment: ShipmentInput) -> OrderView;
            fulfillment::shipment_ship(number: String, id: i64) -> OrderView;
            fulfillment::shipment_deliver(number: String, id: i64) -> OrderView;
            fulfillment::shipment_fail(number: String, id: i64, reason: String) -> OrderView;
            fulfillment::shipment_delete(number: String, id: i64) -> OrderView;
            returns::return_preview(number: String, input: ReturnInput, add: Vec<LineInput>) -> ReturnPreview;
            returns::order_return(number: String, input: ReturnInput) -> ReturnOutcome;
            returns::order_exchange(number: String, input: ExchangeInput) -> ReturnOutcome;
            returns::order_payment_failed(number: String, payment: PaymentInput, reason: String) -> OrderView;
            inventory::inventory_get() -> Inventory;
            inventory::sites_list() -> Vec<Site>;
            inventory::site_add(site: Site) -> Site;
            inventory::stock_receive(site: String, sku: String, qty: String, note: Option<String>) -> StockLevel;
            inventory::stock_adjust(site: String, sku: String, qty: String, reason: String) -> StockLevel;
            inventory::stock_transfer(sku: String, qty: String, from: String, to: String) -> Vec<StockLevel>;
            inventory::stock_backorder(sku: String, allow: bool) -> ();
            inventory::stock_movements(sku: String) -> Vec<Movement>;
            search::orders_search(filter: OrderFilter) -> OrderPage;
            search::orders_count(filter: OrderFilter) -> u32;
            search::orders_export_csv(filter: OrderFilter, lines: bool, file_name: String, on_progress: Channel<ExportProgress>) -> ExportedFile;
            import::csv_import(kind: ImportKind, text: String, dry_run: bool) -> ImportReport;
            backups::backups_view() -> BackupsView;
            backups::backup_settings_save(change: BackupSettingsChange) -> BackupsView;
            backups::backup_now() -> BackupInfo;
            backups::restore_preview(file: String) -> RestorePreview;
            backups::backup_restore(file: String, passphrase: String) -> Restored;
            settings::settings_preview(profile: Shop) -> DocumentPreview;
            settings::templates_list() -> Vec<TemplateInfo>;
            settings::shop_setup(setup: ShopSetup) -> Settings;
            catalogue::items_find(order_type: Option<String>, query: String) -> Vec<CatalogueItem>;
            catalogue::catalogue_export_csv(file_name: String) -> String;
            settings::wizard_field_key(label: String, taken: Vec<String>) -> String;
            customers::customers_search(search: CustomerSearch) -> CustomerPage;
            customers::customer_get(id: i64) -> CustomerView;
            customers::customer_orders(id: i64, after: Option<CustomerOrdersCursor>) -> CustomerOrders;
            customers::customer_edit(id: i64, edit: CustomerEdit) -> CustomerView;
            customers::customer_merge_preview(keep: i64, duplicate: i64) -> MergePreview;
            customers::customer_merge(keep: i64, duplicate: i64) -> CustomerView;
            messages::messages_view() -> MessagesView;
            messages::messages_save(change: MessagesChange) -> MessagesView;
            messages::message_preview(template: MessageTemplate) -> Rendered;
            messages::message_test(server: SmtpSettings, password: String, to: String) -> ();
            messages::order_messages(number: String) -> Vec<OutboxMessage>;
            messages::message_retry(number: String, id: i64) -> Vec<OutboxMessage>;
            messages::order_email_receipt(number: String, to: String) -> ();
            messages::message_test_sms(gateway: SmsSettings, key: String, to: String) -> String;
            settings::locale_options(currency: String, time_zone: Option<String>) -> LocaleOptions;
            staff::session_status() -> SessionStatus;
            staff::session_sign_in(name: String, pin: String) -> SessionStatus;
            staff::session_lock() -> SessionStatus;
            staff::session_first_owner(name: String, pin: String) -> SessionStatus;
            staff::session_approve(name: String, pin: String, permission: String) -> ();
            staff::staff_list() -> Vec<StaffMember>;
            staff::staff_add(name: String, role: String, pin: String) -> Vec<StaffMember>;
            staff::staff_set_pin(name: String, pin: String) -> Vec<StaffMember>;
            staff::staff_set_role(name: String, role: String) -> Vec<StaffMember>;
            staff::staff_set_active(name: String, active: bool) -> Vec<StaffMember>;
            staff::staff_unlock(name: String) -> Vec<StaffMember>;
            settings::roles_list() -> RolesView;
            documents::tag_size_presets() -> Vec<TagSizePreset>;
            orders::order_move_past_guards(number: String, to_status: String, reason: String) -> OrderView;
            orders::order_undo(number: String, reason: String) -> OrderView;
            settings::workflow_simulate(input: SimulationInput) -> Simulation;
            cash::drawer_status() -> DrawerStatus;
            cash::drawer_open_session(float: CashCount) -> DrawerStatus;
            cash::drawer_x_report() -> TillReport;
            cash::drawer_close(counted: BTreeMap<String, CashCount>) -> TillReport;
            cash::cash_movement(kind: CashMovementKind, amount: String, reason: String) -> MovementResult;
            cash::drawer_no_sale(reason: String) -> MovementResult;
            cash::z_reports_list() -> Vec<ZSummary>;
            cash::z_report_get(number: i64) -> TillReport;
            cash::z_report_save_pdf(number: i64, paper: ReportPaper) -> SavedDocument;
            cash::z_report_print(number: i64) -> QueuedPrint;
            journal::journal_status() -> JournalStatus;
            journal::journal_verify() -> JournalStatus;
            corrections::order_edit_form(number: String) -> EditForm;
            corrections::order_edit_preview(number: String, edit: OrderEdit) -> EditOutcome;
            corrections::order_edit(number: String, edit: OrderEdit) -> OrderView;
            corrections::order_discount_preview(number: String, discount: DiscountInput) -> DiscountPreview;
            corrections::order_discount(number: String, discount: DiscountInput) -> OrderView;
            returns::order_refund_preview(number: String, input: RefundInput) -> RefundPreview;
            returns::order_refund(number: String, input: RefundInput) -> OrderView;
            returns::order_void(number: String, reason: String) -> OrderView;
        }
    };
}
