import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { campaignFixture, contextFor, insertPerson, orgFixture, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { approvedInitiative, provinceVerifier, vneidSession } from '../helpers/factories';
import type { ServiceContext } from '../../src/lib/server/context';
import { createInitiative, takeStep } from '../../src/lib/server/initiatives/service';
import { rebuildBoards, syncBoards, verifyBoards } from '../../src/lib/server/scoring/projection';
import { ledgerSequence } from '../../src/lib/server/scoring/ledger';
import { MemoryLeaderboardStore } from '../../src/lib/server/scoring/memory-store';
import { RedisLeaderboardStore } from '../../src/lib/server/scoring/redis-store';
import { boardsFromLedger } from '../../src/lib/server/scoring/projection';
import { deletePrefix, REDIS_URL, requireRedisUnlessLocal } from '../helpers/redis';
import { NODE_TSX, ROOT } from '../helpers/server';

const redisUp = await requireRedisUnlessLocal();
const PREFIX = `tienphong-boards-test-${process.pid}-${crypto.randomUUID()}`;

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
let verifier: ServiceContext | null;
beforeEach(() => {
	verifier = null;
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	scoringFixture(t.db, c);
});
afterEach(() => t.close());

/** Approves an initiative of `people` helped at `unitId`, crediting `participants`; returns its ledger rows. */
function approve(unitId: number, people: string, participants: number[], day = '2026-04-01') {
	// The province admin logs it, so another verifier at the province approves.
	verifier ??= provinceVerifier(t.db, f.units.P.id);
	const { id, result } = approvedInitiative(
		contextFor(t.db, f.people.provinceAdmin.id),
		verifier,
		vneidSession(c, unitId, { day, people, participantIds: participants })
	);
	return { id, ledger: result.ledger };
}

function someLedger() {
	const a = insertPerson(t.db, 'Đoàn viên B1a2', { unitId: f.units.B1a2.id }).id;
	const b = insertPerson(t.db, 'Đoàn viên B1b1', { unitId: f.units.B1b1.id }).id;
	const d = insertPerson(t.db, 'Đoàn viên B2a1', { unitId: f.units.B2a1.id }).id;
	approve(f.units.B1a1.id, '125', [f.people.member.id, a]);
	approve(f.units.B1a2.id, '125', [a]);
	approve(f.units.B1b1.id, '300', [b]);
	approve(f.units.B2a1.id, '95', [d]);
	approve(f.units.B1b1.id, '40', [b], '2025-11-20');
}

describe('boards follow the ledger', () => {
	it('incremental updates after each commit equal a rebuild; a tampered board is caught and fixed', async () => {
		const store = new MemoryLeaderboardStore();
		await rebuildBoards(t.db, store);
		const extra = insertPerson(t.db, 'Đoàn viên thêm', { unitId: f.units.B1a2.id });
		for (const [unit, people] of [
			[f.units.B1a1.id, '125'],
			[f.units.B1a2.id, '60'],
			[f.units.B1b1.id, '125']
		] as const) {
			approve(unit, people, [extra.id]);
			await syncBoards(t.db, store);
		}
		expect(await verifyBoards(t.db, store)).toEqual([]);
		await store.apply([{ key: `${c.campaign.id}|branch|${f.units.P.id}|Y2026`, subjectId: String(f.units.B1a1.id), delta: 500, seq: 0 }]);
		expect(await verifyBoards(t.db, store)).toEqual([
			{ key: `${c.campaign.id}|branch|${f.units.P.id}|Y2026`, subjectId: String(f.units.B1a1.id), ledger: 22, store: 522 }
		]);
		await rebuildBoards(t.db, store);
		expect(await verifyBoards(t.db, store)).toEqual([]);
	});

	it('rows committed by a process that died before its board update are applied by the next sync, once', async () => {
		const store = new MemoryLeaderboardStore();
		await rebuildBoards(t.db, store);
		const extra = insertPerson(t.db, 'Đoàn viên thêm', { unitId: f.units.B1a2.id });
		// Committed, never applied: the process that approved these went away.
		approve(f.units.B1a1.id, '125', [extra.id]);
		approve(f.units.B1b1.id, '300', [extra.id]);
		expect((await verifyBoards(t.db, store)).length).toBeGreaterThan(0);
		approve(f.units.B1a2.id, '60', [extra.id]);
		const synced = await syncBoards(t.db, store);
		expect(synced.rebuilt).toBe(false);
		expect(synced.keys).toContain(`${c.campaign.id}|member|${f.units.P.id}|Y2026`);
		expect(await store.sequence()).toBe(ledgerSequence(t.db));
		expect(await verifyBoards(t.db, store)).toEqual([]);
		// Syncing again, or concurrently, changes nothing.
		const again = await Promise.all([syncBoards(t.db, store), syncBoards(t.db, store, { ask: true })]);
		expect(again.map((s) => s.keys)).toEqual([[], []]);
		expect(await verifyBoards(t.db, store)).toEqual([]);
	});

	it('a store that holds no sequence (never built, or a Redis restarted empty) is rebuilt by the sync', async () => {
		someLedger();
		const store = new MemoryLeaderboardStore();
		expect(await syncBoards(t.db, store)).toEqual({ keys: [], rebuilt: true });
		expect(await store.sequence()).toBe(ledgerSequence(t.db));
		expect(await verifyBoards(t.db, store)).toEqual([]);
	});

	it('ties share a rank and are listed in registration order (the published tie order)', async () => {
		someLedger();
		const store = new MemoryLeaderboardStore();
		await rebuildBoards(t.db, store);
		const rows = await store.top(`${c.campaign.id}|branch|${f.units.P.id}|Y2026`, 10);
		expect(rows.map((r) => [r.subjectId, r.score, r.rank])).toEqual([
			[String(f.units.B1b1.id), 40, 1],
			[String(f.units.B1a1.id), 22, 2],
			[String(f.units.B1a2.id), 22, 2],
			[String(f.units.B2a1.id), 19, 4]
		]);
	});
});

describe.runIf(redisUp)('the Redis store on the same ledger', () => {
	let redis: Redis;
	beforeAll(() => {
		redis = new Redis(REDIS_URL);
	});
	afterAll(async () => {
		await deletePrefix(PREFIX);
		await redis?.quit();
	});

	it('gives the same ranks as the memory store on every board', async () => {
		someLedger();
		const memory = new MemoryLeaderboardStore();
		const shared = new RedisLeaderboardStore(redis, `${PREFIX}:same`);
		await rebuildBoards(t.db, memory);
		await rebuildBoards(t.db, shared);
		const keys = [...boardsFromLedger(t.db).keys()].sort();
		expect((await shared.keys()).sort()).toEqual(keys);
		for (const key of keys) expect(await shared.top(key, 100), key).toEqual(await memory.top(key, 100));
	});

	it('two processes syncing one set of Redis boards at once, after every approval, apply each ledger row once', async () => {
		const second = new Redis(REDIS_URL);
		try {
			// Two connections, as two processes have; the same boards.
			const one = new RedisLeaderboardStore(redis, `${PREFIX}:two`);
			const two = new RedisLeaderboardStore(second, `${PREFIX}:two`);
			await rebuildBoards(t.db, one);
			const people = [0, 1, 2].map((i) => insertPerson(t.db, `Đoàn viên ${i}`, { unitId: f.units.B1a2.id }).id);
			for (let i = 0; i < 12; i++) {
				approve([f.units.B1a1.id, f.units.B1b1.id, f.units.B1a2.id][i % 3]!, String(40 + i * 10), [people[i % 3]!]);
				if (i % 4 === 3) continue; // now and then neither syncs: the next round must bring those rows too
				await Promise.all([syncBoards(t.db, one), syncBoards(t.db, two), syncBoards(t.db, two, { ask: true })]);
			}
			await Promise.all([syncBoards(t.db, one), syncBoards(t.db, two)]);
			expect(await one.sequence()).toBe(ledgerSequence(t.db));
			expect(await verifyBoards(t.db, one)).toEqual([]);
		} finally {
			second.disconnect();
		}
	});

	it('npm run ledger:verify catches a board edited behind the app’s back and ledger:rebuild fixes it', async () => {
		someLedger();
		t.db.$client.pragma('wal_checkpoint(TRUNCATE)');
		const env = { ...process.env, DATABASE_PATH: t.path, REDIS_URL, REDIS_PREFIX: `${PREFIX}:cli` };
		const run = (script: string, ...args: string[]) =>
			spawnSync(NODE_TSX[0], [...NODE_TSX.slice(1), script, ...args], { cwd: ROOT, env, encoding: 'utf8' });
		expect(run('scripts/ledger-rebuild.ts').status).toBe(0);
		expect(run('scripts/ledger-verify.ts')).toMatchObject({ status: 0, stdout: expect.stringContaining('khớp') });
		const key = `${PREFIX}:cli:boards:lb:${c.campaign.id}|member|${f.units.P.id}|Y2026`;
		await redis.zincrby(key, 1000, String(f.people.member.id));
		const caught = run('scripts/ledger-verify.ts');
		expect(caught.status).toBe(1);
		expect(caught.stdout).toContain(`đối tượng ${f.people.member.id}: sổ điểm 22, bảng 1022`);
		expect(caught.stdout).toContain(`${c.campaign.slug} (${c.campaign.name}): 1 dòng sai lệch`);
		expect(run('scripts/ledger-verify.ts', '--campaign', 'khong-co').status).toBe(2);
		expect(run('scripts/ledger-rebuild.ts').status).toBe(0);
		expect(run('scripts/ledger-verify.ts').status).toBe(0);
	});
});
