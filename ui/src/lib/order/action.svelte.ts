// One order-screen action at a time: busy while it runs, its error kept for
// the dialog that started it (or shown as a toast when no dialog is open),
// a success toast when it is done.

import { errorText } from '$lib/api/client';
import { toast } from '$lib/state/toast.svelte';

export class OrderAction {
	busy = $state(false);
	error = $state<string | null>(null);

	/** Runs `f`; returns its result, or null when it failed. */
	async run<T>(done: string | ((r: T) => string), f: () => Promise<T>, inDialog = false): Promise<T | null> {
		this.busy = true;
		this.error = null;
		try {
			const r = await f();
			toast.success(typeof done === 'string' ? done : done(r));
			return r;
		} catch (e) {
			this.error = errorText(e);
			if (!inDialog) toast.error(this.error);
			return null;
		} finally {
			this.busy = false;
		}
	}
}
