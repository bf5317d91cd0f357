// Quantities chosen in the shipment, return and exchange dialogs. The core
// checks everything again; this only turns what was typed into the lines a
// command takes and names the first problem where it happens. Quantities
// are compared exactly, as integer thousandths (never floating point).

import type { LineFulfillment, LineQty, StockLevel } from '$lib/api/bindings';

/** A row of a dialog: an order line, what was typed, and the most it allows. */
export interface QtyRow {
	line: number;
	name: string;
	qty: string;
	max: string;
}

/** "1.5" → 1500; null when it is not a quantity with at most 3 decimals. */
export function milli(text: string): number | null {
	const t = text.trim();
	const m = /^(\d+)(?:\.(\d{1,3}))?$/.exec(t);
	if (!m) return null;
	return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}

/** Whether a decimal string is above zero. */
export function positive(text: string): boolean {
	return (milli(text) ?? 0) > 0;
}

export type Picked = { lines: LineQty[]; error: null } | { lines: LineQty[]; error: string };

/** The lines with a quantity typed (empty or 0 = not taken), each at most its max. */
export function picked(rows: readonly QtyRow[]): Picked {
	const lines: LineQty[] = [];
	for (const r of rows) {
		const t = r.qty.trim();
		if (t === '') continue;
		const q = milli(t);
		if (q === null) return { lines, error: `${r.name}: “${t}” is not a quantity (e.g. 2 or 0.5)` };
		if (q === 0) continue;
		const max = milli(r.max) ?? 0;
		if (q > max) return { lines, error: `${r.name}: at most ${r.max}` };
		lines.push({ line: r.line, qty: t });
	}
	if (lines.length === 0) return { lines, error: 'Enter a quantity for at least one line' };
	return { lines, error: null };
}

/** Rows for the shipment dialog: every line that can still ship, all of it by default. */
export function shipmentRows(lines: readonly LineFulfillment[]): QtyRow[] {
	return lines.filter((l) => positive(l.shippable)).map((l) => ({ line: l.line, name: l.name, qty: l.shippable, max: l.shippable }));
}

/** Rows for the return dialog: every line that can come back, none by default. */
export function returnRows(lines: readonly LineFulfillment[]): QtyRow[] {
	return lines.filter((l) => positive(l.returnable)).map((l) => ({ line: l.line, name: l.name, qty: '', max: l.returnable }));
}

/** "2 at store, 1 at wh" for a line's reservations (what is left of each). */
export function reservedWhere(l: LineFulfillment): string {
	const parts = l.reservations.filter((r) => positive(r.qty)).map((r) => `${r.qty} at ${r.site}`);
	return parts.join(', ');
}

/** Total available across sites, in thousandths (negative when backordered). */
export function availableMilli(levels: readonly StockLevel[]): number {
	return levels.reduce((sum, l) => {
		const neg = l.available.trim().startsWith('-');
		const v = milli(neg ? l.available.trim().slice(1) : l.available) ?? 0;
		return sum + (neg ? -v : v);
	}, 0);
}

/** Whether `qty` of an item fits what is available across all sites. */
export function fits(levels: readonly StockLevel[], qty: string): boolean {
	const q = milli(qty);
	return q === null || q <= availableMilli(levels);
}
