import { describe, expect, it } from 'vitest';
import { isZero, pipeline, slug, stateLabel } from './format';

describe('format', () => {
	it('labels fulfillment states', () => {
		expect(stateLabel('partially_shipped')).toBe('Partially shipped');
		expect(stateLabel('open')).toBe('Open');
	});
	it('makes settings keys from names', () => {
		expect(slug('Ready for pickup')).toBe('ready_for_pickup');
		expect(slug('Réparation express!', '-')).toBe('reparation-express');
	});
	it('orders an order type’s stages by the shop’s stage order', () => {
		expect(pipeline({ fulfillment: 'ship', intake: 'web', production: null }, ['intake', 'production', 'fulfillment'])).toEqual([
			'intake',
			'fulfillment'
		]);
	});
	it('tells zero amounts', () => {
		expect(isZero('0.00')).toBe(true);
		expect(isZero('-0.01')).toBe(false);
	});
});
