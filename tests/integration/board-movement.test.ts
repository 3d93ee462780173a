import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextFor, insertPerson, orgFixture, campaignFixture, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { NOW, dayOf, daysAfter, daysBefore } from '../helpers/clock';
import { approvedInitiative, provinceVerifier, vneidSession } from '../helpers/factories';
import { rebuildBoards } from '../../src/lib/server/scoring/projection';
import { MemoryLeaderboardStore } from '../../src/lib/server/scoring/memory-store';
import { boardView } from '../../src/lib/server/scoring/boards';
import { explainScore } from '../../src/lib/server/scoring/leaderboard-page';
import { boardKey } from '../../src/lib/domain/scoring/boards';

// "Moved since yesterday" on a board (each row's place now against its place at the start of the Vietnamese day),
// and the explain page behind a score.
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
