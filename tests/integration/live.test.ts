/**
 * The live layer end to end on one production server: who may open a socket and join which room, that an
 * abusive socket only hurts itself, and that a burst of approvals reaches watchers as a few coalesced deltas
 * that still add up to exactly the server's board.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as delay } from 'node:timers/promises';
import { boardKey } from '../../src/lib/domain/scoring/boards';
import { TICK_MS, type BoardDelta } from '../../src/lib/realtime/contract';
import { startServer, tempDbPath, type RunningServer } from '../helpers/server';
import {
	approveOverHttp,
	BrowserBoard,
	fetchSnapshot,
	joinRoom,
	mostInWindow,
	openSocket,
	PERIOD,
	prepareSubmittedWork,
	signIn,
	type LiveSocket,
	type PreparedWork
} from '../helpers/live';
import { until, within } from '../helpers/wait';

const BURST = 200;
/** How much later than its tick's start a delta may be stamped (the tick reads every dirty board first). */
const TICK_WORK_SLACK_MS = 100;
/** Approvals kept aside for the tests before the burst. */
const SPARE = 6;

let server: RunningServer;
let work: PreparedWork;
let verifierCookie: string;
const sockets: LiveSocket[] = [];
const spare: number[] = [];

beforeAll(async () => {
	const databasePath = tempDbPath();
	// Seeded and prepared through the app's services before the server starts, so its boards are built from it.
	work = await prepareSubmittedWork(databasePath, BURST + SPARE);
	spare.push(...work.initiatives.slice(BURST));
	server = await startServer({ DATABASE_PATH: databasePath });
	verifierCookie = await signIn(server.url, 'tuangiao');
});

afterAll(async () => {
	for (const socket of sockets) socket.close();
	if (server) expect(await server.stop()).toBe(0);
});

/** The province-wide board of one subject type, this year, all content areas. */
const provinceBoard = (subjectType: string) =>
	boardKey({ campaignId: work.campaignId, subjectType, scopeUnitId: work.provinceId, periodCode: PERIOD, area: null });

async function socketFor(options: Parameters<typeof openSocket>[1] = {}) {
	const opened = await openSocket(server.url, options);
	sockets.push(opened.socket);
	return opened;
}

describe('who may open a socket', () => {
	it('refuses a socket from another site at the handshake and accepts one from the app’s own pages', async () => {
		for (const transports of [['websocket'], ['polling']]) {
			await expect(openSocket(server.url, { originHeader: 'http://evil.example', transports }), transports[0]).rejects.toThrow();
		}
		const { socket, hello } = await socketFor();
		expect(socket.connected).toBe(true);
		expect(hello).toMatchObject({ signedIn: false });
	});
});

describe('which rooms a socket may join', () => {
	it('a signed-in member may join their own person room but not someone else’s, nor an unknown board', async () => {
		const cookie = await signIn(server.url, 'doanvien');
		const { socket, hello } = await socketFor({ cookie });
		expect(hello.signedIn).toBe(true);
		expect(await joinRoom(socket, `person:${work.accounts.doanvien}`)).toEqual({ ok: true });
		expect(await joinRoom(socket, `person:${work.accounts.tama}`)).toEqual({ ok: false, error: 'Bạn không được theo dõi kênh này.' });
		expect(await joinRoom(socket, `board:${work.campaignId}|member|1|Y1999`)).toEqual({
			ok: false,
			error: 'Không có bảng hoặc đơn vị này.'
		});
		expect(await joinRoom(socket, `board:${work.campaignId}|member|999999|Y2026`)).toEqual({
			ok: false,
			error: 'Không có bảng hoặc đơn vị này.'
		});
		// Joined holding no board, it is answered with the board.
		expect(await joinRoom(socket, `board:${provinceBoard('member')}`)).toMatchObject({ ok: true, catchUp: { kind: 'snapshot' } });
	});

	it('a page loaded before the join carried a held board (room, answer) is still answered and joined', async () => {
		const { socket } = await socketFor();
		const legacyJoin = (room: string) =>
			new Promise((ok) => (socket.emit as (event: string, ...args: unknown[]) => void)('room:join', room, ok));
		expect(await legacyJoin('feed')).toEqual({ ok: true });
		const key = provinceBoard('member');
		expect(await legacyJoin(`board:${key}`)).toMatchObject({ ok: true, catchUp: { kind: 'snapshot' } });
	});

	it('an anonymous socket may not join a person room', async () => {
		const { socket } = await socketFor();
		expect(await joinRoom(socket, `person:${work.accounts.doanvien}`)).toEqual({ ok: false, error: 'Bạn không được theo dõi kênh này.' });
	});
});

describe('an oversized message', () => {
	it('closes only the socket that sent it: a watcher on the same server still gets the next delta', async () => {
		const key = provinceBoard('district');
		const { socket: watcher } = await socketFor();
		const board = await BrowserBoard.open(server.url, watcher, key);
		const { socket: abuser } = await socketFor();
		const reason = await within(
			10_000,
			'the server closes the abusive socket',
			new Promise<string>((ok) => {
				abuser.once('disconnect', ok);
				// A 2 MB room name: far over the server's 16 KB message limit.
				(abuser.emit as (event: string, ...args: unknown[]) => void)('room:join', 'x'.repeat(2 * 1024 * 1024), null, () => {});
			})
		);
		expect(reason).toBe('transport close');
		expect(watcher.connected).toBe(true);

		const before = board.board.rows.find((r) => r.id === work.districtId)!.score;
		expect(await approveOverHttp(server.url, verifierCookie, spare.pop()!)).toMatchObject({ type: 'success' });
		await until(() => board.deltas.length > 0, 3000, 'a delta after the approval');
		expect(watcher.connected).toBe(true);
		expect(board.deltas[0]!.delta.rows.find(([id]) => id === work.districtId)![1]).toBeGreaterThan(before);
		await board.idle();
		expect(board.board.digest).toBe((await fetchSnapshot(server.url, key)).digest);
	});
});

describe('a delta reaches every transport', () => {
	it('a phone on long-polling (a network that blocks WebSocket) gets the same delta as one on WebSocket', async () => {
		const key = provinceBoard('member');
		const { socket: onWebSocket } = await socketFor();
		const { socket: onPolling } = await socketFor({ transports: ['polling'] });
		const boards = [await BrowserBoard.open(server.url, onWebSocket, key), await BrowserBoard.open(server.url, onPolling, key)];
		expect(await approveOverHttp(server.url, verifierCookie, spare.pop()!)).toMatchObject({ type: 'success' });
		await until(() => boards.every((b) => b.deltas.length > 0), 3000, 'a delta on both transports');
		expect(boards[1]!.deltas[0]!.delta).toEqual(boards[0]!.deltas[0]!.delta);
		for (const board of boards) await board.idle();
		expect(boards[1]!.board).toEqual(boards[0]!.board);
		expect(boards[0]!.board.digest).toBe((await fetchSnapshot(server.url, key)).digest);
	});
});

describe('a phone back from a drop', () => {
	// The province's board of branches: no other test watches it, so dropping these sockets empties its room.
	const key = () => provinceBoard('branch');

	it('catches up from its join’s answer: a delta from the board it holds, never a snapshot fetch, even after every watcher dropped', async () => {
		const { socket: stays } = await socketFor();
		const staying = await BrowserBoard.open(server.url, stays, key());
		const { socket: phone } = await socketFor();
		const board = await BrowserBoard.open(server.url, phone, key());
		const reconnect = async () => {
			phone.connect();
			await until(() => phone.connected, 5000, 'the phone reconnects');
			return board.join();
		};

		// A short drop while the board moves: the answer is the delta from the board the phone holds.
		phone.disconnect();
		const held = board.board;
		expect(await approveOverHttp(server.url, verifierCookie, spare.pop()!)).toMatchObject({ type: 'success' });
		await until(() => staying.board.version > held.version, 3000, 'the tab that stayed gets the delta');
		const catchUp = await reconnect();
		expect(catchUp).toMatchObject({ kind: 'delta', delta: { base: held.version, version: staying.board.version } });
		expect(board.board).toEqual(staying.board);

		// Every watcher gone at once (the room empties), the board moves, the first of them comes back.
		stays.disconnect();
		phone.disconnect();
		const before = board.board;
		expect(await approveOverHttp(server.url, verifierCookie, spare.pop()!)).toMatchObject({ type: 'success' });
		const now = await fetchSnapshot(server.url, key());
		expect(now.digest).not.toBe(before.digest);
		expect(await reconnect()).toMatchObject({ kind: 'delta', delta: { base: before.version } });
		expect({ rows: board.board.rows, digest: board.board.digest }).toEqual({ rows: now.rows, digest: now.digest });

		// Holding the board as it is: nothing to send.
		expect(await board.join()).toBeUndefined();
		// Every catch-up came with the join: no snapshot fetched after the page's own.
		expect(board.fetches).toBe(0);
		expect(board.resyncs).toBe(0);
	});

	it('a board the server never sent (or long gone) comes whole in the answer', async () => {
		const { socket } = await socketFor();
		const answer = await joinRoom(socket, `board:${key()}`, { version: 1, digest: 'zzz' });
		const now = await fetchSnapshot(server.url, key());
		expect(answer).toMatchObject({ ok: true, catchUp: { kind: 'snapshot', board: { key: key(), rows: now.rows, digest: now.digest } } });
	});
});

describe('a burst of approvals', () => {
	it(
		`${BURST} approvals in about a second reach watchers as at most ${1000 / TICK_MS} deltas a second per board, adding up to the server's boards`,
		{ timeout: 90_000 },
		async () => {
			const keys = [
				provinceBoard('member'),
				provinceBoard('district'),
				boardKey({ campaignId: work.campaignId, subjectType: 'branch', scopeUnitId: work.districtId, periodCode: PERIOD, area: null })
			];
			// Three tabs watching every board from the start...
			const boards: BrowserBoard[] = [];
			for (let i = 0; i < 3; i++) {
				const { socket } = await socketFor();
				for (const key of keys) boards.push(await BrowserBoard.open(server.url, socket, key));
			}
			// A tick still on its way from earlier work may have reached a tab that joined before it went out and not
			// the next ones: what each tab receives is compared from here on, once that tick has surely gone by.
			await delay(2 * TICK_MS);
			const before = new Map(boards.map((b) => [b, b.deltas.length]));
			const burstDeltas = (board: BrowserBoard) => board.deltas.slice(before.get(board) ?? 0);
			// The tab that will open in the middle of the burst has its socket already; its page loads mid-burst.
			const { socket: late } = await socketFor();
			const approvals = work.initiatives.slice(0, BURST);
			let halfSent: () => void = () => {};
			const half = new Promise<void>((ok) => (halfSent = ok));
			let lateOpened: () => void = () => {};
			const opened = new Promise<void>((ok) => (lateOpened = ok));
			const started = performance.now();
			// ...and the burst: approvals sent on a schedule spread over about a second — the load under test — each
			// at its moment whether or not the server has answered the earlier ones. The second half also waits
			// until the late tab has its boards (on a quiet machine it already has), so that tab surely has deltas
			// to follow, however late a loaded machine lets it open.
			const results = Promise.all(
				approvals.map(async (id, i) => {
					await delay(Math.floor((i * 1000) / BURST));
					if (i === BURST / 2) halfSent();
					if (i >= BURST / 2) await opened;
					return approveOverHttp(server.url, verifierCookie, id);
				})
			);
			// Once half of the burst is on its way, the late tab loads its boards while those approvals are being
			// committed and ticked: its snapshots fall between two ticks, so the first delta it gets may have been
			// computed from an older base than its board.
			await half;
			const lateBoards = await Promise.all(keys.map((key) => BrowserBoard.open(server.url, late, key)));
			lateOpened();
			boards.push(...lateBoards);
			const answers = await results;
			const answeredAt = performance.now();
			const burstMs = Math.round(answeredAt - started);
			expect(answers.filter((a) => a.type !== 'success')).toEqual([]);

			// The last tick goes out about TICK_MS after the last approval: wait until every tab shows what the server
			// now serves (bounded: a tab that never gets there fails here, saying so).
			await until(
				async () => {
					for (const board of boards) await board.idle();
					const digests = new Map(await Promise.all(keys.map(async (k) => [k, (await fetchSnapshot(server.url, k)).digest] as const)));
					return boards.every((b) => b.board.digest === digests.get(b.board.key));
				},
				10_000,
				'every tab shows the server’s boards',
				50
			);

			for (const key of keys) {
				const server_ = await fetchSnapshot(server.url, key);
				const watchers = boards.filter((b) => b.board.key === key);
				for (const watcher of watchers) {
					expect({ rows: watcher.board.rows, size: watcher.board.size, digest: watcher.board.digest }, key).toEqual({
						rows: server_.rows,
						size: server_.size,
						digest: server_.digest
					});
				}
				// What the first tabs received during the burst is what the server sent for this board (they were all there for all of it).
				const deltas: BoardDelta[] = burstDeltas(watchers[0]!).map((d) => d.delta);
				const sentAt = deltas.map((d) => d.sentAt);
				expect(deltas.length, key).toBeGreaterThanOrEqual(2);
				// One delta per board per tick, and a tick starts at least TICK_MS after the previous one started and
				// after it ended. sentAt is stamped once the tick has read the board, so it trails the tick's start by
				// that tick's own work: 5 deltas can never fall within 3 ticks (a hard bound, less a few ms of timer
				// rounding), and 5 within one second less the slack a slow tick may take would mean ticks ran faster
				// than TICK_MS. Without coalescing there would be one delta per approval: dozens a second.
				const spread = `${key}: sentAt ${sentAt.map((t) => t - sentAt[0]!).join(', ')} ms after the first delta`;
				expect(mostInWindow(sentAt, 3 * TICK_MS - 10), spread).toBeLessThanOrEqual(4);
				expect(mostInWindow(sentAt, 1000 - TICK_WORK_SLACK_MS), spread).toBeLessThanOrEqual(4);
				// At most one delta per tick over the whole burst.
				expect(deltas.length, key).toBeLessThanOrEqual(Math.ceil((burstMs + 4 * TICK_MS) / TICK_MS) + 1);
				// Every tab of the first three saw the same sequence of deltas.
				for (const other of watchers.slice(1, 3))
					expect(burstDeltas(other).map((d) => d.delta.version)).toEqual(deltas.map((d) => d.version));
			}
			// The tab opened mid-burst followed the deltas too instead of fetching the board again on every tick.
			const late_ = lateBoards;
			for (const board of late_) {
				expect(board.deltas.length, `${board.board.key}: deltas the late tab received`).toBeGreaterThan(0);
				expect(board.resyncs, `${board.board.key}: resyncs of the late tab`).toBeLessThanOrEqual(2);
			}
			console.info(
				`[live] ${BURST} approvals in ${burstMs} ms; deltas per board: ${keys.map((k) => `${k.split('|')[0]} ${boards.find((b) => b.board.key === k)!.deltas.length}`).join(', ')}; ` +
					`resyncs: first tabs ${boards
						.slice(0, 3 * keys.length)
						.map((b) => b.resyncs)
						.join(
							'/'
						)}, late tab ${late_.map((b) => b.resyncs).join('/')}; last delta received ${Math.round(Math.max(...boards.flatMap((b) => b.deltas.map((d) => d.receivedAt))) - answeredAt)} ms after the last approval was answered`
			);
		}
	);
});
