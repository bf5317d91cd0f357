// The inventory screen's view of the core's levels: one row per site for an
// item (zero where nothing was ever counted), and an item's total available.
// Quantities stay decimal strings; totals are summed in thousandths (the
// core's precision), never as floats.

import type { Site, StockLevel } from '$lib/api/bindings';

/** What a stock dialog does. */
export type StockAction = 'receive' | 'adjust' | 'transfer';

const ZERO: Omit<StockLevel, 'site' | 'sku'> = { on_hand: '0', allocated: '0', available: '0' };

/** The item's level at every site, in site order. */
export function levelsBySite(sku: string, sites: Site[], levels: StockLevel[]): StockLevel[] {
	return sites.map((s) => levels.find((l) => l.sku === sku && l.site === s.key) ?? { site: s.key, sku, ...ZERO });
}

/** A decimal string with at most 3 decimals as thousandths; null when not one. */
export function toMilli(text: string): number | null {
	const m = /^\s*(-)?(\d+)(?:\.(\d{1,3}))?\s*$/.exec(text);
	if (!m) return null;
	const whole = Number(m[2]) * 1000 + Number((m[3] ?? '').padEnd(3, '0'));
	return m[1] === '-' ? -whole : whole;
}

/** Thousandths back to the shortest decimal string ("2.5", "-3"). */
export function fromMilli(milli: number): string {
	const sign = milli < 0 ? '-' : '';
	const abs = Math.abs(milli);
	const frac = String(abs % 1000).padStart(3, '0').replace(/0+$/, '');
	return `${sign}${Math.floor(abs / 1000)}${frac ? `.${frac}` : ''}`;
}

/** Available stock of one item over all sites. */
export function totalAvailable(sku: string, levels: StockLevel[]): string {
	return fromMilli(levels.filter((l) => l.sku === sku).reduce((sum, l) => sum + (toMilli(l.available) ?? 0), 0));
}

/** Why a typed quantity cannot be sent, or null when it can. */
export function quantityProblem(text: string, signed: boolean): string | null {
	const m = toMilli(text);
	if (m === null) return 'Type a number with at most 3 decimals, e.g. 5 or 2.5.';
	if (m === 0) return 'The quantity cannot be zero.';
	if (m < 0 && !signed) return 'Type a positive quantity.';
	return null;
}
