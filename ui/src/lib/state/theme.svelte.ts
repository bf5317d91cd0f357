// Light / dark theme: follows the system until the user picks one.
const KEY = 'tillflow.theme';

export type Theme = 'light' | 'dark';

class ThemeState {
	current = $state<Theme>('light');

	init() {
		const saved = globalThis.localStorage?.getItem(KEY);
		const system = globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches;
		this.apply(saved === 'dark' || saved === 'light' ? saved : system ? 'dark' : 'light');
	}
	toggle() {
		this.apply(this.current === 'dark' ? 'light' : 'dark');
		globalThis.localStorage?.setItem(KEY, this.current);
	}
	private apply(t: Theme) {
		this.current = t;
		document.documentElement.dataset.theme = t;
	}
}

export const theme = new ThemeState();
