// Typed client over the shell's commands. `Commands` (names, arguments and
// results) is generated from the Rust types into bindings.ts; this file adds
// error normalisation and the transport (Tauri's invoke, or a fake in tests).

import type { Commands } from './bindings';

export type CommandName = keyof Commands;
export type Args<K extends CommandName> = Commands[K]['args'];
export type Result<K extends CommandName> = Commands[K]['result'];
export type Transport = (cmd: string, args: Record<string, unknown>) => Promise<unknown>;

/** An error a cashier can read: `code` is stable, `message` names the problem. */
export class ApiError extends Error {
	readonly code: string;
	/** The input field the error is about, when the core named one. */
	readonly field?: string;
	/** For `forbidden`: the permission the action needs (a manager may approve it). */
	readonly permission?: string;
	constructor(code: string, message: string, field?: string, permission?: string) {
		super(message);
		this.name = 'ApiError';
		this.code = code;
		this.field = field;
		this.permission = permission;
	}
}

/** Tauri's refusal of an argument the command could not read (e.g. an
 * amount that is not a number): "invalid args `payment` for command `order_pay`: why". */
const INVALID_ARGS = /^invalid args `(\w+)` for command `\w+`: (.*)$/s;

/** Turns whatever a command rejected with into an ApiError. */
export function toApiError(e: unknown): ApiError {
	if (e instanceof ApiError) return e;
	if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
		const o = e as { code: unknown; message: unknown; field?: unknown; permission?: unknown };
		return new ApiError(
			String(o.code),
			String(o.message),
			typeof o.field === 'string' ? o.field : undefined,
			typeof o.permission === 'string' ? o.permission : undefined
		);
	}
	if (e instanceof Error) return new ApiError('internal', e.message);
	if (typeof e === 'string') {
		const bad = INVALID_ARGS.exec(e);
		if (bad) return new ApiError('invalid', `${bad[1].replace(/_/g, ' ')} is not valid: ${bad[2]}`, bad[1]);
		return new ApiError('internal', e);
	}
	return new ApiError('internal', 'Something went wrong. Please try again.');
}

/** The message to show for an error, without the field prefix noise. */
export function errorText(e: unknown): string {
	return toApiError(e).message;
}

export interface Client {
	call<K extends CommandName>(cmd: K, args: Args<K>): Promise<Result<K>>;
}

/**
 * Asked when a command is refused for lack of a permission: resolves true
 * once a manager approved (the shell then holds the approval for one
 * write), false when the person gave up.
 */
export type Approver = (refusal: ApiError) => Promise<boolean>;

/** Commands whose refusal is not an action to approve (the approval itself). */
const NOT_APPROVABLE = new Set<string>(['session_approve', 'session_sign_in', 'session_first_owner']);

/**
 * A client over `transport`. With `approver`, a command refused as
 * `forbidden` with a permission is offered for a manager's approval and,
 * once approved, sent again exactly once; every screen gets this without
 * code of its own.
 */
export function createClient(transport: Transport, approver: () => Approver | null = () => null): Client {
	const send = async (cmd: string, args: Record<string, unknown>) => {
		try {
			return await transport(cmd, args);
		} catch (e) {
			throw toApiError(e);
		}
	};
	return {
		async call(cmd, args) {
			try {
				return (await send(cmd, args as Record<string, unknown>)) as never;
			} catch (e) {
				const err = toApiError(e);
				const ask = approver();
				if (err.code !== 'forbidden' || !err.permission || !ask || NOT_APPROVABLE.has(cmd)) throw err;
				if (!(await ask(err))) throw err;
				return (await send(cmd, args as Record<string, unknown>)) as never;
			}
		}
	};
}

let appApprover: Approver | null = null;

/** Sets who the app's client asks for a manager's approval (the layout's dialog). */
export function setApprover(a: Approver | null) {
	appApprover = a;
}

async function tauriTransport(cmd: string, args: Record<string, unknown>): Promise<unknown> {
	const { invoke } = await import('@tauri-apps/api/core');
	return invoke(cmd, args);
}

/** The app's client (talks to the Tauri shell). */
export const api: Client = createClient(tauriTransport, () => appApprover);
