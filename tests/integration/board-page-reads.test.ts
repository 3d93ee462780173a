import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { contextFor, insertPerson, orgFixture, campaignFixture, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { NOW, dayOf, daysBefore } from '../helpers/clock';
import { approvedInitiative, provinceVerifier, vneidSession } from '../helpers/factories';
import { rebuildBoards } from '../../src/lib/server/scoring/projection';
import { MemoryLeaderboardStore } from '../../src/lib/server/scoring/memory-store';
import { leaderboardPage } from '../../src/lib/server/scoring/leaderboard-page';

// Issue 14: a board page reads the boards, never the ledger behind them, so what it asks the database is the same
// whatever the ledger's size. Every statement the page runs is counted, with the rows it hands back and what it
// asks of the ledger.
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

/** Work approved at `at` crediting `memberId`: its ledger rows as the app writes them. */
function approveAt(at: number, people: number, memberId: number) {
	const verifier = { ...provinceVerifier(t.db, f.units.P.id), now: at };
	approvedInitiative(
		contextFor(t.db, f.people.provinceAdmin.id, at),
		verifier,
		vneidSession(c, f.units.B1a1.id, { day: dayOf(daysBefore(3)), people, participantIds: [memberId] })
	);
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
