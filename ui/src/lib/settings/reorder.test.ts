import { describe, expect, it } from 'vitest';
import { dropIndex, moveItem } from './reorder';

describe('reorder', () => {
	it('moves an item and clamps the target', () => {
		expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
		expect(moveItem(['a', 'b', 'c'], 0, 9)).toEqual(['b', 'c', 'a']);
		expect(moveItem(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
	});
	it('finds where a dragged row lands', () => {
		const mids = [10, 30, 50];
		expect(dropIndex(mids, 25, 2)).toBe(1);
		expect(dropIndex(mids, 5, 2)).toBe(0);
		expect(dropIndex(mids, 60, 0)).toBe(2);
		expect(dropIndex(mids, 35, 0)).toBe(1);
	});
});
