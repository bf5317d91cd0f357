// Who is signed in at this window, as the shell says (`session_status`):
// the lock screen shows while nobody is, the sidebar shows who is, and the
// window locks itself after the shop's idle time without pointer or
// keyboard input. The shell holds the identity; this only mirrors it.

import { api, errorText } from '$lib/api/client';
import type { SessionStatus, StaffMember } from '$lib/api/bindings';

/** What wakes the idle timer. */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

class Session {
	status = $state<SessionStatus | null>(null);
	loadError = $state<string | null>(null);
	/** The person the lock screen offers first (who locked, or was locked out by idling). */
	lastMember = $state<string | null>(null);
	private lastInput = Date.now();
	private timer: ReturnType<typeof setInterval> | null = null;

	get member(): StaffMember | null {
		return this.status?.signed_in?.member ?? null;
	}

	get signedIn(): boolean {
		return !!this.status?.signed_in;
	}

	may(permission: string): boolean {
		return this.status?.signed_in?.permissions.includes(permission) ?? false;
	}

	async refresh() {
		try {
			this.status = await api.call('session_status', {});
			this.loadError = null;
		} catch (e) {
			this.loadError = errorText(e);
		}
	}

	/** Uses a status a command returned. */
	set(status: SessionStatus) {
		this.status = status;
		if (status.signed_in) {
			this.lastMember = status.signed_in.member.name;
			this.lastInput = Date.now();
		}
	}

	async signIn(name: string, pin: string) {
		this.set(await api.call('session_sign_in', { name, pin }));
	}

	async firstOwner(name: string, pin: string) {
		this.set(await api.call('session_first_owner', { name, pin }));
	}

	/** Locks the window; `forget` (switch user) shows the tiles, not the last person's PIN pad. */
	async lock(forget = false) {
		this.lastMember = forget ? null : (this.member?.name ?? this.lastMember);
		try {
			this.set(await api.call('session_lock', {}));
		} catch {
			// The shell forgets whoever was signed in anyway; show the lock screen.
			if (this.status) this.status = { ...this.status, signed_in: null };
		}
	}

	private touch = () => {
		this.lastInput = Date.now();
	};

	/** Starts the idle watch (once, from the layout); returns its stop. */
	watchIdle(): () => void {
		for (const e of INPUT_EVENTS) window.addEventListener(e, this.touch, { capture: true, passive: true });
		this.timer = setInterval(() => {
			const secs = this.status?.auto_lock_secs ?? 0;
			if (this.signedIn && secs > 0 && Date.now() - this.lastInput >= secs * 1000) void this.lock();
		}, 1000);
		return () => {
			for (const e of INPUT_EVENTS) window.removeEventListener(e, this.touch, { capture: true });
			if (this.timer) clearInterval(this.timer);
			this.timer = null;
		};
	}
}

export const session = new Session();
