// Live app state: the settings (cached, refreshed when they change) and
// revision counters bumped by the shell's change events, so every open screen
// reloads what it shows when an order or the settings change anywhere.

import { api, errorText } from '$lib/api/client';
import { session } from '$lib/state/session.svelte';
import { CHANGED_EVENT, type Changed, type Settings, type ShopRules, type TriggerInfo } from '$lib/api/bindings';
import { useShopFormat } from '$lib/format';

class Live {
	settings = $state<Settings | null>(null);
	triggers = $state<TriggerInfo[]>([]);
	/** The core's payment methods, currency decimals and defaults (reloaded with the settings). */
	rules = $state<ShopRules | null>(null);
	/** Bumped on every order change. */
	orderRev = $state(0);
	/** Bumped on every settings change, after `settings` holds the new ones. */
	settingsRev = $state(0);
	/** Bumped on every change of sites or stock. */
	inventoryRev = $state(0);
	/** Bumped when customers were imported, edited or merged. */
	customersRev = $state(0);
	/** Bumped when staff members, their roles, PINs or locks changed. */
	staffRev = $state(0);
	loadError = $state<string | null>(null);
	private unlisten: (() => void) | null = null;

	get shopName(): string {
		return this.settings?.shop.name ?? '';
	}

	async start() {
		await this.reloadSettings();
		try {
			this.triggers = await api.call('triggers_list', {});
			const { listen } = await import('@tauri-apps/api/event');
			this.unlisten = await listen<Changed>(CHANGED_EVENT, (e) => this.apply(e.payload));
		} catch (e) {
			this.loadError = errorText(e);
		}
	}

	stop() {
		this.unlisten?.();
		this.unlisten = null;
	}

	apply(c: Changed) {
		switch (c.what) {
			case 'settings':
				// Bumped once the new settings are here: a screen that fills a form
				// when the revision changes must never fill it from the old ones.
				void this.reloadSettings().then(() => this.settingsRev++);
				break;
			case 'inventory':
				this.inventoryRev++;
				break;
			case 'staff':
				this.staffRev++;
				// A role or a lock may be the signed-in person's, and the tiles show staff.
				void session.refresh();
				break;
			case 'customers':
				this.customersRev++;
				// Order lists show customers' names: an edit or a merge shows there too.
				this.orderRev++;
				break;
			default:
				this.orderRev++;
		}
	}

	async reloadSettings() {
		try {
			this.settings = await api.call('settings_get', {});
			this.rules = await api.call('shop_rules', {});
			this.loadError = null;
		} catch (e) {
			this.loadError = errorText(e);
		}
	}

	/** Use the settings a command returned (the change event follows). */
	setSettings(s: Settings) {
		this.settings = s;
		this.settingsRev++;
		void api.call('shop_rules', {}).then((r) => (this.rules = r));
	}

	triggerLabel(key: string): string {
		return this.triggers.find((t) => t.key === key)?.label ?? key;
	}

	statusOf(key: string) {
		return this.settings?.statuses.find((s) => s.key === key);
	}
}

export const live = new Live();
// Every amount and date on screen is written by the shop's format, as the core gives it.
useShopFormat(() => live.rules?.format);
