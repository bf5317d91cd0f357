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

	it('offers a refusal for lack of a permission to the approver and retries once when approved', async () => {
		const calls: string[] = [];
		let refusals = 0;
		const client = createClient(
			async (cmd) => {
				calls.push(cmd);
				if (calls.length === 1) throw { code: 'forbidden', message: 'Sam may not cancel', permission: 'orders.cancel' };
				return { number: 'A-1' };
			},
			() => async (refusal) => {
				refusals++;
				expect(refusal.permission).toBe('orders.cancel');
				return true;
			}
		);
		await client.call('order_cancel', { number: 'A-1', reason: 'x' });
		expect(calls).toEqual(['order_cancel', 'order_cancel']);
		expect(refusals).toBe(1);
	});

	it('sends nothing again when the approval is declined, nor for the approval itself', async () => {
		const calls: string[] = [];
		const forbidden = { code: 'forbidden', message: 'no', permission: 'orders.cancel' };
		const client = createClient(
			async (cmd) => {
				calls.push(cmd);
				throw forbidden;
			},
			() => async () => false
		);
		const e = await client.call('order_cancel', { number: 'A-1', reason: 'x' }).catch((x) => x);
		expect(e.code).toBe('forbidden');
		expect(calls).toEqual(['order_cancel']);
		const asked: string[] = [];
		const approving = createClient(
			async (cmd) => {
				asked.push(cmd);
				throw forbidden;
			},
			() => async () => true
		);
		await approving.call('session_approve', { name: 'Kim', pin: '1', permission: 'orders.cancel' }).catch(() => null);
		expect(asked).toEqual(['session_approve']);
	});
});
