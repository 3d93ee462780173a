/**
 * The house's walls, checked by `npm run check` (and so by CI): routes go through services, only the
 * HTTP edge of lib/server knows SvelteKit, pure rules stay pure, browser code never reaches the server.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
	forbidden: [
		{
			name: 'no-cycles',
			severity: 'error',
			comment: 'An import cycle hides which module is the lower layer.',
			from: {},
			to: { circular: true }
		},
		{
			name: 'routes-use-services',
			severity: 'error',
			comment: 'Route files are thin adapters: queries live behind named service functions in lib/server.',
			from: { path: '^src/routes/' },
			to: { path: ['^src/lib/server/db/', '^node_modules/drizzle-orm/', '^node_modules/better-sqlite3/'] }
		},
		{
			name: 'routes-reach-runtime-through-http',
			severity: 'error',
			comment: 'Only server.ts, hooks.server.ts, the Vite plugin and lib/server/http read the process runtime.',
			from: { path: '^src/routes/' },
			to: { path: '^src/lib/server/runtime\\.ts$' }
		},
		{
			name: 'kit-only-at-the-http-edge',
			severity: 'error',
			comment: 'Services return results and message keys; only lib/server/http turns them into responses.',
			from: { path: '^src/lib/server/', pathNot: '^src/lib/server/http/' },
			to: { path: ['^node_modules/@sveltejs/kit/', '^\\$app/', '^\\$env/'] }
		},
		{
			name: 'runtime-only-at-the-edges',
			severity: 'error',
			comment: 'Services receive db, config and the publisher through their context.',
			from: {
				path: '^src/lib/server/',
				pathNot: [
					'^src/lib/server/http/',
					'^src/lib/server/runtime\\.ts$',
					'^src/lib/server/startup\\.ts$',
					'^src/lib/server/realtime/dev\\.ts$'
				]
			},
			to: { path: '^src/lib/server/runtime\\.ts$' }
		},
		{
			name: 'demo-seed-only-at-startup',
			severity: 'error',
			comment: 'Requests never load the demo seeder: only start-up and the commands seed.',
			from: { path: '^src/', pathNot: ['^src/lib/server/seed/', '^src/lib/server/startup\\.ts$'] },
			to: { path: '^src/lib/server/seed/' }
		},
		{
			name: 'domain-is-pure',
			severity: 'error',
			comment: 'Domain rules are plain TypeScript: no I/O, no framework, no UI.',
			from: { path: '^src/lib/domain/' },
			to: {
				path: [
					'^src/lib/server/',
					'^src/lib/components/',
					'^src/lib/client/',
					'^src/routes/',
					'^node_modules/@sveltejs/',
					'^node_modules/drizzle-orm/',
					'^\\$app/',
					'^\\$env/'
				]
			}
		},
		{
			name: 'browser-code-stays-in-the-browser',
			severity: 'error',
			comment: 'Client modules and components never import server-only code.',
			from: { path: ['^src/lib/client/', '^src/lib/components/'] },
			to: { path: '^src/lib/server/' }
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: ['^\\.svelte-kit/', '^build/'] },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
		webpackConfig: { fileName: 'scripts/depcruise-aliases.cjs' },
		// $app and $env are SvelteKit's virtual modules: leave them unresolved so the rules above can name them.
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			extensions: ['.ts', '.js', '.svelte', '.d.ts'],
			mainFields: ['module', 'main', 'types']
		},
		skipAnalysisNotInRules: false
	}
};
