// Toasts shown bottom right. `toast.success('Saved')` after a Create/Save.

export type ToastKind = 'success' | 'error' | 'info';
/** A button on a toast (e.g. Retry after a failed print). */
export interface ToastAction {
	label: string;
	run: () => void;
}
export interface ToastItem {
	id: number;
	kind: ToastKind;
	text: string;
	action?: ToastAction;
}

let nextId = 1;

class Toasts {
	items = $state<ToastItem[]>([]);

	show(kind: ToastKind, text: string, ms = 3000, action?: ToastAction) {
		const id = nextId++;
		// At most three at a time: a busy counter should not bury the screen.
		this.items = [...this.items, { id, kind, text, action }].slice(-3);
		setTimeout(() => this.dismiss(id), ms);
	}
	success(text: string) {
		this.show('success', text);
	}
	error(text: string) {
		this.show('error', text, 7000);
	}
	dismiss(id: number) {
		this.items = this.items.filter((t) => t.id !== id);
	}
}

export const toast = new Toasts();
