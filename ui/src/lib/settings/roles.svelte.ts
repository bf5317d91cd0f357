// The shop's roles and the permission list, as the core resolves them
// (`roles_list`): built-in roles with their fixed matrix, the shop's own
// roles with their checklist. Reloaded whenever the settings change.

import { api, errorText } from '$lib/api/client';
import type { RolesView } from '$lib/api/bindings';
import { live } from '$lib/state/live.svelte';

export class Roles {
	view = $state<RolesView | null>(null);
	error = $state<string | null>(null);

	/** Call from a component's `$effect`: loads now and after every settings change. */
	track() {
		void live.settingsRev;
		api.call('roles_list', {}).then(
			(v) => {
				this.view = v;
				this.error = null;
			},
			(e) => (this.error = errorText(e))
		);
	}

	name(key: string): string {
		return this.view?.roles.find((r) => r.key === key)?.name ?? key;
	}
}
