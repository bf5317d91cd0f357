// Detects keyboard-wedge barcode scanners: they type fast (keys at most
// 100 ms apart), at least 4 characters, then Enter.

export const MAX_GAP_MS = 100;
export const MIN_LENGTH = 4;

export class ScanDetector {
	private buffer = '';
	private last = -Infinity;

	/**
	 * Forgets what was typed: after a click a scan starts afresh (fast
	 * typing just before, e.g. a name, is not part of it).
	 */
	reset(): void {
		this.buffer = '';
		this.last = -Infinity;
	}

	/** Feeds one key; returns the scanned code when Enter ends a scan. */
	feed(key: string, at: number): string | null {
		const gap = at - this.last;
		this.last = at;
		if (key === 'Enter') {
			const code = gap <= MAX_GAP_MS && this.buffer.length >= MIN_LENGTH ? this.buffer : null;
			this.buffer = '';
			return code;
		}
		if (key.length !== 1) {
			this.buffer = '';
			return null;
		}
		this.buffer = gap <= MAX_GAP_MS ? this.buffer + key : key;
		return null;
	}
}

/**
 * The codes a finished scan may stand for, best first: when the field the
 * scanner typed into holds one code-like token that ends with the detected
 * code (a stall split the scan), or that the detected code ends with (keys
 * typed fast just before ran into the scan), that whole token; then the
 * code itself.
 */
export function scanCandidates(code: string, fieldValue: string | null): string[] {
	const token = (fieldValue ?? '').trim();
	const codeLike = token.length >= MIN_LENGTH && /^[A-Za-z0-9._-]+$/.test(token);
	if (token !== code && codeLike && (token.endsWith(code) || code.endsWith(token))) {
		return [token, code];
	}
	return [code];
}
