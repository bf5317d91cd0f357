import { describe, expect, it } from 'vitest';
import { ApiError, createClient, errorText, toApiError } from './client';

describe('api client', () => {
	it('passes the command name and arguments to the transport and returns its result', async () => {
		const calls: [string, unknown][] = [];
		const client = createClient(async (cmd, args) => {
			calls.push([cmd, args]);
			return [{ id: 1, name: 'Ada Lovelace', phone: '+44', email: null, address: null }];
		});
		const found = await client.call('customers_find', { query: 'ada' });
		expect(found[0].name).toBe('Ada Lovelace');
		expect(calls).toEqual([['customers_find', { query: 'ada' }]]);
	});

	it('turns the shell’s {code, message} rejections into ApiError', async () => {
		const client = createClient(async () => {
			throw { code: 'invalid', message: 'Ready by is required', field: 'due_date' };
		});
		const e = await client.call('order_get', { number: 'X' }).catch((x) => x);
		expect(e).toBeInstanceOf(ApiError);
		expect(e.code).toBe('invalid');
		expect(e.message).toBe('Ready by is required');
		expect(e.field).toBe('due_date');
	});

	it('reads an argument the shell could not parse as an invalid input on that field', () => {
		const e = toApiError('invalid args `payment` for command `order_pay`: Invalid decimal: unknown character');
		expect(e.code).toBe('invalid');
		expect(e.field).toBe('payment');
		expect(e.message).toBe('payment is not valid: Invalid decimal: unknown character');
	});

	it('normalises other failures', () => {
		expect(toApiError('boom').code).toBe('internal');
		expect(toApiError(new Error('nope')).message).toBe('nope');
		expect(toApiError(undefined).message).toMatch(/try again/);
		const own = new ApiError('conflict', 'in use');
		expect(toApiError(own)).toBe(own);
		expect(errorText({ code: 'not_found', message: 'order not found: X' })).toBe('order not found: X');
	});
});
