// How a customer's history row reads (the core records what changed).
import type { CustomerEvent } from '$lib/api/bindings';

const FIELD: Record<string, string> = { name: 'name', phone: 'phone', email: 'e-mail', address: 'address' };

export function eventText(ev: CustomerEvent): string {
	const d = ev.detail as Record<string, unknown>;
	switch (ev.kind) {
		case 'consent':
			return d.given ? 'Agreed to marketing messages' : 'Withdrew marketing consent';
		case 'merged': {
			const dup = (d.duplicate ?? {}) as { name?: string };
			const n = Number(d.orders ?? 0);
			return `Merged duplicate “${dup.name ?? '?'}” (${n} order${n === 1 ? '' : 's'} moved, credit ${String(d.credit ?? '0')})`;
		}
		default: {
			const fields = Object.keys(d).map((k) => FIELD[k] ?? k);
			return `Changed ${fields.join(', ')}`;
		}
	}
}
