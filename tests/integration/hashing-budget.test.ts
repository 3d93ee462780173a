import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, tempDbPath, type RunningServer } from '../helpers/server';

/**
 * The production server with the smallest budget (one hash at a time, nobody waiting): a burst of sign-ins
 * must be partly refused with 429 before any hashing, and what was refused must leave no trace of a guess.
 */
let server: RunningServer;
const databasePath = tempDbPath();
beforeAll(async () => {
	server = await startServer({ DATABASE_PATH: databasePath, HASH_CONCURRENCY: '1', HASH_QUEUE: '0' });
});
afterAll(async () => {
	await server?.stop();
});

const BURST = 24;

describe('hashing budget over HTTP', () => {
	it('sheds sign-ins beyond the budget with 429, Retry-After and a Vietnamese message, without counting or hashing them', async () => {
		const responses = await Promise.all(
			Array.from({ length: BURST }, (_, i) =>
				fetch(`${server.url}/dang-nhap`, {
					method: 'POST',
					// A browser without scripts: the page comes back with the form's status.
					headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url },
					body: new URLSearchParams({ identifier: `khach${i}`, password: 'sai-mat-khau-roi', next: '/' }).toString(),
					redirect: 'manual'
				})
			)
		);
		const shed = responses.filter((r) => r.status === 429);
		const failed = responses.filter((r) => r.status === 400);
		expect(shed.length).toBeGreaterThan(0);
		expect(failed.length).toBeGreaterThan(0);
		expect(shed.length + failed.length).toBe(BURST);
		for (const r of shed) {
			expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
			expect(await r.text()).toContain('Máy chủ đang bận vì có quá nhiều lượt đăng nhập cùng lúc.');
			expect(r.headers.get('set-cookie')).toBeNull();
		}
		for (const r of failed) expect(await r.text()).toContain('Thông tin đăng nhập không đúng.');

		const db = new Database(databasePath, { readonly: true });
		try {
			const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
			// Refusals are audited as summaries (the first at once, then at most one row per 10 s), not a row each.
			expect(db.prepare(`select after from audit_log where action = 'authn_login_busy'`).all()).toEqual([{ after: '{"refusedSinceLastReport":1}' }]);
			expect(count(`select count(*) n from audit_log where action = 'authn_login_fail'`)).toBe(failed.length);
			// Only the guesses that were hashed were counted against the throttle.
			expect(count(`select count(*) n from login_attempts`)).toBe(failed.length);
		} finally {
			db.close();
		}
	});
});
