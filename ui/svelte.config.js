import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A single-page app embedded in the Tauri binary: one index.html.
		adapter: adapter({ fallback: 'index.html', strict: true }),
		output: { bundleStrategy: 'single' }
	}
};

export default config;
