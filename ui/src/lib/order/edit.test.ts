import { describe, expect, it } from 'vitest';
import type { LineView, OrderView } from '$lib/api/bindings';
import { buildEdit, isEmpty, rowOf } from './edit';

function line(over: Partial<LineView>): LineView {
	return {
		sku: 'SHIRT',
		name: 'Shirt',
		qty: '3',
		unit_price: '3.50',
		modifiers: [{ name: 'Starch', price: '0.50' }],
		tax_rate: '20',
		note: null,
		delivery_method: null,
		amount: '12.00',
		tax: '2.00',
		...over
	};
}

const order = {
	fields: { due_date: '2030-01-10', starch: 'Light' },
	lines: [line({}), line({ sku: 'WASH', name: 'Wash', qty: '2.5', modifiers: [], note: 'blue' })]
} as unknown as OrderView;

describe('buildEdit', () => {
	it('sends nothing for an untouched form', () => {
		const e = buildEdit(order, ['due_date', 'starch'], { ...order.fields }, null, order.lines.map(rowOf), []);
		expect(isEmpty(e)).toBe(true);
	});

	it('sends only the fields and line keys that changed, removals and additions', () => {
		const rows = order.lines.map(rowOf);
		rows[0].qty = '5';
		rows[0].modifiers = ['Starch', 'Express'];
		rows[1].removed = true;
		const e = buildEdit(
			order,
			['due_date', 'starch'],
			{ due_date: '2030-02-01', starch: 'Light' },
			null,
			rows,
			[{ sku: 'DUVET', qty: '1', modifiers: [] }]
		);
		expect(e).toEqual({
			fields: { due_date: '2030-02-01' },
			add_lines: [{ sku: 'DUVET', qty: '1', modifiers: [] }],
			change_lines: [{ line: 0, qty: '5', modifiers: [{ name: 'Starch', price: '0.50' }, { name: 'Express' }] }],
			remove_lines: [1]
		});
		expect(isEmpty(e)).toBe(false);
	});

	it('clears a field with null, changes a note and a price, and sends a chosen customer', () => {
		const rows = order.lines.map(rowOf);
		rows[1].note = '';
		rows[1].price = ' 4.00 ';
		const e = buildEdit(order, ['due_date', 'starch'], { due_date: '2030-01-10', starch: '' }, { id: 7 }, rows, []);
		expect(e.fields).toEqual({ starch: '' });
		expect(e.customer).toEqual({ id: 7 });
		expect(e.change_lines).toEqual([{ line: 1, unit_price: '4.00', note: '' }]);
	});
});
