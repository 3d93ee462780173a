import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { campaignFixture, contextFor, orgFixture, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { approvedInitiative, provinceVerifier, vneidSession } from '../helpers/factories';
import type { ServiceContext } from '../../src/lib/server/context';
import { changePeriod, allPeriods } from '../../src/lib/server/scoring/periods';
import { boardsFromLedger, syncBoards, verifyBoards } from '../../src/lib/server/scoring/projection';
import { MemoryLeaderboardStore } from '../../src/lib/server/scoring/memory-store';
import { withClosedPeriods } from '../../src/lib/server/scoring/closed-boards';
import type { LeaderboardStore } from '../../src/lib/server/scoring/store';
import { periods } from '../../src/lib/server/db/schema';
import { savePeriod } from '../../src/lib/server/campaigns/editors';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
let verifier: ServiceContext | null;
let held: MemoryLeaderboardStore;
let boards: LeaderboardStore;
beforeEach(() => {
	verifier = null;
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	scoringFixture(t.db, c);
	held = new MemoryLeaderboardStore();
	boards = withClosedPeriods(t.db, held);
});
afterEach(() => t.close());

function approve(unitId: number, people: string, day: string) {
	verifier ??= provinceVerifier(t.db, f.units.P.id);
	return approvedInitiative(province(), verifier, vneidSession(c, unitId, { day, people, title: `x${day}` })).id;
}
const period = (code: string) => t.db.select().from(periods).where(eq(periods.code, code)).get()!;
const province = () => contextFor(t.db, f.people.provinceAdmin.id);
/** The board as the whole ledger says, whatever the periods' state. */
const fromLedger = (key: string) =>
	new Map([...(boardsFromLedger(t.db, allPeriods(t.db)).get(key) ?? new Map<string, { score: number }>())].map(([id, v]) => [id, v.score]));
const scoresShown = async (key: string) => new Map((await boards.top(key, 100)).map((r) => [r.subjectId, r.score]));

describe('boards of closed periods', () => {
	it('leave the store and are read from the ledger, late work included; reopened, the store holds them again', async () => {
		approve(f.units.B1a1.id, '120', '2025-05-01');
		approve(f.units.B1b1.id, '150', '2025-07-01');
		approve(f.units.B1a1.id, '40', '2026-03-01');
		await syncBoards(t.db, boards, { rebuild: true });
		const key = `${c.campaign.id}|branch|${f.units.P.id}|Y2025`;
		const whileOpen = await boards.top(key, 100);
		expect(whileOpen.map((r) => r.subjectId)).toEqual([String(f.units.B1b1.id), String(f.units.B1a1.id)]);
		expect(await held.keys()).toContain(key);

		expect(changePeriod(province(), period('Y2025').id, 'close')).toEqual({ ok: true });
		expect(await syncBoards(t.db, boards)).toMatchObject({ rebuilt: true });
		// The store keeps none of the closed year's boards, and every reader still gets them, as they stood.
		expect((await held.keys()).filter((k) => k.endsWith('|Y2025') || k.includes('|Y2025|'))).toEqual([]);
		expect(await held.keys()).toContain(`${c.campaign.id}|branch|${f.units.P.id}|Y2026`);
		expect(await boards.top(key, 100)).toEqual(whileOpen);
		expect(await boards.size(key)).toBe(2);
		expect(await boards.row(key, String(f.units.B1a1.id))).toEqual(whileOpen[1]);
		expect(await boards.around(key, String(f.units.B1a1.id), 1)).toEqual(whileOpen);

		// Work done in the closed year and approved late moves its board (read before, so brought up to date).
		const late = approve(f.units.B1a1.id, '300', '2025-12-30');
		await syncBoards(t.db, boards);
		expect(await scoresShown(key)).toEqual(fromLedger(key));
		expect((await boards.row(key, String(f.units.B1a1.id)))!.rank).toBe(1);
		expect(late).toBeGreaterThan(0);
		expect((await held.keys()).some((k) => k.includes('|Y2025'))).toBe(false);

		expect(changePeriod(province(), period('Y2025').id, 'reopen')).toEqual({ ok: true });
		expect(await syncBoards(t.db, boards)).toMatchObject({ rebuilt: true });
		expect(await held.keys()).toContain(key);
		expect(new Map((await held.top(key, 100)).map((r) => [r.subjectId, r.score]))).toEqual(fromLedger(key));
		expect(await verifyBoards(t.db, boards)).toEqual([]);
		// Open again, it follows approvals in the store as before.
		approve(f.units.B1b1.id, '100', '2025-11-01');
		expect(await syncBoards(t.db, boards)).toMatchObject({ rebuilt: false, keys: expect.arrayContaining([key]) });
		expect(new Map((await held.top(key, 100)).map((r) => [r.subjectId, r.score]))).toEqual(fromLedger(key));
	});

	it('a period added over work already approved has that work on its boards at once', async () => {
		approve(f.units.B1a1.id, '120', '2026-03-01');
		await syncBoards(t.db, boards, { rebuild: true });
		const fields = { code: 'QUY1', name: 'Quý I/2026', kind: 'campaign' as const, startsOn: '2026-01-01', endsOn: '2026-03-31' };
		expect(savePeriod(province(), c.campaign.id, { original: '', ...fields })).toMatchObject({ ok: true });
		expect(await syncBoards(t.db, boards)).toMatchObject({ rebuilt: true });
		const key = `${c.campaign.id}|branch|${f.units.P.id}|QUY1`;
		expect(await scoresShown(key)).toEqual(fromLedger(key));
		expect((await boards.row(key, String(f.units.B1a1.id)))?.score).toBeGreaterThan(0);
	});
});
