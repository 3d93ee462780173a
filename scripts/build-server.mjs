#!/usr/bin/env node
/**
 * The production entry as one JavaScript file beside SvelteKit's handler: `server.ts` and the server code it imports
 * bundled into `build/server.js` (run after `vite build`, which empties `build/`). Production then runs plain Node:
 * under `--import tsx` every module went through tsx's loader thread, which held about 55 MB of the idle process
 * and a share of each request's CPU.
 */
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { build } from 'rolldown';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const packages = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
const isPackage = (id) => packages.some((name) => id === name || id.startsWith(`${name}/`));

await build({
	input: new URL('../server.ts', import.meta.url).pathname,
	platform: 'node',
	logLevel: 'warn',
	// Packages load from node_modules as they do for SvelteKit's own build, and SvelteKit's handler from beside the
	// bundle; only the app's code is bundled.
	external: (id) => id.startsWith('node:') || builtinModules.includes(id) || isPackage(id) || id === './handler.js',
	output: { file: new URL('../build/server.js', import.meta.url).pathname, format: 'esm' }
});
