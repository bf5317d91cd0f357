// Split tender at the counter: the payment rows the cashier fills in (method
// + amount), turned into the order's payments. The methods come from the
// core (`shop_rules`); totals, balance, the required deposit and whether an
// amount is acceptable (decimals of the currency, sign, method) come from the
// core's preview, whose errors are placed on the rows here.

import type { FieldError, PaymentInput, PaymentMethod } from '$lib/api/bindings';
import { isZero } from '$lib/format';
import { isNumberText } from '$lib/wizard/runner';

export interface TenderRow {
	method: string;
	amount: string;
}

export type TenderMethod = PaymentMethod;

export const STORE_CREDIT = 'store_credit';

/** The core's methods on offer: store credit only when the customer has some. */
export function tenderMethods(all: readonly PaymentMethod[], storeCredit: string | null): TenderMethod[] {
	const hasCredit = storeCredit != null && !isZero(storeCredit);
	return all.filter((m) => m.key !== STORE_CREDIT || hasCredit);
}

/** A new row: the first method not used yet, for `amount`. */
export function newRow(rows: TenderRow[], methods: TenderMethod[], amount = ''): TenderRow {
	const free = methods.find((m) => !rows.some((r) => r.method === m.key));
	return { method: (free ?? methods[0])?.key ?? '', amount: isZero(amount) ? '' : amount };
}

/** Whether a row is sent as a payment: a number that is not zero. */
function sent(r: TenderRow): boolean {
	const a = r.amount.trim();
	return isNumberText(a) && !isZero(a);
}

/** The order's payments: the rows holding a non-zero number, in order. */
export function toPayments(rows: TenderRow[]): PaymentInput[] {
	return rows.filter(sent).map((r) => ({ method: r.method, amount: r.amount.trim() }));
}

/**
 * Per-row messages: text that is not a number, and the core's errors about
 * each payment sent (`payments[i].amount`, `payments[i].method`), placed on
 * the row it came from. Empty when every row is fine.
 */
export function tenderErrors(rows: TenderRow[], errors: readonly FieldError[], example: string): Record<number, string> {
	const out: Record<number, string> = {};
	const sentRows: number[] = [];
	rows.forEach((r, i) => {
		const a = r.amount.trim();
		if (a && !isNumberText(a)) out[i] = `Enter an amount like ${example}.`;
		else if (sent(r)) sentRows.push(i);
	});
	for (const e of errors) {
		const m = /^payments\[(\d+)\]/.exec(e.field);
		const row = m ? sentRows[Number(m[1])] : undefined;
		if (row !== undefined && !(row in out)) out[row] = e.message.charAt(0).toUpperCase() + e.message.slice(1) + '.';
	}
	return out;
}

/** Whether a core error is about the payments (shown at the payment rows). */
export function isPaymentError(field: string | undefined): boolean {
	return !!field && (field === 'payments' || field.startsWith('payments') || field === 'amount' || field === 'method');
}
