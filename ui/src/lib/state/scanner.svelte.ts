// Barcode scanner input for the whole app. A window capture listener feeds a
// ScanDetector; a finished scan swallows its Enter and is re-dispatched as a
// cancelable `tillflow-scan` event (detail = the code). Screens that handle
// it call preventDefault(); otherwise the layout looks for an order number.

import { ScanDetector, scanCandidates } from '$lib/wizard/scanner';

export const SCAN_EVENT = 'tillflow-scan';

/** Takes the scanned `code` back out of the end of the field it was typed into. */
function takeBack(el: Element | null, code: string) {
	if (el instanceof HTMLInputElement && el.value.trimEnd().endsWith(code)) {
		el.value = el.value.trimEnd().slice(0, -code.length);
		el.dispatchEvent(new Event('input', { bubbles: true }));
	}
}

export function installScanner(onUnhandled: (codes: string[]) => void): () => void {
	const detector = new ScanDetector();
	const keydown = (e: KeyboardEvent) => {
		// Enter in a multi-line box is a new line, however fast the typing
		// (an address typed quickly is not a scan): nothing is read there.
		if (document.activeElement instanceof HTMLTextAreaElement) {
			detector.reset();
			return;
		}
		const code = detector.feed(e.key, e.timeStamp);
		if (code === null) return;
		e.preventDefault();
		e.stopPropagation();
		// The scanner typed the code into whatever had focus. A stall on a busy
		// till can split one scan in two; the whole token in the field is then
		// the code read, so it is offered first.
		const el = document.activeElement;
		const codes = scanCandidates(code, el instanceof HTMLInputElement ? el.value : null);
		for (const c of codes) {
			const scan = new CustomEvent<string>(SCAN_EVENT, { detail: c, cancelable: true });
			window.dispatchEvent(scan);
			if (scan.defaultPrevented) {
				takeBack(el, c);
				return;
			}
		}
		takeBack(el, codes[0]);
		onUnhandled(codes);
	};
	// A click ends whatever was being typed (Tab does too: it is not a
	// character). Focus moved by the app mid-scan must not cut the scan.
	const reset = () => detector.reset();
	window.addEventListener('keydown', keydown, true);
	window.addEventListener('pointerdown', reset, true);
	return () => {
		window.removeEventListener('keydown', keydown, true);
		window.removeEventListener('pointerdown', reset, true);
	};
}
