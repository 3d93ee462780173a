import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// Absolute asset URLs. With relative ones, SvelteKit 2.70 briefly overrides a global `paths.assets` while
		// rendering, and a concurrent request can pick it up: the page then loads "./_app/..." from the wrong
		// directory and never starts (seen in our e2e runs). The portal is always served from the domain root.
		paths: { relative: false },
		// Hashes, not nonces: a page's bytes then depend only on what it shows, so the public pages a crowd opens
		// at once can be rendered once and served to all of them (server.ts, lib/server/http/public-cache.ts).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
