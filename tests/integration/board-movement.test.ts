import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { contextFor, insertPerson, orgFixture, campaignFixture, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { NOW, dayOf, daysAfter, daysBefore } from '../helpers/clock';
import { approvedInitiative, provinceVerifier, vneidSession } from '../helpers/factories';
import { rebuildBoards } from '../../src/lib/server/scoring/projection';
import { MemoryLeaderboardStore } from '../../src/lib/server/scoring/memory-store';
import { boardView } from '../../src/lib/server/scoring/boards';
import { explainScore, leaderboardPage } from '../../src/lib/server/scoring/leaderboard-page';
import { boardKey } from '../../src/lib/domain/scoring/boards';

// "Moved since yesterday" on a board (each row's place now against its place at the start of the Vietnamese day),
// the explain page behind a score, and what a board page asks the database (issue 14: the same whatever the
// ledger's size; every statement the page runs is counted, with the rows it hands back and what it asks of the ledger).
let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	scoringFixture(t.db, c);
});
afterEach(() => t.close());

/** Work of `people` helped, crediting `memberId`, approved at `at` (its ledger rows are written then). */
function approveAt(at: number, people: number, memberId: number) {
	const verifier = { ...provinceVerifier(t.db, f.units.P.id), now: at };
	approvedInitiative(
		contextFor(t.db, f.people.provinceAdmin.id, at),
		verifier,
		vneidSession(c, f.units.B1a1.id, { day: dayOf(daysBefore(3)), people, participantIds: [memberId] })
	);
}

async function movement(now: number): Promise<Record<string, number | null>> {
	const store = new MemoryLeaderboardStore();
	await rebuildBoards(t.db, store);
	const spec = { campaignId: c.campaign.id, subjectType: 'member', scopeUnitId: f.units.P.id, periodCode: 'Y2026', area: null };
	const view = await boardView(t.db, store, spec, { limit: 10, mySubjectId: null, perCapita: false, now });
	return Object.fromEntries(view.rows.map((row) => [row.name, row.moved]));
}

describe('moved since yesterday', () => {
	it('counts places against the start of today, also after rows written today with an earlier time, and from the next midnight', async () => {
		const an = insertPerson(t.db, 'An', { unitId: f.units.B1a1.id }).id;
		const minh = insertPerson(t.db, 'Minh', { unitId: f.units.B1a1.id }).id;
		approveAt(daysBefore(2), 100, an); // 20 points
		approveAt(daysBefore(2), 40, minh); // 14 points
		approveAt(NOW, 300, minh); // 40 more: Minh passes An today
		expect(await movement(NOW)).toEqual({ Minh: 1, An: -1 });

		// A work approved "yesterday" (the clock of the service that wrote it) after the board was read today: it
		// counts in yesterday's standing from the next view on, which a standing kept for the day must not miss.
		const nga = insertPerson(t.db, 'Nga', { unitId: f.units.B1a1.id }).id;
		approveAt(daysBefore(1), 500, nga); // 60 points
		expect(await movement(NOW)).toEqual({ Nga: 0, Minh: 1, An: -1 });

		// Tomorrow, today's standing is yesterday's.
		expect(await movement(daysAfter(1))).toEqual({ Nga: 0, Minh: 0, An: 0 });
	});
});

describe('the explain page behind a score', () => {
	it('lists the ledger rows a page at a time, oldest first, with the sum of all of them (the score)', async () => {
		const minh = insertPerson(t.db, 'Minh', { unitId: f.units.B1a1.id }).id;
		approveAt(daysBefore(3), 40, minh); // 14 points
		approveAt(daysBefore(2), 100, minh); // 20
		approveAt(daysBefore(1), 300, minh); // 40
		const store = new MemoryLeaderboardStore();
		await rebuildBoards(t.db, store);
		const key = boardKey({ campaignId: c.campaign.id, subjectType: 'member', scopeUnitId: f.units.P.id, periodCode: 'Y2026', area: null });
		const first = (await explainScore({ db: t.db, boards: store }, key, minh, 1, 2))!;
		expect(first.entries.map((e) => e.points)).toEqual([14, 20]);
		expect([first.total, first.boardScore]).toEqual([74, 74]);
		expect(first.rows).toEqual({ first: 1, last: 2, count: 3, page: 1, pages: 2 });
		const second = (await explainScore({ db: t.db, boards: store }, key, minh, 2, 2))!;
		expect(second.entries.map((e) => e.points)).toEqual([40]);
		expect(second.rows).toEqual({ first: 3, last: 3, count: 3, page: 2, pages: 2 });
		expect((await explainScore({ db: t.db, boards: store }, key, minh))!.entries).toHaveLength(3);
	});
});

type Statement = Database.Statement;
/** Counts the statements run on `db`'s connection (and the rows they return) while `run` runs. */
async function reads(run: () => Promise<unknown>): Promise<{ statements: number; rows: number; ledger: string[] }> {
	const proto = Object.getPrototypeOf(t.db.$client.prepare('select 1')) as Record<string, (...args: unknown[]) => unknown>;
	const originals = Object.fromEntries(['all', 'get', 'run', 'iterate'].map((name) => [name, proto[name]!]));
	const seen = { statements: 0, rows: 0, ledger: [] as string[] };
	const client = t.db.$client;
	for (const [name, original] of Object.entries(originals))
		proto[name] = function (this: Statement, ...args: unknown[]) {
			const result = original.apply(this, args);
			if (this.database === client) {
				seen.statements++;
				seen.rows += Array.isArray(result) ? result.length : result === undefined ? 0 : 1;
				if (/point_entries/.test(this.source)) seen.ledger.push(this.source);
			}
			return result;
		};
	try {
		await run();
	} finally {
		Object.assign(proto, originals);
	}
	return seen;
}

/** `count` more ledger rows for the same subjects, written over the last weeks (as a busy year would). */
function growLedger(count: number) {
	const insert = t.db.$client.prepare(
		`insert into point_entries (event_id, initiative_id, campaign_id, rule_set_version, rule_code, subject_type, subject_id, points, activity_date, scope_path, content_area, kind, created_at, idempotency_key)
		 select event_id, initiative_id, campaign_id, rule_set_version, rule_code, subject_type, subject_id, 1, activity_date, scope_path, content_area, kind, ?, ? from point_entries where id = ?`
	);
	const ids = t.db.$client.prepare('select id from point_entries').pluck().all() as number[];
	t.db.$client.transaction(() => {
		for (let i = 0; i < count; i++) insert.run(daysBefore(2 + (i % 20)), `grow-${i}`, ids[i % ids.length]);
	})();
}

describe('a board page', () => {
	it('asks the database the same whatever the size of the ledger behind the board, for a visitor and for a member', async () => {
		const an = insertPerson(t.db, 'An', { unitId: f.units.B1a1.id }).id;
		const minh = insertPerson(t.db, 'Minh', { unitId: f.units.B1a1.id }).id;
		approveAt(daysBefore(2), 100, an);
		approveAt(daysBefore(1), 40, minh);
		const boards = new MemoryLeaderboardStore();
		const query = (subject: string) => ({ campaign: null, subject, scopeId: null, period: null, area: null, perCapita: false });
		const views = async () => {
			const counted: Record<string, Awaited<ReturnType<typeof reads>>> = {};
			for (const [who, personId] of [
				['visitor', null],
				['member', an]
			] as const)
				for (const subject of ['member', 'district']) {
					const ctx = { ...contextFor(t.db, personId), boards };
					// The first view of the day reads the day's standing; the ones after it are what every visit costs.
					await leaderboardPage(ctx, query(subject));
					counted[`${who} ${subject}`] = await reads(() => leaderboardPage(ctx, query(subject)));
				}
			return counted;
		};

		await rebuildBoards(t.db, boards);
		const small = await views();
		growLedger(5000);
		await rebuildBoards(t.db, boards);
		const large = await views();

		expect(t.db.$client.prepare('select count(*) from point_entries').pluck().get()).toBeGreaterThan(5000);
		expect(large).toEqual(small);
		for (const [view, read] of Object.entries(large)) {
			expect(read.statements, view).toBeLessThan(40);
			// The ledger is asked only how far it goes (the boards' version), never summed or listed.
			for (const sql of read.ledger) expect(sql, view).toMatch(/^select (coalesce\()?max\("?id"?\)(, 0\) as seq)? from "?point_entries"?$/);
		}
	});
});
