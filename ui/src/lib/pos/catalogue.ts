// Catalogue look-ups for the line-item entry (the catalogue is part of the
// settings the UI already holds).

import type { CatalogueItem, LineInput } from '$lib/api/bindings';

export function searchCatalogue(items: readonly CatalogueItem[], query: string, limit = 8): CatalogueItem[] {
	const q = query.trim().toLowerCase();
	if (!q) return [];
	return items
		.filter(
			(i) =>
				i.name.toLowerCase().includes(q) ||
				i.sku.toLowerCase().includes(q) ||
				(i.barcode ?? '').toLowerCase() === q
		)
		.slice(0, limit);
}

/** The item a scanner read: by barcode, else by SKU. */
export function byCode(items: readonly CatalogueItem[], code: string): CatalogueItem | undefined {
	const c = code.trim().toLowerCase();
	return items.find((i) => (i.barcode ?? '').toLowerCase() === c) ?? items.find((i) => i.sku.toLowerCase() === c);
}

/** A new line for a catalogue item (price and tax come from the catalogue). */
export function lineFor(item: CatalogueItem): LineInput {
	return { sku: item.sku, name: item.name, qty: '1', modifiers: [] };
}

/** Adds an item: a second scan of the same item adds one to its quantity. */
export function addItem(lines: readonly LineInput[], item: CatalogueItem): LineInput[] {
	const i = lines.findIndex((l) => l.sku === item.sku && l.modifiers.length === 0 && !l.note);
	if (i < 0) return [...lines, lineFor(item)];
	const out = lines.slice();
	const qty = Number(out[i].qty);
	out[i] = { ...out[i], qty: Number.isFinite(qty) ? String(qty + 1) : out[i].qty };
	return out;
}
