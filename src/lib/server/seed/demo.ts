import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
	appMeta,
	auditLog,
	awardCouncilMembers,
	campaigns,
	memberships,
	people,
	roleAssignments,
	unitTagAssignments,
	units
} from '../db/schema';
import { admitHashing, hashPassword, verifyPassword } from '../auth/password';
import { randomToken } from '../auth/tokens';
import { invalidateAllSessions } from '../auth/sessions';
import { recordAudit } from '../audit';
import { isoDay } from '../../format';
import { pathFor } from '../../domain/units/tree';
import { publicDisplayName } from '../../domain/people/names';
import type { Role } from '../../domain/permissions';
import { toSearchText } from '../../text';
import { importCampaign } from '../campaigns/import';
import { readCampaignFile } from '../../domain/campaigns/validate';
import DEMO_CAMPAIGN_FILE from '../../../../campaigns/000-tinh-doan-dien-bien.json';

/** Which demo units carry the 000 campaign's tags. */
/** The Tỉnh đoàn's emulation and awards council (invented names), so the demo's award path can be walked end to end. */
const DEMO_AWARD_COUNCIL = [
	{ name: 'Lò Văn Tỉnh', position: 'Bí thư Tỉnh đoàn, Chủ tịch Hội đồng' },
	{ name: 'Quàng Thị Hoa', position: 'Phó Bí thư Tỉnh đoàn, Phó Chủ tịch Hội đồng' },
	{ name: 'Vì Văn Nam', position: 'Trưởng Ban Tổ chức, Uỷ viên' },
	{ name: 'Lường Thị Mai', position: 'Chánh Văn phòng, Uỷ viên thư ký' },
	{ name: 'Cà Văn Dũng', position: 'Trưởng Ban Phong trào, Uỷ viên' }
];
const DEMO_UNIT_TAGS: Record<string, string[]> = {
	'luc-luong-vu-trang': ['Đoàn Thanh niên Công an tỉnh', 'Đoàn Thanh niên Bộ Chỉ huy Quân sự tỉnh'],
	'co-quan-doanh-nghiep': ['Đoàn Khối các cơ quan và doanh nghiệp tỉnh']
};
import GOVERNMENT_CAMPAIGN_FILE from '../../../../campaigns/002-ubnd-tinh-dien-bien-kh2158.json';
import { seedDemoWork, seedJoinedCampaignWork } from './demo-scoring';
import { joinCampaign } from '../campaigns/participation';
import { isDemo } from '../campaigns/queries';
import {
	DEMO_PASSWORD,
	DISTRICTS,
	FAMILY_NAMES,
	GIVEN_NAMES,
	GOVERNMENT,
	GOVERNMENT_WORK,
	JOINING_GOVERNMENT_CAMPAIGN,
	MIDDLE_NAMES,
	type DemoUnit
} from './demo-data';

export const DEMO_ACCOUNTS: Array<{ username: string; fullName: string; role: Role; unit: string; note: string }> = [
	{ username: 'tinhdoan', fullName: 'Lò Văn Tỉnh', role: 'province_admin', unit: 'Tỉnh đoàn Điện Biên', note: 'quản trị cấp tỉnh' },
	{
		username: 'tuangiao',
		fullName: 'Quàng Thị Giáo',
		role: 'district_admin',
		unit: 'Huyện đoàn Tuần Giáo',
		note: 'xác nhận cấp huyện — Huyện đoàn Tuần Giáo'
	},
	{ username: 'tama', fullName: 'Lường Văn Ma', role: 'unit_admin', unit: 'Đoàn xã Ta Ma', note: 'bí thư Đoàn xã Ta Ma' },
	{ username: 'doanvien', fullName: 'Giàng A Viên', role: 'member', unit: 'Chi đoàn bản Ta Ma', note: 'đoàn viên chi đoàn bản Ta Ma' }
];

export type SeedOutcome = 'seeded' | 'already-demo' | 'has-data';

/** A demo sign-in as start-up shows it; `password` is null when the account's password was changed since. */
export interface DemoLogin {
	username: string;
	note: string;
	password: string | null;
}

/**
 * The demo's sign-ins, to print at start. The published password stays only while the server answers this
 * machine alone: before a server reachable from other machines starts, every demo account still on it gets
 * a random password of its own (printed once, here) and loses its sessions.
 */
export async function demoLogins(db: Db, reachable: boolean, now: number): Promise<DemoLogin[]> {
	const logins: DemoLogin[] = [];
	for (const account of DEMO_ACCOUNTS) {
		const person = db
			.select({ id: people.id, passwordHash: people.passwordHash })
			.from(people)
			.where(eq(people.username, account.username))
			.get();
		if (!person) continue;
		const published = await verifyPassword(startupSlot(), person.passwordHash, DEMO_PASSWORD);
		if (!published || !reachable) {
			logins.push({ username: account.username, note: account.note, password: published ? DEMO_PASSWORD : null });
			continue;
		}
		const password = randomToken().slice(0, 16);
		const passwordHash = await hashPassword(startupSlot(), password);
		db.transaction(() => {
			db.update(people).set({ passwordHash }).where(eq(people.id, person.id)).run();
			invalidateAllSessions(db, person.id);
			recordAudit(
				db,
				{ actor: null, now, ipHash: null, requestId: null },
				{ action: 'system.demo_password_randomised', targetType: 'person', targetId: person.id }
			);
		});
		logins.push({ username: account.username, note: account.note, password });
	}
	return logins;
}

/** A place in the hashing budget: start-up runs before the server listens, so nobody else is hashing. */
function startupSlot() {
	const slot = admitHashing();
	if (!slot) throw new Error('the hashing budget is full at start-up');
	return slot;
}

/** Small deterministic generator so every fresh demo looks the same. */
function mulberry32(seed: number) {
	let a = seed;
	return () => {
		a |= 0;
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function hasData(db: Db): boolean {
	const [row] = db.all<{ n: number }>(sql`select (select count(*) from units) + (select count(*) from people) as n`);
	return (row?.n ?? 0) > 0;
}

/**
 * Seeds the demo campaign into an empty database, all in one transaction: a crash half-way leaves the
 * database empty and the next start seeds again. A database with any unit or person is never touched.
 */
export async function seedDemoIfEmpty(db: Db, now: number): Promise<SeedOutcome> {
	if (isDemo(db)) return 'already-demo';
	if (hasData(db)) return 'has-data';
	const passwordHash = await hashPassword(startupSlot(), DEMO_PASSWORD);
	return db.transaction(
		(tx) => {
			if (isDemo(db)) return 'already-demo';
			if (hasData(db)) return 'has-data';
			const today = isoDay(now);

			const byName = new Map<string, number>();
			const branchIds: number[] = [];
			const insertUnit = (u: DemoUnit, level: string, parent: { id: number; path: string; depth: number } | null) => {
				const row = tx
					.insert(units)
					.values({
						parentId: parent?.id ?? null,
						level,
						name: u.name,
						shortName: u.shortName,
						path: `/pending-${u.name}/`,
						depth: parent ? parent.depth + 1 : 0,
						createdAt: now,
						searchName: toSearchText(`${u.name} ${u.shortName}`)
					})
					.returning({ id: units.id, depth: units.depth })
					.get();
				const path = pathFor(parent?.path ?? null, row.id);
				tx.update(units).set({ path }).where(eq(units.id, row.id)).run();
				byName.set(u.name, row.id);
				return { id: row.id, path, depth: row.depth };
			};
			const province = insertUnit({ name: 'Tỉnh đoàn Điện Biên', shortName: 'Tỉnh đoàn' }, 'province', null);
			for (const district of DISTRICTS) {
				const d = insertUnit(district, 'district', province);
				for (const g of district.children ?? []) {
					const gr = insertUnit(g, 'grassroots', d);
					for (const b of g.children ?? []) branchIds.push(insertUnit(b, 'branch', gr).id);
				}
			}

			// The campaigns come from their shipped files, through the importer every campaign goes through.
			const importDemo = (file: unknown, ownerUnitId: number, label: string) => {
				const read = readCampaignFile(file);
				if (!read.ok) throw new Error(`${label} is not a valid campaign file: ${JSON.stringify(read.errors)}`);
				const imported = importCampaign(db, read.file, { actor: null, now, ipHash: null, requestId: null }, { ownerUnitId });
				if (!imported.ok) throw new Error(`${label} did not import: ${JSON.stringify(imported.errors)}`);
				tx.update(campaigns)
					.set({ name: `${read.file.name} (dữ liệu mẫu)` })
					.where(eq(campaigns.id, imported.campaignId))
					.run();
				return { id: imported.campaignId };
			};
			const campaign = importDemo(DEMO_CAMPAIGN_FILE, province.id, 'campaigns/000');
			// Its khối (unitTags): the armed forces' unions apart, as report 003 counts them.
			for (const [tagCode, names] of Object.entries(DEMO_UNIT_TAGS))
				for (const name of names) {
					const unitId = byName.get(name);
					if (unitId === undefined) throw new Error(`demo unit ${name} is missing`);
					tx.insert(unitTagAssignments).values({ campaignId: campaign.id, tagCode, unitId }).run();
				}
			tx.insert(awardCouncilMembers)
				.values(DEMO_AWARD_COUNCIL.map((m, seat) => ({ campaignId: campaign.id, seat, ...m })))
				.run();
			// The UBND tỉnh's campaign: its own root, joined by some of the Tỉnh đoàn's units (demo-data.ts).
			const government = insertUnit(GOVERNMENT, 'province', null);
			const governmentCampaign = importDemo(GOVERNMENT_CAMPAIGN_FILE, government.id, 'campaigns/002');
			const joinedPaths = JOINING_GOVERNMENT_CAMPAIGN.map((name) => {
				const unitId = byName.get(name);
				if (unitId === undefined) throw new Error(`demo unit ${name} is missing`);
				joinCampaign(db, governmentCampaign.id, unitId, '2023-06-01', now);
				return tx.select({ path: units.path }).from(units).where(eq(units.id, unitId)).get()!.path;
			});

			for (const account of DEMO_ACCOUNTS) {
				const unitId = byName.get(account.unit)!;
				const person = tx
					.insert(people)
					.values({
						fullName: account.fullName,
						displayName: publicDisplayName(account.fullName),
						birthYear: 1996,
						username: account.username,
						passwordHash,
						createdAt: now
					})
					.returning({ id: people.id })
					.get();
				tx.insert(memberships).values({ personId: person.id, unitId, joinedOn: '2023-07-10' }).run();
				tx.insert(roleAssignments).values({ personId: person.id, role: account.role, unitId, grantedAt: now }).run();
			}

			const random = mulberry32(20230710);
			const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
			for (let i = 0; i < 320; i++) {
				const fullName = `${pick(FAMILY_NAMES)} ${pick(MIDDLE_NAMES)} ${pick(GIVEN_NAMES)}`;
				const person = tx
					.insert(people)
					.values({ fullName, displayName: publicDisplayName(fullName), birthYear: 1994 + Math.floor(random() * 14), createdAt: now })
					.returning({ id: people.id })
					.get();
				const unitId = branchIds[i % branchIds.length]!;
				tx.insert(memberships).values({ personId: person.id, unitId, joinedOn: '2023-07-10' }).run();
				tx.insert(roleAssignments).values({ personId: person.id, role: 'member', unitId, grantedAt: now }).run();
			}

			const approver = tx.select({ id: people.id }).from(people).where(eq(people.username, 'tinhdoan')).get()!;
			const work = seedDemoWork(db, campaign.id, approver.id, now, random);
			const governmentWork = seedJoinedCampaignWork(db, governmentCampaign.id, joinedPaths, approver.id, now, random, GOVERNMENT_WORK);
			// The demo's history is not news: only badges earned from here on are celebrated.
			tx.update(people).set({ badgesSeenAt: now }).run();

			tx.insert(appMeta).values({ key: 'demo', value: today }).run();
			tx.insert(auditLog)
				.values({
					at: now,
					action: 'system.seed_demo',
					targetType: 'campaign',
					after: { units: byName.size, people: 320 + DEMO_ACCOUNTS.length, approvedInitiatives: work + governmentWork }
				})
				.run();
			return 'seeded' as const;
		},
		{ behavior: 'immediate' }
	);
}
