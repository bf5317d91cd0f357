// The Action Wizard runner: walks an order type's wizard step by step and
// turns the answers into the `order_create` input. Whether an answer is
// acceptable is the core's call: the page asks `order_preview` and the
// runner only places the core's field errors on the step's fields. Pure
// logic, no UI (unit-tested).

import type {
	CustomerInput,
	Field,
	FieldError,
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

function isBlank(v: FieldValue | undefined): boolean {
	return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

// Only the shape of a number ("2", "-1.5"): text that is not one cannot cross
// the typed IPC as a quantity or an amount. Its decimals, sign and range are
// the core's to judge (a BHD shop's 1.250 is a number like any other here).
const NUMBER = /^-?\d+(\.\d+)?$/;

/** Whether `text` has the shape of a decimal number. */
export function isNumberText(text: string): boolean {
	return NUMBER.test(text.trim());
}

/** Lines whose quantity is not a number, as errors at the lines field (the preview cannot be asked then). */
export function shapeErrors(a: Answers): FieldError[] {
	return a.lines.flatMap((l, i) => (isNumberText(l.qty) ? [] : [{ field: `lines[${i}].qty`, message: 'the quantity must be a number, like 2 or 1.5' }]));
}

/** Whether a core error's field (`due_date`, `customer.phone`, `lines[2].qty`) is about `f`. */
export function errorIsFor(f: Field, field: string): boolean {
	if (field === f.key || field.startsWith(`${f.key}.`) || field === `fields.${f.key}`) return true;
	if (f.kind === 'lines') return field === 'lines' || field.startsWith('lines[');
	if (f.kind === 'customer') return field === 'customer' || field.startsWith('customer.');
	return false;
}

/** A core error as a cashier reads it: "Line 2: quantity must be…" for a line. */
export function errorText(e: FieldError): string {
	const line = /^lines\[(\d+)\]/.exec(e.field);
	const text = e.message.charAt(0).toUpperCase() + e.message.slice(1);
	return line ? `Line ${Number(line[1]) + 1}: ${e.message}` : text;
}

/** The core's messages for a step's fields, by field key (first one per field). */
export function stepErrors(step: WizardStep, errors: readonly FieldError[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const f of step.fields) {
		const e = errors.find((x) => errorIsFor(f, x.field));
		if (e) out[f.key] = errorText(e);
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

	/** Moves on when the core found nothing wrong with the current step's fields. */
	next(errors: readonly FieldError[]): boolean {
		const step = this.step;
		if (!step) return false;
		this.errors = stepErrors(step, errors);
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

	/** First step the core found a problem in (before creating). */
	firstInvalid(errors: readonly FieldError[]): number | null {
		const i = this.wizard.steps.findIndex((s) => Object.keys(stepErrors(s, errors)).length > 0);
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
