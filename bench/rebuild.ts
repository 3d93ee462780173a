/**
 * Rebuilding the boards from a ledger of ENTRIES rows (default 1,000,000) written as the province's approvals
 * would write them (writeApprovalLedger: March 2023 to November 2026): seconds and peak memory, memory and Redis
 * stores. As in December 2026 the periods that ended before then are closed (CLOSE_PAST=0 keeps them all open, as
 * before issue 14): the stores hold the open periods' boards, and a closed period's board is read from the ledger
 * when asked — timed here, first read and read again.
 *
 *   node --import tsx bench/rebuild.ts
 *   ENTRIES=200000 REDIS_URL=redis://127.0.0.1:6379 node --import tsx bench/rebuild.ts
 */
import { Redis } from 'ioredis';
import { buildOrg, closePastPeriods, writeApprovalLedger } from './scoring-setup';
import { boardsFromLedger } from '../src/lib/server/scoring/projection';
import { ledgerSequence } from '../src/lib/server/scoring/ledger';
import { MemoryLeaderboardStore } from '../src/lib/server/scoring/memory-store';
import { RedisLeaderboardStore } from '../src/lib/server/scoring/redis-store';
import { withClosedPeriods } from '../src/lib/server/scoring/closed-boards';

const ENTRIES = Number(process.env.ENTRIES ?? 1_000_000);
const CLOSE_PAST = process.env.CLOSE_PAST !== '0';
const org = buildOrg();
const db = org.db;
/** The process's peak RSS so far, from the kernel (the rebuild is synchronous: a timer sampling RSS would never run during it). */
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

const t0 = performance.now();
writeApprovalLedger(org, ENTRIES);
const closed = CLOSE_PAST ? closePastPeriods(org, '2026-11-30') : [];
console.log(
	`ledger: ${ENTRIES.toLocaleString('vi-VN')} rows written in ${((performance.now() - t0) / 1000).toFixed(1)} s; periods closed: ${closed.join(', ') || 'none'}`
);

const rssBefore = Math.round(process.memoryUsage().rss / 1048576);
const t1 = performance.now();
const boards = boardsFromLedger(db);
const t2 = performance.now();
const memory = new MemoryLeaderboardStore();
await memory.replaceAll(boards, ledgerSequence(db));
const t3 = performance.now();
let rows = 0;
for (const b of boards.values()) rows += b.size;
console.log(
	`memory rebuild: ${boards.size.toLocaleString('vi-VN')} boards, ${rows.toLocaleString('vi-VN')} rows; ledger scan ${((t2 - t1) / 1000).toFixed(2)} s + store ${((t3 - t2) / 1000).toFixed(2)} s = ${((t3 - t1) / 1000).toFixed(2)} s (goal ≤ 10 s: ${t3 - t1 <= 10_000 ? 'met' : 'MISSED'}); RSS ${rssBefore} MB before, ${Math.round(process.memoryUsage().rss / 1048576)} MB holding the boards, peak ${peakMb()} MB`
);

if (closed.length > 0) {
	// What a member's own page asks for each closed period: the province's member board, their row (read from the ledger, then kept).
	const boardsRead = withClosedPeriods(db, memory);
	const province = (db.$client.prepare('select id from units where parent_id is null').get() as { id: number }).id;
	const member = String(org.membersByBranch.get(org.branches[0]!.id)![0]);
	for (const round of ['first read', 'read again']) {
		const t = performance.now();
		for (const code of closed) await boardsRead.row(`${org.campaignId}|member|${province}|${code}`, member);
		const ms = (performance.now() - t) / closed.length;
		console.log(`closed period's province member board, ${round}: ${ms.toFixed(1)} ms per board (${closed.length} boards)`);
	}
}

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
try {
	await redis.connect();
	const prefix = `bench-rebuild-${process.pid}`;
	const store = new RedisLeaderboardStore(redis, prefix);
	const t4 = performance.now();
	await store.replaceAll(boardsFromLedger(db), ledgerSequence(db));
	const t5 = performance.now();
	console.log(
		`redis rebuild (ledger scan + store): ${((t5 - t4) / 1000).toFixed(2)} s (goal ≤ 10 s: ${t5 - t4 <= 10_000 ? 'met' : 'MISSED'}); peak RSS ${peakMb()} MB`
	);
	await store.replaceAll(new Map(), 0);
	await redis.del(`${prefix}:keys`, `${prefix}:sequence`);
} catch (err) {
	console.log(`redis: skipped (${(err as Error).message})`);
} finally {
	redis.disconnect();
	db.$client.close();
}
