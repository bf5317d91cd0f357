// Display formatting. Amounts arrive as decimal strings; they are never
// turned into numbers. How amounts and dates read in this shop (separators,
// symbol place, date order, time zone) is the core's rule: it sends the
// shop's format (`shop_rules().format`, a `ShopFormat`) and this file only
// applies it (the same patterns as the core's `locale::ShopFormat`; the
// agreement is tested against the core's own outputs in format.test.ts).

import type { ShopFormat } from './api/bindings';

let current: () => ShopFormat | null | undefined = () => null;

/** Where the shop's format comes from (the live state registers it once);
 * read at every call, so a screen re-renders when it changes. */
export function useShopFormat(get: () => ShopFormat | null | undefined) {
	current = get;
}

/** "1234.5" → [negative, "1234", "50"] with the fraction padded to the
 * currency's digits; null when the text is not a plain decimal. */
function split(amount: string, exponent: number): [boolean, string, string] | null {
	const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
	if (!m) return null;
	const fraction = (m[3] ?? '').padEnd(exponent, '0');
	return [m[1] === '-', m[2], fraction];
}

function grouped(f: ShopFormat, whole: string, fraction: string): string {
	let out = '';
	const group = whole.length >= f.group_from_digits;
	for (let i = 0; i < whole.length; i++) {
		if (group && i > 0 && (whole.length - i) % 3 === 0) out += f.group;
		out += whole[i];
	}
	return fraction ? `${out}${f.decimal}${fraction}` : out;
}

/** An amount with the shop's currency: "1 234,50 €", "-$12.50". */
export function formatMoney(f: ShopFormat, amount: string): string {
	const parts = split(amount, f.exponent);
	if (!parts) return amount;
	const [negative, whole, fraction] = parts;
	return (negative ? f.money_negative : f.money).replace('#', grouped(f, whole, fraction));
}

/** An amount without the symbol: "1 234,50", "-1,234.50". */
export function formatNumber(f: ShopFormat, amount: string): string {
	const parts = split(amount, f.exponent);
	if (!parts) return amount;
	const [negative, whole, fraction] = parts;
	return `${negative ? '-' : ''}${grouped(f, whole, fraction)}`;
}

type Parts = { year: number; month: number; day: number; hour: number; minute: number };

const TOKENS = ['yyyy', 'MM', 'dd', 'HH', 'H', 'hh', 'h', 'mm'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function fill(pattern: string, p: Parts, f: ShopFormat): string {
	let out = '';
	let i = 0;
	const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
	while (i < pattern.length) {
		const token = TOKENS.find((t) => pattern.startsWith(t, i));
		if (token) {
			out += {
				yyyy: pad(p.year, 4),
				MM: pad(p.month),
				dd: pad(p.day),
				HH: pad(p.hour),
				H: String(p.hour),
				hh: pad(hour12),
				h: String(hour12),
				mm: pad(p.minute)
			}[token];
			i += token.length;
		} else if (pattern[i] === 'a') {
			out += p.hour < 12 ? f.am : f.pm;
			i += 1;
		} else {
			out += pattern[i];
			i += 1;
		}
	}
	return out;
}

/** The wall clock of `instant` in `zone` (Intl only converts the zone; the
 * numbers are then written by the shop's patterns). */
function partsIn(instant: Date, zone: string): Parts | null {
	try {
		const parts = new Intl.DateTimeFormat('en-US', {
			timeZone: zone || 'UTC',
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric'
		}).formatToParts(instant);
		const n = (type: string) => Number(parts.find((x) => x.type === type)?.value ?? NaN);
		const p = { year: n('year'), month: n('month'), day: n('day'), hour: n('hour') % 24, minute: n('minute') };
		return Object.values(p).some(Number.isNaN) ? null : p;
	} catch {
		return null;
	}
}

/** A calendar day ("2026-12-31") or the day of an instant in the shop's zone: "31/12/2026". */
export function formatDate(f: ShopFormat, iso: string): string {
	const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
	if (day) return fill(f.date, { year: +day[1], month: +day[2], day: +day[3], hour: 0, minute: 0 }, f);
	const d = new Date(iso);
	const p = Number.isNaN(d.getTime()) ? null : partsIn(d, f.time_zone);
	return p ? fill(f.date, p, f) : iso;
}

/** An instant as the shop's wall clock shows it: "25/11/2026 15:03", "11/25/2026 3:03 PM". */
export function formatDateTime(f: ShopFormat, iso: string): string {
	const d = new Date(iso);
	const p = Number.isNaN(d.getTime()) ? null : partsIn(d, f.time_zone);
	return p ? `${fill(f.date, p, f)} ${fill(f.time, p, f)}` : iso;
}

/** An amount in the shop's format ("—" for none; as given before the format is known). */
export function money(amount: string | null | undefined): string {
	if (amount == null || amount === '') return '—';
	const f = current();
	return f ? formatMoney(f, amount) : amount;
}

export function isZero(amount: string): boolean {
	return !/[1-9]/.test(amount);
}

/** A day or instant as the shop writes dates ("—" for none). */
export function date(iso: string | null | undefined): string {
	if (!iso) return '—';
	const f = current();
	return f ? formatDate(f, iso) : iso;
}

/** An instant as the shop's wall clock shows it. */
export function dateTime(iso: string): string {
	const f = current();
	return f ? formatDateTime(f, iso) : iso;
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
