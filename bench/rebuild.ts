/**
 * Rebuilding every board from a ledger of ENTRIES rows (default 1,000,000) written as the province's approvals
 * would write them (see the generator below): seconds and peak memory, memory and Redis stores.
 *
 *   node --import tsx bench/rebuild.ts
 *   ENTRIES=200000 REDIS_URL=redis://127.0.0.1:6379 node --import tsx bench/rebuild.ts
 */
import { Redis } from 'ioredis';
import { buildOrg } from './scoring-setup';
import { boardsFromLedger } from '../src/lib/server/scoring/projection';
import { ledgerSequence } from '../src/lib/server/scoring/ledger';
import { MemoryLeaderboardStore } from '../src/lib/server/scoring/memory-store';
import { RedisLeaderboardStore } from '../src/lib/server/scoring/redis-store';

const ENTRIES = Number(process.env.ENTRIES ?? 1_000_000);
const org = buildOrg();
const db = org.db;
/** The process's peak RSS so far, from the kernel (the rebuild is synchronous: a timer sampling RSS would never run during it). */
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

const t0 = performance.now();
db.$client.pragma('foreign_keys = OFF');
const campaignId = (db.$client.prepare('select min(id) as id from campaigns').get() as { id: number }).id;
const insert = db.$client.prepare(
	`insert into point_entries (event_id, initiative_id, campaign_id, rule_set_version, rule_code, subject_type, subject_id, points, activity_date, scope_path, content_area, kind, created_at, idempotency_key)
	 values (?, ?, ${campaignId}, 1, 'VNEID', ?, ?, ?, ?, ?, ?, 'award', 0, ?)`
);
const areas = ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6'];
/** mulberry32: in 32-bit integer arithmetic (an LCG in doubles loses its low bits and cycles within a few thousand draws). */
let seed = 42;
const random = () => {
	seed = (seed + 0x6d2b79f5) | 0;
	let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
	t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const FIRST_DAY = Date.UTC(2023, 2, 1);
const DAYS = Math.round((Date.UTC(2026, 10, 30) - FIRST_DAY) / 86_400_000);
/**
 * Shaped like the ledger real approvals write: each approval credits one to four members of one branch and that
 * branch's chain (branch, grassroots union, district) on the same day and content area; days spread over the
 * campaign's first four years, and branches far from equally active (a few do most of the work). Rows that share
 * a subject, day, scope and area are few, so the ledger compresses into boards about as little as the real one.
 */
db.$client.transaction(() => {
	let written = 0;
	for (let approval = 1; written < ENTRIES; approval++) {
		const branch = org.branches[Math.floor(random() ** 2 * org.branches.length)]!;
		const ids = branch.path.split('/').filter(Boolean);
		const day = new Date(FIRST_DAY + Math.floor(random() * DAYS) * 86_400_000).toISOString().slice(0, 10);
		const area = areas[Math.floor(random() * areas.length)]!;
		const members = org.membersByBranch.get(branch.id)!;
		const credited = new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => members[Math.floor(random() * members.length)]!));
		const rows: Array<[string, number, string]> = [
			...[...credited].map((id): [string, number, string] => ['member', id, branch.path]),
			['branch', branch.id, branch.path],
			['grassroots', Number(ids[2]), `/${ids.slice(0, 3).join('/')}/`],
			['district', Number(ids[1]), `/${ids.slice(0, 2).join('/')}/`]
		];
		for (const [type, id, path] of rows) {
			if (written === ENTRIES) break;
			insert.run(approval, approval, type, id, 1 + Math.floor(random() * 30), day, path, area, `b${written++}`);
		}
	}
})();
console.log(`ledger: ${ENTRIES.toLocaleString('vi-VN')} rows written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

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
