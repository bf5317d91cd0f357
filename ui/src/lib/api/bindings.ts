// Generated from src-tauri/src/command_list.rs and the types it names by
// `TILLFLOW_WRITE_BINDINGS=1 cargo test -p tillflow-app bindings`. Do not edit.

import type { Channel } from '@tauri-apps/api/core';

export type ActionView = { trigger: string, label: string, 
/**
 * Firing it ends the workflow (`completed`): the app asks first.
 */
completes: boolean, };

/**
 * One answer of an order as shown on screen and on paper.
 */
export type Answer = { key: string, label: string, 
/**
 * The answer as text ("Yes" for a ticked checkbox; a date as YYYY-MM-DD).
 */
value: string, 
/**
 * Whether the answer is a date (`value` is YYYY-MM-DD).
 */
is_date: boolean, role?: FieldRole, print_on: Array<PrintOn>, };

/**
 * Basic facts about the running app (window title, about box).
 */
export type AppInfo = { version: string, database: string, shop_name: string, currency: string, 
/**
 * False on a new database: the UI shows the first-run set-up.
 */
configured: boolean, };

/**
 * A restore or a change of the backup settings, from the settings history.
 */
export type BackupHistoryEntry = { at: string, actor: string, summary: string, };

/**
 * One backup file and what is known about it.
 */
export type BackupInfo = { 
/**
 * The backup database file.
 */
file: string, taken_at: string, reason: BackupReason, size_bytes: number, orders: number, 
/**
 * What `PRAGMA integrity_check` said of the copy: `ok`.
 */
integrity: string, 
/**
 * The state of the live database when the copy started (see
 * `storage::change_marker`): equal markers mean nothing changed.
 */
marker: string, 
/**
 * The newest order's number in the copy (none for no orders).
 */
last_order: string | null, 
/**
 * Whether the file is encrypted with a passphrase (`….db.age`).
 */
encrypted: boolean, };

/**
 * Why a backup was taken.
 */
export type BackupReason = "scheduled" | "close" | "manual" | "pre-migration" | "pre-import" | "pre-restore";

/**
 * One change of the backup settings, as the Backups page sends it.
 */
export type BackupSettingsChange = { 
/**
 * The backup folder; empty for the default.
 */
folder: string, interval_minutes: number, encrypt: boolean, 
/**
 * A new passphrase; empty keeps the one set before.
 */
passphrase: string, };

/**
 * The Backups page: this machine's backup settings, the backups in its
 * folder and when the next scheduled one is due.
 */
export type BackupsView = { 
/**
 * The backup folder in use.
 */
folder: string, 
/**
 * Whether that is the default folder (none chosen).
 */
default_folder: boolean, interval_minutes: number, encrypt: boolean, 
/**
 * Whether a passphrase is set (it is never sent).
 */
has_passphrase: boolean, 
/**
 * Newest first.
 */
backups: Array<BackupInfo>, next_due: string, 
/**
 * The latest restores and backup-setting changes, newest first.
 */
history: Array<BackupHistoryEntry>, };

/**
 * A guard in the way of a move.
 */
export type Blocker = { 
/**
 * The step that holds the order.
 */
status: string, 
/**
 * The guard's key (`paid_in_full`…).
 */
condition: string, 
/**
 * In words.
 */
text: string, };

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

/**
 * How a POST body is written and its values escaped.
 */
export type BodyFormat = "form" | "json";

/**
 * A float or a count: a total, or pieces per note and coin.
 */
export type CashCount = { 
/**
 * The total as a decimal string ("150.00"), when not counted by piece.
 */
total?: string, 
/**
 * (denomination as a decimal string, pieces).
 */
pieces: Array<[string, number]>, };

/**
 * The drawer's cash, step by step.
 */
export type CashLine = { float: number, 
/**
 * What customers handed over in cash.
 */
taken: number, change: number, 
/**
 * Included in `taken`: the rounding to the smallest coin.
 */
rounding: number, refunds: number, pay_ins: number, pay_outs: number, drops: number, no_sales: number, expected: number, };

/**
 * A cash movement of the session.
 */
export type CashMovement = { kind: CashMovementKind, amount: number, reason: string, at: string, actor: string, };

/**
 * A cash movement outside a sale.
 */
export type CashMovementKind = "pay_in" | "pay_out" | "drop" | "no_sale";

/**
 * The shop's cash settings (`shop.cash` in the settings file).
 */
export type CashSettings = { 
/**
 * Which tenders need an open drawer session.
 */
sessions: SessionRule, 
/**
 * The smallest coin cash is rounded to (`"0.05"` in Switzerland);
 * absent: no rounding.
 */
smallest_coin?: string, 
/**
 * Whoever closes the till counts without seeing the expected figures.
 */
blind_count: boolean, };

export type CatalogueItem = { sku: string, name: string, 
/**
 * Unit price as a decimal string in the shop currency.
 */
price: string, 
/**
 * Tax rate in percent.
 */
tax_rate: string, unit?: string, barcode?: string, modifiers?: Array<CatalogueModifier>, 
/**
 * The shop categories this item is in (zero or more).
 */
categories?: Array<string>, 
/**
 * An inactive item is not offered at the POS; orders that have it keep it.
 */
active?: boolean, };

export type CatalogueModifier = { name: string, 
/**
 * Price adjustment per unit (may be negative).
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

export type ChangedKind = "order" | "settings" | "inventory" | "customers" | "staff";

export type CommandError = { code: string, message: string, 
/**
 * The input field the error is about, when there is one.
 */
field?: string, 
/**
 * For `forbidden`: the permission the action needs (the app offers
 * a manager's approval for it).
 */
permission?: string, };

/**
 * An item whose stock is counted, and its backorder rule (for screens).
 */
export type CountedItem = { sku: string, allow_backorder: boolean, };

/**
 * A credit note of an order, as its page lists it.
 */
export type CreditNoteView = { number: string, 
/**
 * The invoice it corrects.
 */
invoice: string, issued_at: string, 
/**
 * The amount credited (decimal string).
 */
total: string, };

/**
 * A role of the shop's own: a key staff rows and step rules name, a name
 * for screens, and its permission checklist (permission keys).
 */
export type CustomRole = { key: string, name: string, 
/**
 * Permission keys (`orders.take`, …); an unknown key is refused.
 */
permissions: Array<string>, };

export type Customer = { id: number, name: string, phone: string | null, email: string | null, address: string | null, };

/**
 * Where a page of customers (sorted by name, then id) starts after.
 */
export type CustomerCursor = { name: string, id: number, };

/**
 * New contact details for a customer (all of them: a field left empty is
 * cleared) and the marketing consent.
 */
export type CustomerEdit = { name: string, phone?: string, email?: string, address?: string, marketing_consent: boolean, };

/**
 * One row of a customer's history.
 */
export type CustomerEvent = { at: string, actor: string, kind: CustomerEventKind, detail: Record<string, unknown>, };

/**
 * What is recorded about a customer.
 */
export type CustomerEventKind = "edited" | "consent" | "merged";

/**
 * A customer as given at intake: an existing one by id, or details to find
 * (by phone) or create one.
 */
export type CustomerInput = { id?: number, name?: string, phone?: string, email?: string, address?: string, };

/**
 * One page of a customer's orders: open ones first, each part newest first.
 */
export type CustomerOrders = { orders: Array<OrderSummary>, next: CustomerOrdersCursor | null, };

/**
 * Where a page of a customer's orders (open first, then newest first)
 * starts after.
 */
export type CustomerOrdersCursor = { closed: boolean, created_at: string, id: number, };

/**
 * One page of customers and how many match in all (exact).
 */
export type CustomerPage = { customers: Array<Customer>, total: number, 
/**
 * Where the next page starts; none on the last page.
 */
next: CustomerCursor | null, };

/**
 * A search of the customer list: by the start of the name's words, by
 * phone digits in any formatting (anywhere in the number), or by the
 * start of the e-mail. Empty text lists every customer.
 */
export type CustomerSearch = { text: string, after?: CustomerCursor, limit?: number, };

/**
 * A customer's page.
 */
export type CustomerView = { customer: Customer, marketing_consent: boolean, 
/**
 * When consent was last given or withdrawn (from the history).
 */
consent_changed_at: string | null, created_at: string, 
/**
 * Their orders, and how many are still open.
 */
orders: number, open_orders: number, 
/**
 * What they owe over all their orders (formatted).
 */
balance: string, 
/**
 * Their store credit (formatted).
 */
store_credit: string, 
/**
 * The newest history rows first.
 */
events: Array<CustomerEvent>, };

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
unpaid_orders: Array<OrderSummary>, 
/**
 * Open orders past their step's time target (`steps[].target`).
 */
over_target: number, 
/**
 * The first of them, longest over first.
 */
over_target_orders: Array<OrderSummary>, };

/**
 * Orders created on one local day.
 */
export type DayCount = { day: string, count: number, };

export type DeliveryMethod = "carrier" | "pickup";

export type DiscountCode = { 
/**
 * What the customer says or shows: letters, digits, `-` and `_`;
 * matched without regard to case.
 */
code: string, 
/**
 * Percent off the order (more than 0, at most 100)…
 */
percent?: string, 
/**
 * …or an amount off it, in the shop's currency (one of the two).
 */
amount?: string, 
/**
 * First day it is valid (the shop's local day); absent: from now on.
 */
valid_from?: string, 
/**
 * Last day it is valid; absent: no end.
 */
valid_to?: string, 
/**
 * The order total (before the code) it needs; absent: any order.
 */
min_order?: string, };

/**
 * A discount as a person gives it: `percent` or `amount` (one of them),
 * on `line` (0-based) or, without it, on the whole order.
 */
export type DiscountInput = { percent?: string, amount?: string, line?: number, reason: string, };

/**
 * What a discount would do, and whether the giver needs a manager for it.
 */
export type DiscountPreview = { 
/**
 * The order's totals before and after, and the balance.
 */
outcome: EditOutcome, 
/**
 * What it takes off ("1.20").
 */
taken: string, 
/**
 * The same as a percentage of what it is taken from ("10").
 */
percent: string, 
/**
 * The most the giver's role may give without the permission, in percent.
 */
limit?: string, 
/**
 * Above that limit without the `orders.discount` permission: giving
 * it needs a manager's approval.
 */
needs_approval: boolean, };

/**
 * The kind of a printed document; names the workflow trigger raised once printed.
 */
export type DocumentKind = "invoice" | "packing_slip" | "receipt" | "ticket" | "tags" | "credit_note" | "z_report";

/**
 * How the shop's documents look (`shop.documents`).
 */
export type DocumentOptions = { 
/**
 * Invoices and packing slips: `a4` or `letter`.
 */
paper: PaperSize, 
/**
 * Receipts: `80mm` or `58mm`.
 */
receipt_width: ReceiptWidth, 
/**
 * The logo printed left of the shop name: a PNG kept in the database
 * (inline, base64, in a settings file; see [`Logo`]).
 */
logo?: Logo, 
/**
 * Print the order number as a QR code.
 */
order_qr: boolean, 
/**
 * Open the cash drawer after a thermal receipt of an order paid in cash.
 */
drawer_kick_on_cash: boolean, 
/**
 * The label stock in the tag printer (`{"width_mm": 50.8, "height_mm":
 * 25.4}`; no height = a continuous roll). Absent = 2 × 1.5 in.
 */
tag_size?: TagSize, 
/**
 * How invoice numbers read (`INV-{yyyy}-{seq:6}`; see
 * [`crate::documents::NumberFormat`]).
 */
invoice_number: string, 
/**
 * How credit-note numbers read (`CN-{yyyy}-{seq:6}`).
 */
credit_note_number: string, };

/**
 * A shop profile's documents as they would print, for the Shop page.
 */
export type DocumentPreview = { 
/**
 * The first page of a sample order's invoice (paper size of the settings).
 */
invoice_svg: string, 
/**
 * The sample order's receipt (receipt width of the settings).
 */
receipt_svg: string, };

/**
 * The drawer now: the open session, if any, and what the screens need to
 * count it.
 */
export type DrawerStatus = { till: string, session?: SessionInfo, 
/**
 * Cash the drawer should hold now; absent when no session is open or
 * the shop counts blind.
 */
expected_cash?: string, blind_count: boolean, 
/**
 * The currency's notes and coins, largest first (decimal strings).
 */
denominations: Array<string>, 
/**
 * The tenders that can be counted at closing (key, label).
 */
tenders: Array<[string, string]>, 
/**
 * The tenders the till refuses now because no session is open (the
 * shop's `cash.sessions` rule); empty while a session is open.
 */
closed_tenders: Array<string>, currency: string, currency_exponent: number, };

/**
 * What an edit screen offers for an order: the fields an edit may answer
 * (labelled, in order) and what each line keeps whatever the edit.
 */
export type EditForm = { 
/**
 * The update wizard's fields, then the due-date field when the update
 * wizard does not ask it itself.
 */
fields: Array<Field>, 
/**
 * One per line of the order, in its order.
 */
lines: Array<EditableLine>, };

/**
 * What an edit did (or, previewed, would do).
 */
export type EditOutcome = { number: string, 
/**
 * Before → after, one entry per field, customer and line changed.
 */
changes: Array<string>, 
/**
 * The totals before and after (amounts as text in the currency).
 */
before: EditTotals, after: EditTotals, 
/**
 * What the customer still owes after the edit (negative: owed to them).
 */
balance: string, 
/**
 * What the edit changes the total by: above zero more to pay, below
 * zero less (a refund when it was paid).
 */
difference: string, result?: unknown, };

/**
 * An order's totals (decimal strings in the shop currency).
 */
export type EditTotals = { subtotal: string, tax: string, total: string, };

/**
 * What an edit may do to one line.
 */
export type EditableLine = { line: number, 
/**
 * The least quantity it may have: what was shipped or returned ("0").
 */
min_qty: string, 
/**
 * Why it cannot be removed ("shipped or picked up", "returned"); none
 * when it can.
 */
kept_because?: string, 
/**
 * Its price and modifiers cannot change (returns were refunded at them).
 */
price_fixed: boolean, };

/**
 * An exchange: a return plus new lines, settled as one difference.
 */
export type ExchangeInput = { add: Array<LineInput>, 
/**
 * How a difference in the shop's favour is paid.
 */
method?: string, lines: Array<LineQty>, 
/**
 * Site that takes the goods back into stock; none = written off.
 */
restock?: string, refund_to: RefundTo, reason: string, };

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

export type Field = { key: string, label?: string, kind: FieldKind, required: boolean, 
/**
 * Options of a `choice` field.
 */
options?: Array<string>, 
/**
 * What the answer is to the order (its due date…), whatever the key.
 */
role?: FieldRole, 
/**
 * The documents the answer is printed on, as "Label: answer".
 */
print_on?: Array<PrintOn>, };

/**
 * One thing wrong with the input, named by its field (`due_date`,
 * `customer.phone`, `lines[0].qty`, `payments[1].amount`…).
 */
export type FieldError = { field: string, message: string, };

export type FieldKind = "text" | "long_text" | "number" | "money" | "date" | "choice" | "checkbox" | "customer" | "lines";

/**
 * What a field's answer is to the order, whatever the field's key.
 */
export type FieldRole = "due_date" | "pickup_date" | "delivery_address" | "item_identifier";

export type FulfillmentState = "open" | "ready_to_ship" | "partially_shipped" | "partially_closed" | "closed" | "canceled" | "returned" | "failed" | "abandoned";

/**
 * A condition an order must meet before it leaves a step (by its
 * trigger or by hand). In a file: `"paid_in_full"`, `"all_shipped"`,
 * `{"deposit_percent": 50}`, `{"field": "serial_number"}`.
 */
export type Guard = "paid_in_full" | { "deposit_percent": number } | "all_shipped" | { "field": string };

/**
 * One audit row: an event and the move it made (from = to when it moved nothing).
 */
export type HistoryEntry = { at: string, 
/**
 * Serialised as its stable key (`payment.captured`, `stock.allocated`…).
 */
event: string, 
/**
 * What the timeline calls it (`Payment captured`, `Stock reserved`…).
 */
label: string, from_status: string | null, to_status: string, moved: boolean, actor: string, reason?: string, };

export type HttpMethod = "get" | "post";

export type ImportKind = "customers" | "items";

/**
 * One thing wrong with the file. `row` counts records with the header as
 * row 1 (as a spreadsheet shows it); `column` is the header name.
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
 * A counted item's stock at every site (intake shows it per line).
 */
export type ItemStock = { sku: string, allow_backorder: boolean, levels: Array<StockLevel>, };

/**
 * The last verification of the journal (at start-up, or asked for).
 */
export type JournalStatus = { 
/**
 * A verification is running (the start-up one, at first).
 */
checking: boolean, 
/**
 * It ran and everything verified.
 */
ok: boolean, 
/**
 * Entries checked.
 */
entries: number, 
/**
 * The first bad entry (`T1#42`), if one is bad.
 */
first_bad: string | null, 
/**
 * Problems found in all.
 */
problem_count: number, 
/**
 * The first problems (the whole list: `tillflow journal verify`).
 */
problems: Array<Problem>, 
/**
 * Why the verification could not run, if it could not.
 */
error: string | null, };

/**
 * A change to one line: only the keys given change.
 */
export type LineChange = { line: number, qty?: string, unit_price?: string, 
/**
 * The line's modifiers, replacing the ones it has.
 */
modifiers?: Array<ModifierInput>, 
/**
 * The line's note; an empty note clears it.
 */
note?: string, };

/**
 * One order line's fulfillment (quantities are exact decimals).
 */
export type LineFulfillment = { line: number, sku: string | null, name: string, 
/**
 * Its stock is counted (it is reserved before it ships).
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
export type LineInput = { sku?: string, name?: string, qty: string, unit_price?: string, tax_rate?: string, modifiers: Array<ModifierInput>, note?: string, delivery_method?: string, };

/**
 * A quantity of one order line.
 */
export type LineQty = { line: number, qty: string, };

export type LineView = { sku: string | null, name: string, qty: string, unit_price: string, modifiers: Array<ModifierView>, tax_rate: string, note: string | null, delivery_method: string | null, 
/**
 * After its discount.
 */
amount: string, tax: string, 
/**
 * What its discount takes off, when it has one ("1.20").
 */
discount?: string, 
/**
 * "Discount 10 % (loyal customer)".
 */
discount_label?: string, };

/**
 * One entry of the locale chooser.
 */
export type LocaleOption = { tag: string, name: string, 
/**
 * `1 234,50 € · 31/12/2026` in the shop's currency.
 */
example: string, };

/**
 * What the locale chooser offers for a shop in `currency` and `time_zone`.
 */
export type LocaleOptions = { 
/**
 * The locale a shop that chooses none gets (see [`Locale::suggested`]).
 */
suggested: string, locales: Array<LocaleOption>, };

export type Logo = { 
/**
 * SHA-256 (hex) of the PNG: the logo's name in the database.
 */
sha256: string, 
/**
 * The PNG itself, base64: in settings files and in a logo just chosen
 * (stored into the database when the settings are saved).
 */
png?: string, };

/**
 * What merging `duplicate` into `keep` will do.
 */
export type MergePreview = { keep: Customer, duplicate: Customer, 
/**
 * The duplicate's orders, moved to the customer kept.
 */
orders_moved: number, 
/**
 * The duplicate's store credit (formatted), added to the kept one's.
 */
credit_moved: string, 
/**
 * The kept customer's store credit after the merge (formatted).
 */
credit_after: string, 
/**
 * History rows moved.
 */
events_moved: number, 
/**
 * Details the kept customer lacks, taken from the duplicate.
 */
fills: Array<string>, };

/**
 * How one message goes out.
 */
export type MessageChannel = "email" | "sms";

/**
 * The `messages` section of the settings file.
 */
export type MessageSettings = { 
/**
 * The SMTP server messages go out through (no password: that stays on
 * this machine, in `tillflow.machine.json`). Absent: nothing is sent.
 */
email?: SmtpSettings, 
/**
 * The SMS gateway text messages go out through (no key: that stays on
 * this machine). Absent: no SMS is sent (the default).
 */
sms?: SmsSettings, 
/**
 * One template per status; an order entering that status queues it.
 */
templates: Array<MessageTemplate>, };

/**
 * What the customer is told when their order enters `status`.
 */
export type MessageTemplate = { 
/**
 * The status key (from the Status Library).
 */
status: string, 
/**
 * The email's subject (not sent by SMS; may be empty for an SMS-only
 * template).
 */
subject: string, 
/**
 * The email's text, and the SMS's.
 */
body: string, 
/**
 * How it goes out: email (the default), SMS, or both.
 */
channel?: TemplateChannel, };

/**
 * A save from the Messages page.
 */
export type MessagesChange = { messages: MessageSettings, 
/**
 * A new SMTP password; empty keeps the one set.
 */
password: string, 
/**
 * Forget the password set on this machine.
 */
clear_password: boolean, 
/**
 * A new SMS gateway key; empty keeps the one set.
 */
sms_key: string, 
/**
 * Forget the SMS gateway key set on this machine.
 */
clear_sms_key: boolean, };

/**
 * The Messages page.
 */
export type MessagesView = { messages: MessageSettings, 
/**
 * Whether this machine holds an SMTP password.
 */
password_set: boolean, 
/**
 * Whether this machine holds the SMS gateway's key.
 */
sms_key_set: boolean, 
/**
 * Placeholder names and what they stand for.
 */
placeholders: Array<[string, string]>, 
/**
 * The SMS gateway's placeholders and what they stand for.
 */
gateway_placeholders: Array<[string, string]>, };

export type ModifierInput = { name: string, 
/**
 * Price adjustment per unit; defaults to the catalogue modifier's price.
 */
price?: string, };

export type ModifierView = { name: string, price: string, };

/**
 * A place to move the order to.
 */
export type MoveTarget = { 
/**
 * What `order move --to` takes (`stage:status` when the status is in two stages).
 */
to: string, stage: string, status: string, name: string, 
/**
 * Further along than the order is.
 */
forward: boolean, 
/**
 * Unmet guards a move there passes (empty: it may go).
 */
blocked_by: Array<Blocker>, };

/**
 * One ledger row: a signed quantity at a site.
 */
export type Movement = { id: number, site: string, sku: string, kind: MovementKind, qty: string, order: string | null, note: string | null, at: string, actor: string, };

export type MovementKind = "receipt" | "sale" | "return" | "adjustment" | "transfer";

/**
 * A cash movement recorded.
 */
export type MovementResult = { id: number, kind: CashMovementKind, amount: string, 
/**
 * Whether the drawer was kicked open through the receipt printer.
 */
kicked: boolean, 
/**
 * Why it was not, when it was asked to be.
 */
kick_error?: string, };

/**
 * The order's move menu and undo window.
 */
export type MovesView = { targets: Array<MoveTarget>, 
/**
 * Until when its last move may be undone (none: it may not).
 */
undo_until: string | null, 
/**
 * System events kept for a later step (trigger keys).
 */
kept: Array<string>, 
/**
 * Unmet guards of the current step.
 */
held_by: Array<Blocker>, };

/**
 * What a person changes on an order (every key optional). Line indexes
 * are 0-based, as in `ship` and `return`, and name the lines as they are
 * before the edit.
 */
export type OrderEdit = { 
/**
 * Answers of the update wizard (and the due date), by field key; an
 * empty answer clears a field that is not required.
 */
fields: Record<string, string | number | boolean | null>, customer?: CustomerInput, add_lines: Array<LineInput>, change_lines: Array<LineChange>, remove_lines: Array<number>, };

/**
 * Which orders, in which order, which page. Every criterion is optional and
 * they combine with AND.
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
 * Customer phone: digits prefix (spaces, `+`, dashes ignored).
 */
phone?: string, 
/**
 * Customer e-mail: case-insensitive prefix.
 */
email?: string, status?: string, stage?: string, type?: string, 
/**
 * Only orders that take stock from this site (stock reserved there,
 * shipped or not).
 */
site?: string, 
/**
 * Created on or after this day (UTC).
 */
created_from?: string, 
/**
 * Created on or before this day (UTC).
 */
created_to?: string, 
/**
 * Only orders in this fulfillment state (`abandoned` as of `as_of`).
 */
fulfillment_state?: FulfillmentState, 
/**
 * The time criteria that depend on the clock are judged at (now when
 * absent): an order is `abandoned` after waiting long enough.
 */
as_of?: string, 
/**
 * Only orders with something left to pay.
 */
balance_due?: boolean, 
/**
 * Only orders whose balance is at least this many minor units.
 */
min_balance?: number, 
/**
 * Free text, word prefixes: found in the notes and text answers of the
 * order (full-text index), or as order number, customer name, phone
 * digits or e-mail prefix.
 */
text?: string, 
/**
 * Only orders still in progress.
 */
open_only?: boolean, sort?: OrderSort, 
/**
 * Page size (lists: default 200, at most 5000; export: everything).
 */
limit?: number, 
/**
 * Cursor from the previous page's `next`.
 */
after?: string, };

export type OrderFulfillment = { number: string, state: FulfillmentState, lines: Array<LineFulfillment>, shipments: Array<Shipment>, sites: Array<Site>, 
/**
 * The order's counted items at every site, by SKU then site.
 */
stock: Array<StockLevel>, 
/**
 * The customer's store credit, when the order has a customer.
 */
store_credit: string | null, 
/**
 * Shipments and returns apply: the order's plan ships, it has
 * shipments, or it holds counted goods. A service order (a laundry
 * ticket, a repair) has none of them.
 */
goods: boolean, };

/**
 * Everything the intake wizard collected.
 */
export type OrderInput = { type: string, customer?: CustomerInput, fields: Record<string, string | number | boolean | null>, lines: Array<LineInput>, payments: Array<PaymentInput>, 
/**
 * A discount code the customer gave (`settings.discount_codes`).
 */
discount_code?: string, };

/**
 * One page of a list, and the cursor of the next one (none at the end).
 */
export type OrderPage = { orders: Array<OrderSummary>, next: string | null, };

/**
 * What the order would be, computed by the core without writing anything.
 */
export type OrderPreview = { 
/**
 * Totals of the lines that are valid.
 */
totals: PreviewTotals, 
/**
 * Each input line's amount, in input order (`null` for a line with an
 * error, see `errors`).
 */
line_amounts: Array<string | null>, 
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
deposit_percent: string | null, currency: string, 
/**
 * Minor-unit digits of the currency (2 for EUR, 0 for JPY, 3 for BHD).
 */
currency_exponent: number, 
/**
 * Every field error of the input, in the order creating it would
 * report them; empty when the input can be created as it is (stock and
 * store credit are checked at creation).
 */
errors: Array<FieldError>, 
/**
 * The valid answers, labelled by the wizard, in its order (the review
 * shows labels, never keys).
 */
answers: Array<Answer>, 
/**
 * The due date the answers give (the wizard's due-date field).
 */
due_date: string | null, 
/**
 * The discount code applied, when the input gives a valid one (an
 * invalid one is a field error on `discount_code`).
 */
discount: PreviewDiscount | null, };

/**
 * Sort orders of a list. Every sort ends with the order id, so paging is
 * stable even when keys tie.
 */
export type OrderSort = "newest" | "oldest" | "due" | "balance";

/**
 * A row of an order list (board card, dashboard, CLI list).
 */
export type OrderSummary = { number: string, type: string, stage: string, status: string, customer: string | null, phone: string | null, total: string, balance: string, due_date: string | null, created_at: string, 
/**
 * Open and due before the shop's today ([`super::is_overdue`]); set by
 * the till where it knows today (false otherwise).
 */
overdue: boolean, };

export type OrderType = { key: string, name: string, wizard: string, 
/**
 * Workflow key per stage (workflow type). A missing or null stage is skipped.
 */
stages: { [key in string]: string | null }, 
/**
 * Percent of the total that must be paid when the order is created
 * (a required deposit); none = no deposit rule.
 */
deposit_percent?: string, 
/**
 * Hours an untouched intake order waits before its fulfillment state
 * is `abandoned` (default 72).
 */
abandon_after_hours?: number, 
/**
 * The item categories this order type offers at the POS; empty: all.
 */
categories?: Array<string>, version?: number, };

export type OrderView = { number: string, type: string, type_name: string, stage: string, status: string, status_name: string, status_color: string, workflow: string | null, workflow_version: number | null, order_type_version: number, currency: string, customer: Customer | null, fields: Record<string, string | number | boolean | null>, 
/**
 * The answers labelled by the order type's wizard, in its order.
 */
answers: Array<Answer>, lines: Array<LineView>, totals: TotalsView, payments: Array<PaymentView>, history: Array<HistoryEntry>, 
/**
 * The current workflow's steps (for the move menu and the progress bar).
 */
steps: Array<StepView>, 
/**
 * Worker buttons valid now (the current step's trigger, when a worker raises it).
 */
actions: Array<ActionView>, due_date: string | null, created_at: string, updated_at: string, 
/**
 * Derived from lines, shipments, payments and returns (see
 * [`crate::fulfillment::state`]); set by the till.
 */
fulfillment_state: FulfillmentState | null, 
/**
 * Where a person may move the order, the guards in the way, and until
 * when its last move may be undone; set by the till.
 */
moves: MovesView | null, 
/**
 * The order's invoice number, once one was issued (set by the till).
 */
invoice: string | null, 
/**
 * Its credit notes, oldest first (set by the till).
 */
credit_notes: Array<CreditNoteView>, };

/**
 * A message in the outbox, as the order page shows it.
 */
export type OutboxMessage = { id: number, order_number: string, 
/**
 * The status whose entry queued it.
 */
status: string, channel: MessageChannel, recipient: string, subject: string, body: string, state: OutboxState, attempts: number, last_error?: string, 
/**
 * When it is tried next (none: sent, or given up until Retry).
 */
next_attempt_at?: string, created_at: string, sent_at?: string, };

/**
 * Where a message is.
 */
export type OutboxState = "queued" | "sent" | "failed";

/**
 * Paper size of invoices and packing slips.
 */
export type PaperSize = "a4" | "letter";

export type PaymentInput = { method: string, amount: string, reference?: string, };

/**
 * A way a customer pays: its key (stored with every payment) and its label.
 */
export type PaymentMethod = { key: string, label: string, };

export type PaymentView = { method: string, amount: string, reference: string | null, at: string, actor: string, 
/**
 * Cash given back ("0.00" when none).
 */
change: string, };

/**
 * A permission as screens list it.
 */
export type PermissionInfo = { key: string, label: string, };

/**
 * A discount code as the POS review shows it.
 */
export type PreviewDiscount = { 
/**
 * The code as the shop wrote it.
 */
code: string, 
/**
 * What it takes off the order, formatted in the currency.
 */
taken: string, };

/**
 * Totals of a previewed order (decimal strings in the shop currency).
 */
export type PreviewTotals = { subtotal: string, tax: string, total: string, 
/**
 * What the valid payments entered add up to.
 */
paid: string, balance: string, 
/**
 * The change cash above the total gives back ("0.00" when none).
 */
change: string, };

/**
 * A document a field's answer is printed on ("Bike make: Gazelle").
 */
export type PrintOn = "receipt" | "invoice" | "ticket" | "tags";

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
 * Where each document goes (from the shop's settings).
 */
export type PrintSettings = { 
/**
 * System printer for invoices; `None` = the system default printer.
 */
invoice_printer: string | null, 
/**
 * System printer for packing slips; `None` = the invoice printer.
 */
packing_slip_printer: string | null, 
/**
 * Where receipts go.
 */
receipt_printer: ReceiptPrinter, 
/**
 * Where job tickets go: a system printer (the PDF ticket) or a thermal
 * printer (the ESC/POS ticket); `None` = the receipt printer when it is
 * a named system printer, else the invoice printer. A plain name (older
 * settings files) is a system printer.
 */
ticket_printer?: ReceiptPrinter, 
/**
 * Where tags go: a system printer (PDF labels, the tag size as media)
 * or a label printer speaking ESC/POS; `None` = the invoice printer. A
 * plain name (older settings files) is a system printer.
 */
tag_printer?: ReceiptPrinter, 
/**
 * Printing the tags raises `items.tagged` on the order (a workflow step
 * waiting for it moves on).
 */
tags_raise_items_tagged?: boolean, 
/**
 * Copies of each invoice / packing slip.
 */
copies: number, 
/**
 * Give up on a printer command or connection after this many seconds.
 */
timeout_secs: number, 
/**
 * Windows only: a program that prints a PDF silently, called as
 * `PROGRAM -print-to PRINTER -silent FILE` (SumatraPDF's syntax). Without
 * it, Windows uses the shell's `PrintTo` verb of the default PDF handler.
 */
windows_pdf_command: string | null, };

/**
 * A printer known to the system.
 */
export type Printer = { name: string, is_default: boolean, };

/**
 * One thing that is wrong.
 */
export type Problem = { 
/**
 * What found it: `chain`, `head`, `archive`, or a cross-check's name.
 */
check: string, 
/**
 * The entry concerned (`T1#42`), when there is one.
 */
entry?: string, message: string, };

/**
 * A print job handed to the queue.
 */
export type QueuedPrint = { job_id: number, number: string, kind: DocumentKind, 
/**
 * The printer it goes to, as a cashier reads it.
 */
printer: string, attempt: number, };

/**
 * One tax rate's figures over the session's sales.
 */
export type RateLine = { rate: string, net: number, tax: number, };

/**
 * The kind of the receipt, job-ticket or tag printer: an ordinary system
 * printer (gets the PDF) or a thermal / label printer (gets ESC/POS bytes).
 */
export type ReceiptPrinter = { "system": string | null } | { "thermal": ThermalTarget };

/**
 * Thermal receipt paper width.
 */
export type ReceiptWidth = "80mm" | "58mm";

/**
 * Money given back without goods coming back (a canceled order's
 * deposit, a goodwill gesture, an overcharge): `amount` to the original
 * tenders (newest first) or to the customer's store credit, with a reason.
 */
export type RefundInput = { amount: string, to: RefundTo, reason: string, };

/**
 * How a refund would be paid out (shown before it is confirmed).
 */
export type RefundPreview = { 
/**
 * The amount refunded.
 */
refund: string, 
/**
 * Per tender, newest first (or all to store credit).
 */
refunds: Array<RefundView>, 
/**
 * Cash the drawer pays out (the cash part rounded to the smallest coin).
 */
cash_out: string, 
/**
 * At most this can be refunded (what the order holds).
 */
refundable: string, 
/**
 * What the customer owes after it (negative: still owed to them).
 */
balance: string, };

/**
 * Where a refund goes.
 */
export type RefundTo = "original" | "store_credit";

/**
 * A refund paid out: method and amount (decimal string).
 */
export type RefundView = { method: string, amount: string, };

/**
 * A template filled for one order.
 */
export type Rendered = { subject: string, body: string, };

/**
 * The paper a report prints on.
 */
export type ReportPaper = "a4" | "receipt";

/**
 * Stock reserved for a line at a site, and how much of it has shipped.
 */
export type Reservation = { site: string, qty: string, shipped: string, };

/**
 * What restoring a backup would replace.
 */
export type RestorePreview = { backup: BackupInfo, 
/**
 * The orders in the database now, and the newest one's number.
 */
current_orders: number, current_last_order: string | null, 
/**
 * Orders in the database now that the backup does not have (by count).
 */
orders_lost: number, 
/**
 * Whether the restore needs the backup's passphrase.
 */
needs_passphrase: boolean, 
/**
 * One sentence naming what will be replaced.
 */
summary: string, };

/**
 * What a restore did.
 */
export type Restored = { 
/**
 * The backup now in force.
 */
restored: BackupInfo, 
/**
 * The copy of the database it replaced (none when there was none).
 */
replaced: BackupInfo | null, };

/**
 * A return of some lines.
 */
export type ReturnInput = { lines: Array<LineQty>, 
/**
 * Site that takes the goods back into stock; none = written off.
 */
restock?: string, refund_to: RefundTo, reason: string, };

/**
 * A return or exchange done: its settlement and the order as it is now.
 */
export type ReturnOutcome = { settled: ReturnPreview, order: OrderView, };

/**
 * What a return or exchange would settle (shown before it is confirmed).
 */
export type ReturnPreview = { refund: string, charge: string, refunds: Array<RefundView>, total: string, balance: string, };

/**
 * A role as screens and `tillflow roles` list it.
 */
export type RoleInfo = { key: string, name: string, 
/**
 * Cashier, manager and owner: their permissions are fixed.
 */
builtin: boolean, 
/**
 * Permission keys, in the order of [`Permission::ALL`].
 */
permissions: Array<string>, };

/**
 * What the Roles page shows: every permission with its label, and every
 * role with its permissions.
 */
export type RolesView = { permissions: Array<PermissionInfo>, roles: Array<RoleInfo>, };

/**
 * Files written by "Save as PDF".
 */
export type SavedDocument = { 
/**
 * Absolute paths, one per file (one per delivery method when split).
 */
files: Array<string>, };

/**
 * The session's drawer: when and how it was opened.
 */
export type SessionInfo = { id: number, till: string, opened_at: string, opened_by: string, float: number, };

/**
 * Which tenders need an open drawer session.
 */
export type SessionRule = "none" | "cash" | "all";

/**
 * What the lock screen needs: who is signed in, whom to offer as tiles,
 * whether the shop still needs its owner, and when to lock by itself.
 */
export type SessionStatus = { signed_in: SignedIn | null, 
/**
 * Active staff members, by name (the lock screen's tiles).
 */
staff: Array<StaffMember>, 
/**
 * No staff member at all yet: the window asks for the owner.
 */
needs_owner: boolean, 
/**
 * False on a new database: after the owner, the first-run set-up.
 */
configured: boolean, 
/**
 * Idle minutes before the window locks (the shop's setting).
 */
auto_lock_minutes: number, 
/**
 * The idle time the window uses, in seconds: `auto_lock_minutes` × 60,
 * unless a debug build was started with `TILLFLOW_AUTO_LOCK_SECS`.
 */
auto_lock_secs: number, };

export type Settings = { format: string, shop: Shop, statuses: Array<Status>, workflow_types: Array<string>, workflows: Array<Workflow>, wizards: Array<Wizard>, order_types: Array<OrderType>, catalogue: Array<CatalogueItem>, 
/**
 * The shop's item categories (names), in the order the shop lists them.
 */
categories?: Array<string>, 
/**
 * Codes entered at the POS for a discount on the order.
 */
discount_codes?: Array<DiscountCode>, };

export type SettingsChange = { "op": "save_shop", shop: Shop, } | { "op": "save_status", status: Status, } | { "op": "delete_status", key: string, } | { "op": "save_workflow_types", workflow_types: Array<string>, } | { "op": "save_workflow", workflow: Workflow, } | { "op": "delete_workflow", key: string, } | { "op": "save_wizard", wizard: Wizard, } | { "op": "delete_wizard", key: string, } | { "op": "save_order_type", order_type: OrderType, } | { "op": "delete_order_type", key: string, } | { "op": "save_item", item: CatalogueItem, } | { "op": "delete_item", sku: string, } | { "op": "save_categories", categories: Array<string>, } | { "op": "save_messages", messages: MessageSettings, } | { "op": "save_staff_settings", staff: StaffSettings, };

export type Shipment = { id: number, method: DeliveryMethod, carrier: string | null, tracking: string | null, status: ShipmentStatus, lines: Array<ShipmentLine>, created_at: string, shipped_at: string | null, delivered_at: string | null, };

/**
 * What a worker asks for.
 */
export type ShipmentInput = { method: DeliveryMethod, carrier?: string, tracking?: string, lines: Array<LineQty>, };

/**
 * A shipment line: how much of an order line, from which site (none for
 * items whose stock is not counted).
 */
export type ShipmentLine = { line: number, site: string | null, qty: string, };

export type ShipmentStatus = "created" | "shipped" | "delivered" | "failed";

export type Shop = { name: string, currency: string, prices_include_tax: boolean, tax_rounding: TaxRounding, 
/**
 * Prefix of human order numbers ("LD-" gives LD-000123).
 */
order_prefix: string, address?: Array<string>, phone?: string, email?: string, tax_id?: string, 
/**
 * Text printed at the foot of invoices and receipts.
 */
footer?: string, 
/**
 * Paper size, receipt width and logo of printed documents.
 */
documents?: DocumentOptions, 
/**
 * Which printer gets which document, copies, timeout.
 */
printing?: PrintSettings, 
/**
 * IANA time zone of the shop (`Europe/Berlin`): what "today" is for
 * the dashboard and overdue orders. Absent: the system's zone.
 */
time_zone?: string | null, 
/**
 * How amounts and dates read on screen and on paper: a supported
 * BCP 47 tag (`fr-FR`, `en-US`, see [`crate::locale::LOCALES`]).
 * Absent: the one the time zone, else the currency, suggests.
 */
locale?: string, 
/**
 * Messages to customers when their order enters a status, and the
 * SMTP server they go out through (see docs/settings.md).
 */
messages?: MessageSettings, 
/**
 * PIN length, auto-lock and the shop's own roles (docs/staff.md).
 * Absent: 6-digit PINs, lock after 5 minutes, the built-in roles only.
 */
staff?: StaffSettings, 
/**
 * How long after a move a permitted person may undo it, in minutes
 * (`order undo`). Absent: 10; 0: no undo.
 */
undo_minutes?: number, 
/**
 * Drawer sessions, cash rounding and blind counts (docs/tills-day.md).
 * Absent: cash needs an open session, no rounding, counts not blind.
 */
cash?: CashSettings, };

/**
 * The shop's format: a locale's rules resolved for the shop's currency and
 * time zone. The core formats with its methods; screens receive it as data
 * (`shop_rules().format`) and apply the same patterns (ui/src/lib/format.ts):
 * `#` in `money` stands for the grouped absolute amount; dates and times
 * use `yyyy`, `MM`, `dd`, `HH`, `H`, `h`, `mm` and `a` (the am/pm marker).
 */
export type ShopFormat = { 
/**
 * BCP 47 tag of the locale (`fr-FR`).
 */
locale: string, 
/**
 * Decimal separator (`,`).
 */
decimal: string, 
/**
 * Thousands separator (`.`, `,`, U+202F…).
 */
group: string, 
/**
 * Digits the whole part must have before it is grouped (4, or 5 in Spanish).
 */
group_from_digits: number, 
/**
 * Minor-unit digits of the currency (2 for EUR, 0 for JPY).
 */
exponent: number, 
/**
 * A positive amount: `# €`, `€#`, `R$ #`.
 */
money: string, 
/**
 * A negative amount: `-# €`, `-€#`, `€ -#`.
 */
money_negative: string, 
/**
 * A date: `dd/MM/yyyy`, `MM/dd/yyyy`, `dd.MM.yyyy`, `yyyy-MM-dd`.
 */
date: string, 
/**
 * A time of day: `HH:mm`, `h:mm a`.
 */
time: string, am: string, pm: string, 
/**
 * IANA zone dates and times are shown in (the shop's).
 */
time_zone: string, 
/**
 * An amount of 1234.50 and the date 31 December 2026, as this format
 * writes them (`1 234,50 € · 31/12/2026`), for the locale chooser.
 */
example: string, };

export type ShopRules = { 
/**
 * Every payment method, in the order screens offer them (store credit
 * only to a customer who has some).
 */
payment_methods: Array<PaymentMethod>, 
/**
 * The shop currency's ISO 4217 code.
 */
currency: string, 
/**
 * Minor-unit digits of the shop currency (ISO 4217: 2 for EUR, 0 for
 * JPY, 3 for BHD); amounts with more decimals are refused.
 */
currency_exponent: number, 
/**
 * An amount as a cashier would type it in this currency ("12.50",
 * "1250", "12.500"), for placeholders and messages.
 */
amount_example: string, 
/**
 * Hours an untouched intake order waits before it counts as abandoned
 * when its order type sets none.
 */
default_abandon_after_hours: number, 
/**
 * How amounts and dates read in this shop (its locale, currency and
 * time zone): screens apply it, never their own rules.
 */
format: ShopFormat, };

/**
 * What the first-run screen sends.
 */
export type ShopSetup = { name: string, 
/**
 * ISO 4217 code (`EUR`, `USD`); lower case is accepted.
 */
currency: string, 
/**
 * IANA zone (`Europe/Paris`); empty or absent: the machine's zone.
 */
time_zone?: string, 
/**
 * BCP 47 tag of a supported locale (`fr-FR`); absent: the template's,
 * else the one the time zone or currency suggests.
 */
locale?: string, 
/**
 * A template key (see [`TEMPLATES`]); absent: blank (built-in statuses only).
 */
template?: string, 
/**
 * Postal address, one printed line each (blank lines dropped).
 */
address?: Array<string>, phone?: string, email?: string, tax_id?: string, 
/**
 * Whether typed prices include tax; absent: the template's choice.
 */
prices_include_tax?: boolean, 
/**
 * Order number prefix (`BK-`); absent: the template's.
 */
order_prefix?: string, 
/**
 * Text at the foot of receipts and invoices; absent: the template's,
 * empty: none.
 */
footer?: string, 
/**
 * The logo, inline (`{"sha256": "", "png": base64}`), stored with the settings.
 */
logo?: Logo, };

/**
 * The signed-in person and what their role lets them do.
 */
export type SignedIn = { member: StaffMember, 
/**
 * Permission keys (`orders.cancel`, …): the screens hide or mark what
 * the person may not do; the core refuses it anyway.
 */
permissions: Array<string>, };

/**
 * What one action did.
 */
export type SimStep = { action: string, from: string, to: string, moved: boolean, 
/**
 * Every status entered, in order.
 */
path: Array<string>, 
/**
 * Why, in words.
 */
why: string, 
/**
 * The guards that held the order (their keys), if any.
 */
guards: Array<string>, 
/**
 * The refusal's code, when the action was refused (`guarded`,
 * `invalid`, `conflict`).
 */
refused?: string, 
/**
 * Money paid so far (minor units).
 */
paid: number, };

/**
 * The walk: the plan's statuses, then each step.
 */
export type Simulation = { order_type: string, 
/**
 * Every step's status in order, then `completed`.
 */
statuses: Array<string>, steps: Array<SimStep>, 
/**
 * Where the order ends.
 */
status: string, };

/**
 * What to simulate: an order type of the saved settings (or of `draft`,
 * validated first), an order `total` (default 100 in the shop's currency)
 * with `paid` at intake, then `events` in turn (trigger keys,
 * `pay:AMOUNT`, `ship`, `fill:FIELD`, `move:STATUS`, `override:STATUS`).
 */
export type SimulationInput = { order_type: string, draft?: Settings, total?: string, paid?: string, events: Array<string>, };

/**
 * A warehouse or store. `home` marks "this store" (at most one).
 */
export type Site = { key: string, name: string, kind: SiteKind, home: boolean, };

export type SiteKind = "store" | "warehouse";

/**
 * How the API key is sent, besides wherever `{key}` is written.
 */
export type SmsAuth = "none" | "bearer" | "basic";

/**
 * The SMS gateway, in the settings file (the API key is not: it stays in
 * `tillflow.machine.json` on each till).
 */
export type SmsSettings = { 
/**
 * `https://api.example.com/send?to={to}&text={text}&key={key}`.
 */
url: string, method: HttpMethod, 
/**
 * The POST body template (empty: no body).
 */
body: string, body_format: BodyFormat, auth: SmsAuth, 
/**
 * The user of HTTP Basic authentication.
 */
user: string, 
/**
 * The sender name or number (`{sender}`), if the gateway takes one.
 */
sender: string, 
/**
 * The calling code of numbers written without one ("33": "06 12 34 56
 * 78" is sent to +33612345678).
 */
country_code: string, };

/**
 * The SMTP server, in the settings file (the password is not: it stays
 * in `tillflow.machine.json` on each till).
 */
export type SmtpSettings = { host: string, port: number, tls: TlsMode, 
/**
 * The login; empty for a server that takes mail without one.
 */
user: string, 
/**
 * The sender: `shop@example.com` or `Spokes <shop@example.com>`.
 */
from: string, };

/**
 * One staff member's share of the session.
 */
export type StaffLine = { actor: string, payments: number, taken: number, refunded: number, };

/**
 * A staff member as every screen and command may see them: never a PIN or
 * its hash.
 */
export type StaffMember = { id: number, name: string, role: string, active: boolean, 
/**
 * Whether a PIN is set (a new owner of an existing shop has none yet).
 */
has_pin: boolean, 
/**
 * Locked after wrong PINs until this time (RFC 3339), if locked now.
 */
locked_until?: string, };

/**
 * `shop.staff`: how staff sign in and the shop's own roles.
 */
export type StaffSettings = { 
/**
 * The fewest digits a new PIN has (4 to 8; default 6).
 */
pin_length: number, 
/**
 * Minutes without use before the app locks (0 = never; default 5).
 */
auto_lock_minutes: number, 
/**
 * The shop's own roles, besides cashier, manager and owner.
 */
roles?: Array<CustomRole>, 
/**
 * The largest discount, in percent of what it is taken off, a role may
 * give without the `orders.discount` permission (role key → percent,
 * e.g. `{"cashier": "10"}`). Above it, or for a role not listed, the
 * permission (or a manager's approval) is needed.
 */
discount_limits?: { [key in string]: string }, };

export type Status = { key: string, name: string, color: string, };

/**
 * Open orders of one status.
 */
export type StatusTotal = { stage: string, status: string, name: string, color: string, count: number, };

export type Step = { status: string, 
/**
 * The auto-progress trigger: moves the order out of this step.
 */
trigger: string, 
/**
 * Who may fire the trigger and move an order out by hand (empty:
 * anyone with the permission). Versioned with the workflow.
 */
roles?: StepRoles, 
/**
 * Conditions the order must meet before it leaves this step, by its
 * trigger or by hand (docs/settings.md, "Guards").
 */
guards?: Array<Guard>, 
/**
 * How long an order should stay here at most (`30m`, `4h`, `3d`);
 * the dashboard lists the orders over it.
 */
target?: string, };

/**
 * A step's role rules: the roles that may fire its trigger and the roles
 * that may move an order out of it by hand. An empty list: anyone whose
 * role has the permission (`orders.fire_trigger`, `orders.move`).
 */
export type StepRoles = { fire?: Array<string>, move_out?: Array<string>, };

export type StepView = { status: string, name: string, color: string, trigger: string, current: boolean, };

/**
 * Stock of one SKU at one site.
 */
export type StockLevel = { site: string, sku: string, on_hand: string, allocated: string, 
/**
 * On hand minus allocated (negative when backordered).
 */
available: string, };

/**
 * The size of one tag (label) in millimetres: the PDF page and CUPS media of
 * tags, and the ESC/POS layout on a label printer. `height_mm` absent (or
 * `null`) is a continuous roll: each tag is as long as its content.
 */
export type TagSize = { width_mm: number, height_mm: number | null, };

/**
 * A common label size offered by name.
 */
export type TagSizePreset = { name: string, size: TagSize, };

export type TaxRounding = "per_line" | "per_document";

/**
 * How a template's message goes out. A message goes out on a channel only
 * when the customer has that contact (email address, phone number) and,
 * for SMS, when the shop has an SMS gateway.
 */
export type TemplateChannel = "email" | "sms" | "both";

/**
 * A template as the set-up screen and `tillflow templates` list it.
 */
export type TemplateInfo = { key: string, name: string, description: string, 
/**
 * The template's own choices, shown before the owner changes them.
 */
prices_include_tax: boolean, order_prefix: string, footer?: string, };

/**
 * One tender's line: taken, refunded, expected, and counted (when it was).
 */
export type TenderLine = { method: string, label: string, taken: number, refunded: number, expected: number, counted: number | null, 
/**
 * counted − expected (negative: short).
 */
variance: number | null, };

/**
 * How to reach a thermal printer.
 */
export type ThermalTarget = { "network": { host: string, port: number, } } | { "device": string } | { "queue": string };

/**
 * An X report (`z_number` none) or a Z report.
 */
export type TillReport = { z_number: number | null, session: SessionInfo, 
/**
 * When the report was taken, and by whom.
 */
at: string, actor: string, orders: number, sales: number, 
/**
 * Discounts given (0 until the till gives discounts).
 */
discounts: number, refunds: number, refund_count: number, cancellations: number, canceled: number, rates: Array<RateLine>, tenders: Array<TenderLine>, cash: CashLine, movements: Array<CashMovement>, staff: Array<StaffLine>, 
/**
 * Sales − refunds of the session.
 */
net: number, grand_total_before: number, 
/**
 * The till's perpetual grand total with this session.
 */
grand_total: number, };

/**
 * How the connection to the SMTP server is secured.
 */
export type TlsMode = "none" | "starttls" | "tls";

export type TotalsView = { 
/**
 * After the lines' discounts.
 */
subtotal: string, tax: string, total: string, paid: string, balance: string, 
/**
 * What the lines' discounts take off in all, when any line has one.
 */
discount?: string, };

/**
 * An entry of the trigger catalogue.
 */
export type TriggerInfo = { key: string, label: string, source: TriggerSource, 
/**
 * Describes a state (moves on at once when it already holds).
 */
is_state: boolean, description: string, };

/**
 * Who raises a trigger.
 */
export type TriggerSource = "worker" | "system";

export type Wizard = { key: string, name: string, steps: Array<WizardStep>, 
/**
 * Fields asked when an order of this wizard is updated.
 */
update_fields?: Array<Field>, };

export type WizardStep = { title: string, fields: Array<Field>, };

export type Workflow = { key: string, name: string, 
/**
 * The workflow type (stage) this workflow serves: intake, production, …
 */
type: string, steps: Array<Step>, 
/**
 * Version number, set by storage; informational in files.
 */
version?: number, };

/**
 * One past Z report in a list.
 */
export type ZSummary = { number: number, at: string, actor: string, net: string, cash_variance?: string, grand_total: string, };

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
	shop_rules: { args: Record<string, never>; result: ShopRules };
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
	orders_count: { args: { filter: OrderFilter }; result: number };
	orders_export_csv: { args: { filter: OrderFilter; lines: boolean; file_name: string; on_progress: Channel<ExportProgress> }; result: ExportedFile };
	csv_import: { args: { kind: ImportKind; text: string; dry_run: boolean }; result: ImportReport };
	backups_view: { args: Record<string, never>; result: BackupsView };
	backup_settings_save: { args: { change: BackupSettingsChange }; result: BackupsView };
	backup_now: { args: Record<string, never>; result: BackupInfo };
	restore_preview: { args: { file: string }; result: RestorePreview };
	backup_restore: { args: { file: string; passphrase: string }; result: Restored };
	settings_preview: { args: { profile: Shop }; result: DocumentPreview };
	templates_list: { args: Record<string, never>; result: Array<TemplateInfo> };
	shop_setup: { args: { setup: ShopSetup }; result: Settings };
	items_find: { args: { order_type: string | null; query: string }; result: Array<CatalogueItem> };
	catalogue_export_csv: { args: { file_name: string }; result: string };
	wizard_field_key: { args: { label: string; taken: Array<string> }; result: string };
	customers_search: { args: { search: CustomerSearch }; result: CustomerPage };
	customer_get: { args: { id: number }; result: CustomerView };
	customer_orders: { args: { id: number; after: CustomerOrdersCursor | null }; result: CustomerOrders };
	customer_edit: { args: { id: number; edit: CustomerEdit }; result: CustomerView };
	customer_merge_preview: { args: { keep: number; duplicate: number }; result: MergePreview };
	customer_merge: { args: { keep: number; duplicate: number }; result: CustomerView };
	messages_view: { args: Record<string, never>; result: MessagesView };
	messages_save: { args: { change: MessagesChange }; result: MessagesView };
	message_preview: { args: { template: MessageTemplate }; result: Rendered };
	message_test: { args: { server: SmtpSettings; password: string; to: string }; result: null };
	order_messages: { args: { number: string }; result: Array<OutboxMessage> };
	message_retry: { args: { number: string; id: number }; result: Array<OutboxMessage> };
	order_email_receipt: { args: { number: string; to: string }; result: null };
	message_test_sms: { args: { gateway: SmsSettings; key: string; to: string }; result: string };
	locale_options: { args: { currency: string; time_zone: string | null }; result: LocaleOptions };
	session_status: { args: Record<string, never>; result: SessionStatus };
	session_sign_in: { args: { name: string; pin: string }; result: SessionStatus };
	session_lock: { args: Record<string, never>; result: SessionStatus };
	session_first_owner: { args: { name: string; pin: string }; result: SessionStatus };
	session_approve: { args: { name: string; pin: string; permission: string }; result: null };
	staff_list: { args: Record<string, never>; result: Array<StaffMember> };
	staff_add: { args: { name: string; role: string; pin: string }; result: Array<StaffMember> };
	staff_set_pin: { args: { name: string; pin: string }; result: Array<StaffMember> };
	staff_set_role: { args: { name: string; role: string }; result: Array<StaffMember> };
	staff_set_active: { args: { name: string; active: boolean }; result: Array<StaffMember> };
	staff_unlock: { args: { name: string }; result: Array<StaffMember> };
	roles_list: { args: Record<string, never>; result: RolesView };
	tag_size_presets: { args: Record<string, never>; result: Array<TagSizePreset> };
	order_move_past_guards: { args: { number: string; to_status: string; reason: string }; result: OrderView };
	order_undo: { args: { number: string; reason: string }; result: OrderView };
	workflow_simulate: { args: { input: SimulationInput }; result: Simulation };
	drawer_status: { args: Record<string, never>; result: DrawerStatus };
	drawer_open_session: { args: { float: CashCount }; result: DrawerStatus };
	drawer_x_report: { args: Record<string, never>; result: TillReport };
	drawer_close: { args: { counted: { [key in string]: CashCount } }; result: TillReport };
	cash_movement: { args: { kind: CashMovementKind; amount: string; reason: string }; result: MovementResult };
	drawer_no_sale: { args: { reason: string }; result: MovementResult };
	z_reports_list: { args: Record<string, never>; result: Array<ZSummary> };
	z_report_get: { args: { number: number }; result: TillReport };
	z_report_save_pdf: { args: { number: number; paper: ReportPaper }; result: SavedDocument };
	z_report_print: { args: { number: number }; result: QueuedPrint };
	journal_status: { args: Record<string, never>; result: JournalStatus };
	journal_verify: { args: Record<string, never>; result: JournalStatus };
	order_edit_form: { args: { number: string }; result: EditForm };
	order_edit_preview: { args: { number: string; edit: OrderEdit }; result: EditOutcome };
	order_edit: { args: { number: string; edit: OrderEdit }; result: OrderView };
	order_discount_preview: { args: { number: string; discount: DiscountInput }; result: DiscountPreview };
	order_discount: { args: { number: string; discount: DiscountInput }; result: OrderView };
	order_refund_preview: { args: { number: string; input: RefundInput }; result: RefundPreview };
	order_refund: { args: { number: string; input: RefundInput }; result: OrderView };
	order_void: { args: { number: string; reason: string }; result: OrderView };
}
