import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase, readPragmas } from '../../src/lib/server/db/client';
import { recordAudit } from '../../src/lib/server/audit';
import { tempDatabase, type TempDb } from '../helpers/db';

let t: TempDb | null = null;
afterEach(() => t?.close());

describe('database connection', () => {
	it('runs WAL with synchronous=FULL, foreign keys and a busy timeout — also when reopened', () => {
		t = tempDatabase();
		t.db.$client.close();
		// A plain better-sqlite3 reopen of a WAL file falls back to NORMAL (1): the reason we set FULL ourselves.
		const plain = new Database(t.path);
		expect(plain.pragma('synchronous', { simple: true })).toBe(1);
		plain.close();
		const db = openDatabase(t.path);
		expect(readPragmas(db.$client)).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: 1, busyTimeout: 5000 });
		t.db = db;
	});

	it('applies every migration, including the default unit levels', () => {
		t = tempDatabase();
		const levels = t.db.$client.prepare('select code from unit_levels order by rank, code').pluck().all();
		expect(levels).toEqual(expect.arrayContaining(['province', 'district', 'grassroots', 'branch', 'village', 'hamlet']));
	});

	it('keeps the audit log append-only, even against raw SQL', () => {
		t = tempDatabase();
		recordAudit(t.db, { actor: null, now: 1, ipHash: null, requestId: null }, { action: 'test', targetType: 'none' });
		expect(() => t!.db.$client.exec("update audit_log set action = 'forged'")).toThrow(/append-only/);
		expect(() => t!.db.$client.exec('delete from audit_log')).toThrow(/append-only/);
		expect(t.db.$client.prepare('select action from audit_log').pluck().all()).toEqual(['test']);
	});

	it('enforces foreign keys', () => {
		t = tempDatabase();
		expect(() =>
			t!.db.$client.prepare("insert into memberships (person_id, unit_id, joined_on) values (999, 999, '2024-01-01')").run()
		).toThrow(/FOREIGN KEY/);
	});
});
