// Toasts shown bottom right. `toast.success('Saved')` after a Create/Save.

export type ToastKind = 'success' | 'error' | 'info';
export interface ToastItem {
	id: number;
	kind: ToastKind;
	text: string;
}

let nextId = 1;

class Toasts {
	items = $state<ToastItem[]>([]);

	show(kind: ToastKind, text: string, ms = 3000) {
		const id = nextId++;
		// At most three at a time: a busy counter should not bury the screen.
		this.items = [...this.items, { id, kind, text }].slice(-3);
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
