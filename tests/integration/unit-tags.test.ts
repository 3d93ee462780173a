import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
	campaignFixture,
	contextFor,
	insertPerson,
	insertUnit,
	orgFixture,
	rowCounts,
	scoringFixture,
	tempDatabase,
	type TempDb
} from '../helpers/db';
import { approvedInitiative, provinceVerifier, vneidSession } from '../helpers/factories';
import { daysBefore, NOW } from '../helpers/clock';
import { campaigns } from '../../src/lib/server/db/schema';
import { setTagUnits, tagsWithUnits } from '../../src/lib/server/figures/tags';
import { figuresOf } from '../../src/lib/server/figures/figures';
import { recordStock, stocksOf } from '../../src/lib/server/figures/stocks';
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
		.set({
			unitTags: [
				{ code: 'vu-trang', label: 'Khối lực lượng vũ trang', excludeFromShares: true },
				{ code: 'co-quan', label: 'Khối cơ quan', excludeFromShares: false }
			],
			stockIndicators: [{ code: 'app', label: 'Cài ứng dụng Thanh niên Việt Nam', unitLabel: 'đoàn viên', ratioToMembers: true }]
		})
		.where(eq(campaigns.id, c.campaign.id))
		.run();
	for (let i = 0; i < 3; i++) insertPerson(t.db, `Chiến sĩ ${i}`, { unitId: f.units.B2a1.id });
	const verifier = provinceVerifier(t.db, f.units.P.id);
	const author = contextFor(t.db, f.people.provinceAdmin.id, daysBefore(3));
	approvedInitiative(author, { ...verifier, now: daysBefore(2) }, vneidSession(c, f.units.B1a1.id, { people: 40 }));
	approvedInitiative(author, { ...verifier, now: daysBefore(2) }, vneidSession(c, f.units.B2a1.id, { people: 10 }));
	approvedInitiative(author, { ...verifier, now: daysBefore(2) }, vneidSession(c, f.units.B2a1.id, { people: 12 }));
});
afterEach(() => t.close());

const office = () => contextFor(t.db, f.people.provinceAdmin.id, NOW);
const scope = { from: '2026-01-01', to: '2026-12-31', cutoffAt: NOW };

describe('unit tags (khối)', () => {
	it('count a tagged subtree apart in the figures and keep its members out of shares', () => {
		expect(setTagUnits(office(), { campaignId: c.campaign.id, tagCode: 'vu-trang', text: '- HUYỆN ĐOÀN D2\n\n' })).toEqual({
			ok: true,
			count: 1
		});
		expect(tagsWithUnits(t.db, c.campaign.id).map((tag) => [tag.code, tag.units.map((u) => u.name)])).toEqual([
			['vu-trang', ['Huyện đoàn D2']],
			['co-quan', []]
		]);
		const province = figuresOf(t.db, { campaignId: c.campaign.id, unitId: f.units.P.id, ...scope })!;
		expect(province.byTag).toEqual([
			{ code: 'vu-trang', label: 'Khối lực lượng vũ trang', units: 1, members: 3, works: 2 },
			{ code: 'co-quan', label: 'Khối cơ quan', units: 0, members: 0, works: 0 }
		]);
		// Inside D1 nothing is tagged.
		expect(figuresOf(t.db, { campaignId: c.campaign.id, unitId: f.units.D1.id, ...scope })!.byTag![0]).toMatchObject({
			units: 0,
			works: 0
		});

		// The province's own count of app users is shared over its members without the armed forces' three.
		expect(recordStock(office(), { campaignId: c.campaign.id, unitId: f.units.P.id, code: 'app', value: '2', onDay: '' })).toEqual({
			ok: true
		});
		const members = t.db.$client.prepare('select count(distinct person_id) from memberships').pluck().get() as number;
		const [app] = stocksOf(t.db, c.campaign.id, f.units.P, '2026-11-25');
		expect(app!.total!.members).toBe(members - 3);
	});

	it('refuse a list naming an unknown or ambiguous unit, an unknown tag, and anyone but the standing office, changing nothing', () => {
		insertUnit(t.db, f.units.D1, 'Huyện đoàn D2', 'grassroots');
		const before = rowCounts(t.db);
		const refused = setTagUnits(office(), { campaignId: c.campaign.id, tagCode: 'vu-trang', text: 'Huyện đoàn D2\nXã không có' });
		expect(refused).toMatchObject({ ok: false, error: 'unitTags.refused' });
		expect(!refused.ok && refused.problems!.map((p) => [p.line, p.error])).toEqual([
			[1, 'unitFinder.ambiguous'],
			[2, 'unitFinder.unknown']
		]);
		expect(setTagUnits(office(), { campaignId: c.campaign.id, tagCode: 'khac', text: '' })).toEqual({
			ok: false,
			error: 'unitTags.unknownTag'
		});
		expect(() =>
			setTagUnits(contextFor(t.db, f.people.d1Admin.id, NOW), { campaignId: c.campaign.id, tagCode: 'vu-trang', text: '' })
		).toThrow(AccessDenied);
		expect({ ...rowCounts(t.db), audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
	});
});
