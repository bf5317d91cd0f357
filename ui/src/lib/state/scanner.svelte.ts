// Barcode scanner input for the whole app. A window capture listener feeds a
// ScanDetector; a finished scan swallows its Enter and is re-dispatched as a
// cancelable `tillflow-scan` event (detail = the code). Screens that handle
// it call preventDefault(); otherwise the layout looks for an order number.

import { ScanDetector } from '$lib/wizard/scanner';

export const SCAN_EVENT = 'tillflow-scan';

export function installScanner(onUnhandled: (code: string) => void): () => void {
	const detector = new ScanDetector();
	const keydown = (e: KeyboardEvent) => {
		const code = detector.feed(e.key, e.timeStamp);
		if (code === null) return;
		e.preventDefault();
		e.stopPropagation();
		// The scanner typed the code into whatever had focus; take it back out.
		const el = document.activeElement;
		if (el instanceof HTMLInputElement && el.value.endsWith(code)) {
			el.value = el.value.slice(0, -code.length);
			el.dispatchEvent(new Event('input', { bubbles: true }));
		}
		const scan = new CustomEvent<string>(SCAN_EVENT, { detail: code, cancelable: true });
		window.dispatchEvent(scan);
		if (!scan.defaultPrevented) onUnhandled(code);
	};
	window.addEventListener('keydown', keydown, true);
	return () => window.removeEventListener('keydown', keydown, true);
}
