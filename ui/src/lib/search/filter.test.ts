import { describe, expect, it } from 'vitest';
import { activeCount, buildFilter, emptyFields, toMinor } from './filter';

describe('order filter from the panel', () => {
	it('leaves everything out when nothing is set', () => {
		expect(buildFilter(emptyFields(), 2)).toEqual({ filter: {}, errors: null });
		expect(activeCount(emptyFields())).toBe(0);
	});

	it('trims text, maps every field and converts the balance to minor units', () => {
		const f = {
			...emptyFields(),
			text: '  velvet ',
			email: ' ada@ ',
			type: 'laundry',
			site: 'wh-north',
			fulfillment: 'partially_shipped' as const,
			status: 'cleaning',
			createdFrom: '2026-11-01',
			createdTo: '2026-11-30',
			balanceDue: true,
			minBalance: '12.5',
			openOnly: true,
			sort: 'balance' as const
		};
		expect(buildFilter(f, 2)).toEqual({
			filter: {
				text: 'velvet',
				email: 'ada@',
				type: 'laundry',
				site: 'wh-north',
				fulfillment_state: 'partially_shipped',
				status: 'cleaning',
				created_from: '2026-11-01',
				created_to: '2026-11-30',
				balance_due: true,
				min_balance: 1250,
				open_only: true,
				sort: 'balance'
			},
			errors: null
		});
		expect(activeCount(f)).toBe(11);
	});

	it('refuses a reversed date range and a bad amount, naming the field', () => {
		const f = { ...emptyFields(), createdFrom: '2026-12-01', createdTo: '2026-11-01', minBalance: '1.234' };
		const built = buildFilter(f, 2);
		expect(built.filter).toBeNull();
		expect(Object.keys(built.errors ?? {})).toEqual(['createdTo', 'minBalance']);
	});

	it('reads amounts in the currency’s digits', () => {
		expect(toMinor('10', 2)).toBe(1000);
		expect(toMinor('0,05', 2)).toBe(5);
		expect(toMinor('1500', 0)).toBe(1500);
		expect(toMinor('1.5', 0)).toBeNull();
		expect(toMinor('-3', 2)).toBeNull();
	});
});
