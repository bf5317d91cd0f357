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
	constructor(code: string, message: string, field?: string) {
		super(message);
		this.name = 'ApiError';
		this.code = code;
		this.field = field;
	}
}

/** Tauri's refusal of an argument the command could not read (e.g. an
 * amount that is not a number): "invalid args `payment` for command `order_pay`: why". */
const INVALID_ARGS = /^invalid args `(\w+)` for command `\w+`: (.*)$/s;

/** Turns whatever a command rejected with into an ApiError. */
export function toApiError(e: unknown): ApiError {
	if (e instanceof ApiError) return e;
	if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
		const o = e as { code: unknown; message: unknown; field?: unknown };
		return new ApiError(String(o.code), String(o.message), typeof o.field === 'string' ? o.field : undefined);
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

export function createClient(transport: Transport): Client {
	return {
		async call(cmd, args) {
			try {
				return (await transport(cmd, args as Record<string, unknown>)) as never;
			} catch (e) {
				throw toApiError(e);
			}
		}
	};
}

async function tauriTransport(cmd: string, args: Record<string, unknown>): Promise<unknown> {
	const { invoke } = await import('@tauri-apps/api/core');
	return invoke(cmd, args);
}

/** The app's client (talks to the Tauri shell). */
export const api: Client = createClient(tauriTransport);
