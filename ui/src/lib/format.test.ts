import { describe, expect, it } from 'vitest';
import type { ShopFormat } from './api/bindings';
import { date, dateTime, formatDate, formatDateTime, formatMoney, formatNumber, isZero, money, pipeline, slug, stateLabel, useShopFormat } from './format';
import fixtures from './format.fixtures.json';

type Case = {
	format: ShopFormat;
	amounts: { amount: string; money: string; number: string }[];
	days: { day: string; date: string }[];
	instants: { at: string; date_time: string; date: string }[];
};

const cases = fixtures.cases as Case[];
const of = (locale: string, currency: 'EUR' | 'JPY' | 'CHF' = 'EUR') =>
	cases[cases.findIndex((c) => c.format.locale === locale) + ['EUR', 'JPY', 'CHF'].indexOf(currency)].format;

describe('format', () => {
	it('labels fulfillment states', () => {
		expect(stateLabel('partially_shipped')).toBe('Partially shipped');
		expect(stateLabel('open')).toBe('Open');
	});
	it('makes settings keys from names', () => {
		expect(slug('Ready for pickup')).toBe('ready_for_pickup');
		expect(slug('Réparation express!', '-')).toBe('reparation-express');
	});
	it('orders an order type’s stages by the shop’s stage order', () => {
		expect(pipeline({ fulfillment: 'ship', intake: 'web', production: null }, ['intake', 'production', 'fulfillment'])).toEqual([
			'intake',
			'fulfillment'
		]);
	});
	it('tells zero amounts', () => {
		expect(isZero('0.00')).toBe(true);
		expect(isZero('-0.01')).toBe(false);
	});
});

describe('the shop’s format, as the core writes it', () => {
	it('covers every supported locale', () => {
		expect(new Set(cases.map((c) => c.format.locale)).size).toBeGreaterThanOrEqual(10);
	});
	for (const c of cases) {
		const name = `${c.format.locale} ${c.format.money} (${c.format.time_zone})`;
		it(`writes amounts as the core does: ${name}`, () => {
			for (const a of c.amounts) {
				expect(formatMoney(c.format, a.amount)).toBe(a.money);
				expect(formatNumber(c.format, a.amount)).toBe(a.number);
			}
		});
		it(`writes days and instants as the core does: ${name}`, () => {
			for (const d of c.days) expect(formatDate(c.format, d.day)).toBe(d.date);
			for (const i of c.instants) {
				expect(formatDateTime(c.format, i.at)).toBe(i.date_time);
				expect(formatDate(c.format, i.at)).toBe(i.date);
			}
		});
	}
	it('reads the French thousands and symbol at a glance', () => {
		const fr = of('fr-FR');
		expect(formatMoney(fr, '1234.50').replace(/[\u00a0\u202f]/g, ' ')).toBe('1 234,50 €');
		expect(formatDate(fr, '2026-12-31')).toBe('31/12/2026');
		expect(formatMoney(of('en-US'), '1234.50')).toBe('€1,234.50');
		expect(formatDate(of('en-US'), '2026-12-31')).toBe('12/31/2026');
		expect(formatDate(of('de-DE'), '2026-12-31')).toBe('31.12.2026');
	});
	it('pads short fractions, keeps what it cannot read, and never rounds', () => {
		const us = of('en-US');
		expect(formatMoney(us, '12.5')).toBe('€12.50');
		expect(formatMoney(us, 'abc')).toBe('abc');
		expect(formatMoney(us, '1.005')).toBe('€1.005');
		expect(formatMoney(of('en-US', 'JPY'), '1250')).toBe('¥1,250');
	});
	it('applies the registered format on screen, and shows amounts as given before it is known', () => {
		useShopFormat(() => null);
		expect(money('1234.50')).toBe('1234.50');
		expect(date('2026-12-31')).toBe('2026-12-31');
		expect(money(null)).toBe('—');
		useShopFormat(() => of('nl-NL'));
		expect(money('-1234.50')).toBe('€\u00a0-1.234,50');
		expect(date('2026-12-31')).toBe('31-12-2026');
		expect(dateTime('2026-11-25T14:03:00Z')).toBe('25-11-2026 15:03');
	});
});
