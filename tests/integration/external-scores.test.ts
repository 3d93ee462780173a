import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { campaignFixture, contextFor, orgFixture, rowCounts, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { NOW } from '../helpers/clock';
import { campaigns, externalScores } from '../../src/lib/server/db/schema';
import { importExternalScores } from '../../src/lib/server/figures/external';
import { figuresPage } from '../../src/lib/server/figures/page';
import { AccessDenied } from '../../src/lib/server/auth/authorize';

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
		.set({ externalIndices: [{ code: 'cqs', name: 'Bộ chỉ số đánh giá Chính quyền số' }] })
		.where(eq(campaigns.id, c.campaign.id))
		.run();
});
afterEach(() => t.close());

const office = () => contextFor(t.db, f.people.provinceAdmin.id, NOW);
const importTable = (text: string, year = '2025', ctx = office()) =>
	importExternalScores(ctx, { campaignId: c.campaign.id, indexCode: 'cqs', year, text });

describe('external scores imported per unit per year', () => {
	it('are read from a pasted Excel table by unit name or code and shown beside the figures, best rank first', () => {
		const d2Code = t.db.$client.prepare('select code from units where id = ?').pluck().get(f.units.D2.id) as string;
		expect(importTable(`Đơn vị\tĐiểm\tXếp hạng\nHUYỆN ĐOÀN D1\t71,5\t2\n${d2Code}\t88\t1\n`)).toEqual({ ok: true, count: 2 });
		const page = figuresPage(contextFor(t.db, null), { campaign: null, unit: String(f.units.P.id), period: 'Y2026', cutoff: null })!;
		expect('external' in page && page.external).toEqual([
			{
				code: 'cqs',
				name: 'Bộ chỉ số đánh giá Chính quyền số',
				year: 2025,
				rows: [
					{ unitId: f.units.D2.id, name: 'Huyện đoàn D2', score: 88, rank: 1 },
					{ unitId: f.units.D1.id, name: 'Huyện đoàn D1', score: 71.5, rank: 2 }
				]
			}
		]);
		// A corrected sheet for the year replaces the first one.
		expect(importTable('Đơn vị;Xếp hạng\nHuyện đoàn D1;1\n')).toEqual({ ok: true, count: 1 });
		expect(
			t.db
				.select()
				.from(externalScores)
				.all()
				.map((r) => [r.unitId, r.score, r.rank])
		).toEqual([[f.units.D1.id, null, 1]]);
		// Each period shows the latest year up to its own: 2026's figures the 2026 table once it is imported.
		expect(importTable('Đơn vị;Xếp hạng\nHuyện đoàn D2;3\n', '2026')).toEqual({ ok: true, count: 1 });
		const shown = (period: string) => {
			const page = figuresPage(contextFor(t.db, null), { campaign: null, unit: String(f.units.P.id), period, cutoff: null })!;
			return 'external' in page ? page.external?.map((i) => [i.year, i.rows.map((r) => r.name)]) : null;
		};
		expect(shown('Y2026')).toEqual([[2026, ['Huyện đoàn D2']]]);
		expect(shown('Y2025')).toEqual([[2025, ['Huyện đoàn D1']]]);
	});

	it('refuses a bad table line by line, an unknown index or year, and anyone but the standing office, writing nothing', () => {
		const before = rowCounts(t.db);
		const refused = importTable('Đơn vị,Điểm,Xếp hạng\nHuyện đoàn D1,-5,1\nXã không có,1,1\nHuyện đoàn D1,2,2\n');
		expect(refused).toMatchObject({ ok: false, error: 'externalScores.refused' });
		expect(!refused.ok && refused.problems!.map((p) => [p.line, p.error])).toEqual([
			[2, 'externalScores.badScore'],
			[3, 'unitFinder.unknown'],
			[4, 'externalScores.duplicateUnit']
		]);
		expect(
			importExternalScores(office(), { campaignId: c.campaign.id, indexCode: 'khac', year: '2025', text: 'Đơn vị,Điểm\nHuyện đoàn D1,1' })
		).toEqual({
			ok: false,
			error: 'externalScores.unknownIndex'
		});
		expect(importTable('Đơn vị,Điểm\nHuyện đoàn D1,1', '1999')).toEqual({ ok: false, error: 'externalScores.badYear' });
		expect(importTable('x'.repeat(200_001))).toEqual({ ok: false, error: 'externalScores.tooLarge' });
		expect(() => importTable('Đơn vị,Điểm\nHuyện đoàn D1,1', '2025', contextFor(t.db, f.people.d1Admin.id, NOW))).toThrow(AccessDenied);
		expect(rowCounts(t.db)).toEqual({ ...before, audit_log: rowCounts(t.db).audit_log });
		expect(t.db.select().from(externalScores).all()).toEqual([]);
	});
});
