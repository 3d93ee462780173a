import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { campaignFixture, contextFor, orgFixture, rowCounts, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { approvedInitiative, provinceVerifier, vneidSession } from '../helpers/factories';
import type { ServiceContext } from '../../src/lib/server/context';
import { changePeriod, frozenStandings, adjustmentsAfterClose, allPeriods } from '../../src/lib/server/scoring/periods';
import { applyRecompute, previewRecompute } from '../../src/lib/server/scoring/recompute';
import { saveDraft, setRuleSetStatus } from '../../src/lib/server/scoring/rule-sets';
import { boardsFromLedger, syncBoards, verifyBoards } from '../../src/lib/server/scoring/projection';
import { MemoryLeaderboardStore } from '../../src/lib/server/scoring/memory-store';
import { ClosedPeriodBoards, withClosedPeriods } from '../../src/lib/server/scoring/closed-boards';
import type { LeaderboardStore } from '../../src/lib/server/scoring/store';
import { savePeriod } from '../../src/lib/server/campaigns/editors';
import { auditLog, badgeAwards, badgeDefinitions, periods, pointEntries } from '../../src/lib/server/db/schema';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
let verifier: ServiceContext | null;
beforeEach(() => {
	verifier = null;
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	scoringFixture(t.db, c);
});
afterEach(() => t.close());

/** Approves `people` helped at `unitId` on `day`: logged by the province admin, approved by another at the province. */
function approve(unitId: number, people: string, day: string, participants: number[] = []) {
	verifier ??= provinceVerifier(t.db, f.units.P.id);
	return approvedInitiative(province(), verifier, vneidSession(c, unitId, { day, people, title: `x${day}`, participantIds: participants }))
		.id;
}

const period = (code: string) => t.db.select().from(periods).where(eq(periods.code, code)).get()!;
const province = () => contextFor(t.db, f.people.provinceAdmin.id);

describe('periods', () => {
	it('closing freezes every board with the tie-break; a late approval shows as an adjustment; reopening is audited', () => {
		approve(f.units.B1a1.id, '120', '2025-05-01'); // 22
		approve(f.units.B1a2.id, '50', '2025-06-01'); // 15
		approve(f.units.B1a2.id, '5', '2025-06-02'); // 10 → B1a2 25 over two initiatives
		approve(f.units.B1b1.id, '150', '2025-07-01'); // 25 over one initiative: behind B1a2 on the tie-break
		expect(() => changePeriod(contextFor(t.db, f.people.d1Admin.id), period('Y2025').id, 'close')).toThrow();
		expect(changePeriod(province(), period('Y2025').id, 'close')).toEqual({ ok: true });
		const key = `${c.campaign.id}|branch|${f.units.P.id}|Y2025`;
		expect(frozenStandings(t.db, period('Y2025').id, key).map((s) => [s.subjectId, s.points, s.rank])).toEqual([
			[f.units.B1a2.id, 25, 1],
			[f.units.B1b1.id, 25, 2],
			[f.units.B1a1.id, 22, 3]
		]);
		expect(changePeriod(province(), period('Y2025').id, 'close')).toEqual({ ok: false, error: 'wrongState' });

		approve(f.units.B1a1.id, '100', '2025-12-30'); // late: 20 more for B1a1 after the close
		expect(frozenStandings(t.db, period('Y2025').id, key).find((s) => s.subjectId === f.units.B1a1.id)!.points).toBe(22);
		expect(adjustmentsAfterClose(t.db, period('Y2025'), key)).toEqual(new Map([[f.units.B1a1.id, 20]]));

		expect(changePeriod(province(), period('Y2025').id, 'reopen')).toEqual({ ok: true });
		const audit = t.db
			.select({ action: auditLog.action, actorId: auditLog.actorId })
			.from(auditLog)
			.all()
			.filter((a) => a.action.startsWith('period.'));
		expect(audit).toEqual([
			{ action: 'period.close', actorId: f.people.provinceAdmin.id },
			{ action: 'period.reopen', actorId: f.people.provinceAdmin.id }
		]);
	});
});

describe('rule versions and recompute', () => {
	it('hostile definitions are refused by validation with a clear message', () => {
		const json = (rules: unknown) => JSON.stringify({ rules });
		const base = { code: 'VNEID2', activityTypeId: c.vneid.id, basePoints: 10, perMeasure: [], credits: ['unit'] };
		const before = rowCounts(t.db);
		for (const [rules, message] of [
			[[{ ...base, caps: { unit: -1 } }], 'không được nhỏ hơn 1'],
			[[{ ...base, perMeasure: [{ measure: 'secret', points: 1, every: 1 }] }], 'không có kết quả “secret”'],
			[[{ ...base, credits: ['verifier'] }], 'Chỉ cộng điểm cho'],
			[[{ ...base, basePoints: 1e9 }], 'không được lớn hơn']
		] as const) {
			const result = saveDraft(province(), c.campaign.id, { json: json(rules), effectiveFrom: '2026-01-01', note: '' });
			expect(result.ok).toBe(false);
			if (!result.ok)
				expect(result).toMatchObject({ error: 'rules.invalid', details: expect.arrayContaining([expect.stringContaining(message)]) });
		}
		expect(saveDraft(province(), c.campaign.id, { json: '{not json', effectiveFrom: '2026-01-01', note: '' })).toEqual({
			ok: false,
			error: 'rules.badJson',
			details: []
		});
		expect(rowCounts(t.db)).toEqual(before);
		expect(() =>
			saveDraft(contextFor(t.db, f.people.d1Admin.id), c.campaign.id, { json: json([base]), effectiveFrom: '2026-01-01', note: '' })
		).toThrow();
		expect(rowCounts(t.db)).toEqual({ ...before, audit_log: before.audit_log! + 1 });
	});

	it('a recompute preview lists exactly what the apply then changes; closed periods are untouched', () => {
		t.db
			.insert(badgeDefinitions)
			.values({
				code: 'buoc-dau',
				name: 'Bước chân đầu tiên',
				howToEarn: 'Sáng kiến đầu tiên',
				icon: 'rocket',
				spec: { kind: 'first', subject: 'member' }
			})
			.run();
		approve(f.units.B1a1.id, '120', '2026-03-01', [f.people.member.id]);
		approve(f.units.B1b1.id, '40', '2026-04-01');
		approve(f.units.B1a1.id, '60', '2025-03-01');
		changePeriod(province(), period('Y2025').id, 'close');
		const v2 = saveDraft(province(), c.campaign.id, {
			json: JSON.stringify({ rules: [{ code: 'VNEID', activityTypeId: c.vneid.id, basePoints: 30, perMeasure: [], credits: ['unit'] }] }),
			effectiveFrom: '2026-01-01',
			note: 'Tăng điểm cơ bản, bỏ điểm cá nhân'
		});
		expect(v2).toEqual({ ok: true, version: 2 });
		expect(setRuleSetStatus(province(), c.campaign.id, 2, 'active')).toBe(true);

		const beforePreview = rowCounts(t.db);
		const preview = previewRecompute(t.db, c.campaign.id, 2);
		if ('error' in preview) throw new Error([preview.error, ...preview.details].join(' '));
		expect(rowCounts(t.db)).toEqual(beforePreview); // the dry run wrote nothing
		expect(preview.skippedClosed).toBe(1);
		// Member credits go to zero; unit credits move to 30.
		expect(preview.lines.find((l) => l.subjectType === 'member')).toMatchObject({ current: 22, target: 0, delta: -22 });
		expect(preview.lines.filter((l) => l.subjectType === 'branch').map((l) => [l.subjectId, l.current, l.target])).toEqual([
			[f.units.B1a1.id, 22, 30],
			[f.units.B1b1.id, 14, 30]
		]);
		expect(preview.rankChanges.length).toBeGreaterThan(0);
		// The member loses their only points, so the preview says the badge would go.
		expect(preview.badgeChanges).toEqual([
			{ badgeCode: 'buoc-dau', level: 1, subjectType: 'member', subjectId: f.people.member.id, periodCode: 'ALL', change: 'revoked' }
		]);

		const before = boardsFromLedger(t.db);
		const applied = applyRecompute(province(), c.campaign.id, 2, preview.lines);
		expect(applied.ok).toBe(true);
		if (!applied.ok) return;
		expect(applied.entries.map((e) => [e.initiativeId, e.ruleCode, e.subjectType, e.subjectId, e.points])).toEqual(
			preview.lines.map((l) => [l.initiativeId, l.ruleCode, l.subjectType, l.subjectId, l.delta])
		);
		// Closed 2025 boards did not move; a second preview finds nothing left to change.
		expect(boardsFromLedger(t.db).get(`${c.campaign.id}|branch|${f.units.P.id}|Y2025`)).toEqual(
			before.get(`${c.campaign.id}|branch|${f.units.P.id}|Y2025`)
		);
		const again = previewRecompute(t.db, c.campaign.id, 2);
		expect('error' in again ? again : again.lines).toEqual([]);
		expect(
			t.db
				.select()
				.from(pointEntries)
				.all()
				.filter((e) => e.kind === 'recompute')
		).toHaveLength(preview.lines.length);
		expect(applyRecompute(province(), c.campaign.id, 2, preview.lines)).toMatchObject({ ok: false });
		expect(
			t.db
				.select()
				.from(badgeAwards)
				.all()
				.map((a) => [a.badgeCode, a.revokedAt !== null])
		).toEqual([['buoc-dau', true]]);
	});
});

/** Boards of closed periods are read through `boards`; `held` is the store under it. */
let held: MemoryLeaderboardStore;
let boards: LeaderboardStore;
/** The board as the whole ledger says, whatever the periods' state. */
const fromLedger = (key: string) =>
	new Map([...(boardsFromLedger(t.db, allPeriods(t.db)).get(key) ?? new Map<string, { score: number }>())].map(([id, v]) => [id, v.score]));
const scoresShown = async (key: string) => new Map((await boards.top(key, 100)).map((r) => [r.subjectId, r.score]));

describe('boards of closed periods', () => {
	beforeEach(() => {
		held = new MemoryLeaderboardStore();
		boards = withClosedPeriods(t.db, held);
	});

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

	it('readers of a closed board at once share one read of it, and one copy brought up to date', async () => {
		approve(f.units.B1a1.id, '120', '2025-05-01');
		approve(f.units.B1b1.id, '150', '2025-07-01');
		expect(changePeriod(province(), period('Y2025').id, 'close')).toEqual({ ok: true });
		const key = `${c.campaign.id}|branch|${f.units.P.id}|Y2025`;
		const closed = new ClosedPeriodBoards(t.db);
		// A board page asks for the top and the size at once: neither reads the whole board again behind the other.
		const first = await Promise.all([closed.boardOf(key), closed.boardOf(key), closed.boardOf(key)]);
		expect(first[0]).not.toBeNull();
		expect(first[1]).toBe(first[0]);
		expect(first[2]).toBe(first[0]);
		approve(f.units.B1a1.id, '300', '2025-12-30');
		const later = await Promise.all([closed.boardOf(key), closed.boardOf(key)]);
		expect(later[0]).toBe(first[0]);
		expect(later[1]).toBe(first[0]);
		expect(new Map((await later[0]!.top(key, 100)).map((r) => [r.subjectId, r.score]))).toEqual(fromLedger(key));
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
