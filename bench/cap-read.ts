/**
 * What a capped rule has already given a subject this year — read on every credit the cap limits (members' yearly
 * caps in the demo's rules) — with the subject index as migrated and without its last column (rule_code), on
 * bench/live.ts's database after APPROVALS approvals (the same five members of each branch credited each time).
 *
 *   node --import tsx bench/cap-read.ts            (APPROVALS=2000)
 */
import { rmSync } from 'node:fs';
import { LIVE_VERIFIER, prepareLiveDatabase } from './live-setup';
import { openDatabase } from '../src/lib/server/db/client';
import { loadActor } from '../src/lib/server/auth/actor';
import { takeStep } from '../src/lib/server/initiatives/service';

const APPROVALS = Number(process.env.APPROVALS ?? 2000);
const live = await prepareLiveDatabase(APPROVALS);
const db = openDatabase(live.path);
const verifier = db.$client.prepare('select id from people where username = ?').pluck().get(LIVE_VERIFIER) as number;
for (const id of live.initiativeIds)
	takeStep({ db, actor: loadActor(db, verifier)!.actor, now: Date.now(), ipHash: null, requestId: null }, id, 'approve', {
		reason: null,
		seenRevision: 1
	});
// The subjects with the most rows this year under one rule: the costliest cap reads.
const subjects = db.$client
	.prepare(
		`select subject_type as type, subject_id as id, campaign_id as campaign, rule_code as rule, count(*) as rows
		   from point_entries where activity_date like '2026%' group by 1, 2, 3, 4 order by rows desc limit 12`
	)
	.all() as Array<{ type: string; id: number; campaign: number; rule: string; rows: number }>;
console.log(`${APPROVALS} approvals; the 12 subjects read: ${subjects.map((s) => `${s.type} ${s.id} (${s.rows} rows)`).join(', ')}`);
// The statement ledger.ts runs (awardedSoFar).
const capRead =
	"select coalesce(sum(points), 0) as total from point_entries where subject_type = ? and subject_id = ? and campaign_id = ? and rule_code = ? and activity_date between ? || '-01-01' and ? || '-12-31'";
const time = (label: string) => {
	const statement = db.$client.prepare(capRead);
	const plan = db.$client.prepare(`explain query plan ${capRead}`).all('', 0, 0, '', '', '') as Array<{ detail: string }>;
	const runs: number[] = [];
	for (let round = 0; round < 3; round++) {
		const started = performance.now();
		for (let i = 0; i < 200; i++) for (const s of subjects) statement.get(s.type, s.id, s.campaign, s.rule, '2026', '2026');
		runs.push(((performance.now() - started) / (200 * subjects.length)) * 1000);
	}
	console.log(`${label}: ${runs.map((r) => r.toFixed(1)).join(' / ')} µs per read (${plan.map((p) => p.detail).join('; ')})`);
};
time('subject index with rule_code (as migrated)');
db.$client.exec(
	`drop index point_entries_subject_idx;
	 create index point_entries_subject_idx on point_entries (subject_type, subject_id, campaign_id, activity_date, scope_path, content_area, points, initiative_id)`
);
time('without rule_code (before migration 0046)');
db.$client.close();
rmSync(live.dir, { recursive: true, force: true });
