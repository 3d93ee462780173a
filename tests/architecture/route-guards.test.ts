import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers/server';

/**
 * Every server route file is accounted for (ASVS 8.1.1, checklist AZ-01): signed-in areas and every form
 * action go through the HTTP door (lib/server/http/context.ts); the few public write paths are listed here by name, so a new route
 * cannot slip in without a decision.
 */
const ROUTES = join(ROOT, 'src/routes');
const PUBLIC_WRITES = new Set([
	'(auth)/dang-nhap/+page.server.ts', // signing in
	'(auth)/dang-nhap/ma-xac-thuc/+page.server.ts', // the second step: the pending sign-in cookie is the authorisation
	'(auth)/dang-xuat/+page.server.ts', // signing out ends the caller's own session only
	'(auth)/dat-mat-khau/[token]/+page.server.ts', // the one-time token is the authorisation
	'(auth)/thiet-lap/[token]/+page.server.ts' // first run: the one-time link printed at start is the authorisation
]);

function serverFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return serverFiles(path);
		return /^\+(page|layout)\.server\.ts$|^\+server\.ts$/.test(name) ? [relative(ROUTES, path)] : [];
	});
}

describe('route guards', () => {
	const files = serverFiles(ROUTES);

	it('finds the route files', () => {
		expect(files.length).toBeGreaterThan(10);
	});

	for (const file of files) {
		const source = readFileSync(join(ROUTES, file), 'utf8');
		const signedInArea = file.startsWith('(admin)') || file.startsWith('(app)');
		const writes = /export const actions|export const (POST|PUT|PATCH|DELETE)/.test(source);
		if (!signedInArea && !writes) continue;
		it(`${file} ${PUBLIC_WRITES.has(file) ? 'is a listed public write path' : 'calls the guard'}`, () => {
			if (PUBLIC_WRITES.has(file)) {
				// A public write path checks nothing here, but it must not slip into the signed-in areas.
				expect(signedInArea).toBe(false);
				return;
			}
			expect(source).toMatch(/requireActor\(|configuring\(/);
			expect(source).toMatch(/from '\$lib\/server\/http\/context'/);
			// Each action repeats the check (a layout's load does not run for form posts), or hands the whole
			// request to stepAction or configuring, whose first statement is requireActor.
			const actionCount = (source.match(/^\t[a-zA-Z]+: (async )?\(event\)/gm) ?? []).length;
			const guardedActions = (
				source.match(
					/^\t[a-zA-Z]+: (async )?\(event\) => (\{\n\t\t(const actor = )?requireActor\(event\)|\{\n\t\tconst \{[^}]*\} = configuring\(event\)|stepAction\(event)/gm
				) ?? []
			).length;
			expect(guardedActions).toBe(actionCount);
		});
	}
});
