import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig, type Plugin } from 'vitest/config';
import type { Server as HttpServer } from 'node:http';
import { messagesPerModule } from './scripts/messages-per-module.ts';

/**
 * In `npm run dev`, attaches the same realtime module the production server uses to Vite's HTTP server.
 * It is loaded through Vite's SSR pipeline, so it shares modules with SvelteKit's server code.
 */
function realtimeDev(): Plugin {
	return {
		name: 'tienphong-realtime',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer || process.env.VITEST) return;
			const mod = (await server.ssrLoadModule('/src/lib/server/realtime/dev.ts')) as typeof import('./src/lib/server/realtime/dev');
			await mod.attachToDevServer(server.httpServer as HttpServer);
		}
	};
}

export default defineConfig({
	plugins: [tailwindcss(), sveltekit(), realtimeDev(), messagesPerModule()],
	// SvelteKit's own post-build steps dominate the build; the timing report is noise in `npm start`.
	build: { rolldownOptions: { checks: { bundlerTimings: false } } },
	test: {
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/architecture/**/*.test.ts', 'tests/security/**/*.test.ts'],
		environment: 'node',
		// Bounds for a hang, not for speed: on a machine shared with other runs a server start has taken 30 s.
		testTimeout: 60_000,
		hookTimeout: 180_000,
		// A test that asserts nothing cannot fail.
		expect: { requireAssertions: true }
	}
});
