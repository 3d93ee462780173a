import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditPhrase } from './audit';
import { hasMessage } from './index';
import { TRANSITIONS } from '../domain/initiatives/workflow';

const SERVER = join(import.meta.dirname, '../server');

/** Every action code the server writes to the audit log: the literals on `action:` lines, and the built ones. */
function actionCodes(): Set<string> {
	const codes = new Set<string>([
		...TRANSITIONS.map((step) => `initiative.${step}`),
		'period.start_closing',
		'period.close',
		'period.reopen'
	]);
	for (const entry of readdirSync(SERVER, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
		for (const line of readFileSync(join(entry.parentPath, entry.name), 'utf8').split('\n')) {
			if (!/\baction: /.test(line)) continue;
			for (const [, code] of line.matchAll(/'([a-z_]+(?:\.[a-z_]+)?)'/g))
				if (code!.includes('.') || /^auth[nz]_/.test(code!)) codes.add(code!);
		}
	}
	return codes;
}

describe('the audit log in words', () => {
	it('has a Vietnamese phrase for every action the server records', () => {
		const codes = actionCodes();
		expect(codes.size).toBeGreaterThan(80);
		expect([...codes].filter((code) => !hasMessage(`audit.do.${code}`))).toEqual([]);
	});

	it('reads a row as words, and an unknown code still as a Vietnamese phrase', () => {
		expect(auditPhrase('initiative.approve')).toBe('xác nhận sáng kiến');
		expect(auditPhrase('something.new')).toBe('thực hiện thao tác “something.new”');
	});
});
