import { describe, expect, it } from 'vitest';
import { isPaymentError, newRow, tenderErrors, tenderMethods, toPayments, type TenderRow } from './tender';

describe('tender', () => {
	it('offers store credit only when the customer has some', () => {
		expect(tenderMethods(null).map((m) => m.key)).toEqual(['cash', 'card', 'transfer']);
		expect(tenderMethods('0.00').map((m) => m.key)).toEqual(['cash', 'card', 'transfer']);
		expect(tenderMethods('7.50').map((m) => m.key)).toEqual(['cash', 'card', 'transfer', 'store_credit']);
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

	it('flags rows whose amount is not an amount, and never sends them', () => {
		const methods = tenderMethods(null);
		const rows: TenderRow[] = [
			{ method: 'cash', amount: '12,50' },
			{ method: 'card', amount: '3' },
			{ method: 'store_credit', amount: '2' }
		];
		expect(tenderErrors(rows, methods)).toEqual({ 0: 'Enter an amount like 12.50.', 2: 'Pick how this part is paid.' });
		expect(toPayments(rows.slice(0, 2))).toEqual([{ method: 'card', amount: '3' }]);
		expect(tenderErrors([{ method: 'cash', amount: '' }], methods)).toEqual({});
	});

	it('adds a row with the next unused method, prefilled with what is left', () => {
		const methods = tenderMethods('1.00');
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
