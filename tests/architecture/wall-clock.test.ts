/**
 * Tests read time from one fake clock (tests/helpers/clock.ts), never from the wall clock: a test whose verdict
 * depends on the day it runs is a time bomb (CI went red on 30/11 when a backdated fixture overtook the fixed
 * clock). Unique names use process.pid and crypto.randomUUID(); elapsed time uses performance.now().
 *
 * The check walks each file's syntax tree with the TypeScript compiler, so a mention in a string or a comment
 * does not count and `Date.UTC(…)`, `Date.parse(…)` or `new Date(ms)` are fine.
 */
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** Folders whose every .ts file is checked, and folders where only *.test.ts files are. */
const ALL_FILES_UNDER = ['tests/integration', 'tests/security', 'tests/helpers', 'tests/architecture'];
const TEST_FILES_UNDER = ['src'];

export interface WallClockRead {
	line: number;
	column: number;
	code: string;
}

/** `Date` or `globalThis.Date` (also `window.Date`, `global.Date`). */
function isDate(node: ts.Expression): boolean {
	if (ts.isIdentifier(node)) return node.text === 'Date';
	return (
		ts.isPropertyAccessExpression(node) &&
		node.name.text === 'Date' &&
		ts.isIdentifier(node.expression) &&
		['globalThis', 'global', 'window'].includes(node.expression.text)
	);
}

/** Every place a source reads the wall clock: `Date.now` (called or passed along), `new Date()` with no argument, `Date()`. */
export function wallClockReads(fileName: string, source: string): WallClockRead[] {
	const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
	const found: WallClockRead[] = [];
	const report = (node: ts.Node) => {
		const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
		found.push({ line: line + 1, column: character + 1, code: node.getText(file) });
	};
	const visit = (node: ts.Node): void => {
		if (ts.isPropertyAccessExpression(node) && node.name.text === 'now' && isDate(node.expression)) report(node);
		else if (
			ts.isElementAccessExpression(node) &&
			isDate(node.expression) &&
			ts.isStringLiteralLike(node.argumentExpression) &&
			node.argumentExpression.text === 'now'
		)
			report(node);
		else if (ts.isNewExpression(node) && isDate(node.expression) && (node.arguments ?? []).length === 0) report(node);
		else if (ts.isCallExpression(node) && isDate(node.expression)) report(node);
		ts.forEachChild(node, visit);
	};
	visit(file);
	return found;
}

function filesUnder(dir: string, testsOnly: boolean): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return filesUnder(path, testsOnly);
		return (testsOnly ? name.endsWith('.test.ts') : name.endsWith('.ts')) ? [path] : [];
	});
}

function checkedFiles(): string[] {
	return [
		...ALL_FILES_UNDER.flatMap((d) => filesUnder(join(ROOT, d), false)),
		...TEST_FILES_UNDER.flatMap((d) => filesUnder(join(ROOT, d), true))
	].map((p) => relative(ROOT, p));
}

describe('tests take time from the fake clock, not the wall clock', () => {
	it('recognises each way of reading the wall clock, and nothing else', () => {
		const sample = [
			'const a = Date.now();', // 1
			'const b = new Date();', // 2
			'const c = new Date;', // 3
			'const d = Date();', // 4
			'login(db, input, Date.now);', // 5
			'const e = globalThis.Date.now();', // 6
			"const f = Date['now']();", // 7
			'const ok1 = new Date(0).toISOString(), ok2 = Date.UTC(2026, 10, 25), ok3 = Date.parse("2026-11-25");',
			'const ok4 = performance.now(), ok5 = clock.now(), ok6 = { now: NOW }.now, ok7 = new Date(NOW - 5 * DAY_MS);',
			'// Date.now() in a comment, and in a string:',
			'const ok8 = "Date.now() and new Date()";'
		].join('\n');
		expect(wallClockReads('sample.ts', sample).map((r) => [r.line, r.code])).toEqual([
			[1, 'Date.now'],
			[2, 'new Date()'],
			[3, 'new Date'],
			[4, 'Date()'],
			[5, 'Date.now'],
			[6, 'globalThis.Date.now'],
			[7, "Date['now']"]
		]);
	});

	it('checks the integration tests, their helpers and the unit tests', () => {
		const files = checkedFiles();
		expect(files).toEqual(
			expect.arrayContaining([
				'tests/helpers/db.ts',
				'tests/helpers/live.ts',
				'tests/integration/seed.test.ts',
				'src/lib/server/scoring/resilient-store.test.ts'
			])
		);
		expect(files.filter((f) => f.startsWith('tests/integration/')).length).toBeGreaterThan(10);
		expect(files.some((f) => f.startsWith('tests/e2e/'))).toBe(false);
	});

	it('no checked file reads the wall clock (file:line:column of each offender)', () => {
		const offenders = checkedFiles().flatMap((file) =>
			wallClockReads(file, readFileSync(join(ROOT, file), 'utf8')).map((r) => `${file}:${r.line}:${r.column} ${r.code}`)
		);
		if (offenders.length > 0)
			console.error(
				`Wall-clock reads in tests (use tests/helpers/clock.ts, performance.now() or crypto.randomUUID()):\n${offenders.join('\n')}`
			);
		expect(offenders).toEqual([]);
	});
});
