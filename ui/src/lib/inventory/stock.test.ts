import { describe, expect, it } from 'vitest';
import type { Site, StockLevel } from '$lib/api/bindings';
import { fromMilli, levelsBySite, quantityProblem, toMilli, totalAvailable } from './stock';

const sites: Site[] = [
	{ key: 'store', name: 'Shop', kind: 'store', home: true },
	{ key: 'wh-a', name: 'Warehouse A', kind: 'warehouse', home: false }
];
const level = (site: string, sku: string, on_hand: string, allocated: string, available: string): StockLevel => ({
	site,
	sku,
	on_hand,
	allocated,
	available
});

describe('stock levels', () => {
	it('lists every site, zero where nothing is counted', () => {
		const levels = [level('wh-a', 'MUG', '5', '1', '4'), level('store', 'TEE', '2', '0', '2')];
		expect(levelsBySite('MUG', sites, levels)).toEqual([level('store', 'MUG', '0', '0', '0'), level('wh-a', 'MUG', '5', '1', '4')]);
	});

	it('sums availability exactly, backorders included', () => {
		const levels = [level('store', 'MUG', '0.1', '0.3', '-0.2'), level('wh-a', 'MUG', '2.25', '0', '2.25'), level('wh-a', 'TEE', '9', '0', '9')];
		expect(totalAvailable('MUG', levels)).toBe('2.05');
		expect(totalAvailable('NONE', levels)).toBe('0');
	});

	it('reads and writes thousandths', () => {
		expect(toMilli('2.5')).toBe(2500);
		expect(toMilli('-0.125')).toBe(-125);
		expect(toMilli('1.2345')).toBeNull();
		expect(toMilli('abc')).toBeNull();
		expect(fromMilli(-1500)).toBe('-1.5');
		expect(fromMilli(3000)).toBe('3');
	});

	it('explains a quantity that cannot be sent', () => {
		expect(quantityProblem('5', false)).toBeNull();
		expect(quantityProblem('-2', true)).toBeNull();
		expect(quantityProblem('-2', false)).toBe('Type a positive quantity.');
		expect(quantityProblem('0', true)).toBe('The quantity cannot be zero.');
		expect(quantityProblem('', false)).toMatch(/Type a number/);
	});
});
