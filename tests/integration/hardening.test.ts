/**
 * Finding 10 (low): small doors, each closed and checked against the production server. An unknown board
 * type on the explain page, anyone resetting the health window, a full disk reported as healthy, public
 * photos cached for a year, static files without nosniff, anonymous sockets in unit rooms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { approveOverHttp, joinRoom, openSocket, signIn, submitWithPhotos, type LiveSocket } from '../helpers/live';
import { until } from '../helpers/wait';

import { NOW } from '../helpers/clock';
const TOKEN = 'kiem-tra-suc-khoe-0123456789';

let server: RunningServer;
const databasePath = tempDbPath();
const sockets: LiveSocket[] = [];

beforeAll(async () => {
	server = await startServer({ DATABASE_PATH: databasePath, HEALTH_TOKEN: TOKEN });
}, 60_000);
afterAll(async () => {
	for (const socket of sockets) socket.close();
	await server?.stop();
});

function query<T>(sql: string, ...params: unknown[]): T {
	const db = new Database(databasePath, { readonly: true });
	try {
		return db.prepare(sql).get(...params) as T;
	} finally {
		db.close();
	}
}

const health = async (headers: Record<string, string> = {}, reset = false) => {
	const res = await fetch(`${server.url}/api/health${reset ? '?reset=1' : ''}`, { headers });
	return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text() };
};

describe('finding 10 (low)', () => {
	it('(a) an unknown board type on the explain page is a 404 page, not a 500', async () => {
		const province = query<{ id: number }>("select id from units where level = 'province'").id;
		const campaign = query<{ id: number }>('select min(id) as id from campaigns').id;
		for (const bang of [
			`${campaign}|evil|${province}|Y2026`,
			`${campaign}|__proto__|${province}|Y2026`,
			`${campaign}|constructor|${province}|Y2026`,
			`${campaign}|toString|${province}|Y2026|1.4`,
			// A key of the layout before campaigns were in it.
			`member|${province}|Y2026`
		]) {
			const res = await fetch(`${server.url}/bang-xep-hang/giai-thich?bang=${encodeURIComponent(bang)}&id=1`);
			expect(res.status, bang).toBe(404);
			expect(await res.text(), bang).toContain('Không tìm thấy');
		}
		// A real board still explains.
		const member = query<{ subject_id: number }>(
			"select subject_id from point_entries where subject_type = 'member' and activity_date like '2026-%' limit 1"
		);
		const explain = `${server.url}/bang-xep-hang/giai-thich?bang=${encodeURIComponent(`${campaign}|member|${province}|Y2026`)}&id=${member.subject_id}`;
		expect((await fetch(explain)).status).toBe(200);
		expect((await fetch(`${explain}&trang=1`)).status).toBe(200);
		// A page of its rows past the last, or not a page number at all, is not found.
		for (const page of ['2', '0', '-1', 'abc', '1e3']) expect((await fetch(`${explain}&trang=${page}`)).status, page).toBe(404);
	});

	it('(a1) the review queue comes a page at a time: a page past the last shows the last, a page that is not a number is a 404', async () => {
		const cookie = await signIn(server.url, 'tuangiao');
		const queue = (page: string) => fetch(`${server.url}/duyet${page}`, { headers: { cookie } });
		const first = await queue('');
		expect(first.status).toBe(200);
		const count = /data-testid="review-count">([^<]+)</.exec(await first.text())?.[1];
		expect(count).toMatch(/^\d+ sáng kiến đang chờ$/);
		for (const page of ['?trang=1', '?trang=99']) {
			const res = await queue(page);
			expect(res.status, page).toBe(200);
			expect(/data-testid="review-count">([^<]+)</.exec(await res.text())?.[1], page).toBe(count);
		}
		for (const page of ['0', '-1', 'abc', '1e3']) expect((await queue(`?trang=${page}`)).status, page).toBe(404);
	});

	it('(a2) public pages take their campaign from ?phong-trao=: the demo’s slug names it, an unknown one is a 404 page', async () => {
		const campaign = query<{ slug: string; name: string }>('select slug, name from campaigns order by id limit 1');
		for (const path of ['/bang-xep-hang', '/trinh-chieu', '/cach-tinh-diem', '/api/trinh-chieu']) {
			const known = await fetch(`${server.url}${path}?phong-trao=${encodeURIComponent(campaign.slug)}`);
			expect(known.status, path).toBe(200);
			if (!path.startsWith('/api')) expect(await known.text(), path).toContain(campaign.name);
			const unknown = await fetch(`${server.url}${path}?phong-trao=khong-co-phong-trao-nay`);
			expect(unknown.status, path).toBe(404);
		}
	});

	it('(b) only monitoring with HEALTH_TOKEN or a signed-in province admin may reset the health window', async () => {
		const windowMs = async () => (await health()).body.eventLoopDelayMs.windowMs as number;
		const before = await windowMs();
		const anonymous = await health({}, true);
		expect(anonymous.status).toBe(403);
		expect(await health({ 'x-health-token': 'sai' }, true)).toMatchObject({ status: 403 });
		expect(await health({ cookie: await signIn(server.url, 'tuangiao') }, true)).toMatchObject({ status: 403 });
		// Nobody above reset anything: the window still runs from the start.
		expect(await windowMs()).toBeGreaterThanOrEqual(before);

		expect(await health({ 'x-health-token': TOKEN }, true)).toMatchObject({ status: 200 });
		expect(await windowMs()).toBeLessThan(before);
		const admin = await health({ cookie: await signIn(server.url, 'tinhdoan') }, true);
		expect(admin.status).toBe(200);
	});

	it('(c) says disk: down and degraded (503) while the database folder takes no writes, and ok once it does again', async () => {
		expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', disk: 'ok' } });
		// The probe's file is a directory now: opening it for writing fails, as on a full or read-only disk.
		const probe = join(dirname(databasePath), '.tienphong-write-probe');
		mkdirSync(probe);
		try {
			await until(async () => (await health()).body.disk === 'down', 15_000, 'the probe notices');
			expect(await health()).toMatchObject({ status: 503, body: { status: 'degraded', disk: 'down', database: 'ok' } });
		} finally {
			rmSync(probe, { recursive: true, force: true });
		}
		await until(async () => (await health()).body.disk === 'ok', 15_000, 'the probe recovers');
		expect(await health()).toMatchObject({ status: 200, body: { status: 'ok' } });
	}, 45_000);

	it('(d) public photos are cached briefly and revalidated by ETag, so a revoke reaches every copy within minutes', async () => {
		const jpeg = () =>
			sharp({ create: { width: 400, height: 300, channels: 3, background: '#2a7' } })
				.jpeg()
				.toBuffer();
		const [id] = await submitWithPhotos(databasePath, join(dirname(databasePath), 'uploads'), 1, 1, NOW, jpeg);
		const verifier = await signIn(server.url, 'tuangiao');
		expect(await approveOverHttp(server.url, verifier, id!)).toMatchObject({ type: 'success' });
		const photo = query<{ id: string }>('select id from photos where initiative_id = ?', id).id;

		const first = await fetch(`${server.url}/anh/${photo}/lon`);
		expect(first.status).toBe(200);
		const cache = first.headers.get('cache-control') ?? '';
		expect(cache).not.toContain('immutable');
		expect(Number(/max-age=(\d+)/.exec(cache)?.[1] ?? Infinity)).toBeLessThanOrEqual(300);
		expect(cache).toMatch(/must-revalidate|no-cache/);
		const etag = first.headers.get('etag');
		expect(etag).toBeTruthy();
		expect((await fetch(`${server.url}/anh/${photo}/lon`, { headers: { 'if-none-match': etag! } })).status).toBe(304);

		// Revoked: the revalidation that follows the short max-age finds nothing public any more.
		const revision = query<{ revision: number }>('select revision from initiatives where id = ?', id).revision;
		const revoke = await fetch(`${server.url}/sang-kien/${id}?/revoke`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: server.url,
				cookie: verifier,
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams({ revision: String(revision), reason: 'Ảnh chụp trẻ em chưa có đồng ý của phụ huynh.' }).toString()
		});
		expect(await revoke.json()).toMatchObject({ type: 'success' });
		expect((await fetch(`${server.url}/anh/${photo}/lon`, { headers: { 'if-none-match': etag! } })).status).toBe(404);
	});

	it('(e) static files and build assets carry nosniff, like every page', async () => {
		const html = await (await fetch(`${server.url}/`)).text();
		const asset = /\/_app\/immutable\/[^"']+\.js/.exec(html)?.[0];
		expect(asset).toBeTruthy();
		for (const path of [asset!, '/favicon.svg']) {
			const res = await fetch(`${server.url}${path}`);
			expect(res.status, path).toBe(200);
			expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
		}
	});

	it('(g) only signed-in people whose scope covers a unit may watch its room', async () => {
		const own = query<{ id: number }>(
			"select u.id from units u join memberships m on m.unit_id = u.id join people p on p.id = m.person_id where p.username = 'doanvien'"
		).id;
		const district = query<{ id: number; path: string }>("select id, path from units where name = 'Huyện đoàn Tuần Giáo'");
		const inDistrict = query<{ id: number }>("select id from units where path like ? and level = 'branch' limit 1", `${district.path}%`).id;
		const elsewhere = query<{ id: number }>(
			"select id from units where level = 'branch' and path not like ? limit 1",
			`${district.path}%`
		).id;

		const anonymous = (await openSocket(server.url)).socket;
		const member = (await openSocket(server.url, { cookie: await signIn(server.url, 'doanvien') })).socket;
		const verifier = (await openSocket(server.url, { cookie: await signIn(server.url, 'tuangiao') })).socket;
		sockets.push(anonymous, member, verifier);

		expect(await joinRoom(anonymous, `unit:${own}`)).toMatchObject({ ok: false });
		expect(await joinRoom(anonymous, `unit:${district.id}`)).toMatchObject({ ok: false });
		expect(await joinRoom(member, `unit:${own}`)).toEqual({ ok: true });
		expect(await joinRoom(member, `unit:${elsewhere}`)).toMatchObject({ ok: false, error: 'Bạn không được theo dõi kênh này.' });
		expect(await joinRoom(verifier, `unit:${district.id}`)).toEqual({ ok: true });
		expect(await joinRoom(verifier, `unit:${inDistrict}`)).toEqual({ ok: true });
		expect(await joinRoom(verifier, `unit:${elsewhere}`)).toMatchObject({ ok: false });
		// Public rooms stay public.
		expect(await joinRoom(anonymous, 'feed')).toEqual({ ok: true });
	});
});
