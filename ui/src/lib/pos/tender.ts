// Split tender at the counter: the payment rows the cashier fills in (method
// + amount), turned into the order's payments. Amounts stay decimal strings;
// totals, balance and the required deposit come from the core's preview.

import type { PaymentInput } from '$lib/api/bindings';
import { isZero } from '$lib/format';

export interface TenderRow {
	method: string;
	amount: string;
}

export interface TenderMethod {
	key: string;
	label: string;
}

export const STORE_CREDIT = 'store_credit';

const BASE_METHODS: TenderMethod[] = [
	{ key: 'cash', label: 'Cash' },
	{ key: 'card', label: 'Card' },
	{ key: 'transfer', label: 'Transfer' }
];

const AMOUNT = /^\d+(\.\d+)?$/;

/** The methods on offer: store credit only when the customer has some. */
export function tenderMethods(storeCredit: string | null): TenderMethod[] {
	if (storeCredit == null || isZero(storeCredit)) return BASE_METHODS;
	return [...BASE_METHODS, { key: STORE_CREDIT, label: 'Store credit' }];
}

/** A new row: cash (or the first method not used yet), for `amount`. */
export function newRow(rows: TenderRow[], methods: TenderMethod[], amount = ''): TenderRow {
	const free = methods.find((m) => !rows.some((r) => r.method === m.key));
	return { method: (free ?? methods[0]).key, amount: isZero(amount) ? '' : amount };
}

/** Per-row messages for amounts that are not amounts; empty when all are fine. */
export function tenderErrors(rows: TenderRow[], methods: TenderMethod[]): Record<number, string> {
	const out: Record<number, string> = {};
	rows.forEach((r, i) => {
		const a = r.amount.trim();
		if (a && !AMOUNT.test(a)) out[i] = 'Enter an amount like 12.50.';
		else if (a && !methods.some((m) => m.key === r.method)) out[i] = 'Pick how this part is paid.';
	});
	return out;
}

/** The order's payments: filled, valid rows with a non-zero amount, in order. */
export function toPayments(rows: TenderRow[]): PaymentInput[] {
	return rows
		.map((r) => ({ method: r.method, amount: r.amount.trim() }))
		.filter((p) => AMOUNT.test(p.amount) && !isZero(p.amount));
}

/** Whether a core error is about the payments (shown at the payment rows). */
export function isPaymentError(field: string | undefined): boolean {
	return !!field && (field === 'payments' || field.startsWith('payments') || field === 'amount' || field === 'method');
}
