import { mkdtempSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Db } from '../../src/lib/server/db/client';
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
} from '../../src/lib/server/db/schema';
import { pathFor } from '../../src/lib/domain/units/tree';
import type { Actor, Role } from '../../src/lib/domain/permissions';
import type { ServiceContext } from '../../src/lib/server/context';
import { loadActor } from '../../src/lib/server/auth/actor';
import { toSearchText } from '../../src/lib/text';
import { NOW } from './clock';

export interface TempDb {
	db: Db;
	dir: string;
	path: string;
	close(): void;
}

/** A fresh SQLite file migrated from drizzle/, deleted on close. */
export function tempDatabase(): TempDb {
	const dir = mkdtempSync(join(tmpdir(), 'tienphong-test-'));
	const path = join(dir, 'test.db');
	const db = openDatabase(path);
	migrateDatabase(db);
	return {
		db,
		dir,
		path,
		close() {
			db.$client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/**
 * Rows in every table, by table name. "Nothing was saved" compares these before and after: a list the app shows
 * may be filtered (drafts are not public) or its rows renamed, and then stays empty whatever was written.
 */
export function rowCounts(db: Db | Database.Database): Record<string, number> {
	const sqlite = '$client' in db ? db.$client : db;
	const tables = sqlite
		.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
		.pluck()
		.all() as string[];
	return Object.fromEntries(tables.map((name) => [name, sqlite.prepare(`select count(*) from "${name}"`).pluck().get() as number]));
}

export function insertUnit(db: Db, parent: { id: number; path: string; depth: number } | null, name: string, level = 'branch') {
	const row = db
		.insert(units)
		.values({
			parentId: parent?.id ?? null,
			level,
			name,
			shortName: name,
			path: `/tmp-${name}/`,
			depth: parent ? parent.depth + 1 : 0,
			createdAt: 0,
			searchName: toSearchText(name)
		})
		.returning()
		.get();
	return db
		.update(units)
		.set({ path: pathFor(parent?.path ?? null, row.id) })
		.where(eq(units.id, row.id))
		.returning()
		.get();
}

export function insertPerson(
	db: Db,
	fullName: string,
	at: { unitId: number; role?: Role },
	extra: Partial<typeof people.$inferInsert> = {}
) {
	const person = db
		.insert(people)
		.values({ fullName, displayName: fullName, createdAt: 0, ...extra })
		.returning()
		.get();
	db.insert(memberships).values({ personId: person.id, unitId: at.unitId, joinedOn: '2024-01-01' }).run();
	db.insert(roleAssignments)
		.values({ personId: person.id, role: at.role ?? 'member', unitId: at.unitId, grantedAt: 0 })
		.run();
	return person;
}

/**
 * The checklist's fixture: province P with districts D1 (G1a: B1a1, B1a2; G1b: B1b1) and D2 (G2a: B2a1),
 * and one person per role.
 */
export function orgFixture(db: Db) {
	const P = insertUnit(db, null, 'Tỉnh đoàn P', 'province');
	const D1 = insertUnit(db, P, 'Huyện đoàn D1', 'district');
	const D2 = insertUnit(db, P, 'Huyện đoàn D2', 'district');
	const G1a = insertUnit(db, D1, 'Đoàn xã G1a', 'grassroots');
	const G1b = insertUnit(db, D1, 'Đoàn xã G1b', 'grassroots');
	const G2a = insertUnit(db, D2, 'Đoàn xã G2a', 'grassroots');
	const B1a1 = insertUnit(db, G1a, 'Chi đoàn B1a1');
	const B1a2 = insertUnit(db, G1a, 'Chi đoàn B1a2');
	const B1b1 = insertUnit(db, G1b, 'Chi đoàn B1b1');
	const B2a1 = insertUnit(db, G2a, 'Chi đoàn B2a1');
	const provinceAdmin = insertPerson(db, 'Quản trị Tỉnh', { unitId: P.id, role: 'province_admin' });
	const d1Admin = insertPerson(db, 'Quản trị D1', { unitId: D1.id, role: 'district_admin' });
	const g1aAdmin = insertPerson(db, 'Bí thư G1a', { unitId: G1a.id, role: 'unit_admin' });
	const member = insertPerson(db, 'Đoàn viên B1a1', { unitId: B1a1.id });
	return { units: { P, D1, D2, G1a, G1b, G2a, B1a1, B1a2, B1b1, B2a1 }, people: { provinceAdmin, d1Admin, g1aAdmin, member } };
}

/** What a service needs to act as `personId` (null: nobody signed in), at the suite's clock (tests/helpers/clock.ts). */
export function contextFor(db: Db, personId: number | null, now = NOW): ServiceContext {
	const actor: Actor | null = personId === null ? null : loadActor(db, personId)!.actor;
	return { db, actor, now, ipHash: 'test', requestId: 'test' };
}

/** A campaign owned by `ownerUnitId` with one content area and two activity types. */
export function campaignFixture(db: Db, ownerUnitId: number, grassrootsMayVerify = false, slug = 'test') {
	const campaign = db
		.insert(campaigns)
		.values({
			slug,
			name: slug === 'test' ? 'Phong trào thử' : `Phong trào ${slug}`,
			theme: 'Thử',
			ownerUnitId,
			participantKinds: [],
			startsOn: '2023-01-01',
			endsOn: '2030-12-31',
			reportDueOn: '11-01',
			grassrootsMayVerify,
			createdAt: 0
		})
		.returning()
		.get();
	const area = db.insert(contentAreas).values({ campaignId: campaign.id, code: '1.4', name: 'Dịch vụ số' }).returning().get();
	const vneid = db
		.insert(activityTypes)
		.values({ campaignId: campaign.id, contentAreaId: area.id, code: 'VNEID', name: 'Hướng dẫn VNeID', createdAt: 0 })
		.returning()
		.get();
	const people = db
		.insert(activityMeasures)
		.values({
			activityTypeId: vneid.id,
			code: 'people',
			label: 'Người được hỗ trợ',
			unitLabel: 'người',
			kind: 'integer',
			min: 1,
			max: 5000,
			position: 0
		})
		.returning()
		.get();
	const training = db
		.insert(activityTypes)
		.values({ campaignId: campaign.id, contentAreaId: area.id, code: 'TRAINING', name: 'Tập huấn', createdAt: 0 })
		.returning()
		.get();
	const sessions = db
		.insert(activityMeasures)
		.values({
			activityTypeId: training.id,
			code: 'sessions',
			label: 'Buổi',
			unitLabel: 'buổi',
			kind: 'integer',
			min: 1,
			max: 50,
			position: 0
		})
		.returning()
		.get();
	return { campaign, vneid, peopleMeasure: people, training, sessionsMeasure: sessions };
}

/** Periods 2025, 2026 and phase II, and an active rule set pricing the fixture's VNeID activity. */
export function scoringFixture(db: Db, c: ReturnType<typeof campaignFixture>, rules?: unknown) {
	for (const p of [
		{ code: 'Y2025', name: 'Năm 2025', kind: 'year' as const, startsOn: '2025-01-01', endsOn: '2025-12-31' },
		{ code: 'Y2026', name: 'Năm 2026', kind: 'year' as const, startsOn: '2026-01-01', endsOn: '2026-12-31' },
		{ code: 'PH2', name: 'Giai đoạn II', kind: 'phase' as const, startsOn: '2026-01-01', endsOn: '2030-12-31' }
	]) {
		db.insert(periods)
			.values({ campaignId: c.campaign.id, ...p })
			.run();
	}
	db.insert(ruleSets)
		.values({
			campaignId: c.campaign.id,
			version: 1,
			status: 'active',
			effectiveFrom: '2023-01-01',
			definition: rules ?? {
				rules: [
					{
						code: 'VNEID',
						activityTypeId: c.vneid.id,
						basePoints: 10,
						perMeasure: [{ measure: 'people', points: 1, every: 10 }],
						credits: ['participants', 'team', 'unit'],
						caps: { member: 100 }
					},
					{ code: 'TRAINING', activityTypeId: c.training.id, basePoints: 20, perMeasure: [], credits: ['unit'] }
				]
			},
			createdAt: 0,
			publishedAt: 0
		})
		.run();
}
