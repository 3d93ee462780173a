/**
 * Finding 8: two production processes over one SQLite file and one private Redis, approvals through both,
 * one killed with SIGKILL in the middle of the burst and never restarted. Rows it committed but had not yet
 * put on the shared boards must still reach them: the survivor sees the boards' ledger sequence lag the
 * database's and applies the missing rows, so `npm run ledger:verify` is clean within seconds.
 *
 * The window between a commit and its board update is short; to be sure the kill lands in it, Redis holds
 * writes for two seconds first (CLIENT PAUSE WRITE, as a busy or failing-over Redis would): A's approvals
 * commit and wait for Redis, then A dies, and Redis drops the scripts it was holding for A.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { openDatabase } from '../../src/lib/server/db/client';
import { RedisLeaderboardStore } from '../../src/lib/server/scoring/redis-store';
import { verifyBoards } from '../../src/lib/server/scoring/projection';
import { freePort, NODE_TSX, ROOT, startServer, tempDbPath, type RunningServer } from '../helpers/server';
import { haveRedisServer, PrivateRedis } from '../helpers/private-redis';
import { approveOverHttp, prepareSubmittedWork, signIn } from '../helpers/live';
import { until, pause } from '../helpers/wait';

const redisServerInstalled = haveRedisServer('the kill -9 board test');
const PREFIX = `tienphong-crash-${process.pid}-${crypto.randomUUID()}`;
const APPROVALS = 120;
/** B's share; A takes the rest. */
const THROUGH_B = 30;
const IN_FLIGHT_PER_PROCESS = 8;
/** A is killed once it has answered this many of its approvals, and B has answered all of its own. */
const KILL_AFTER = 20;
const REPAIR_WITHIN_MS = 10_000;
const PAUSE_MS = 2000;

/** Runs `task` over `items` with at most `width` at a time; stops taking new items once `stop()` says so. */
async function pool<T>(items: T[], width: number, task: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < items.length && !stop()) await task(items[next++]!);
	};
	await Promise.all(Array.from({ length: width }, worker));
}

describe.skipIf(!redisServerInstalled)('a process killed with SIGKILL mid-burst, not restarted', () => {
	const databasePath = tempDbPath();
	let redis: PrivateRedis | null = null;
	const servers: RunningServer[] = [];

	afterAll(async () => {
		await Promise.all(servers.map((s) => s.stop()));
		if (redis?.proc) {
			await redis.deleteKeys(PREFIX);
			await redis.kill();
		}
	}, 30_000);

	it('leaves the database exact and the shared boards repaired by the survivor within 10 s (ledger:verify clean)', async () => {
		redis = new PrivateRedis(await freePort());
		await redis.start();
		const env = { REDIS_URL: redis.url, REDIS_PREFIX: PREFIX, DATABASE_PATH: databasePath };
		const a = await startServer(env);
		servers.push(a);
		const work = await prepareSubmittedWork(databasePath, APPROVALS);
		const b = await startServer(env);
		servers.push(b);
		const [cookieA, cookieB] = [await signIn(a.url, 'tuangiao'), await signIn(b.url, 'tuangiao')];

		const acknowledged = new Set<number>();
		const answeredByA: number[] = [];
		let killedAt: number | null = null;
		let lostToKill = 0;
		const throughB = work.initiatives.filter((_, i) => i % 4 === 1).slice(0, THROUGH_B);
		const throughA = work.initiatives.filter((id) => !throughB.includes(id));
		const burstA = pool(
			throughA,
			IN_FLIGHT_PER_PROCESS,
			async (id) => {
				try {
					const answer = await approveOverHttp(a.url, cookieA, id);
					if (answer.type === 'success') {
						acknowledged.add(id);
						answeredByA.push(id);
					}
				} catch {
					// The connection died with the process: this approval may or may not have committed.
					lostToKill++;
				}
			},
			() => killedAt !== null
		);
		const burstB = pool(throughB, IN_FLIGHT_PER_PROCESS, async (id) => {
			const answer = await approveOverHttp(b.url, cookieB, id);
			expect(answer.type, `approval ${id} through B`).toBe('success');
			acknowledged.add(id);
		});
		// B's approvals end first: after the kill nobody approves anything, so only the survivor's periodic
		// check can repair the boards.
		await burstB;
		await until(() => answeredByA.length >= KILL_AFTER, 60_000, `A answered ${KILL_AFTER} approvals`);
		expect(answeredByA.length, 'A still has approvals to do when it is killed').toBeLessThan(throughA.length - IN_FLIGHT_PER_PROCESS);
		const admin = new Redis(redis.url);
		try {
			await admin.call('client', 'pause', String(PAUSE_MS), 'write');
		} finally {
			admin.disconnect();
		}
		// A's approvals in flight commit meanwhile, then wait for Redis.
		await pause(PAUSE_MS / 2);
		a.proc.kill('SIGKILL');
		killedAt = performance.now();
		await burstA;
		const burstEnded = performance.now();
		expect(a.proc.signalCode ?? (await new Promise((r) => a.proc.once('exit', (_code, signal) => r(signal))))).toBe('SIGKILL');

		// The database stayed exact: every acknowledged approval is approved and has its ledger rows.
		const sqlite = new Database(databasePath, { readonly: true });
		try {
			const approvedRows = sqlite
				.prepare(
					"select i.id, (select count(*) from point_entries p where p.initiative_id = i.id) as entries from initiatives i where i.status = 'approved'"
				)
				.all() as Array<{ id: number; entries: number }>;
			const approved = new Map(approvedRows.map((r) => [r.id, r.entries]));
			for (const id of acknowledged) expect(approved.get(id), `initiative ${id}`).toBeGreaterThan(0);
			for (const [id, entries] of approved) expect(entries, `initiative ${id} approved without ledger rows`).toBeGreaterThan(0);
		} finally {
			sqlite.close();
		}

		// The survivor repairs the shared boards: compare every board with the ledger until they agree.
		const db = openDatabase(databasePath);
		const client = new Redis(redis.url);
		const boards = new RedisLeaderboardStore(client, `${PREFIX}:boards`);
		let firstDifferences: number | null = null;
		let repairedAt: number | null = null;
		try {
			while (performance.now() - killedAt < REPAIR_WITHIN_MS + 5000) {
				const differences = await verifyBoards(db, boards);
				firstDifferences ??= differences.length;
				if (differences.length === 0) {
					repairedAt = performance.now();
					break;
				}
				await pause(250);
			}
		} finally {
			client.disconnect();
			db.$client.close();
		}
		const sinceKill = repairedAt === null ? null : Math.round(repairedAt - killedAt);
		const sinceBurst = repairedAt === null ? null : Math.round(repairedAt - burstEnded);
		console.info(
			`[kill -9 boards] ${acknowledged.size} approvals acknowledged (${answeredByA.length} through A before the kill, ${lostToKill} cut off by it); ` +
				`${firstDifferences} board rows wrong when the last requests to A had failed; clean ${sinceKill ?? 'never'} ms after the kill, ${sinceBurst ?? 'never'} ms after the last requests to A failed`
		);
		expect(repairedAt, 'the boards never matched the ledger').not.toBeNull();
		expect(sinceKill!).toBeLessThanOrEqual(REPAIR_WITHIN_MS);
		expect(b.proc.exitCode).toBeNull();

		// And the operator's own check agrees.
		const verify = spawnSync(NODE_TSX[0], [...NODE_TSX.slice(1), 'scripts/ledger-verify.ts'], {
			cwd: ROOT,
			env: { ...process.env, ...env },
			encoding: 'utf8'
		});
		expect(verify.status, verify.stdout + verify.stderr).toBe(0);
		expect(verify.stdout).toContain('khớp');
	}, 240_000);
});
