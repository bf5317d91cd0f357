// The "Edit order" dialog's form: the order's lines as editable rows, and
// the edit they come to (only what changed) as the core's `OrderEdit`. The
// core checks and prices the edit (its preview); this only compares what
// was typed with what the order has.

import type { CustomerInput, LineChange, LineInput, LineView, OrderEdit, OrderView } from '$lib/api/bindings';
import type { FieldValue } from '$lib/wizard/runner';

/** One line of the order as the dialog edits it. */
export interface EditRow {
	/** Its index on the order (the core's line number). */
	line: number;
	qty: string;
	price: string;
	/** Modifier names, in the order they were chosen. */
	modifiers: string[];
	note: string;
	removed: boolean;
}

export function rowOf(l: LineView, line: number): EditRow {
	return { line, qty: l.qty, price: l.unit_price, modifiers: l.modifiers.map((m) => m.name), note: l.note ?? '', removed: false };
}

function same(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
	const blank = (v: FieldValue | undefined) => v === undefined || v === null || v === '';
	if (blank(a) && blank(b)) return true;
	return a === b || String(a) === String(b);
}

/** What `row` changes of `was` (null: nothing). */
function lineChange(row: EditRow, was: LineView): LineChange | null {
	const c: LineChange = { line: row.line };
	let changed = false;
	if (row.qty.trim() !== was.qty) {
		c.qty = row.qty.trim();
		changed = true;
	}
	if (row.price.trim() !== was.unit_price) {
		c.unit_price = row.price.trim();
		changed = true;
	}
	const names = was.modifiers.map((m) => m.name);
	if (row.modifiers.length !== names.length || row.modifiers.some((m, i) => m !== names[i])) {
		// Modifiers it had keep the price they were sold at; new ones take the catalogue's.
		c.modifiers = row.modifiers.map((name) => {
			const had = was.modifiers.find((m) => m.name === name);
			return had ? { name, price: had.price } : { name };
		});
		changed = true;
	}
	if (row.note.trim() !== (was.note ?? '')) {
		c.note = row.note.trim();
		changed = true;
	}
	return changed ? c : null;
}

/**
 * The edit of `order`: the answers of `fieldKeys` that differ, the
 * customer when one was chosen, the changed, removed and added lines.
 */
export function buildEdit(
	order: OrderView,
	fieldKeys: readonly string[],
	fields: Record<string, FieldValue>,
	customer: CustomerInput | null,
	rows: readonly EditRow[],
	added: readonly LineInput[]
): OrderEdit {
	const edit: OrderEdit = { fields: {}, add_lines: [...added], change_lines: [], remove_lines: [] };
	for (const key of fieldKeys) {
		if (!same(fields[key], order.fields[key])) edit.fields[key] = fields[key] ?? null;
	}
	if (customer) edit.customer = customer;
	for (const row of rows) {
		const was = order.lines[row.line];
		if (!was) continue;
		if (row.removed) edit.remove_lines.push(row.line);
		else {
			const c = lineChange(row, was);
			if (c) edit.change_lines.push(c);
		}
	}
	return edit;
}

/** Whether the edit changes nothing (the core refuses an empty edit). */
export function isEmpty(edit: OrderEdit): boolean {
	return (
		Object.keys(edit.fields).length === 0 &&
		!edit.customer &&
		edit.add_lines.length === 0 &&
		edit.change_lines.length === 0 &&
		edit.remove_lines.length === 0
	);
}
