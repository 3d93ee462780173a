import { isDeepStrictEqual } from 'node:util';
/**
 * Two production processes sharing one SQLite file and one Redis (a private redis-server this test starts,
 * stops and starts again): an approval made through one process reaches sockets on the other; while Redis
 * is down both keep serving and each one's own watchers stay live; once it is back, updates flow again.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { boardKey } from '../../src/lib/domain/scoring/boards';
import type { BoardSnapshot, FeedBadge, FeedItem } from '../../src/lib/realtime/contract';
import { freePort, startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { haveRedisServer, PrivateRedis } from '../helpers/private-redis';
import {
	approveOverHttp,
	BrowserBoard,
	collectFeed,
	fetchRetryingReset,
	fetchSnapshot,
	joinRoom,
	openSocket,
	PERIOD,
	prepareSubmittedWork,
	signIn,
	type LiveSocket,
	type PreparedWork
} from '../helpers/live';
import { until } from '../helpers/wait';

const redisServerInstalled = haveRedisServer('the two-process live tests');

const PREFIX = `tienphong-live-${process.pid}-${crypto.randomUUID()}`;

interface Health {
	status: string;
	redis: string;
	database: string;
}

async function health(server: RunningServer): Promise<{ status: number; body: Health }> {
	const res = await fetchRetryingReset(`${server.url}/api/health`);
	return { status: res.status, body: (await res.json()) as Health };
}

/** Points the ledger gave one subject for one initiative (read from the shared SQLite file). */
function pointsFor(databasePath: string, initiativeId: number, subjectType: string, subjectId: number): number {
	const db = new Database(databasePath, { readonly: true, fileMustExist: true });
	try {
		const row = db
			.prepare(
				'select coalesce(sum(points), 0) as points from point_entries where initiative_id = ? and subject_type = ? and subject_id = ?'
			)
			.get(initiativeId, subjectType, subjectId) as { points: number };
		return row.points;
	} finally {
		db.close();
	}
}

/** The province's district board for PERIOD as the ledger says it should be: district id → points. */
/** The campaign's 2026 district board as the ledger has it (the demo's other campaign has boards of its own). */
function districtBoardFromLedger(databasePath: string, campaignId: number): Map<number, number> {
	const db = new Database(databasePath, { readonly: true, fileMustExist: true });
	try {
		const rows = db
			.prepare(
				`select subject_id as id, sum(points) as points from point_entries
				 where campaign_id = ? and subject_type = 'district' and activity_date between '2026-01-01' and '2026-12-31'
				 group by subject_id having sum(points) <> 0`
			)
			.all(campaignId) as Array<{ id: number; points: number }>;
		return new Map(rows.map((r) => [r.id, r.points]));
	} finally {
		db.close();
	}
}

const approved = (items: Array<FeedItem | FeedBadge>, initiativeId: number) =>
	items.find((i) => i.kind === 'approved' && i.initiativeId === initiativeId);

describe.skipIf(!redisServerInstalled)('two processes, one Redis that goes away and comes back', () => {
	const databasePath = tempDbPath();
	let redis: PrivateRedis;
	let a: RunningServer;
	let b: RunningServer;
	let work: PreparedWork;
	let cookie: string;
	const sockets: LiveSocket[] = [];
	let key: string;
	/** Watchers of the province's district board: one tab on each process. */
	let onA: BrowserBoard;
	let onB: BrowserBoard;
	let feedOnB: Array<FeedItem | FeedBadge>;
	const queue: number[] = [];

	const scoreOf = (board: BrowserBoard) => board.board.rows.find((r) => r.id === work.districtId)?.score ?? 0;

	beforeAll(async () => {
		redis = new PrivateRedis(await freePort());
		await redis.start();
		const env = { REDIS_URL: redis.url, REDIS_PREFIX: PREFIX, DATABASE_PATH: databasePath };
		// Seeded at the suite's clock and the work to approve logged through the app's services before either
		// process starts: what the boards hold does not depend on the day the servers' real clocks say.
		work = await prepareSubmittedWork(databasePath, 10);
		queue.push(...work.initiatives);
		a = await startServer(env);
		b = await startServer(env);
		for (const server of [a, b]) await until(async () => (await health(server)).body.redis === 'ok', 10_000, 'both processes on Redis');
		cookie = await signIn(a.url, 'tuangiao');
		key = boardKey({ campaignId: work.campaignId, subjectType: 'district', scopeUnitId: work.provinceId, periodCode: PERIOD, area: null });
		const tabA = await openSocket(a.url);
		const tabB = await openSocket(b.url);
		sockets.push(tabA.socket, tabB.socket);
		onA = await BrowserBoard.open(a.url, tabA.socket, key);
		onB = await BrowserBoard.open(b.url, tabB.socket, key);
		feedOnB = collectFeed(tabB.socket);
		expect(await joinRoom(tabB.socket, 'feed')).toEqual({ ok: true });
	}, 240_000);

	// What the two processes logged (Redis lost and back, boards rebuilt) is the first thing to read when a case fails.
	afterEach(({ task }) => {
		if (task.result?.state === 'fail') console.error(`[live-redis] process A:\n${a?.output()}\n[live-redis] process B:\n${b?.output()}`);
	});

	afterAll(async () => {
		for (const socket of sockets) socket.close();
		const codes = await Promise.all([a?.stop(), b?.stop()]);
		if (redis) {
			if (!redis.proc) await redis.start().catch(() => undefined);
			if (redis.proc) {
				await redis.deleteKeys(PREFIX);
				expect(await redis.deleteKeys(PREFIX)).toBe(0);
			}
			await redis.kill();
		}
		expect(codes.filter((c) => c !== undefined && c !== 0)).toEqual([]);
	}, 60_000);

	it('an approval through A reaches the watchers on B: the board delta with the district’s new score, and the story on the ticker', async () => {
		const id = queue.shift()!;
		const before = scoreOf(onB);
		const deltasBefore = onB.deltas.length;
		expect(await approveOverHttp(a.url, cookie, id)).toMatchObject({ type: 'success' });
		const points = pointsFor(databasePath, id, 'district', work.districtId);
		expect(points).toBeGreaterThan(0);
		await until(() => onB.deltas.length > deltasBefore, 5000, 'a delta on B');
		const delta = onB.deltas[deltasBefore]!.delta;
		// Already on the board: its new score only (the name is on the phone since the page came).
		expect(delta.rows.find(([id]) => id === work.districtId)).toEqual([work.districtId, before + points]);
		await until(() => approved(feedOnB, id) !== undefined, 5000, 'the approval on B’s ticker');
		expect(approved(feedOnB, id)).toMatchObject({
			kind: 'approved',
			unitName: expect.stringContaining('bản'),
			title: expect.stringContaining('Hướng dẫn VNeID')
		});
		await onB.idle();
		expect(onB.board.digest).toBe((await fetchSnapshot(b.url, key)).digest);
		expect(scoreOf(onB)).toBe(before + points);
	});

	it('while Redis is down both processes keep serving, and an approval through A still reaches A’s own watchers', async () => {
		await redis.kill();
		for (const server of [a, b]) await until(async () => (await health(server)).body.redis === 'down', 10_000, 'Redis seen as down');
		for (const server of [a, b]) {
			expect(server.proc.exitCode).toBeNull();
			const { status, body } = await health(server);
			expect([200, 503]).toContain(status);
			expect(body).toMatchObject({ redis: 'down', database: 'ok', status: 'degraded' });
			const page = await fetch(`${server.url}/bang-xep-hang`);
			expect(page.status).toBe(200);
			expect(await page.text()).toContain('Bảng xếp hạng');
		}

		const id = queue.shift()!;
		const before = scoreOf(onA);
		const deltasBefore = onA.deltas.length;
		expect(await approveOverHttp(a.url, cookie, id)).toMatchObject({ type: 'success' });
		const points = pointsFor(databasePath, id, 'district', work.districtId);
		await until(() => onA.deltas.length > deltasBefore, 5000, 'a delta on A');
		expect(onA.deltas[deltasBefore]!.delta.rows.find(([id]) => id === work.districtId)?.[1]).toBe(before + points);
		await onA.idle();
		expect(scoreOf(onA)).toBe(before + points);
		// Both are still up and B's own tab stayed connected (it just hears nothing from A for now).
		for (const server of [a, b]) expect(server.proc.exitCode).toBeNull();
		expect(sockets[1]!.connected).toBe(true);
	});

	it('once Redis is back, approvals made meanwhile and right after count, B catches up, and approvals through A reach B again', async () => {
		const restarted = performance.now();
		await redis.start();
		// Approvals keep coming while both processes reconnect and rebuild the shared boards from the ledger: one
		// as soon as Redis answers again, one once A is back on it, one once B is too.
		const approveNext = async () => expect(await approveOverHttp(a.url, cookie, queue.shift()!)).toMatchObject({ type: 'success' });
		const seenWhenFirstApproved = await Promise.all([a, b].map(async (server) => (await health(server)).body.redis));
		await approveNext();
		for (const server of [a, b]) {
			await until(async () => (await health(server)).body.redis === 'ok', 15_000, `${server.url} sees Redis back`);
			await approveNext();
		}
		const onRedis = Math.round(performance.now() - restarted);
		const ledger = districtBoardFromLedger(databasePath, work.campaignId);
		const asLedger = (snapshot: BoardSnapshot) => new Map(snapshot.rows.map((r) => [r.id, r.score]));
		// Both processes serve the board the ledger says, B's tab shows it: nothing approved around the outage is lost.
		// (Equal to each other is not enough: both can be equally behind while the last approval is being applied.)
		const agrees = (snapshot: BoardSnapshot) => isDeepStrictEqual(asLedger(snapshot), ledger);
		await until(
			async () =>
				agrees(await fetchSnapshot(a.url, key)) &&
				agrees(await fetchSnapshot(b.url, key)) &&
				onB.board.digest === (await fetchSnapshot(b.url, key)).digest,
			15_000,
			'A, B and B’s tab caught up with the approvals around the outage'
		);
		const caughtUp = Math.round(performance.now() - restarted);
		for (const server of [a, b]) expect(asLedger(await fetchSnapshot(server.url, key)), server.url).toEqual(ledger);
		expect(asLedger(onB.board)).toEqual(ledger);

		const id = queue.shift()!;
		const before = scoreOf(onB);
		expect(await approveOverHttp(a.url, cookie, id)).toMatchObject({ type: 'success' });
		const points = pointsFor(databasePath, id, 'district', work.districtId);
		await until(() => scoreOf(onB) === before + points, 10_000, 'the new approval on B');
		await until(() => approved(feedOnB, id) !== undefined, 5000, 'the new approval on B’s ticker');
		console.info(
			`[live-redis] after Redis restarted: the first approval went in while A and B said redis ${seenWhenFirstApproved.join('/')}; both processes on it in ${onRedis} ms, B caught up in ${caughtUp} ms, a new approval through A reached B in ${Math.round(performance.now() - restarted)} ms`
		);

		await Promise.all([onA.idle(), onB.idle()]);
		const [fromA, fromB] = await Promise.all([fetchSnapshot(a.url, key), fetchSnapshot(b.url, key)]);
		expect(fromB).toEqual(fromA);
		expect(asLedger(fromA)).toEqual(districtBoardFromLedger(databasePath, work.campaignId));
		expect(onB.board.digest).toBe(fromB.digest);
		await until(() => onA.board.digest === fromA.digest, 5000, 'A’s tab shows A’s board');
	});

	it('a Redis that restarts empty while nobody uses the boards is rebuilt: the boards are not wiped', async () => {
		await redis.kill();
		for (const server of [a, b]) await until(async () => (await health(server)).body.redis === 'down', 10_000, 'Redis seen as down');
		await redis.start();
		for (const server of [a, b]) await until(async () => (await health(server)).body.redis === 'ok', 15_000, 'Redis seen as back');
		const ledger = districtBoardFromLedger(databasePath, work.campaignId);
		expect(ledger.size).toBeGreaterThan(5);
		for (const server of [a, b]) {
			const scores = async () => new Map((await fetchSnapshot(server.url, key)).rows.map((r) => [r.id, r.score]));
			await until(async () => isDeepStrictEqual(await scores(), ledger), 10_000, `${server.url} has its board back, whole`);
			expect(await scores(), server.url).toEqual(ledger);
		}

		const id = queue.shift()!;
		const before = scoreOf(onB);
		expect(await approveOverHttp(a.url, cookie, id)).toMatchObject({ type: 'success' });
		await until(
			() => scoreOf(onB) === before + pointsFor(databasePath, id, 'district', work.districtId),
			10_000,
			'an approval on B after the quiet restart'
		);
		await onB.idle();
		expect(onB.board).toEqual(await fetchSnapshot(b.url, key));
	});
});
