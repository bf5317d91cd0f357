// One action at a time on a screen (an order action, a settings save): busy
// while it runs, a success toast when it is done, and the core's refusal
// kept for the form or dialog that started it — on the field it names when
// the caller shows one there — or shown as a toast when no form is open.

import { toApiError } from '$lib/api/client';
import { toast } from '$lib/state/toast.svelte';

export class Action {
	busy = $state(false);
	error = $state<string | null>(null);

	/**
	 * `atField` is offered the core's refusal about a field (its path, e.g.
	 * `order_types[repair].deposit_percent`) and returns whether it showed it
	 * at that field.
	 */
	constructor(private readonly atField: (field: string, message: string) => boolean = () => false) {}

	/** Runs `f`; returns its result, or null when it failed. */
	async run<T>(done: string | ((r: T) => string), f: () => Promise<T>, inForm = false): Promise<T | null> {
		this.busy = true;
		this.error = null;
		try {
			const r = await f();
			toast.success(typeof done === 'string' ? done : done(r));
			return r;
		} catch (e) {
			const err = toApiError(e);
			if (err.field && this.atField(err.field, err.message)) return null;
			this.error = err.message;
			if (!inForm) toast.error(this.error);
			return null;
		} finally {
			this.busy = false;
		}
	}
}
