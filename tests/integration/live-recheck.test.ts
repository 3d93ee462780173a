/**
 * With shared boards, each process tells the others which boards it moved, at most once (Redis pub/sub): a message
 * lost in a Redis blip must not leave a big screen on another process showing the old board until that board happens
 * to move again. The periodic look at the ledger catches it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { loadConfig } from '../../src/lib/server/config';
import { createRuntime } from '../../src/lib/server/runtime';
import type { Runtime } from '../../src/lib/server/realtime/types';
import { attachRealtime } from '../../src/lib/server/realtime/server';
import { syncBoards } from '../../src/lib/server/scoring/projection';
import { ledgerSequence } from '../../src/lib/server/scoring/ledger';
import { decodeDelta } from '../../src/lib/realtime/board-sync';
import type { BoardDelta } from '../../src/lib/realtime/contract';
import { campaignFixture, contextFor, orgFixture, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { approvedInitiative, provinceVerifier, vneidSession } from '../helpers/factories';
import { deletePrefix, REDIS_URL, requireRedisUnlessLocal } from '../helpers/redis';
import { joinRoom, openSocket, type LiveSocket } from '../helpers/live';
import { until } from '../helpers/wait';

const redisUp = await requireRedisUnlessLocal();
const PREFIX = `tienphong-recheck-${process.pid}-${crypto.randomUUID()}`;

describe.runIf(redisUp)('a board change whose announcement never arrived', () => {
	let t: TempDb;
	let f: ReturnType<typeof orgFixture>;
	let c: ReturnType<typeof campaignFixture>;
	let runtime: Runtime;
	let http: Server;
	let socket: LiveSocket;

	const approve = (unitId: number, people: string, day: string) =>
		approvedInitiative(
			contextFor(t.db, f.people.provinceAdmin.id),
			provinceVerifier(t.db, f.units.P.id),
			vneidSession(c, unitId, { day, people, title: `x${people}` })
		);

	beforeAll(async () => {
		t = tempDatabase();
		f = orgFixture(t.db);
		c = campaignFixture(t.db, f.units.P.id);
		scoringFixture(t.db, c);
		approve(f.units.B1a1.id, '120', '2026-03-01');
		runtime = createRuntime({ ...loadConfig({}), databasePath: t.path, redisUrl: REDIS_URL, redisPrefix: PREFIX });
		http = createServer();
		attachRealtime(http, runtime);
		await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
		await until(() => runtime.realtime!.redisState() === 'ok', 5000, 'on Redis');
		await syncBoards(runtime.db, runtime.boards, { rebuild: true });
		const { port } = http.address() as { port: number };
		socket = (await openSocket(`http://127.0.0.1:${port}`)).socket;
	});

	afterAll(async () => {
		socket?.close();
		await runtime?.realtime?.close();
		await runtime?.closeBoards();
		runtime?.db.$client.close();
		await new Promise((ok) => http?.close(ok));
		t?.close();
		await deletePrefix(PREFIX);
	});

	it('reaches the watchers here once the ledger has stood still for a look', async () => {
		const key = `${c.campaign.id}|branch|${f.units.P.id}|Y2026`;
		const joined = await joinRoom(socket, `board:${key}`, null);
		expect(joined).toMatchObject({ ok: true, catchUp: { kind: 'snapshot' } });
		const deltas: BoardDelta[] = [];
		socket.on('board:delta', (wire) => deltas.push(decodeDelta(wire)));
		runtime.live!.ledgerAt(ledgerSequence(runtime.db));

		// Another process approves a work: its rows reach the shared boards, and its announcement is lost.
		approve(f.units.B1b1.id, '150', '2026-03-02');
		await syncBoards(runtime.db, runtime.boards);
		const sequence = ledgerSequence(runtime.db);
		runtime.live!.ledgerAt(sequence);
		await new Promise((r) => setTimeout(r, 600));
		expect(deltas).toEqual([]);

		// The next look finds the ledger where it was: the boards its new rows moved are checked again and sent.
		runtime.live!.ledgerAt(sequence);
		await until(() => deltas.length > 0, 5000, 'the lost change on the watcher’s board');
		expect(deltas[0]!.key).toBe(key);
		// The branch enters the board with its points and its name.
		expect(deltas[0]!.rows.find(([id]) => id === f.units.B1b1.id)).toEqual([f.units.B1b1.id, 25, 'Chi đoàn B1b1', null]);
	});
});
