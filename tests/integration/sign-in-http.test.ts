import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { signIn } from '../helpers/live';

/**
 * The production server with the smallest hashing budget (one hash at a time, nobody waiting): a burst of
 * sign-ins must be partly refused with 429 before any hashing, and what was refused must leave no trace of a
 * guess. And a privileged account past its deadline without a second factor gets only the enrolment page.
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

describe('a privileged account without a second factor', () => {
	it('gets a reminder while in its grace period, then only the enrolment page once overdue', async () => {
		const cookie = await signIn(server.url, 'tuangiao');
		const get = (path: string) => fetch(`${server.url}${path}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
		const admin = await get('/quan-tri');
		expect(admin.status).toBe(200);
		expect(await admin.text()).toContain('Tài khoản quản trị của bạn cần bật xác thực hai bước trước');
		// The deadline passes (the grace period started at the first request above).
		const db = new Database(databasePath);
		try {
			const moved = db
				.prepare(`update second_factors set due_at = 1 where person_id = (select id from people where username = 'tuangiao')`)
				.run();
			expect(moved.changes).toBe(1);
		} finally {
			db.close();
		}
		for (const path of ['/quan-tri', '/duyet', '/tai-khoan']) {
			const res = await get(path);
			expect(res.status, path).toBe(303);
			expect(res.headers.get('location'), path).toBe('/tai-khoan/xac-thuc-hai-buoc');
		}
		const enrol = await get('/tai-khoan/xac-thuc-hai-buoc');
		expect(enrol.status).toBe(200);
		expect(await enrol.text()).toContain('Bạn cần bật xác thực hai bước trước khi tiếp tục dùng tài khoản quản trị.');
		const board = await get('/bang-xep-hang');
		expect(board.status).toBe(200);
		expect(await board.text()).toContain('Bạn cần bật xác thực hai bước trước khi tiếp tục dùng tài khoản quản trị.');
	});
});

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
			expect(db.prepare(`select after from audit_log where action = 'authn_login_busy'`).all()).toEqual([
				{ after: '{"refusedSinceLastReport":1}' }
			]);
			expect(count(`select count(*) n from audit_log where action = 'authn_login_fail'`)).toBe(failed.length);
			// Only the guesses that were hashed were counted against the throttle.
			expect(count(`select count(*) n from login_attempts`)).toBe(failed.length);
		} finally {
			db.close();
		}
	});
});
