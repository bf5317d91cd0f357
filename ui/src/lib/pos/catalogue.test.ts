import { describe, expect, it } from 'vitest';
import type { CatalogueItem } from '$lib/api/bindings';
import { addItem, byCode, searchCatalogue } from './catalogue';

const items: CatalogueItem[] = [
	{ sku: 'SHIRT', name: 'Shirt, washed & pressed', price: '3.50', tax_rate: '20' },
	{ sku: 'TSHIRT-BLK', name: 'T-shirt, black', price: '19.90', tax_rate: '20', barcode: '4006381333931' }
];

describe('catalogue', () => {
	it('searches names and SKUs, and barcodes exactly', () => {
		expect(searchCatalogue(items, 'shirt').map((i) => i.sku)).toEqual(['SHIRT', 'TSHIRT-BLK']);
		expect(searchCatalogue(items, '4006381333931').map((i) => i.sku)).toEqual(['TSHIRT-BLK']);
		expect(searchCatalogue(items, '4006')).toEqual([]);
		expect(searchCatalogue(items, '  ')).toEqual([]);
	});
	it('finds a scanned code by barcode, then by SKU', () => {
		expect(byCode(items, '4006381333931')?.sku).toBe('TSHIRT-BLK');
		expect(byCode(items, 'shirt')?.sku).toBe('SHIRT');
		expect(byCode(items, 'nope')).toBeUndefined();
	});
	it('adds a line, and one more to it on a second scan', () => {
		const once = addItem([], items[1]);
		expect(once).toEqual([{ sku: 'TSHIRT-BLK', name: 'T-shirt, black', qty: '1', modifiers: [] }]);
		expect(addItem(once, items[1])[0].qty).toBe('2');
		const noted = [{ ...once[0], note: 'gift' }];
		expect(addItem(noted, items[1])).toHaveLength(2);
	});
});
