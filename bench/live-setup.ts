/**
 * The database bench/live.ts starts the app on: the demo campaign, plus initiatives logged and submitted in
 * the branches of Huyện đoàn Tuần Giáo (so the demo verifier `tuangiao` may approve them), dated in 2026 so
 * their points land on the province's 2026 member board, which the clients watch.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/client';
import { seedDemoIfEmpty } from '../src/lib/server/seed/demo';
import { loadActor } from '../src/lib/server/auth/actor';
import { createInitiative, takeStep } from '../src/lib/server/initiatives/service';
import { defaultCampaign } from '../src/lib/server/campaigns/queries';
import { measureSpecs } from '../src/lib/server/initiatives/queries';
import { boardKey } from '../src/lib/domain/scoring/boards';

export const LIVE_DISTRICT = 'Huyện đoàn Tuần Giáo';
export const LIVE_VERIFIER = 'tuangiao';
/** The demo campaign's (1) members, province scope (unit 1), year 2026; checked against the seeded data below. */
export const LIVE_BOARD = '1|member|1|Y2026';

export interface LiveDatabase {
	dir: string;
	path: string;
	/** Submitted initiatives in approval order; each is at revision 1. */
	initiativeIds: number[];
}

/** `parent`: where the temporary folder goes (the OS temp folder by default; /dev/shm takes the disk out). */
export async function prepareLiveDatabase(count: number, parent = tmpdir()): Promise<LiveDatabase> {
	const dir = mkdtempSync(join(parent, 'tienphong-live-'));
	const path = join(dir, 'live.db');
	const db = openDatabase(path);
	try {
		migrateDatabase(db);
		await seedDemoIfEmpty(db, Date.now());
		const q = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as T[];
		const [district] = q<{ id: number; path: string }>('select id, path from units where name = ?', LIVE_DISTRICT);
		if (!district) throw new Error(`${LIVE_DISTRICT} is not in the demo`);
		const members = q<{ unitId: number; personId: number }>(
			`select m.unit_id as unitId, m.person_id as personId from memberships m join units u on u.id = m.unit_id
			 where u.level = 'branch' and u.path like ? and m.left_on is null order by m.unit_id, m.person_id`,
			`${district.path}%`
		);
		const byBranch = new Map<number, number[]>();
		for (const m of members) byBranch.set(m.unitId, [...(byBranch.get(m.unitId) ?? []), m.personId]);
		const branches = [...byBranch.entries()];
		if (branches.length === 0) throw new Error(`no branch with members under ${LIVE_DISTRICT}`);
		// The province admin logs and submits (a verifier may not approve their own work).
		const [author] = q<{ id: number }>("select id from people where username = 'tinhdoan'");
		const actor = loadActor(db, author!.id)!.actor;
		const campaign = defaultCampaign(db)!;
		const [province] = q<{ id: number }>('select id from units where parent_id is null');
		const seeded = boardKey({ campaignId: campaign.id, subjectType: 'member', scopeUnitId: province!.id, periodCode: 'Y2026', area: null });
		if (seeded !== LIVE_BOARD) throw new Error(`the demo's board is ${seeded}, the bench watches ${LIVE_BOARD}`);
		const [type] = q<{ id: number }>('select id from activity_types where campaign_id = ? and active = 1 order by id limit 1', campaign.id);
		const specs = measureSpecs(db, type!.id);
		const ids: number[] = [];
		for (let i = 0; i < count; i++) {
			const [unitId, people] = branches[i % branches.length]!;
			// Days of 2026 before today's date on this machine's calendar (2026-11): the Y2026 board.
			const day = `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
			const ctx = { db, actor, now: Date.now(), ipHash: null, requestId: null };
			const created = createInitiative(ctx, {
				unitId,
				teamId: null,
				activityTypeId: type!.id,
				title: `Bench trực tiếp ${i + 1}`,
				story: 'Sáng kiến tạo cho benchmark đẩy trực tiếp.',
				startedOn: day,
				endedOn: day,
				place: 'Tuần Giáo',
				photosShowChildren: false,
				// Modest values: a few dozen points per participant, so the top of the board keeps moving.
				measures: Object.fromEntries(
					specs.map((s) => [s.id, String(Math.min(s.max, Math.max(s.min, s.max > 100 ? 150 + (i % 7) * 10 : 2 + (i % 3))))])
				),
				participantIds: people.slice(0, 5)
			});
			if (!created.ok) throw new Error(`initiative ${i}: ${JSON.stringify(created.errors)}`);
			const submitted = takeStep(ctx, created.id, 'submit', { reason: null, seenRevision: 0 });
			if (!submitted.ok) throw new Error(`submit ${i}: ${submitted.error}`);
			ids.push(created.id);
		}
		return { dir, path, initiativeIds: ids };
	} finally {
		db.$client.close();
	}
}
