// The UI is a client-side app inside the Tauri window: no server rendering.
export const ssr = false;
export const prerender = false;
