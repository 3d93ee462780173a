/** Shared set-up for the scoring benchmarks: an organisation of the province's real size in a temp SQLite file. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Db } from '../src/lib/server/db/client';
import {
	activityMeasures,
	activityTypes,
	campaigns,
	contentAreas,
	memberships,
	people,
	periods,
	roleAssignments,
	ruleSets,
	units
} from '../src/lib/server/db/schema';
import { pathFor } from '../src/lib/domain/units/tree';
import { demoPeriods } from '../src/lib/server/seed/demo-scoring';

export interface Org {
	db: Db;
	path: string;
	branches: Array<{ id: number; path: string }>;
	membersByBranch: Map<number, number[]>;
	campaignId: number;
	activityTypeId: number;
	measureId: number;
	verifierByDistrict: Map<number, number>;
}

/** 13 districts × ~115 grassroots unions in all × 1,500 branches, 34,077 members, one active rule set. */
export function buildOrg(members = 34_077, branchCount = 1_500): Org {
	const path = join(mkdtempSync(join(tmpdir(), 'tienphong-bench-')), 'bench.db');
	const db = openDatabase(path);
	migrateDatabase(db);
	const insertUnit = (parent: { id: number; path: string } | null, level: string, name: string) => {
		const row = db
			.insert(units)
			.values({
				parentId: parent?.id ?? null,
				level,
				name,
				shortName: name,
				path: `/tmp-${name}/`,
				depth: parent ? parent.path.split('/').length - 2 : 0,
				createdAt: 0,
				searchName: name
			})
			.returning()
			.get();
		const p = pathFor(parent?.path ?? null, row.id);
		db.update(units).set({ path: p }).where(eq(units.id, row.id)).run();
		return { id: row.id, path: p };
	};
	const org = db.transaction(() => {
		const province = insertUnit(null, 'province', 'Tỉnh');
		const districts = Array.from({ length: 13 }, (_, i) => insertUnit(province, 'district', `Huyện ${i}`));
		const grassroots = Array.from({ length: 191 }, (_, i) => insertUnit(districts[i % 13]!, 'grassroots', `Cơ sở ${i}`));
		const branches = Array.from({ length: branchCount }, (_, i) =>
			insertUnit(grassroots[i % grassroots.length]!, 'branch', `Chi đoàn ${i}`)
		);
		const membersByBranch = new Map<number, number[]>();
		const person = db.$client.prepare('insert into people (full_name, display_name, created_at) values (?, ?, 0)');
		const membership = db.$client.prepare("insert into memberships (person_id, unit_id, joined_on) values (?, ?, '2023-01-01')");
		for (let i = 0; i < members; i++) {
			const id = Number(person.run(`Đoàn viên ${i}`, `ĐV ${i}`).lastInsertRowid);
			const branch = branches[i % branches.length]!;
			membership.run(id, branch.id);
			if (!membersByBranch.has(branch.id)) membersByBranch.set(branch.id, []);
			membersByBranch.get(branch.id)!.push(id);
		}
		const verifierByDistrict = new Map<number, number>();
		for (const d of districts) {
			const v = db
				.insert(people)
				.values({ fullName: `Xác nhận ${d.id}`, displayName: 'XN', createdAt: 0 })
				.returning()
				.get();
			db.insert(memberships).values({ personId: v.id, unitId: d.id, joinedOn: '2023-01-01' }).run();
			db.insert(roleAssignments).values({ personId: v.id, role: 'district_admin', unitId: d.id, grantedAt: 0 }).run();
			verifierByDistrict.set(d.id, v.id);
		}
		const campaign = db
			.insert(campaigns)
			.values({
				slug: 'bench',
				name: 'Bench',
				theme: 'Bench',
				ownerUnitId: province.id,
				participantKinds: [],
				startsOn: '2023-01-01',
				endsOn: '2030-12-31',
				reportDueOn: '11-01',
				createdAt: 0
			})
			.returning()
			.get();
		const area = db.insert(contentAreas).values({ campaignId: campaign.id, code: '1.4', name: 'Dịch vụ số' }).returning().get();
		const type = db
			.insert(activityTypes)
			.values({ campaignId: campaign.id, contentAreaId: area.id, name: 'VNeID', createdAt: 0 })
			.returning()
			.get();
		const measure = db
			.insert(activityMeasures)
			.values({
				activityTypeId: type.id,
				code: 'people',
				label: 'Người',
				unitLabel: 'người',
				kind: 'integer',
				min: 1,
				max: 5000,
				position: 0
			})
			.returning()
			.get();
		db.insert(periods).values(demoPeriods(campaign.id)).run();
		db.insert(ruleSets)
			.values({
				campaignId: campaign.id,
				version: 1,
				status: 'active',
				effectiveFrom: '2023-01-01',
				definition: {
					rules: [
						{
							code: 'VNEID',
							activityTypeId: type.id,
							basePoints: 10,
							perMeasure: [{ measure: 'people', points: 1, every: 10 }],
							credits: ['participants', 'team', 'unit'],
							caps: { member: 2000 }
						}
					]
				},
				createdAt: 0
			})
			.run();
		return { branches, membersByBranch, campaignId: campaign.id, activityTypeId: type.id, measureId: measure.id, verifierByDistrict };
	});
	return { db, path, ...org };
}

export function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Writes `entries` ledger rows as approvals write them: each award credits members (two in five rows), their
 * branch, grassroots union and district, on days of 2026, created at `createdAt(i)`. Event and initiative ids
 * advance every 8 rows (one approval's rows).
 */
export function writeLedger(org: Org, entries: number, createdAt: (i: number) => number, first = 0, random = seededRandom(42)): void {
	const db = org.db.$client;
	db.pragma('foreign_keys = OFF');
	const insert = db.prepare(
		`insert into point_entries (event_id, initiative_id, campaign_id, rule_set_version, rule_code, subject_type, subject_id, points, activity_date, scope_path, content_area, kind, created_at, idempotency_key)
		 values (?, ?, ${org.campaignId}, 1, 'VNEID', ?, ?, ?, ?, ?, '1.4', 'award', ?, ?)`
	);
	db.transaction(() => {
		for (let i = first; i < first + entries; i++) {
			const branch = org.branches[Math.floor(random() * org.branches.length)]!;
			const ids = branch.path.split('/').filter(Boolean);
			const day = `2026-${String(1 + Math.floor(random() * 11)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
			const members = org.membersByBranch.get(branch.id)!;
			const kind = i % 5;
			const [type, id, path] =
				kind < 2
					? ['member', members[Math.floor(random() * members.length)]!, branch.path]
					: kind === 2
						? ['branch', branch.id, branch.path]
						: kind === 3
							? ['grassroots', Number(ids[2]), `/${ids.slice(0, 3).join('/')}/`]
							: ['district', Number(ids[1]), `/${ids.slice(0, 2).join('/')}/`];
			insert.run(Math.floor(i / 8) + 1, Math.floor(i / 8) + 1, type, id, 1 + Math.floor(random() * 30), day, path, createdAt(i), `b${i}`);
		}
	})();
	db.pragma('foreign_keys = ON');
}

/**
 * ENTRIES ledger rows shaped like the ones real approvals write: each approval credits one to four members of one
 * branch and that branch's chain (branch, grassroots union, district) on the same day and content area; days spread
 * over the campaign's first four years (March 2023 to November 2026), and branches far from equally active (a few do
 * most of the work). Rows that share a subject, day, scope and area are few, so the ledger compresses into boards
 * about as little as the real one.
 */
export function writeApprovalLedger(org: Org, entries: number): void {
	const db = org.db.$client;
	db.pragma('foreign_keys = OFF');
	const insert = db.prepare(
		`insert into point_entries (event_id, initiative_id, campaign_id, rule_set_version, rule_code, subject_type, subject_id, points, activity_date, scope_path, content_area, kind, created_at, idempotency_key)
		 values (?, ?, ${org.campaignId}, 1, 'VNEID', ?, ?, ?, ?, ?, ?, 'award', 0, ?)`
	);
	const areas = ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6'];
	const random = mulberry32(42);
	const firstDay = Date.UTC(2023, 2, 1);
	const days = Math.round((Date.UTC(2026, 10, 30) - firstDay) / 86_400_000);
	db.transaction(() => {
		let written = 0;
		for (let approval = 1; written < entries; approval++) {
			const branch = org.branches[Math.floor(random() ** 2 * org.branches.length)]!;
			const ids = branch.path.split('/').filter(Boolean);
			const day = new Date(firstDay + Math.floor(random() * days) * 86_400_000).toISOString().slice(0, 10);
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
				if (written === entries) break;
				insert.run(approval, approval, type, id, 1 + Math.floor(random() * 30), day, path, area, `b${written++}`);
			}
		}
	})();
	db.pragma('foreign_keys = ON');
}

/**
 * Marks the campaign's periods that ended before `today` closed, as the province's office would have closed them,
 * at the ledger as it stands (their frozen standings are not written: nothing these benches time reads them).
 * Returns the codes closed.
 */
export function closePastPeriods(org: Org, today: string): string[] {
	const db = org.db.$client;
	const seq = (db.prepare('select coalesce(max(id), 0) from point_entries').pluck().get() as number) ?? 0;
	return db
		.prepare(`update periods set status = 'closed', closed_at = 0, closed_seq = ? where campaign_id = ? and ends_on < ? returning code`)
		.pluck()
		.all(seq, org.campaignId, today) as string[];
}

/** mulberry32: in 32-bit integer arithmetic (an LCG in doubles loses its low bits and cycles within a few thousand draws). */
export function mulberry32(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The same sequence of numbers in [0, 1) on every run. */
export function seededRandom(seed: number): () => number {
	return () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}
