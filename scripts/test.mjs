#!/usr/bin/env node
/**
 * `npm test`: type check, unit and integration tests, production build, end-to-end tests in Chromium.
 * Under CI=true a missing browser or Redis fails the run instead of skipping anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const ci = process.env.CI === 'true';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(title, command, args) {
	console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
	const started = Date.now();
	const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
	if (result.status !== 0) {
		console.error(`✗ ${title} failed (exit ${result.status ?? result.signal})`);
		process.exit(result.status ?? 1);
	}
	console.log(`✓ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

if (!existsSync(chromium)) {
	const message = `Chromium not found at ${chromium} (install it with: apt-get install -y chromium)`;
	if (ci) {
		console.error(`✗ ${message}`);
		process.exit(1);
	}
	console.warn(`! ${message}: end-to-end tests will fail.`);
}

run('type check', 'npm', ['run', '--silent', 'check']);
run('build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
run('server bundle', 'node', ['scripts/build-server.mjs']);
run('unit and integration tests', 'npx', ['vitest', 'run']);
run(`end-to-end tests (Chromium: ${chromium}, desktop and 360×740 phone)`, 'npx', ['playwright', 'test']);
console.log('\nAll tests passed.');
