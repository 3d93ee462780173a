/**
 * Cost of applying one approval — the status change, ledger rows, badge check (one synchronous transaction)
 * and every affected board — with the province's real size loaded, for the memory and the Redis store.
 *
 *   node --import tsx bench/approval.ts            (memory and, if Redis answers, Redis)
 *   APPROVALS=2000 REDIS_URL=redis://127.0.0.1:6379 node --import tsx bench/approval.ts
 *   HISTORY=years STORES=memory node --import tsx bench/approval.ts
 *
 * HISTORY=years first writes four years of the province's approvals (writeApprovalLedger: 1,000,000 ledger rows) and
 * closes the past periods, as in December 2026: the units and members approved then have histories. STORES=memory
 * runs the memory store only (not synchronous=NORMAL, not Redis).
 */
import { Redis } from 'ioredis';
import { createInitiative, takeStep } from '../src/lib/server/initiatives/service';
import { rebuildBoards, syncBoards } from '../src/lib/server/scoring/projection';
import { MemoryLeaderboardStore } from '../src/lib/server/scoring/memory-store';
import { RedisLeaderboardStore } from '../src/lib/server/scoring/redis-store';
import type { LeaderboardStore } from '../src/lib/server/scoring/store';
import { loadActor } from '../src/lib/server/auth/actor';
import { badgeDefinitions } from '../src/lib/server/db/schema';
import { evaluateBadges } from '../src/lib/server/scoring/badges';
import { DEMO_BADGES } from '../src/lib/server/seed/demo-badges';
import { buildOrg, closePastPeriods, percentile, writeApprovalLedger } from './scoring-setup';

const APPROVALS = Number(process.env.APPROVALS ?? 1000);
const HISTORY = process.env.HISTORY === 'years';
const MEMORY_ONLY = process.env.STORES === 'memory';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function run(name: string, store: LeaderboardStore, goal: number, synchronous: 'FULL' | 'NORMAL' = 'FULL') {
	const started = performance.now();
	const org = buildOrg();
	// NORMAL is never used by the app (see db/client.ts); the bench runs it once to separate our work from the disk.
	org.db.$client.pragma(`synchronous = ${synchronous}`);
	org.db.transaction(() =>
		DEMO_BADGES.forEach((b, position) =>
			org.db
				.insert(badgeDefinitions)
				.values({ ...b, position })
				.run()
		)
	);
	if (HISTORY) {
		writeApprovalLedger(org, 1_000_000);
		closePastPeriods(org, '2026-11-30');
	}
	console.log(
		`[${name}] loaded ${org.membersByBranch.size} branches, 34.077 members${HISTORY ? ', 1,000,000 ledger rows over four years' : ''} in ${Math.round(performance.now() - started)} ms`
	);
	const ctxFor = (personId: number) => ({
		db: org.db,
		actor: loadActor(org.db, personId)!.actor,
		now: Date.now(),
		ipHash: null,
		requestId: null
	});
	// A province admin logs and submits; each district's admin approves.
	const admin = org.db.$client.prepare("insert into people (full_name, display_name, created_at) values ('Tỉnh', 'T', 0)").run()
		.lastInsertRowid as number;
	org.db.$client
		.prepare("insert into role_assignments (person_id, role, unit_id, granted_at) values (?, 'province_admin', 1, 0)")
		.run(admin);
	const ids: Array<{ id: number; verifier: number }> = [];
	for (let i = 0; i < APPROVALS; i++) {
		const branch = org.branches[(i * 7) % org.branches.length]!;
		const members = org.membersByBranch.get(branch.id)!;
		const created = createInitiative(ctxFor(admin), {
			unitId: branch.id,
			teamId: null,
			activityTypeId: org.activityTypeId,
			title: `B${i}`,
			story: 'x',
			startedOn: '2026-03-01',
			endedOn: '2026-03-01',
			place: 'x',
			photosShowChildren: false,
			measures: { [org.measureId]: String(20 + (i % 300)) },
			participantIds: members.slice(0, 5)
		});
		if (!created.ok) throw new Error(JSON.stringify(created.errors));
		takeStep(ctxFor(admin), created.id, 'submit', { reason: null, seenRevision: 0 });
		ids.push({ id: created.id, verifier: org.verifierByDistrict.get(Number(branch.path.split('/')[2]))! });
	}
	if (HISTORY) {
		// The badges the history earned, as the approvals that wrote it would have awarded them.
		const credited = ids.flatMap(({ id }) => {
			const unit = org.db.$client.prepare('select unit_id from initiatives where id = ?').pluck().get(id) as number;
			const path = org.branches
				.find((b) => b.id === unit)!
				.path.split('/')
				.filter(Boolean)
				.map(Number);
			const members = org.membersByBranch.get(unit)!.slice(0, 5);
			return [
				{ type: 'branch', id: path[3]! },
				{ type: 'grassroots', id: path[2]! },
				{ type: 'district', id: path[1]! },
				...members.map((m) => ({ type: 'member', id: m }))
			];
		});
		org.db.transaction(() => evaluateBadges(org.db, credited, Date.now()));
	}
	await rebuildBoards(org.db, store);
	const ledgerMs: number[] = [];
	const totalMs: number[] = [];
	for (const { id, verifier } of ids) {
		const ctx = ctxFor(verifier);
		const t0 = performance.now();
		const result = takeStep(ctx, id, 'approve', { reason: null, seenRevision: 1 });
		const t1 = performance.now();
		if (!result.ok) throw new Error(result.error);
		// As after every approval: the boards catch up with the ledger by its sequence.
		await syncBoards(org.db, store);
		const t2 = performance.now();
		ledgerMs.push(t1 - t0);
		totalMs.push(t2 - t0);
	}
	ledgerMs.sort((a, b) => a - b);
	totalMs.sort((a, b) => a - b);
	const f = (v: number) => v.toFixed(2);
	console.log(
		`[${name}] ${APPROVALS} approvals: transaction (status + ledger + badges) p50 ${f(percentile(ledgerMs, 50))} ms p99 ${f(percentile(ledgerMs, 99))} ms; ` +
			`with every board updated p50 ${f(percentile(totalMs, 50))} ms p99 ${f(percentile(totalMs, 99))} ms (goal p99 ≤ ${goal} ms)`
	);
	org.db.$client.close();
}

/** What the disk alone costs: a one-row transaction committed with fsync (synchronous=FULL), as every approval is. */
function diskFloor() {
	const org = buildOrg(10, 1);
	const insert = org.db.$client.prepare("insert into people (full_name, display_name, created_at) values ('x', 'x', 0)");
	const commit = org.db.$client.transaction(() => insert.run());
	const ms: number[] = [];
	for (let i = 0; i < APPROVALS; i++) {
		const t0 = performance.now();
		commit();
		ms.push(performance.now() - t0);
	}
	ms.sort((a, b) => a - b);
	console.log(
		`[disk] one-row commit with fsync: p50 ${percentile(ms, 50).toFixed(2)} ms p99 ${percentile(ms, 99).toFixed(2)} ms (the floor under every approval)`
	);
	org.db.$client.close();
}

diskFloor();
await run('memory', new MemoryLeaderboardStore(), 2);
if (!MEMORY_ONLY) await run('memory, synchronous=NORMAL (reference only)', new MemoryLeaderboardStore(), 2, 'NORMAL');
const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
try {
	if (MEMORY_ONLY) throw new Error('STORES=memory');
	await redis.connect();
	const prefix = `bench-${process.pid}`;
	await run('redis', new RedisLeaderboardStore(redis, prefix), 5);
	const keys = await redis.keys(`${prefix}:*`);
	for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
} catch (err) {
	console.log(`[redis] skipped: ${(err as Error).message}`);
} finally {
	redis.disconnect();
}
