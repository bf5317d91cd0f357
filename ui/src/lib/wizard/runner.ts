// The Action Wizard runner: walks an order type's wizard step by step,
// enforces required fields with messages a cashier understands, and turns the
// answers into the `order_create` input. Pure logic, no UI (unit-tested).

import type {
	CustomerInput,
	Field,
	LineInput,
	OrderInput,
	PaymentInput,
	Wizard,
	WizardStep
} from '$lib/api/bindings';

export type FieldValue = string | number | boolean | null;

export interface Answers {
	customer: CustomerInput | null;
	lines: LineInput[];
	fields: Record<string, FieldValue>;
}

export function emptyAnswers(): Answers {
	return { customer: null, lines: [], fields: {} };
}

export function fieldLabel(f: Field): string {
	if (f.label) return f.label;
	const words = f.key.replace(/[_-]+/g, ' ').trim();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isBlank(v: FieldValue | undefined): boolean {
	return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** The message for one field, or null when its answer is acceptable. */
export function fieldError(f: Field, a: Answers): string | null {
	const label = fieldLabel(f);
	if (f.kind === 'customer') {
		const c = a.customer;
		const has = !!c && (c.id != null || !!c.name?.trim() || !!c.phone?.trim());
		if (f.required && !has) return `Choose or add a customer (${label} is required).`;
		if (has && c && c.id == null && !c.name?.trim()) return 'A new customer needs a name.';
		return null;
	}
	if (f.kind === 'lines') {
		if (f.required && a.lines.length === 0) return `Add at least one item (${label} is required).`;
		const bad = a.lines.findIndex((l) => !DECIMAL.test(l.qty.trim()) || Number(l.qty) <= 0);
		if (bad >= 0) return `Line ${bad + 1}: the quantity must be a number above zero.`;
		return null;
	}
	if (f.kind === 'checkbox') {
		if (f.required && a.fields[f.key] !== true) return `${label} must be ticked.`;
		return null;
	}
	const v = a.fields[f.key];
	if (isBlank(v)) return f.required ? `${label} is required.` : null;
	const text = String(v).trim();
	switch (f.kind) {
		case 'number':
			return DECIMAL.test(text) ? null : `${label} must be a number.`;
		case 'money':
			return /^\d+(\.\d{1,2})?$/.test(text) ? null : `${label} must be an amount like 12.50.`;
		case 'date':
			return DATE.test(text) && !Number.isNaN(Date.parse(text))
				? null
				: `${label} must be a date.`;
		case 'choice':
			return (f.options ?? []).includes(text) ? null : `Pick one of the options for ${label}.`;
		default:
			return null;
	}
}

/** Messages of a step, by field key (empty when the step can be left). */
export function stepErrors(step: WizardStep, a: Answers): Record<string, string> {
	const out: Record<string, string> = {};
	for (const f of step.fields) {
		const e = fieldError(f, a);
		if (e) out[f.key] = e;
	}
	return out;
}

/**
 * Position in a wizard. Steps 0..n-1 are the wizard's own; step n is the
 * review (totals, payment, create).
 */
export class WizardRunner {
	readonly wizard: Wizard;
	index = 0;
	errors: Record<string, string> = {};

	constructor(wizard: Wizard) {
		this.wizard = wizard;
	}

	get stepCount(): number {
		return this.wizard.steps.length + 1;
	}
	get isReview(): boolean {
		return this.index === this.wizard.steps.length;
	}
	get step(): WizardStep | null {
		return this.isReview ? null : this.wizard.steps[this.index];
	}
	get canBack(): boolean {
		return this.index > 0;
	}

	/** Validates the current step; moves on only when it is complete. */
	next(a: Answers): boolean {
		const step = this.step;
		if (!step) return false;
		this.errors = stepErrors(step, a);
		if (Object.keys(this.errors).length > 0) return false;
		this.index++;
		return true;
	}

	back(): boolean {
		if (!this.canBack) return false;
		this.errors = {};
		this.index--;
		return true;
	}

	/** Jumps back to an earlier step (the step list is clickable). */
	goTo(i: number): boolean {
		if (i < 0 || i >= this.index) return false;
		this.errors = {};
		this.index = i;
		return true;
	}

	/** First step with a problem, checking them all (before creating). */
	firstInvalid(a: Answers): number | null {
		const i = this.wizard.steps.findIndex((s) => Object.keys(stepErrors(s, a)).length > 0);
		return i < 0 ? null : i;
	}
}

/** The `order_create` input for the answers (blank answers left out). */
export function toOrderInput(
	orderType: string,
	a: Answers,
	payments: PaymentInput[]
): OrderInput {
	const fields: Record<string, FieldValue> = {};
	for (const [k, v] of Object.entries(a.fields)) {
		if (isBlank(v) || v === false) continue;
		fields[k] = typeof v === 'string' ? v.trim() : v;
	}
	const input: OrderInput = {
		type: orderType,
		fields,
		lines: a.lines.map((l) => ({ ...l, qty: l.qty.trim() })),
		payments
	};
	if (a.customer) input.customer = a.customer;
	return input;
}
