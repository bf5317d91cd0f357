import { describe, expect, it } from 'vitest';
import { ScanDetector, scanCandidates } from './scanner';

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

describe('scanCandidates', () => {
	it('recovers a scan split by a stall from the field it was typed into', () => {
		const d = new ScanDetector();
		let t = 0;
		for (const ch of '400638') d.feed(ch, (t += 8));
		t += 400; // the till stalls mid-scan
		for (const ch of '1333931') d.feed(ch, (t += 8));
		const code = d.feed('Enter', t + 8);
		expect(code).toBe('1333931');
		expect(scanCandidates(code ?? '', '4006381333931')).toEqual(['4006381333931', '1333931']);
	});
	it('takes the field’s code when fast typing elsewhere ran into the scan', () => {
		// A name typed fast, a click, then a scan within 100 ms: without a
		// reset the detector reads "Linus4006381333931".
		const d = new ScanDetector();
		let t = 0;
		for (const ch of 'Linus') d.feed(ch, (t += 8));
		for (const ch of '4006381333931') d.feed(ch, (t += 8));
		const code = d.feed('Enter', t + 8) ?? '';
		expect(code).toBe('Linus4006381333931');
		expect(scanCandidates(code, '4006381333931')).toEqual(['4006381333931', 'Linus4006381333931']);
	});
	it('starts afresh after a reset (a click)', () => {
		const d = new ScanDetector();
		let t = 0;
		for (const ch of 'Linus') d.feed(ch, (t += 8));
		d.reset();
		for (const ch of '4006381333931') d.feed(ch, (t += 8));
		expect(d.feed('Enter', t + 8)).toBe('4006381333931');
	});
	it('keeps the code alone when the field holds other words or nothing more', () => {
		expect(scanCandidates('4006381333931', '4006381333931')).toEqual(['4006381333931']);
		expect(scanCandidates('1333931', 'shirt 1333931')).toEqual(['1333931']);
		expect(scanCandidates('TF-000002', null)).toEqual(['TF-000002']);
	});
});
