/**
 * One board page's read at the province's size: boardView (the top, the viewer's row and neighbours, and "moved since
 * yesterday") over a ledger of ENTRIES rows (default 1,000,000) with 34,077 members, for the districts' board and
 * the members' board of the province. Prints the first view of the day (which reads the board's share of the ledger
 * once — what every view cost before the day's standing was kept), the views after it, and a view right after an
 * approval's rows were added.
 *
 *   node --import tsx bench/board-view.ts
 *   ENTRIES=200000 node --import tsx bench/board-view.ts
 */
import { isNull } from 'drizzle-orm';
import { buildOrg, seededRandom, writeLedger } from './scoring-setup';
import { units } from '../src/lib/server/db/schema';
import { boardsFromLedger } from '../src/lib/server/scoring/projection';
import { ledgerSequence } from '../src/lib/server/scoring/ledger';
import { MemoryLeaderboardStore } from '../src/lib/server/scoring/memory-store';
import { boardView } from '../src/lib/server/scoring/boards';
import { recentApprovals } from '../src/lib/server/showcase/queries';

const ENTRIES = Number(process.env.ENTRIES ?? 1_000_000);
const APPROVED = Number(process.env.APPROVED ?? 50_000);
const VIEWS = 30;
/** 25/11/2026 10:00 in Điện Biên; the ledger's rows were written over the 60 days before. */
const NOW = Date.UTC(2026, 10, 25, 3);
const DAY_MS = 86_400_000;

const org = buildOrg();
const db = org.db;
const t0 = performance.now();
const random = seededRandom(42);
writeLedger(org, ENTRIES, () => NOW - Math.floor(random() * 60 * DAY_MS), 0, random);
console.log(`ledger: ${ENTRIES.toLocaleString('vi-VN')} rows written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const store = new MemoryLeaderboardStore();
await store.replaceAll(boardsFromLedger(db), ledgerSequence(db));
const province = db.select({ id: units.id }).from(units).where(isNull(units.parentId)).get()!.id;

const ms = (run: () => Promise<unknown>) => async () => {
	const start = performance.now();
	await run();
	return performance.now() - start;
};
const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

let extra = ENTRIES;
for (const subjectType of ['district', 'member']) {
	const spec = { campaignId: org.campaignId, subjectType, scopeUnitId: province, periodCode: 'Y2026', area: null };
	const view = ms(() => boardView(db, store, spec, { limit: 50, mySubjectId: null, perCapita: false, now: NOW }));
	const first = await view();
	const after: number[] = [];
	for (let i = 0; i < VIEWS; i++) after.push(await view());
	// An approval's rows arrive (written now): the next view reads them, not the ledger again.
	writeLedger(org, 8, () => NOW, extra, random);
	extra += 8;
	const afterApproval = await view();
	console.log(
		`${subjectType} board: first view of the day ${first.toFixed(1)} ms (what every view cost before) · next ${VIEWS} views p50 ${p50(after).toFixed(2)} ms (${(first / p50(after)).toFixed(0)}× less) · the view after an approval ${afterApproval.toFixed(2)} ms`
	);
}
const verifier = [...org.verifierByDistrict.values()][0]!;
db.$client.transaction(() => {
	const work = db.$client.prepare(
		`insert into initiatives (unit_id, activity_type_id, title, story, started_on, ended_on, place, status, author_id, created_at, updated_at, search_title)
		 values (?, ${org.activityTypeId}, ?, 'Câu chuyện', '2026-05-01', '2026-05-01', 'Nhà văn hoá', 'approved', ${verifier}, 0, 0, ?)`
	);
	const event = db.$client.prepare(
		`insert into activity_events (initiative_id, type, snapshot, actor_id, at, idempotency_key) values (?, ?, '{}', ${verifier}, ?, ?)`
	);
	for (let i = 0; i < APPROVED; i++) {
		const branch = org.branches[Math.floor(random() * org.branches.length)]!;
		const id = Number(work.run(branch.id, `Sáng kiến ${i}`, `sang kien ${i}`).lastInsertRowid);
		const at = NOW - Math.floor(random() * 60 * DAY_MS);
		event.run(id, 'submitted', at - 3_600_000, `s${i}`);
		event.run(id, 'approved', at, `a${i}`);
	}
})();
db.$client.pragma('optimize');
const district = db.$client.prepare(`select path from units where level = 'district' limit 1`).get() as { path: string };
/** The query the ticker ran before: every approved work joined to its approvals, grouped and sorted. */
const previous = db.$client.prepare(
	`select i.id, i.title, u.name, max(e.at) as at from initiatives i join units u on u.id = i.unit_id
	 join activity_events e on e.initiative_id = i.id and e.type = 'approved'
	 where i.status = 'approved' and u.path like ? group by i.id order by at desc, i.id desc limit 6`
);
const timed = (run: () => unknown) => {
	const runs: number[] = [];
	for (let i = 0; i < VIEWS; i++) {
		const start = performance.now();
		run();
		runs.push(performance.now() - start);
	}
	return p50(runs);
};
for (const [name, path] of [
	['province', '/'],
	['one district', district.path]
] as const) {
	const before = timed(() => previous.all(`${path}%`));
	const now = timed(() => recentApprovals(db, 6, path === '/' ? null : { path }));
	console.log(
		`ticker (${name}, ${APPROVED.toLocaleString('vi-VN')} approved works): before p50 ${before.toFixed(2)} ms · now p50 ${now.toFixed(2)} ms (${(before / now).toFixed(0)}× less)`
	);
}
db.$client.close();
