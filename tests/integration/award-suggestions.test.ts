import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { campaignFixture, contextFor, orgFixture, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { approvedInitiative, provinceVerifier, vneidSession } from '../helpers/factories';
import { campaigns, periods } from '../../src/lib/server/db/schema';
import { changePeriod } from '../../src/lib/server/scoring/periods';
import { openReport, submitReport } from '../../src/lib/server/reports/service';
import { awardSuggestions } from '../../src/lib/server/awards/suggestions';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	scoringFixture(t.db, c);
	t.db
		.update(campaigns)
		.set({
			awardForms: [
				{
					code: 'BK',
					name: 'Bằng khen của Chủ tịch UBND tỉnh',
					subjects: ['collective', 'individual'],
					quotas: [{ period: 'year', total: 5 }]
				}
			]
		})
		.where(eq(campaigns.id, c.campaign.id))
		.run();
});
afterEach(() => t.close());

const province = () => contextFor(t.db, f.people.provinceAdmin.id);
const y2025 = () =>
	t.db
		.select()
		.from(periods)
		.where(and(eq(periods.campaignId, c.campaign.id), eq(periods.code, 'Y2025')))
		.get()!;

describe('award suggestions', () => {
	it('list the leaders of each frozen board with their rank, points, works and whether their report came on time', () => {
		const verifier = provinceVerifier(t.db, f.units.P.id);
		// The fixture's member (branch B1a1) takes part in district D1's works.
		const work = (unitId: number, people: string, day: string, participantIds: number[] = []) =>
			approvedInitiative(province(), verifier, vneidSession(c, unitId, { day, people, title: `x${day}`, participantIds }));
		work(f.units.B1a1.id, '120', '2025-05-01', [f.people.member.id]);
		work(f.units.B1a1.id, '30', '2025-05-02', [f.people.member.id]);
		work(f.units.B2a1.id, '50', '2025-06-01');
		const period = y2025();
		const scope = { campaignId: c.campaign.id, unitId: f.units.P.id, periodId: period.id };
		// Before the period closes its standings are not final: nothing is suggested yet.
		expect(awardSuggestions(province(), scope)).toMatchObject({ closed: false, boards: [] });

		const d1 = contextFor(t.db, f.people.d1Admin.id);
		const opened = openReport(d1, { campaignId: c.campaign.id, unitId: f.units.D1.id, periodId: period.id });
		submitReport(d1, opened.ok ? opened.id : 0, { narrative: { results: 'Kết quả năm 2025' }, cutoffDay: '' });
		expect(changePeriod(province(), period.id, 'close')).toEqual({ ok: true });

		const suggested = awardSuggestions(province(), scope)!;
		expect(suggested.forms).toEqual([
			{ code: 'BK', name: 'Bằng khen của Chủ tịch UBND tỉnh', subjects: ['collective', 'individual'], quota: { period: 'year', total: 5 } }
		]);
		const board = (code: string) => suggested.boards.find((b) => b.code === code)!;
		expect(board('district').rows.map((r) => [r.name, r.rank, r.works, r.onTimeReport])).toEqual([
			['Huyện đoàn D1', 1, 2, false],
			['Huyện đoàn D2', 2, 1, null]
		]);
		expect(board('member').rows.map((r) => [r.subjectId, r.rank, r.works])).toEqual([[f.people.member.id, 1, 2]]);
		expect(board('member').collective).toBe(false);

		// A district sees its own scope; a member sees nothing.
		expect(
			awardSuggestions(d1, { ...scope, unitId: f.units.D1.id })!
				.boards.find((b) => b.code === 'branch')!
				.rows.map((r) => r.name)
		).toEqual(['Chi đoàn B1a1']);
		expect(awardSuggestions(d1, scope)).toBeNull();
		expect(awardSuggestions(contextFor(t.db, f.people.member.id), scope)).toBeNull();
	});
});
