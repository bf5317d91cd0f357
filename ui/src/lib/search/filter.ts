// The order filter panel's fields and the one OrderFilter built from them
// (the same filter serves the dashboard search, its pages and the CSV export).

import type { FulfillmentState, OrderFilter, OrderSort } from '$lib/api/bindings';

/** Every fulfillment state, in the order an order usually passes them. */
export const FULFILMENT_STATES: readonly FulfillmentState[] = [
	'open',
	'ready_to_ship',
	'partially_shipped',
	'partially_closed',
	'closed',
	'returned',
	'failed',
	'abandoned',
	'canceled'
];

/** What the panel edits: text as typed, unset = ''. */
export interface FilterFields {
	text: string;
	number: string;
	customer: string;
	phone: string;
	email: string;
	status: string;
	stage: string;
	type: string;
	/** Site key: orders taking stock from it. */
	site: string;
	/** A fulfillment state, or '' for any. */
	fulfillment: FulfillmentState | '';
	/** ISO dates (YYYY-MM-DD) from date inputs. */
	createdFrom: string;
	createdTo: string;
	balanceDue: boolean;
	/** Decimal string in the shop currency. */
	minBalance: string;
	openOnly: boolean;
	sort: OrderSort;
}

export function emptyFields(): FilterFields {
	return {
		text: '',
		number: '',
		customer: '',
		phone: '',
		email: '',
		status: '',
		stage: '',
		type: '',
		site: '',
		fulfillment: '',
		createdFrom: '',
		createdTo: '',
		balanceDue: false,
		minBalance: '',
		openOnly: false,
		sort: 'newest'
	};
}

/** "12.5" → 1250 minor units with 2 digits (the core's `currency_exponent`); null when not an amount. */
export function toMinor(amount: string, digits: number): number | null {
	const m = /^\s*(\d+)(?:[.,](\d*))?\s*$/.exec(amount);
	if (!m || (m[2] ?? '').length > digits) return null;
	return Number(m[1]) * 10 ** digits + Number((m[2] ?? '').padEnd(digits, '0') || '0');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type Built = { filter: OrderFilter; errors: null } | { filter: null; errors: Partial<Record<keyof FilterFields, string>> };

/** The filter for the panel's fields, or what is wrong with them. */
export function buildFilter(f: FilterFields, digits: number): Built {
	const errors: Partial<Record<keyof FilterFields, string>> = {};
	const filter: OrderFilter = {};
	const text = (k: 'text' | 'number' | 'customer' | 'phone' | 'email' | 'status' | 'stage') => f[k].trim() || undefined;
	filter.text = text('text');
	filter.number = text('number');
	filter.customer = text('customer');
	filter.phone = text('phone');
	filter.email = text('email');
	filter.status = text('status');
	filter.stage = text('stage');
	filter.type = f.type || undefined;
	filter.site = f.site || undefined;
	filter.fulfillment_state = f.fulfillment || undefined;
	for (const k of ['createdFrom', 'createdTo'] as const) {
		if (f[k] && !ISO_DATE.test(f[k])) errors[k] = 'Pick a date.';
	}
	if (f.createdFrom && f.createdTo && f.createdFrom > f.createdTo && !errors.createdFrom && !errors.createdTo) {
		errors.createdTo = 'The end is before the start.';
	}
	filter.created_from = f.createdFrom || undefined;
	filter.created_to = f.createdTo || undefined;
	if (f.balanceDue) filter.balance_due = true;
	if (f.minBalance.trim()) {
		const minor = toMinor(f.minBalance, digits);
		if (minor === null) errors.minBalance = `An amount with at most ${digits} decimals, e.g. ${digits ? '10.50' : '1000'}.`;
		else filter.min_balance = minor;
	}
	if (f.openOnly) filter.open_only = true;
	if (f.sort !== 'newest') filter.sort = f.sort;
	for (const k of Object.keys(filter) as (keyof OrderFilter)[]) if (filter[k] === undefined) delete filter[k];
	return Object.keys(errors).length ? { filter: null, errors } : { filter, errors: null };
}

/** How many criteria narrow the list (the sort is not one). */
export function activeCount(f: FilterFields): number {
	const e = emptyFields();
	return (Object.keys(e) as (keyof FilterFields)[]).filter((k) => k !== 'sort' && f[k] !== e[k] && String(f[k]).trim() !== '').length;
}

/** A default export file name for today. */
export function exportFileName(today: string): string {
	return `orders-${today}.csv`;
}
