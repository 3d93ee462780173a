/**
 * WORKERS=2: the production entry as a cluster (two workers sharing the port and the SQLite file, no Redis). An
 * approval committed by whichever worker answers it reaches sockets held by both, every worker serves the board the
 * ledger says, pages tell their socket to speak WebSocket only, and a stop ends them all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { get } from 'node:http';
import type { BoardSnapshot } from '../../src/lib/realtime/contract';
import { boardKey } from '../../src/lib/domain/scoring/boards';
import { startServer, tempDbPath, type RunningServer } from '../helpers/server';
import {
	approveOverHttp,
	BrowserBoard,
	collectFeed,
	joinRoom,
	openSocket,
	PERIOD,
	prepareSubmittedWork,
	signIn,
	type LiveSocket,
	type PreparedWork
} from '../helpers/live';
import { until } from '../helpers/wait';

let server: RunningServer;

/** A snapshot over a connection of its own (fetch would reuse one, always to the same worker). */
function snapshotOnNewConnection(key: string): Promise<BoardSnapshot> {
	return new Promise((ok, fail) => {
		get(`${server.url}/api/bang-xep-hang?bang=${encodeURIComponent(key)}`, { agent: false }, (res) => {
			let body = '';
			res.on('data', (chunk) => (body += chunk));
			res.on('end', () => (res.statusCode === 200 ? ok(JSON.parse(body) as BoardSnapshot) : fail(new Error(`${res.statusCode}`))));
		}).on('error', fail);
	});
}
let work: PreparedWork;
const sockets: LiveSocket[] = [];

beforeAll(async () => {
	const databasePath = tempDbPath();
	work = await prepareSubmittedWork(databasePath, 2);
	server = await startServer({ DATABASE_PATH: databasePath, WORKERS: '2' });
}, 120_000);

afterAll(async () => {
	for (const socket of sockets) socket.close();
	if (server?.proc.exitCode === null) await server.stop('SIGKILL');
});

describe('WORKERS=2', () => {
	it('says so once when it starts; its pages have their sockets speak WebSocket only, which is all it accepts', async () => {
		expect(server.output().match(/đang chạy tại/g)).toHaveLength(1);
		expect(server.output()).toContain('Tiến trình phục vụ: 2 (WORKERS)');
		const page = await (await fetch(`${server.url}/bang-xep-hang`)).text();
		expect(page).toContain('<html lang="vi" data-live-transport="websocket">');
		// Long-polling would need each request of a session on the worker that holds it.
		await expect(openSocket(server.url, { transports: ['polling'], timeoutMs: 3000 })).rejects.toThrow();
	});

	it('an approval answered by one worker reaches watchers on both, and both serve the new board', async () => {
		const key = boardKey({
			campaignId: work.campaignId,
			subjectType: 'district',
			scopeUnitId: work.provinceId,
			periodCode: PERIOD,
			area: null
		});
		// The primary hands each new connection to the next worker: four sockets in turn are two on each.
		const boards: BrowserBoard[] = [];
		const feeds: Array<ReturnType<typeof collectFeed>> = [];
		for (let i = 0; i < 4; i++) {
			const { socket } = await openSocket(server.url);
			sockets.push(socket);
			feeds.push(collectFeed(socket));
			expect(await joinRoom(socket, 'feed')).toEqual({ ok: true });
			boards.push(await BrowserBoard.open(server.url, socket, key));
		}
		const before = boards[0]!.board;

		const cookie = await signIn(server.url, 'tuangiao');
		expect(await approveOverHttp(server.url, cookie, work.initiatives[0]!)).toMatchObject({ type: 'success' });
		await until(() => boards.every((b) => b.board.version > before.version && b.deltas.length > 0), 5000, 'every watcher gets the delta');
		await until(() => feeds.every((items) => items.length > 0), 5000, 'every watcher gets the ticker item');
		expect(new Set(boards.map((b) => b.board.digest)).size).toBe(1);
		expect(boards.map((b) => b.resyncs)).toEqual([0, 0, 0, 0]);

		// Each on a connection of its own, so they reach both workers: every answer is the board the watchers hold.
		const served = await Promise.all(Array.from({ length: 6 }, () => snapshotOnNewConnection(key)));
		expect(new Set(served.map((s) => s.digest))).toEqual(new Set([boards[0]!.board.digest]));
	});

	it('stops every process on SIGTERM, with success', async () => {
		const workers = execFileSync('ps', ['--ppid', String(server.proc.pid), '-o', 'pid=', '-o', 'args='])
			.toString()
			.split('\n')
			.filter((line) => line.includes('build/server.js'))
			.map((line) => Number(line.trim().split(' ')[0]));
		expect(workers).toHaveLength(2);
		expect(await server.stop('SIGTERM')).toBe(0);
		expect(server.output()).toContain('Đã dừng.');
		for (const pid of workers) expect(() => process.kill(pid, 0), `worker ${pid} is gone`).toThrow();
	});
});
