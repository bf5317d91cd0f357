import { describe, expect, it } from 'vitest';
import { fromMinor } from './minor';

describe('fromMinor', () => {
	it('writes minor units with the currency decimals', () => {
		expect(fromMinor(1234, 2)).toBe('12.34');
		expect(fromMinor(-30, 2)).toBe('-0.30');
		expect(fromMinor(5, 2)).toBe('0.05');
		expect(fromMinor(0, 2)).toBe('0.00');
		expect(fromMinor(1500, 0)).toBe('1500');
		expect(fromMinor(1234, 3)).toBe('1.234');
	});
});
