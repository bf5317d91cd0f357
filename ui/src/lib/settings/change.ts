// The settings hub's one way to change settings: the core validates the
// whole model and answers with the settings in force, which every screen
// then shows.

import { api } from '$lib/api/client';
import type { Settings, SettingsChange } from '$lib/api/bindings';
import { live } from '$lib/state/live.svelte';

export async function changeSettings(change: SettingsChange): Promise<Settings> {
	const next = await api.call('settings_change', { change });
	live.setSettings(next);
	return next;
}
