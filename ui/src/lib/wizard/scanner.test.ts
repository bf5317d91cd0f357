import { describe, expect, it } from 'vitest';
import { ScanDetector } from './scanner';

function type(d: ScanDetector, text: string, start: number, gap: number): string | null {
	let t = start;
	let out: string | null = null;
	for (const ch of text) out = d.feed(ch, (t += gap));
	return d.feed('Enter', t + gap) ?? out;
}

describe('ScanDetector', () => {
	it('reads fast keystrokes ending in Enter as a scan', () => {
		expect(type(new ScanDetector(), '4006381333931', 0, 8)).toBe('4006381333931');
	});
	it('ignores people typing', () => {
		expect(type(new ScanDetector(), 'SHIRT', 0, 180)).toBeNull();
	});
	it('ignores short bursts and restarts after a pause', () => {
		const d = new ScanDetector();
		expect(type(d, 'ab', 0, 5)).toBeNull();
		d.feed('x', 1000);
		expect(type(d, 'TF-000001', 5000, 10)).toBe('TF-000001');
	});
});
