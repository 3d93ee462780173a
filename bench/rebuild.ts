/**
 * Rebuilding every board from a ledger of ENTRIES rows (default 1,000,000) spread over the province's units,
 * members, 2023-2026 and six content areas: seconds and peak memory, memory and Redis stores.
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
let peak = 0;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

const t0 = performance.now();
db.$client.pragma('foreign_keys = OFF');
const campaignId = (db.$client.prepare('select min(id) as id from campaigns').get() as { id: number }).id;
const insert = db.$client.prepare(
	`insert into point_entries (event_id, initiative_id, campaign_id, rule_set_version, rule_code, subject_type, subject_id, points, activity_date, scope_path, content_area, kind, created_at, idempotency_key)
	 values (?, ?, ${campaignId}, 1, 'VNEID', ?, ?, ?, ?, ?, ?, 'award', 0, ?)`
);
const areas = ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6'];
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
db.$client.transaction(() => {
	for (let i = 0; i < ENTRIES; i++) {
		const branch = org.branches[Math.floor(random() * org.branches.length)]!;
		const ids = branch.path.split('/').filter(Boolean);
		const day = `${2023 + Math.floor(random() * 4)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`;
		const area = areas[i % 6]!;
		// A mix like a real approval: mostly members, then the unit chain.
		const kind = i % 5;
		const [type, id, path] =
			kind < 2
				? ['member', org.membersByBranch.get(branch.id)![Math.floor(random() * org.membersByBranch.get(branch.id)!.length)]!, branch.path]
				: kind === 2
					? ['branch', branch.id, branch.path]
					: kind === 3
						? ['grassroots', Number(ids[2]), `/${ids.slice(0, 3).join('/')}/`]
						: ['district', Number(ids[1]), `/${ids.slice(0, 2).join('/')}/`];
		insert.run(Math.floor(i / 8) + 1, Math.floor(i / 8) + 1, type, id, 1 + Math.floor(random() * 30), day, path, area, `b${i}`);
	}
})();
console.log(`ledger: ${ENTRIES.toLocaleString('vi-VN')} rows written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

peak = process.memoryUsage().rss;
const t1 = performance.now();
const boards = boardsFromLedger(db);
const t2 = performance.now();
const memory = new MemoryLeaderboardStore();
await memory.replaceAll(boards, ledgerSequence(db));
const t3 = performance.now();
let rows = 0;
for (const b of boards.values()) rows += b.size;
console.log(
	`memory rebuild: ${boards.size.toLocaleString('vi-VN')} boards, ${rows.toLocaleString('vi-VN')} rows; ledger scan ${((t2 - t1) / 1000).toFixed(2)} s + store ${((t3 - t2) / 1000).toFixed(2)} s = ${((t3 - t1) / 1000).toFixed(2)} s (goal ≤ 10 s); peak RSS ${Math.round(peak / 1048576)} MB`
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
		`redis rebuild (ledger scan + store): ${((t5 - t4) / 1000).toFixed(2)} s (goal ≤ 10 s); peak RSS ${Math.round(peak / 1048576)} MB`
	);
	await store.replaceAll(new Map(), 0);
	await redis.del(`${prefix}:keys`, `${prefix}:sequence`);
} catch (err) {
	console.log(`redis: skipped (${(err as Error).message})`);
} finally {
	redis.disconnect();
	clearInterval(sample);
	db.$client.close();
}
