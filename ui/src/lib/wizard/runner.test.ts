import { describe, expect, it } from 'vitest';
import type { Wizard } from '$lib/api/bindings';
import { emptyAnswers, errorText, fieldLabel, shapeErrors, stepErrors, toOrderInput, WizardRunner } from './runner';

const laundry: Wizard = {
	key: 'laundry',
	name: 'Laundry drop-off',
	steps: [
		{ title: 'Customer', fields: [{ key: 'customer', label: 'Customer', kind: 'customer', required: true }] },
		{
			title: 'Items',
			fields: [
				{ key: 'lines', label: 'Items', kind: 'lines', required: true },
				{ key: 'due_date', label: 'Ready by', kind: 'date', required: true }
			]
		},
		{
			title: 'Details',
			fields: [
				{ key: 'starch', label: 'Starch', kind: 'choice', options: ['None', 'Light'], required: false },
				{ key: 'weight', kind: 'number', required: false },
				{ key: 'deposit', label: 'Deposit', kind: 'money', required: false },
				{ key: 'gift', label: 'Gift wrap', kind: 'checkbox', required: false }
			]
		}
	]
};

// The core's field errors, as `order_preview` returns them.
const noCustomer = [{ field: 'customer', message: 'Choose or add a customer (Customer is required)' }];
const noDate = [{ field: 'due_date', message: 'Ready by is required' }];

describe('WizardRunner', () => {
	it('stays on a step the core finds a problem in, with the core’s message', () => {
		const r = new WizardRunner(laundry);
		expect(r.next(noCustomer)).toBe(false);
		expect(r.index).toBe(0);
		expect(r.errors).toEqual({ customer: 'Choose or add a customer (Customer is required)' });
	});

	it('ignores errors of later steps, walks forward and back, ending on the review step', () => {
		const r = new WizardRunner(laundry);
		expect(r.next(noDate)).toBe(true);
		expect(r.step?.title).toBe('Items');
		expect(r.next(noDate)).toBe(false);
		expect(r.errors).toEqual({ due_date: 'Ready by is required' });
		expect(r.next([])).toBe(true);
		expect(r.next([])).toBe(true);
		expect(r.isReview).toBe(true);
		expect(r.step).toBeNull();
		expect(r.next([])).toBe(false);
		expect(r.back()).toBe(true);
		expect(r.step?.title).toBe('Details');
		expect(r.goTo(0)).toBe(true);
		expect(r.index).toBe(0);
		expect(r.back()).toBe(false);
		expect(r.stepCount).toBe(4);
	});

	it('finds the first step with a problem before creating', () => {
		const r = new WizardRunner(laundry);
		expect(r.firstInvalid(noDate)).toBe(1);
		expect(r.firstInvalid([...noDate, ...noCustomer])).toBe(0);
		expect(r.firstInvalid([{ field: 'payments', message: 'payments exceed the order total' }])).toBeNull();
	});
});

describe('placing the core’s errors', () => {
	it('puts sub-field and line errors on their wizard field', () => {
		const errors = [
			{ field: 'customer.phone', message: "'call me' is not a phone number" },
			{ field: 'lines[1].qty', message: 'quantity must be greater than zero' },
			{ field: 'deposit', message: '1.2500 has more than 3 decimals for BHD' },
			{ field: 'fields.starch', message: 'not a field of wizard' }
		];
		expect(stepErrors(laundry.steps[0], errors)).toEqual({ customer: "'call me' is not a phone number" });
		expect(stepErrors(laundry.steps[1], errors)).toEqual({ lines: 'Line 2: quantity must be greater than zero' });
		expect(stepErrors(laundry.steps[2], errors)).toEqual({
			starch: 'Not a field of wizard',
			deposit: '1.2500 has more than 3 decimals for BHD'
		});
		// A BHD shop's 1.250 is the core's to accept: no error, no message.
		expect(stepErrors(laundry.steps[2], [])).toEqual({});
		expect(errorText({ field: 'weight', message: 'weight must be a number' })).toBe('Weight must be a number');
	});

	it('keeps a quantity that is not a number from the core, any decimals go', () => {
		const a = emptyAnswers();
		a.lines = [
			{ name: 'Rice', qty: '1.250', modifiers: [] },
			{ name: 'Shirt', qty: 'two', modifiers: [] }
		];
		expect(shapeErrors(a)).toEqual([{ field: 'lines[1].qty', message: 'the quantity must be a number, like 2 or 1.5' }]);
	});

	it('labels fields without a label from their key', () => {
		expect(fieldLabel({ key: 'due_date', kind: 'date', required: false })).toBe('Due date');
	});
});

describe('toOrderInput', () => {
	it('keeps answered fields, trims, and carries the payments given', () => {
		const a = emptyAnswers();
		a.customer = { id: 3 };
		a.fields = { due_date: ' 2030-01-15 ', notes: '', gift: false, starch: 'Light' };
		a.lines = [{ sku: 'SHIRT', name: 'Shirt', qty: ' 1.5 ', modifiers: [{ name: 'Starch' }] }];
		expect(toOrderInput('laundry', a, [])).toEqual({
			type: 'laundry',
			customer: { id: 3 },
			fields: { due_date: '2030-01-15', starch: 'Light' },
			lines: [{ sku: 'SHIRT', name: 'Shirt', qty: '1.5', modifiers: [{ name: 'Starch' }] }],
			payments: []
		});
		const split = [
			{ method: 'cash', amount: '5.00' },
			{ method: 'card', amount: '7.15' }
		];
		expect(toOrderInput('laundry', a, split).payments).toEqual(split);
	});
});
