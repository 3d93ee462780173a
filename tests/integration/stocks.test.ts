import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { campaignFixture, contextFor, insertPerson, orgFixture, rowCounts, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { NOW } from '../helpers/clock';
import { campaigns } from '../../src/lib/server/db/schema';
import { recordStock, stocksOf, verifyStock } from '../../src/lib/server/figures/stocks';
import { acceptTargets, openTargets, submitTargets, targetsView } from '../../src/lib/server/targets/service';
import { periods } from '../../src/lib/server/db/schema';
import { and } from 'drizzle-orm';
import { figuresPage } from '../../src/lib/server/figures/page';

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
			stockIndicators: [
				{ code: 'tnvn-app', label: 'Đoàn viên đã cài ứng dụng Thanh niên Việt Nam', unitLabel: 'đoàn viên', ratioToMembers: true },
				{ code: 'cashless', label: 'Hộ thanh toán không dùng tiền mặt', unitLabel: 'hộ', ratioToMembers: false }
			]
		})
		.where(eq(campaigns.id, c.campaign.id))
		.run();
	// Five members in branch B1a1 (the fixture's member and four more), two in B1b1.
	for (let i = 0; i < 4; i++) insertPerson(t.db, `Đoàn viên A${i}`, { unitId: f.units.B1a1.id });
	for (let i = 0; i < 2; i++) insertPerson(t.db, `Đoàn viên B${i}`, { unitId: f.units.B1b1.id });
});
afterEach(() => t.close());

const district = () => contextFor(t.db, f.people.d1Admin.id, NOW);
const enter = (unitId: number, code: string, value: string, onDay = '') =>
	recordStock(district(), { campaignId: c.campaign.id, unitId, code, value, onDay });
const app = (unitId: number, day = '2026-11-25') => stocksOf(t.db, c.campaign.id, { id: unitId, path: pathOf(unitId) }, day)[0]!;
const pathOf = (id: number) => Object.values(f.units).find((u) => u.id === id)!.path;

describe('stock indicators entered per unit per day', () => {
	it('show the latest value at the cut-off, add up units without adding up dates, and a share of the members covered', () => {
		expect(enter(f.units.B1a1.id, 'tnvn-app', '2', '2026-11-01')).toEqual({ ok: true });
		expect(enter(f.units.B1a1.id, 'tnvn-app', '3', '2026-11-20')).toEqual({ ok: true });
		expect(enter(f.units.B1b1.id, 'tnvn-app', '1', '2026-11-05')).toEqual({ ok: true });
		const d1 = app(f.units.D1.id);
		expect(d1.total).toEqual({ value: 4, oldestDay: '2026-11-05', units: 2, members: 7 });
		expect(d1.share).toBe(57.1);
		expect(app(f.units.D1.id, '2026-11-10').total!.value).toBe(3);
		expect(app(f.units.D2.id).total).toBeNull();

		// The district's own count covers its whole subtree: its children's values are not added to it.
		expect(enter(f.units.D1.id, 'tnvn-app', '5')).toEqual({ ok: true });
		expect(app(f.units.D1.id).total!.value).toBe(5);
		expect(enter(f.units.D1.id, 'tnvn-app', '6')).toEqual({ ok: true });
		expect(app(f.units.D1.id).total!.value).toBe(6);
		expect(app(f.units.D1.id).own).toEqual({ value: 6, onDay: '2026-11-25' });

		const page = figuresPage(district(), { campaign: null, unit: String(f.units.D1.id), period: 'Y2026', cutoff: null })!;
		expect('stocks' in page && page.stocks?.map((s) => [s.code, s.total?.value ?? null])).toEqual([
			['tnvn-app', 6],
			['cashless', null]
		]);
		expect('mayEnterStocks' in page && page.mayEnterStocks).toBe(true);
		expect(
			figuresPage(contextFor(t.db, null), { campaign: null, unit: String(f.units.D1.id), period: 'Y2026', cutoff: null })
		).toMatchObject({
			mayEnterStocks: false
		});
	});

	it('refuses another district, an unknown indicator, a future day, a negative value and more than the members, writing nothing', () => {
		const before = rowCounts(t.db);
		expect(enter(f.units.B2a1.id, 'tnvn-app', '1')).toMatchObject({ ok: false, problem: 'forbidden' });
		expect(enter(f.units.B1a1.id, 'khong-co', '1')).toMatchObject({ ok: false, problem: 'notFound' });
		expect(enter(f.units.B1a1.id, 'tnvn-app', '1', '2026-12-31')).toMatchObject({ ok: false, error: 'stocks.dayFuture' });
		expect(enter(f.units.B1a1.id, 'tnvn-app', '-1')).toMatchObject({ ok: false, error: 'stocks.negative' });
		expect(enter(f.units.B1a1.id, 'tnvn-app', '6')).toMatchObject({ ok: false, error: 'stocks.aboveMembers' });
		expect(enter(f.units.B1a1.id, 'cashless', '=1+1')).toMatchObject({ ok: false, error: 'stocks.notNumber' });
		expect(rowCounts(t.db)).toEqual(before);
		expect(enter(f.units.B1a1.id, 'cashless', '1.500')).toEqual({ ok: true });
	});

	it('a KPI the level above verifies counts only once an admin above, not the one who entered it, confirms it', () => {
		t.db
			.update(campaigns)
			.set({
				stockIndicators: [
					{ code: 'cqs', label: 'Hộ dùng dịch vụ công trực tuyến', unitLabel: 'hộ', ratioToMembers: false, verifiedByLevelAbove: true }
				]
			})
			.where(eq(campaigns.id, c.campaign.id))
			.run();
		const g1a = contextFor(t.db, f.people.g1aAdmin.id, NOW);
		const province = contextFor(t.db, f.people.provinceAdmin.id, NOW);
		const kpi = () => stocksOf(t.db, c.campaign.id, f.units.G1a, '2026-11-25')[0]!;
		expect(recordStock(g1a, { campaignId: c.campaign.id, unitId: f.units.G1a.id, code: 'cqs', value: '120', onDay: '' })).toEqual({
			ok: true
		});
		expect(kpi()).toMatchObject({ total: null, pending: { value: 120, onDay: '2026-11-25' } });
		// G1a cannot confirm its own value; D1 (the level above) can; the province admin entered nothing here either.
		expect(verifyStock(g1a, { campaignId: c.campaign.id, unitId: f.units.G1a.id, code: 'cqs' })).toMatchObject({
			ok: false,
			problem: 'forbidden'
		});
		expect(verifyStock(district(), { campaignId: c.campaign.id, unitId: f.units.G1a.id, code: 'cqs' })).toEqual({ ok: true });
		expect(kpi()).toMatchObject({ total: { value: 120 }, pending: null });
		expect(verifyStock(district(), { campaignId: c.campaign.id, unitId: f.units.G1a.id, code: 'cqs' })).toMatchObject({
			ok: false,
			error: 'stocks.nothingToVerify'
		});

		// A district admin who enters the commune's value does not confirm it himself; a correction waits again.
		expect(enter(f.units.G1a.id, 'cqs', '150')).toEqual({ ok: true });
		expect(verifyStock(district(), { campaignId: c.campaign.id, unitId: f.units.G1a.id, code: 'cqs' })).toMatchObject({
			ok: false,
			error: 'stocks.ownEntry'
		});
		expect(kpi()).toMatchObject({ total: { value: 120 }, pending: { value: 150 } });
		expect(verifyStock(province, { campaignId: c.campaign.id, unitId: f.units.G1a.id, code: 'cqs' })).toEqual({ ok: true });
		expect(kpi().total!.value).toBe(150);

		// A 2030 target on the KPI measures progress by its confirmed value.
		const phase = t.db
			.select({ id: periods.id })
			.from(periods)
			.where(and(eq(periods.campaignId, c.campaign.id), eq(periods.code, 'PH2')))
			.get()!.id;
		const opened = openTargets(g1a, { campaignId: c.campaign.id, unitId: f.units.G1a.id, periodId: phase });
		const id = opened.ok ? opened.id : 0;
		expect(submitTargets(g1a, id, { 'stock.cqs': '300' })).toEqual({ ok: true, id });
		expect(acceptTargets(district(), id)).toEqual({ ok: true, id });
		const row = targetsView(g1a, id)!.rows.find((r) => r.key === 'stock.cqs')!;
		expect([row.actual, row.progress?.percent]).toEqual([150, 50]);
	});

	it('a share in % is the unit’s own, never added up over units, and above 100 is refused', () => {
		t.db
			.update(campaigns)
			.set({
				stockIndicators: [{ code: 'fibre', label: 'Hộ gia đình có cáp quang', unitLabel: '%', ratioToMembers: false, percent: true }]
			})
			.where(eq(campaigns.id, c.campaign.id))
			.run();
		expect(enter(f.units.G1a.id, 'fibre', '35', '2026-01-15')).toEqual({ ok: true });
		expect(enter(f.units.G1a.id, 'fibre', '42,5')).toEqual({ ok: true });
		expect(enter(f.units.G1b.id, 'fibre', '60')).toEqual({ ok: true });
		expect(enter(f.units.G1b.id, 'fibre', '101')).toMatchObject({ ok: false, error: 'stocks.abovePercent' });
		const [g1a] = stocksOf(t.db, c.campaign.id, f.units.G1a, '2026-11-25');
		expect([g1a!.total?.value, g1a!.baseline]).toEqual([42.5, { value: 35, onDay: '2026-01-15' }]);
		expect(stocksOf(t.db, c.campaign.id, f.units.D1, '2026-11-25')[0]!.total).toBeNull();
	});
});
