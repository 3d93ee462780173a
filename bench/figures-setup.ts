/**
 * The province at its real size for the figures and export benchmarks: the scoring bench's organisation
 * (34,077 members, 1,500 branches) with INITIATIVES approved works (default 100,000) logged between July 2023
 * and November 2026 — each with its submitted and approved events carrying full snapshots, as the app writes
 * them — a few thousand still pending, and LEDGER point rows (default 1,000,000).
 */
import { buildOrg } from './scoring-setup';

export function buildProvince(
	initiatives = Number(process.env.INITIATIVES ?? 100_000),
	ledger = Number(process.env.LEDGER ?? 1_000_000),
	size: { members: number; branches: number } = { members: 34_077, branches: 1_500 }
) {
	const t0 = performance.now();
	const org = buildOrg(size.members, size.branches);
	const db = org.db;
	let seed = 7;
	const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
	const sqlite = db.$client;
	const authorId = org.verifierByDistrict.values().next().value!;
	const insertInitiative = sqlite.prepare(
		`insert into initiatives (unit_id, activity_type_id, title, story, started_on, ended_on, place, status, author_id, created_at, updated_at, search_title)
		 values (?, ?, ?, ?, ?, ?, 'Bản', ?, ?, 0, 0, ?)`
	);
	const insertMeasure = sqlite.prepare(
		'insert into initiative_measures (initiative_id, measure_id, value, approved_value) values (?, ?, ?, ?)'
	);
	const insertEvent = sqlite.prepare(
		`insert into activity_events (initiative_id, type, snapshot, actor_id, actor_unit_id, at, idempotency_key) values (?, ?, ?, ?, null, ?, ?)`
	);
	const start = Date.UTC(2023, 6, 10);
	const span = Date.UTC(2026, 10, 25) - start;
	sqlite.transaction(() => {
		for (let i = 0; i < initiatives; i++) {
			const branch = org.branches[Math.floor(random() * org.branches.length)]!;
			const endedAt = start + Math.floor(random() * span);
			const day = new Date(endedAt).toISOString().slice(0, 10);
			const people = 1 + Math.floor(random() * 60);
			const pending = i % 40 === 0;
			const title = `Hỗ trợ người dân cài đặt VNeID tại bản số ${i}`;
			const id = Number(
				insertInitiative.run(
					branch.id,
					org.activityTypeId,
					title,
					'Đội hình thanh niên tình nguyện đến từng nhà hướng dẫn bà con.',
					day,
					day,
					pending ? 'submitted' : 'approved',
					authorId,
					title.toLowerCase()
				).lastInsertRowid
			);
			insertMeasure.run(id, org.measureId, people, pending ? null : people);
			const members = org.membersByBranch.get(branch.id)!;
			const snapshot = JSON.stringify({
				unitId: branch.id,
				unitPath: branch.path,
				teamId: null,
				teamMemberIds: [],
				activityTypeId: org.activityTypeId,
				title,
				startedOn: day,
				endedOn: day,
				authorId,
				measures: [{ measureId: org.measureId, code: 'people', value: people, reported: people }],
				participantIds: members.slice(0, 5),
				contributorIds: [],
				photoCount: 2
			});
			insertEvent.run(id, 'submitted', snapshot, authorId, endedAt + 3_600_000, `s${i}`);
			if (!pending) insertEvent.run(id, 'approved', snapshot, authorId, endedAt + 2 * 86_400_000, `a${i}`);
		}
	})();
	const insertEntry = sqlite.prepare(
		`insert into point_entries (event_id, initiative_id, campaign_id, rule_set_version, rule_code, subject_type, subject_id, points, activity_date, scope_path, content_area, kind, created_at, idempotency_key)
		 values (?, ?, ?, 1, 'VNEID', 'branch', ?, ?, ?, ?, '1.4', 'award', 0, ?)`
	);
	sqlite.pragma('foreign_keys = OFF');
	sqlite.transaction(() => {
		for (let i = 0; i < ledger; i++) {
			const branch = org.branches[i % org.branches.length]!;
			const initiative = 1 + (i % initiatives);
			insertEntry.run(initiative, initiative, org.campaignId, branch.id, 1 + (i % 30), '2026-03-15', branch.path, `l${i}`);
		}
	})();
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('optimize');
	console.log(
		`set-up: ${initiatives.toLocaleString('vi-VN')} initiatives (2 events each), ${ledger.toLocaleString('vi-VN')} ledger rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`
	);
	return org;
}
