import { describe, expect, it } from 'vitest';
import type { Wizard } from '$lib/api/bindings';
import { emptyAnswers, fieldError, fieldLabel, stepErrors, toOrderInput, WizardRunner } from './runner';

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

describe('WizardRunner', () => {
	it('refuses to leave a step with a missing required field, naming it', () => {
		const r = new WizardRunner(laundry);
		const a = emptyAnswers();
		expect(r.next(a)).toBe(false);
		expect(r.index).toBe(0);
		expect(r.errors.customer).toMatch(/Customer is required/);
	});

	it('walks forward and back, ending on the review step', () => {
		const r = new WizardRunner(laundry);
		const a = emptyAnswers();
		a.customer = { name: 'Ada Lovelace', phone: '+44 20 7946 0991' };
		expect(r.next(a)).toBe(true);
		expect(r.step?.title).toBe('Items');
		a.lines = [{ sku: 'SHIRT', name: 'Shirt', qty: '2', modifiers: [] }];
		expect(r.next(a)).toBe(false);
		expect(r.errors).toEqual({ due_date: 'Ready by is required.' });
		a.fields.due_date = '2030-01-15';
		expect(r.next(a)).toBe(true);
		expect(r.next(a)).toBe(true);
		expect(r.isReview).toBe(true);
		expect(r.step).toBeNull();
		expect(r.next(a)).toBe(false);
		expect(r.back()).toBe(true);
		expect(r.step?.title).toBe('Details');
		expect(r.goTo(0)).toBe(true);
		expect(r.index).toBe(0);
		expect(r.back()).toBe(false);
		expect(r.stepCount).toBe(4);
	});

	it('finds the first step with a problem before creating', () => {
		const r = new WizardRunner(laundry);
		const a = emptyAnswers();
		a.customer = { id: 7, name: 'Ada' };
		expect(r.firstInvalid(a)).toBe(1);
		a.lines = [{ name: 'Duvet', qty: '1', modifiers: [] }];
		a.fields.due_date = '2030-01-15';
		expect(r.firstInvalid(a)).toBeNull();
	});
});

describe('field checks', () => {
	const details = laundry.steps[2];
	it('checks kinds', () => {
		const a = emptyAnswers();
		a.fields = { starch: 'Heavy', weight: 'abc', deposit: '1.234' };
		expect(stepErrors(details, a)).toEqual({
			starch: 'Pick one of the options for Starch.',
			weight: 'Weight must be a number.',
			deposit: 'Deposit must be an amount like 12.50.'
		});
		a.fields = { starch: 'Light', weight: '2.5', deposit: '12.50' };
		expect(stepErrors(details, a)).toEqual({});
	});

	it('needs a name for a new customer and a positive quantity per line', () => {
		const a = emptyAnswers();
		a.customer = { phone: '0612345678' };
		expect(fieldError(laundry.steps[0].fields[0], a)).toBe('A new customer needs a name.');
		a.lines = [{ name: 'Shirt', qty: '0', modifiers: [] }];
		expect(fieldError(laundry.steps[1].fields[0], a)).toMatch(/Line 1: the quantity/);
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
