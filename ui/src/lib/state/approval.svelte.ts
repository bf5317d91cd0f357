// A manager's approval, asked for by the app's client when a command is
// refused as `forbidden` (client.ts `setApprover`): the layout's dialog
// shows while one is pending and settles it.

import type { ApiError } from '$lib/api/client';

interface Pending {
	refusal: ApiError;
	settle: (approved: boolean) => void;
}

class Approval {
	pending = $state<Pending | null>(null);

	/** Asks for an approval of what `refusal` needs; true once given. */
	ask = (refusal: ApiError): Promise<boolean> => {
		// One at a time: a second refusal meanwhile is not offered.
		if (this.pending) return Promise.resolve(false);
		return new Promise((resolve) => {
			this.pending = { refusal, settle: resolve };
		});
	};

	settle(approved: boolean) {
		const p = this.pending;
		this.pending = null;
		p?.settle(approved);
	}
}

export const approval = new Approval();
