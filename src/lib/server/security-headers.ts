/**
 * Headers every response carries, whoever answers it: SvelteKit (pages, endpoints, errors — hooks.server.ts),
 * adapter-node's static files (server.ts sets them before any handler runs) and socket.io's polling
 * transport (realtime/server.ts). Pages replace the CSP with SvelteKit's own (svelte.config.js, with
 * hashes of its inline scripts) and photos with a sandbox; everything else gets one that allows nothing, which
 * matters for anything a browser might render on its own (an SVG, a JSON error opened in a tab).
 */
export const BASELINE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The service worker's own script: a worker's CSP governs what it may fetch, and it keeps this site's pages and files. */
export const WORKER_CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
export const WORKER_PATH = '/service-worker.js';

export const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaderList(secure: boolean): Array<[string, string]> {
	const list: Array<[string, string]> = [
		['x-content-type-options', 'nosniff'],
		['x-frame-options', 'DENY'],
		['referrer-policy', 'strict-origin-when-cross-origin'],
		['cross-origin-opener-policy', 'same-origin'],
		['permissions-policy', 'camera=(self), geolocation=(), microphone=()']
	];
	if (secure) list.push(['strict-transport-security', HSTS]);
	return list;
}
