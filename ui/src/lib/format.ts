// Display formatting. Amounts arrive as decimal strings; they are only turned
// into numbers to be shown, never to compute with.

export function money(amount: string | null | undefined, currency: string): string {
	if (amount == null || amount === '') return '—';
	const n = Number(amount);
	if (!Number.isFinite(n)) return amount;
	try {
		return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(n);
	} catch {
		return `${amount} ${currency}`;
	}
}

export function isZero(amount: string): boolean {
	return !/[1-9]/.test(amount);
}

export function date(iso: string | null | undefined): string {
	if (!iso) return '—';
	const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
	if (Number.isNaN(d.getTime())) return iso;
	return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

export function dateTime(iso: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	return d.toLocaleString(undefined, {
		day: 'numeric',
		month: 'short',
		hour: '2-digit',
		minute: '2-digit'
	});
}

export function todayIso(): string {
	const d = new Date();
	const p = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** A settings key from a display name: "Ready for pickup" → "ready_for_pickup". */
export function slug(name: string, sep = '_'): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, sep)
		.replace(new RegExp(`^\\${sep}+|\\${sep}+$`, 'g'), '');
}

/** The stages an order type runs, in the shop's stage order. */
export function pipeline(stages: Record<string, string | null>, workflowTypes: readonly string[]): string[] {
	return workflowTypes.filter((s) => !!stages[s]);
}

/** A fulfillment state as a label: "partially_shipped" → "Partially shipped". */
export function stateLabel(state: string): string {
	const t = state.replaceAll('_', ' ');
	return t.charAt(0).toUpperCase() + t.slice(1);
}
