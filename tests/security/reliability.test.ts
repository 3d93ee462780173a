/**
 * Reliability under a crash: approvals keep arriving concurrently while the server is killed with -9. Every
 * approval the verifier saw acknowledged is in the database after the restart, nothing is half-applied (an
 * approved initiative has its event and its points; anything else has neither), and the boards the
 * restarted server shows are the ledger's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { openDatabase } from '../../src/lib/server/db/client';
import { activityEvents, initiatives, pointEntries } from '../../src/lib/server/db/schema';
import { boardsFromLedger } from '../../src/lib/server/scoring/projection';
import { boardKey } from '../../src/lib/domain/scoring/boards';
import { startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { approveOverHttp, fetchSnapshot, PERIOD, prepareSubmittedWork, signIn, type PreparedWork } from '../helpers/live';

const WORK = 120;
const IN_FLIGHT = 8;
/** Kill once this many approvals were acknowledged, with more on the wire. */
const KILL_AFTER = 40;

let databasePath: string;
let work: PreparedWork;
let server: RunningServer | null = null;
const acknowledged = new Set<number>();
const sent = new Set<number>();

beforeAll(async () => {
	databasePath = tempDbPath();
	work = await prepareSubmittedWork(databasePath, WORK);
	server = await startServer({ DATABASE_PATH: databasePath });
	const cookie = await signIn(server.url, 'tuangiao');
	const running = server;
	const queue = [...work.initiatives];
	let killed = false;
	const worker = async () => {
		while (!killed && queue.length > 0) {
			const id = queue.shift()!;
			sent.add(id);
			try {
				const answer = await approveOverHttp(running.url, cookie, id);
				if (answer.type === 'success' || answer.type === 'redirect') acknowledged.add(id);
			} catch {
				// The connection died with the server: not acknowledged.
			}
			if (!killed && acknowledged.size >= KILL_AFTER) {
				killed = true;
				await running.stop('SIGKILL');
			}
		}
	};
	await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
	server = await startServer({ DATABASE_PATH: databasePath });
}, 180_000);
afterAll(async () => {
	await server?.stop();
});

describe('kill -9 during concurrent approvals', () => {
	it('was a real crash: approvals acknowledged before it, others sent but never answered', () => {
		expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
		expect(sent.size).toBeGreaterThan(acknowledged.size);
		console.info(`[kill -9] ${sent.size} approvals sent, ${acknowledged.size} acknowledged before the kill`);
	});

	it('every acknowledged approval survived; nothing is half-applied', () => {
		const db = openDatabase(databasePath);
		try {
			const rows = db
				.select({ id: initiatives.id, status: initiatives.status })
				.from(initiatives)
				.where(inArray(initiatives.id, work.initiatives))
				.all();
			const approved = new Set(rows.filter((r) => r.status === 'approved').map((r) => r.id));
			for (const id of acknowledged) expect(approved.has(id), `acknowledged approval of ${id}`).toBe(true);
			const approvals = db
				.select({ id: activityEvents.initiativeId })
				.from(activityEvents)
				.where(eq(activityEvents.type, 'approved'))
				.all();
			const pointsFor = new Set(
				db
					.select({ id: pointEntries.initiativeId })
					.from(pointEntries)
					.where(inArray(pointEntries.initiativeId, work.initiatives))
					.all()
					.map((r) => r.id)
			);
			for (const r of rows) {
				const events = approvals.filter((e) => e.id === r.id).length;
				expect({ id: r.id, events, points: pointsFor.has(r.id) }).toEqual({
					id: r.id,
					events: approved.has(r.id) ? 1 : 0,
					points: approved.has(r.id)
				});
			}
		} finally {
			db.$client.close();
		}
	});

	it('after the restart the boards are the ledger’s', async () => {
		const db = openDatabase(databasePath);
		let expected: Map<string, Map<string, { score: number }>>;
		try {
			expected = boardsFromLedger(db);
		} finally {
			db.$client.close();
		}
		for (const subjectType of ['district', 'grassroots', 'branch', 'member']) {
			const key = boardKey({ campaignId: work.campaignId, subjectType, scopeUnitId: work.provinceId, periodCode: PERIOD, area: null });
			const snapshot = await fetchSnapshot(server!.url, key);
			const want = [...(expected.get(key) ?? new Map())].map(([id, v]) => ({ id: Number(id), score: v.score }));
			expect(snapshot.size).toBe(want.length);
			for (const row of snapshot.rows) expect(want).toContainEqual({ id: row.id, score: row.score });
		}
	});
});
