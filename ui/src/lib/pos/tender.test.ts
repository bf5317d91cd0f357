import { describe, expect, it } from 'vitest';
import type { PaymentMethod } from '$lib/api/bindings';
import { isPaymentError, newRow, tenderErrors, tenderMethods, toPayments, type TenderRow } from './tender';

// As `shop_rules` returns them.
const ALL: PaymentMethod[] = [
	{ key: 'cash', label: 'Cash' },
	{ key: 'card', label: 'Card' },
	{ key: 'transfer', label: 'Transfer' },
	{ key: 'store_credit', label: 'Store credit' }
];

describe('tender', () => {
	it('offers the core’s methods, store credit only when the customer has some', () => {
		expect(tenderMethods(ALL, null).map((m) => m.key)).toEqual(['cash', 'card', 'transfer']);
		expect(tenderMethods(ALL, '0.000').map((m) => m.key)).toEqual(['cash', 'card', 'transfer']);
		expect(tenderMethods(ALL, '7.50').map((m) => m.key)).toEqual(['cash', 'card', 'transfer', 'store_credit']);
	});

	it('turns split rows into the payments, in order, skipping empty and zero rows', () => {
		const rows: TenderRow[] = [
			{ method: 'cash', amount: ' 5.00 ' },
			{ method: 'card', amount: '' },
			{ method: 'transfer', amount: '0.00' },
			{ method: 'card', amount: '7.15' }
		];
		expect(toPayments(rows)).toEqual([
			{ method: 'cash', amount: '5.00' },
			{ method: 'card', amount: '7.15' }
		]);
		expect(toPayments([])).toEqual([]);
	});

	it('sends any number, whatever its decimals: a BHD 1.250 reaches the core', () => {
		expect(toPayments([{ method: 'cash', amount: '1.250' }])).toEqual([{ method: 'cash', amount: '1.250' }]);
		expect(tenderErrors([{ method: 'cash', amount: '1.250' }], [], '12.500')).toEqual({});
	});

	it('flags text that is not a number, and places the core’s errors on the rows they came from', () => {
		const rows: TenderRow[] = [
			{ method: 'cash', amount: '12,50' },
			{ method: 'card', amount: '' },
			{ method: 'card', amount: '3.505' },
			{ method: 'cash', amount: '2' }
		];
		// Sent: rows 2 and 3, as payments[0] and payments[1].
		expect(toPayments(rows)).toEqual([
			{ method: 'card', amount: '3.505' },
			{ method: 'cash', amount: '2' }
		]);
		const core = [{ field: 'payments[0].amount', message: '3.505 has more than 2 decimals for EUR' }];
		expect(tenderErrors(rows, core, '12.50')).toEqual({
			0: 'Enter an amount like 12.50.',
			2: '3.505 has more than 2 decimals for EUR.'
		});
		expect(tenderErrors([{ method: 'cash', amount: '' }], [], '12.50')).toEqual({});
	});

	it('adds a row with the next unused method, prefilled with what is left', () => {
		const methods = tenderMethods(ALL, '1.00');
		expect(newRow([{ method: 'cash', amount: '5' }], methods, '7.15')).toEqual({ method: 'card', amount: '7.15' });
		expect(newRow([], methods, '0.00')).toEqual({ method: 'cash', amount: '' });
		const all = methods.map((m) => ({ method: m.key, amount: '1' }));
		expect(newRow(all, methods).method).toBe('cash');
	});

	it('knows which core errors belong at the payment rows', () => {
		expect(isPaymentError('payments')).toBe(true);
		expect(isPaymentError('amount')).toBe(true);
		expect(isPaymentError('due_date')).toBe(false);
		expect(isPaymentError(undefined)).toBe(false);
	});
});
