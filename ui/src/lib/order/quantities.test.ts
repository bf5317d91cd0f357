import { describe, expect, it } from 'vitest';
import type { LineFulfillment, StockLevel } from '$lib/api/bindings';
import { availableMilli, fits, milli, picked, reservedWhere, returnRows, shipmentRows } from './quantities';

function line(over: Partial<LineFulfillment>): LineFulfillment {
	return {
		line: 0,
		sku: 'MUG',
		name: 'Mug',
		counted: true,
		ordered: '3',
		reserved: '3',
		shipped: '0',
		delivered: '0',
		returned: '0',
		shippable: '3',
		returnable: '0',
		unreserved: '0',
		reservations: [],
		...over
	};
}

describe('milli', () => {
	it('reads quantities exactly to thousandths', () => {
		expect(milli('2')).toBe(2000);
		expect(milli(' 1.5 ')).toBe(1500);
		expect(milli('0.125')).toBe(125);
		expect(milli('0.1234')).toBeNull();
		expect(milli('-1')).toBeNull();
		expect(milli('two')).toBeNull();
	});
});

describe('picked', () => {
	const rows = [
		{ line: 0, name: 'Mug', qty: '2', max: '3' },
		{ line: 1, name: 'T-shirt', qty: '', max: '1' },
		{ line: 2, name: 'Book', qty: '0', max: '2' }
	];
	it('takes the lines with a quantity, skipping empty and zero', () => {
		expect(picked(rows)).toEqual({ lines: [{ line: 0, qty: '2' }], error: null });
	});
	it('refuses more than the line allows, naming the line', () => {
		const r = picked([{ line: 0, name: 'Mug', qty: '3.5', max: '3' }]);
		expect(r.error).toBe('Mug: at most 3');
	});
	it('refuses what is not a quantity', () => {
		expect(picked([{ line: 0, name: 'Mug', qty: '1,5', max: '3' }]).error).toContain('is not a quantity');
	});
	it('needs at least one line', () => {
		expect(picked([{ line: 0, name: 'Mug', qty: '', max: '3' }]).error).toBe('Enter a quantity for at least one line');
	});
});

describe('dialog rows', () => {
	const lines = [
		line({ line: 0, shippable: '1', returnable: '2' }),
		line({ line: 1, name: 'T-shirt', shippable: '0', returnable: '0' })
	];
	it('offer what can still ship, all of it by default', () => {
		expect(shipmentRows(lines)).toEqual([{ line: 0, name: 'Mug', qty: '1', max: '1' }]);
	});
	it('offer what can come back, nothing by default', () => {
		expect(returnRows(lines)).toEqual([{ line: 0, name: 'Mug', qty: '', max: '2' }]);
	});
	it('say where a line is reserved', () => {
		const l = line({
			reservations: [
				{ site: 'store', qty: '2', shipped: '2' },
				{ site: 'wh', qty: '1', shipped: '0' },
				{ site: 'old', qty: '0', shipped: '0' }
			]
		});
		expect(reservedWhere(l)).toBe('2 at store, 1 at wh');
	});
});

describe('availability', () => {
	const lv = (site: string, available: string): StockLevel => ({ site, sku: 'MUG', on_hand: '0', allocated: '0', available });
	it('sums what is available across sites, backorders included', () => {
		expect(availableMilli([lv('a', '2'), lv('b', '0.5'), lv('c', '-1')])).toBe(1500);
	});
	it('tells whether a quantity fits', () => {
		const levels = [lv('a', '2'), lv('b', '5')];
		expect(fits(levels, '7')).toBe(true);
		expect(fits(levels, '8')).toBe(false);
	});
});
