// Generated from the Rust types in src-tauri/src/contract by
// `TILLFLOW_WRITE_BINDINGS=1 cargo test -p tillflow-app bindings`. Do not edit.

import type { Channel } from '@tauri-apps/api/core';

export type ActionView = { trigger: string, label: string, };

/**
 * Basic facts about the running app (window title, about box).
 */
export type AppInfo = { version: string, database: string, shop_name: string, currency: string, };

/**
 * The order board: open orders by stage and status.
 */
export type Board = { 
/**
 * Open orders on the board (all columns).
 */
open: number, 
/**
 * Columns stage by stage, in workflow order; empty ones included.
 */
columns: Array<BoardColumn>, };

/**
 * One status column: its true count and its first page of cards.
 */
export type BoardColumn = { stage: string, status: string, name: string, color: string, count: number, 
/**
 * Newest first.
 */
cards: Array<OrderSummary>, 
/**
 * Cursor of the next page (`board_more`), none at the end.
 */
next: string | null, };

/**
 * The next cards of one column.
 */
export type BoardPage = { cards: Array<OrderSummary>, next: string | null, };

/**
 * Which open orders the board shows.
 */
export type BoardQuery = { 
/**
 * Only this order type (all when absent).
 */
type?: string, };

export type CatalogueItem = { sku: string, name: string, 
/**
 * Decimal string in the shop currency.
 */
price: string, 
/**
 * Percent, decimal string.
 */
tax_rate: string, unit?: string, barcode?: string, modifiers?: Array<CatalogueModifier>, };

export type CatalogueModifier = { name: string, 
/**
 * Price adjustment per unit, decimal string (may be negative).
 */
price: string, };

/**
 * Payload of [`CHANGED_EVENT`]: what changed, so open screens can refresh.
 */
export type Changed = { what: ChangedKind, 
/**
 * The order number, for order changes.
 */
number: string | null, };

export type ChangedKind = "order" | "settings" | "inventory" | "customers";

export type CommandError = { code: string, message: string, 
/**
 * The input field the error is about, when there is one.
 */
field?: string, };

/**
 * An item whose stock is counted, and whether it may be sold below zero.
 */
export type CountedItem = { sku: string, allow_backorder: boolean, };

export type Customer = { id: number, name: string, phone: string | null, email: string | null, address: string | null, };

/**
 * A customer at intake: an existing one by id, or details to find or create one.
 */
export type CustomerInput = { id?: number, name?: string, phone?: string, email?: string, address?: string, };

/**
 * The dashboard.
 */
export type Dashboard = { currency: string, 
/**
 * The shop's IANA time zone, which decides "today".
 */
time_zone: string, 
/**
 * The shop's local day.
 */
today: string, 
/**
 * Open orders (not completed, not canceled).
 */
open: number, 
/**
 * Open orders due before today.
 */
overdue: number, 
/**
 * Orders with a balance left to pay, completed ones included.
 */
unpaid: number, 
/**
 * The sum of those balances, in the shop currency's decimals.
 */
unpaid_total: string, 
/**
 * Open orders per status, in workflow order (statuses with orders only).
 */
by_status: Array<StatusTotal>, 
/**
 * Orders created per local day, oldest first, today last.
 */
created_per_day: Array<DayCount>, 
/**
 * The first overdue orders, earliest due first.
 */
overdue_orders: Array<OrderSummary>, 
/**
 * The largest unpaid balances first.
 */
unpaid_orders: Array<OrderSummary>, };

/**
 * Orders created on one local day.
 */
export type DayCount = { day: string, count: number, };

export type DeliveryMethod = "carrier" | "pickup";

/**
 * A printed document.
 */
export type DocumentKind = "invoice" | "packing_slip" | "receipt";

/**
 * How documents look (`shop.documents`).
 */
export type DocumentOptions = { paper: PaperSize, receipt_width: ReceiptWidth, 
/**
 * Path of a binary PPM (P6) logo on this machine.
 */
logo?: string, order_qr: boolean, drawer_kick_on_cash: boolean, };

/**
 * A return plus new lines, settled as one difference (`method` pays a
 * difference in the shop's favour). Same JSON as the core's flattened type.
 */
export type ExchangeInput = { lines: Array<LineQty>, restock?: string, refund_to: RefundTo, reason: string, add: Array<LineInput>, method?: string, };

/**
 * How far an export is: orders written, and how many match in all.
 */
export type ExportProgress = { done: number, total: number, };

/**
 * A finished export: the file written and what is in it.
 */
export type ExportedFile = { path: string, orders: number, 
/**
 * Data rows (one per order, or per line with lines).
 */
rows: number, };

export type Field = { key: string, label?: string, kind: FieldKind, required: boolean, options?: Array<string>, };

export type FieldKind = "text" | "long_text" | "number" | "money" | "date" | "choice" | "checkbox" | "customer" | "lines";

/**
 * Where an order stands in fulfillment (see docs/fulfillment.md).
 */
export type FulfillmentState = "open" | "ready_to_ship" | "partially_shipped" | "partially_closed" | "closed" | "canceled" | "returned" | "failed" | "abandoned";

/**
 * One audit row of the order's timeline.
 */
export type HistoryEntry = { at: string, event: string, from_status: string | null, to_status: string, moved: boolean, actor: string, reason?: string, };

export type ImportKind = "customers" | "items";

/**
 * One thing wrong with the file. `row` counts the header as row 1 (as a
 * spreadsheet shows it); `column` is the header name ("" for the whole row).
 */
export type ImportProblem = { row: number, column: string, message: string, };

/**
 * What an import found and did.
 */
export type ImportReport = { dry_run: boolean, 
/**
 * Data rows read (header excluded).
 */
rows: number, 
/**
 * Rows that create a record / update an existing one.
 */
created: number, updated: number, problems: Array<ImportProblem>, 
/**
 * Whether anything was written (only when there were no problems).
 */
written: boolean, };

/**
 * Everything the inventory screen lists.
 */
export type Inventory = { sites: Array<Site>, 
/**
 * By SKU, then site.
 */
levels: Array<StockLevel>, counted: Array<CountedItem>, };

/**
 * A counted item's stock at every site (POS intake).
 */
export type ItemStock = { sku: string, allow_backorder: boolean, levels: Array<StockLevel>, };

/**
 * One order line's fulfillment.
 */
export type LineFulfillment = { line: number, sku: string | null, name: string, 
/**
 * Its stock is counted (reserved before it ships).
 */
counted: boolean, ordered: string, reserved: string, shipped: string, delivered: string, returned: string, 
/**
 * Not in any shipment yet: what a new shipment may take.
 */
shippable: string, 
/**
 * Handed over and not returned: what may come back.
 */
returnable: string, 
/**
 * A counted line's kept quantity not reserved yet.
 */
unreserved: string, reservations: Array<Reservation>, };

/**
 * A line as entered in the line-item entry wizard.
 */
export type LineInput = { sku?: string, name?: string, 
/**
 * Decimal string ("2", "1.5").
 */
qty: string, unit_price?: string, tax_rate?: string, modifiers: Array<ModifierInput>, note?: string, };

/**
 * A quantity of one order line (line numbers start at 0).
 */
export type LineQty = { line: number, 
/**
 * Decimal string ("2", "0.5").
 */
qty: string, };

export type LineView = { sku: string | null, name: string, qty: string, unit_price: string, modifiers: Array<ModifierView>, tax_rate: string, note: string | null, delivery_method: string | null, amount: string, tax: string, };

export type ModifierInput = { name: string, 
/**
 * Per-unit adjustment; defaults to the catalogue modifier's price.
 */
price?: string, };

export type ModifierView = { name: string, price: string, };

/**
 * One row of an item's stock ledger.
 */
export type Movement = { id: number, site: string, sku: string, kind: MovementKind, 
/**
 * Signed decimal string.
 */
qty: string, 
/**
 * The order it belongs to, for sales and returns.
 */
order: string | null, note: string | null, 
/**
 * RFC 3339 timestamp.
 */
at: string, actor: string, };

export type MovementKind = "receipt" | "sale" | "return" | "adjustment" | "transfer";

/**
 * Which orders, in which order, which page. Every criterion is optional and
 * they combine with AND. The flags and the sort are left out of the JSON
 * when unset, so the core takes its defaults.
 */
export type OrderFilter = { 
/**
 * Exact order number.
 */
number?: string, 
/**
 * Customer name: every word typed must start a word of the name.
 */
customer?: string, 
/**
 * Customer phone: start or end of the digits.
 */
phone?: string, 
/**
 * Customer e-mail: case-insensitive prefix.
 */
email?: string, status?: string, stage?: string, type?: string, 
/**
 * Only orders that take stock from this site (key).
 */
site?: string, 
/**
 * Only orders in this fulfillment state (`abandoned` as of now).
 */
fulfillment_state?: FulfillmentState, 
/**
 * The instant (RFC 3339) time-dependent criteria are judged at; now
 * when absent.
 */
as_of?: string, 
/**
 * Created on or after this day (ISO date, UTC).
 */
created_from?: string, 
/**
 * Created on or before this day (ISO date, UTC).
 */
created_to?: string, 
/**
 * Only orders with something left to pay.
 */
balance_due?: boolean, 
/**
 * Only orders whose balance is at least this many minor units.
 */
min_balance?: number, 
/**
 * Free text: notes and text answers (full-text index), order number,
 * customer name, phone digits or e-mail.
 */
text?: string, 
/**
 * Only orders still in progress.
 */
open_only?: boolean, sort?: OrderSort, 
/**
 * Page size (default 200, at most 5000).
 */
limit?: number, 
/**
 * Cursor from the previous page's `next`.
 */
after?: string, };

/**
 * The order screen's stock, shipments and returns panels.
 */
export type OrderFulfillment = { number: string, 
/**
 * `open`, `ready_to_ship`, `partially_shipped`… (docs/fulfillment.md).
 */
state: string, lines: Array<LineFulfillment>, shipments: Array<Shipment>, sites: Array<Site>, 
/**
 * The order's counted items at every site, by SKU then site.
 */
stock: Array<StockLevel>, 
/**
 * The customer's store credit, when the order has a customer.
 */
store_credit: string | null, };

/**
 * Everything the intake wizard collected.
 */
export type OrderInput = { type: string, customer?: CustomerInput, 
/**
 * Answers of the wizard's plain fields, by field key.
 */
fields: Record<string, string | number | boolean | null>, lines: Array<LineInput>, payments: Array<PaymentInput>, };

/**
 * One page of a search, the cursor of the next one, and how many match.
 */
export type OrderPage = { orders: Array<OrderSummary>, next: string | null, total: number, };

/**
 * Totals of an order not created yet (the POS review step).
 */
export type OrderPreview = { totals: TotalsView, 
/**
 * Each line's amount, in input order.
 */
line_amounts: Array<string>, 
/**
 * The deposit the order type requires at creation ("0.00" without a
 * rule), by the core's one rounding rule.
 */
deposit_required: string, 
/**
 * What the payments entered still lack of that deposit ("0.00" when met).
 */
deposit_due: string, 
/**
 * The order type's deposit rule, percent of the total (decimal string).
 */
deposit_percent: string | null, currency: string, };

/**
 * Sort orders of a list (every sort ends with the order id).
 */
export type OrderSort = "newest" | "oldest" | "due" | "balance";

/**
 * A row of an order list (board card, dashboard search).
 */
export type OrderSummary = { number: string, type: string, stage: string, status: string, customer: string | null, phone: string | null, total: string, balance: string, due_date: string | null, created_at: string, 
/**
 * Open and due before the shop's today (`tillflow::orders::is_overdue`).
 */
overdue: boolean, };

export type OrderType = { key: string, name: string, wizard: string, 
/**
 * Workflow key per stage; a missing or null stage is skipped.
 */
stages: { [key in string]: string | null }, 
/**
 * Deposit required at creation, percent of the total (decimal string).
 */
deposit_percent?: string, 
/**
 * Hours before an untouched intake order counts as abandoned (default 72).
 */
abandon_after_hours?: number, version?: number, };

export type OrderView = { number: string, type: string, type_name: string, 
/**
 * A workflow type, or `done` / `canceled`.
 */
stage: string, status: string, status_name: string, status_color: string, workflow: string | null, workflow_version: number | null, order_type_version: number, currency: string, customer: Customer | null, fields: Record<string, string | number | boolean | null>, lines: Array<LineView>, totals: TotalsView, payments: Array<PaymentView>, history: Array<HistoryEntry>, steps: Array<StepView>, actions: Array<ActionView>, 
/**
 * ISO date (YYYY-MM-DD).
 */
due_date: string | null, created_at: string, updated_at: string, 
/**
 * Fulfillment state beside the workflow status (`open`, `ready_to_ship`,
 * `partially_shipped`, `closed`, `returned`…; see docs/fulfillment.md).
 */
fulfillment_state?: string, };

/**
 * Paper of invoices and packing slips.
 */
export type PaperSize = "a4" | "letter";

export type PaymentInput = { method: string, 
/**
 * Decimal string in the shop currency.
 */
amount: string, reference?: string, };

export type PaymentView = { method: string, amount: string, reference: string | null, 
/**
 * RFC 3339 timestamp.
 */
at: string, actor: string, };

/**
 * Payload of the print event: one job finished, printed or not.
 */
export type PrintReport = { job: QueuedPrint, ok: boolean, 
/**
 * What happened: the spooler's reference, or why it failed.
 */
message: string, 
/**
 * Whether the job can be retried (`print_retry` with its id).
 */
retryable: boolean, };

/**
 * Which printer gets which document (`shop.printing`).
 */
export type PrintSettings = { invoice_printer: string | null, packing_slip_printer: string | null, receipt_printer: ReceiptPrinter, copies: number, timeout_secs: number, windows_pdf_command: string | null, };

/**
 * A printer of the system.
 */
export type Printer = { name: string, is_default: boolean, };

/**
 * A print job handed to the queue.
 */
export type QueuedPrint = { job_id: number, number: string, kind: DocumentKind, 
/**
 * The printer it goes to, as a cashier reads it.
 */
printer: string, attempt: number, };

/**
 * Where receipts go: a system printer (PDF) or a thermal printer (ESC/POS).
 */
export type ReceiptPrinter = { "system": string | null } | { "thermal": ThermalTarget };

/**
 * Thermal receipt paper width.
 */
export type ReceiptWidth = "80mm" | "58mm";

export type RefundTo = "original" | "store_credit";

export type RefundView = { method: string, amount: string, };

/**
 * Stock reserved for a line at a site, and how much of it shipped.
 */
export type Reservation = { site: string, qty: string, shipped: string, };

/**
 * Lines coming back: restocked at a site, or written off (no `restock`).
 */
export type ReturnInput = { lines: Array<LineQty>, restock?: string, refund_to: RefundTo, reason: string, };

/**
 * A return or exchange done: its settlement and the order as it is now.
 */
export type ReturnOutcome = { settled: ReturnPreview, order: OrderView, };

/**
 * What a return or exchange would settle, computed by the core (nothing written).
 */
export type ReturnPreview = { refund: string, charge: string, refunds: Array<RefundView>, 
/**
 * The order's new total.
 */
total: string, balance: string, };

/**
 * Files written by "Save as PDF".
 */
export type SavedDocument = { 
/**
 * Absolute paths, one per file (one per delivery method when split).
 */
files: Array<string>, };

export type Settings = { format: string, shop: Shop, statuses: Array<Status>, workflow_types: Array<string>, workflows: Array<Workflow>, wizards: Array<Wizard>, order_types: Array<OrderType>, catalogue: Array<CatalogueItem>, };

/**
 * One edit made in the settings hub (mirror of `tillflow::settings::SettingsChange`).
 */
export type SettingsChange = { "op": "save_shop", shop: Shop, } | { "op": "save_status", status: Status, } | { "op": "delete_status", key: string, } | { "op": "save_workflow_types", workflow_types: Array<string>, } | { "op": "save_workflow", workflow: Workflow, } | { "op": "delete_workflow", key: string, } | { "op": "save_wizard", wizard: Wizard, } | { "op": "delete_wizard", key: string, } | { "op": "save_order_type", order_type: OrderType, } | { "op": "delete_order_type", key: string, } | { "op": "save_item", item: CatalogueItem, } | { "op": "delete_item", sku: string, };

export type Shipment = { id: number, method: DeliveryMethod, carrier: string | null, tracking: string | null, status: ShipmentStatus, lines: Array<ShipmentLine>, created_at: string, shipped_at: string | null, delivered_at: string | null, };

/**
 * A new shipment: by carrier (carrier required, tracking optional) or
 * picked up in store (neither).
 */
export type ShipmentInput = { method: DeliveryMethod, carrier?: string, tracking?: string, lines: Array<LineQty>, };

/**
 * How much of an order line a shipment carries, from which site (none for
 * items whose stock is not counted).
 */
export type ShipmentLine = { line: number, site: string | null, qty: string, };

export type ShipmentStatus = "created" | "shipped" | "delivered" | "failed";

export type Shop = { name: string, currency: string, prices_include_tax: boolean, tax_rounding: TaxRounding, order_prefix: string, address?: Array<string>, phone?: string, email?: string, tax_id?: string, footer?: string, 
/**
 * Paper, receipt width and logo; absent = the defaults.
 */
documents?: DocumentOptions, 
/**
 * Printers per document; absent = the system default printer.
 */
printing?: PrintSettings, 
/**
 * IANA time zone (`Europe/Berlin`); absent = the system's zone.
 */
time_zone?: string, };

/**
 * A warehouse or store; `home` is this store.
 */
export type Site = { key: string, name: string, kind: SiteKind, home: boolean, };

export type SiteKind = "store" | "warehouse";

export type Status = { key: string, name: string, color: string, };

/**
 * Open orders of one status.
 */
export type StatusTotal = { stage: string, status: string, name: string, color: string, count: number, };

export type Step = { status: string, 
/**
 * Trigger key, e.g. `items.tagged`.
 */
trigger: string, };

export type StepView = { status: string, name: string, color: string, trigger: string, current: boolean, };

/**
 * Stock of one item at one site.
 */
export type StockLevel = { site: string, sku: string, on_hand: string, allocated: string, 
/**
 * On hand minus allocated (negative when backordered).
 */
available: string, };

export type TaxRounding = "per_line" | "per_document";

/**
 * How to reach a thermal printer.
 */
export type ThermalTarget = { "network": { host: string, port: number, } } | { "device": string } | { "queue": string };

export type TotalsView = { subtotal: string, tax: string, total: string, paid: string, balance: string, };

/**
 * An entry of the trigger catalogue.
 */
export type TriggerInfo = { key: string, label: string, source: TriggerSource, 
/**
 * Describes a state (moves on at once when it already holds).
 */
is_state: boolean, description: string, };

/**
 * Who raises a trigger: a worker (a button) or the system.
 */
export type TriggerSource = "worker" | "system";

export type Wizard = { key: string, name: string, steps: Array<WizardStep>, update_fields?: Array<Field>, };

export type WizardStep = { title: string, fields: Array<Field>, };

export type Workflow = { key: string, name: string, 
/**
 * The workflow type (stage) this workflow serves.
 */
type: string, steps: Array<Step>, version?: number, };

/** Event broadcast after every write. */
export const CHANGED_EVENT = "tillflow://changed";

/** Event sent when a print job finishes (payload: PrintReport). */
export const PRINT_EVENT = "tillflow://print";

/** Every command: its arguments and its result. */
export interface Commands {
	app_info: { args: Record<string, never>; result: AppInfo };
	settings_get: { args: Record<string, never>; result: Settings };
	settings_change: { args: { change: SettingsChange }; result: Settings };
	settings_export: { args: Record<string, never>; result: string };
	settings_import: { args: { json: string }; result: Settings };
	triggers_list: { args: Record<string, never>; result: Array<TriggerInfo> };
	order_preview: { args: { input: OrderInput }; result: OrderPreview };
	order_create: { args: { input: OrderInput }; result: OrderView };
	order_get: { args: { number: string }; result: OrderView };
	order_fire: { args: { number: string; trigger: string }; result: OrderView };
	order_move: { args: { number: string; to_status: string; reason: string }; result: OrderView };
	order_pay: { args: { number: string; payment: PaymentInput }; result: OrderView };
	order_cancel: { args: { number: string; reason: string }; result: OrderView };
	customers_find: { args: { query: string }; result: Array<Customer> };
	customer_store_credit: { args: { customer_id: number }; result: string };
	dashboard: { args: Record<string, never>; result: Dashboard };
	board: { args: { query: BoardQuery }; result: Board };
	board_more: { args: { query: BoardQuery; stage: string; status: string; after: string }; result: BoardPage };
	list_printers: { args: Record<string, never>; result: Array<Printer> };
	save_document_pdf: { args: { number: string; kind: DocumentKind; split_by_delivery: boolean }; result: SavedDocument };
	print_document: { args: { number: string; kind: DocumentKind; split_by_delivery: boolean }; result: Array<QueuedPrint> };
	print_retry: { args: { job_id: number }; result: QueuedPrint };
	stock_availability: { args: { skus: Array<string> }; result: Array<ItemStock> };
	order_fulfillment: { args: { number: string }; result: OrderFulfillment };
	order_allocate: { args: { number: string }; result: OrderView };
	shipment_create: { args: { number: string; shipment: ShipmentInput }; result: OrderView };
	shipment_ship: { args: { number: string; id: number }; result: OrderView };
	shipment_deliver: { args: { number: string; id: number }; result: OrderView };
	shipment_fail: { args: { number: string; id: number; reason: string }; result: OrderView };
	shipment_delete: { args: { number: string; id: number }; result: OrderView };
	return_preview: { args: { number: string; input: ReturnInput; add: Array<LineInput> }; result: ReturnPreview };
	order_return: { args: { number: string; input: ReturnInput }; result: ReturnOutcome };
	order_exchange: { args: { number: string; input: ExchangeInput }; result: ReturnOutcome };
	order_payment_failed: { args: { number: string; payment: PaymentInput; reason: string }; result: OrderView };
	inventory_get: { args: Record<string, never>; result: Inventory };
	sites_list: { args: Record<string, never>; result: Array<Site> };
	site_add: { args: { site: Site }; result: Site };
	stock_receive: { args: { site: string; sku: string; qty: string; note: string | null }; result: StockLevel };
	stock_adjust: { args: { site: string; sku: string; qty: string; reason: string }; result: StockLevel };
	stock_transfer: { args: { sku: string; qty: string; from: string; to: string }; result: Array<StockLevel> };
	stock_backorder: { args: { sku: string; allow: boolean }; result: null };
	stock_movements: { args: { sku: string }; result: Array<Movement> };
	orders_search: { args: { filter: OrderFilter }; result: OrderPage };
	orders_export_csv: { args: { filter: OrderFilter; lines: boolean; file_name: string; on_progress: Channel<ExportProgress> }; result: ExportedFile };
	csv_import: { args: { kind: ImportKind; text: string; dry_run: boolean }; result: ImportReport };
}
