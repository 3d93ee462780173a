import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { campaignFixture, contextFor, insertPerson, orgFixture, rowCounts, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { approvedInitiative, provinceVerifier, vneidSession } from '../helpers/factories';
import { daysBefore, NOW } from '../helpers/clock';
import { periods, unitTargets } from '../../src/lib/server/db/schema';
import {
	acceptTargets,
	acceptedTargets,
	openTargets,
	registrations,
	returnTargets,
	saveTargets,
	submitTargets,
	targetsView,
	unitProgress
} from '../../src/lib/server/targets/service';
import { figuresPage } from '../../src/lib/server/figures/page';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
let periodId: number;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	scoringFixture(t.db, c);
	periodId = t.db
		.select({ id: periods.id })
		.from(periods)
		.where(and(eq(periods.campaignId, c.campaign.id), eq(periods.code, 'Y2026')))
		.get()!.id;
	const verifier = provinceVerifier(t.db, f.units.P.id);
	const author = contextFor(t.db, f.people.provinceAdmin.id, daysBefore(3));
	approvedInitiative(author, { ...verifier, now: daysBefore(2) }, vneidSession(c, f.units.B1a1.id, { people: 40 }));
	approvedInitiative(author, { ...verifier, now: daysBefore(2) }, vneidSession(c, f.units.B1b1.id, { people: 20 }));
});
afterEach(() => t.close());

const district = () => contextFor(t.db, f.people.d1Admin.id, NOW);
const province = () => contextFor(t.db, f.people.provinceAdmin.id, NOW);
const scope = (unitId: number) => ({ campaignId: c.campaign.id, unitId, periodId });
const stored = (id: number) => t.db.select().from(unitTargets).where(eq(unitTargets.id, id)).get()!;

function openD1() {
	const opened = openTargets(district(), scope(f.units.D1.id));
	if (!opened.ok) throw new Error(opened.error);
	return opened.id;
}

describe('targets (đăng ký chỉ tiêu)', () => {
	it('a district registers, the province accepts, and progress shows on the unit page and the figures', () => {
		const id = openD1();
		expect(submitTargets(district(), id, { works: '4', 'VNEID.people': '1.000' })).toEqual({ ok: true, id });
		expect(targetsView(district(), id)).toMatchObject({ status: 'submitted', mayEdit: false, mayDecide: false });
		// Nothing counts until the level above accepts, and the unit itself cannot accept.
		expect(acceptedTargets(t.db, scope(f.units.D1.id))).toBeNull();
		expect(unitProgress(t.db, f.units.D1.id, NOW)).toEqual([]);
		expect(acceptTargets(district(), id)).toMatchObject({ ok: false, problem: 'forbidden' });

		expect(targetsView(province(), id)).toMatchObject({ mayDecide: true });
		expect(registrations(province()).below.find((r) => r.unit.id === f.units.D1.id)).toMatchObject({ targetsId: id, status: 'submitted' });
		expect(acceptTargets(province(), id)).toEqual({ ok: true, id });
		expect(acceptedTargets(t.db, scope(f.units.D1.id))).toEqual({ works: 4, 'VNEID.people': 1000 });

		const [progress] = unitProgress(t.db, f.units.D1.id, NOW);
		expect(progress!.period.code).toBe('Y2026');
		expect(progress!.rows.map((r) => [r.key, r.actual, r.target, r.percent, r.reached])).toEqual([
			['works', 2, 4, 50, false],
			['VNEID.people', 60, 1000, 6, false]
		]);
		const page = figuresPage(province(), { campaign: null, unit: String(f.units.D1.id), period: 'Y2026', cutoff: null })!;
		expect('targets' in page && page.targets?.map((r) => [r.key, r.actual, r.target])).toEqual([
			['works', 2, 4],
			['VNEID.people', 60, 1000]
		]);
		// Another district registered nothing: no progress shown for it.
		expect(unitProgress(t.db, f.units.D2.id, NOW)).toEqual([]);
	});

	it('a returned registration carries the reason; a change to accepted targets counts only once accepted', () => {
		const id = openD1();
		submitTargets(district(), id, { works: '4' });
		expect(returnTargets(province(), id, '  ')).toMatchObject({ ok: false, error: 'targets.reasonRequired' });
		expect(returnTargets(province(), id, 'Chỉ tiêu VNeID còn thấp')).toEqual({ ok: true, id });
		expect(stored(id)).toMatchObject({ status: 'returned', returnReason: 'Chỉ tiêu VNeID còn thấp' });
		expect(saveTargets(district(), id, { works: '4', 'VNEID.people': '500' })).toEqual({ ok: true, id });
		expect(stored(id).status).toBe('returned');
		submitTargets(district(), id, { works: '4', 'VNEID.people': '500' });
		acceptTargets(province(), id);

		expect(saveTargets(district(), id, { works: '10', 'VNEID.people': '500' })).toEqual({ ok: true, id });
		expect(stored(id).status).toBe('draft');
		expect(acceptedTargets(t.db, scope(f.units.D1.id))).toEqual({ works: 4, 'VNEID.people': 500 });
		submitTargets(district(), id, { works: '10', 'VNEID.people': '500' });
		expect(acceptedTargets(t.db, scope(f.units.D1.id))).toEqual({ works: 4, 'VNEID.people': 500 });
		acceptTargets(province(), id);
		expect(acceptedTargets(t.db, scope(f.units.D1.id))).toEqual({ works: 10, 'VNEID.people': 500 });
	});

	it('refuses bad numbers, forged indicators, another unit, edits under review and an empty registration, changing nothing', () => {
		const before = rowCounts(t.db);
		expect(openTargets(district(), scope(f.units.D2.id))).toMatchObject({ ok: false, problem: 'forbidden' });
		expect(openTargets(district(), { ...scope(f.units.D1.id), periodId: 99_999 })).toMatchObject({ ok: false, problem: 'notFound' });
		expect(rowCounts(t.db)).toEqual(before);

		const id = openD1();
		saveTargets(district(), id, { works: '3' });
		const saved = rowCounts(t.db);
		const refused = saveTargets(district(), id, {
			works: '-3',
			'VNEID.people': '99999999999',
			'VNEID.sessions': 'mười',
			'OTHER.x': '1'
		});
		expect(refused).toMatchObject({
			ok: false,
			error: 'targets.invalid',
			problems: { works: 'negative', 'VNEID.people': 'tooLarge', 'OTHER.x': 'unknown' }
		});
		expect(submitTargets(district(), id, { works: '2,5' })).toMatchObject({ ok: false, problems: { works: 'notWhole' } });
		expect(submitTargets(district(), id, { works: '' })).toMatchObject({ ok: false, error: 'targets.empty' });
		expect(stored(id)).toMatchObject({ targets: {}, status: 'draft' });
		expect(rowCounts(t.db).unit_targets).toBe(saved.unit_targets);

		submitTargets(district(), id, { works: '3' });
		expect(saveTargets(district(), id, { works: '1' })).toMatchObject({ ok: false, problem: 'conflict', error: 'targets.underReview' });
		expect(stored(id).targets).toEqual({ works: 3 });
		expect(returnTargets(province(), id, 'x'.repeat(2001))).toMatchObject({ ok: false, error: 'targets.reasonTooLong' });
		expect(stored(id).status).toBe('submitted');
	});

	it('whoever sent the targets does not accept them; the root’s own targets need nobody above', () => {
		const opened = openTargets(province(), scope(f.units.D1.id));
		const id = opened.ok ? opened.id : 0;
		submitTargets(province(), id, { works: '6' });
		expect(acceptTargets(province(), id)).toMatchObject({ ok: false, error: 'targets.ownSubmission' });
		expect(targetsView(province(), id)).toMatchObject({ mayDecide: false });
		const colleague = insertPerson(t.db, 'Phó ban Tỉnh', { unitId: f.units.P.id, role: 'province_admin' });
		expect(acceptTargets(contextFor(t.db, colleague.id, NOW), id)).toEqual({ ok: true, id });

		const root = openTargets(province(), scope(f.units.P.id));
		const rootId = root.ok ? root.id : 0;
		expect(submitTargets(province(), rootId, { works: '100' })).toEqual({ ok: true, id: rootId });
		expect(acceptedTargets(t.db, scope(f.units.P.id))).toEqual({ works: 100 });
	});
});
