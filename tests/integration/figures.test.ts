import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaignFixture, contextFor, orgFixture, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { approved, loggedInitiative, provinceVerifier, submitted, vneidSession } from '../helpers/factories';
import { daysAfter, daysBefore, NOW } from '../helpers/clock';
import { figuresOf, adjustmentsOf } from '../../src/lib/server/figures/figures';
import { KEPT_FIGURES_MS, keptFiguresOf } from '../../src/lib/server/figures/kept';
import { takeStep } from '../../src/lib/server/initiatives/service';
import { getInitiative } from '../../src/lib/server/initiatives/queries';
import { activityMeasures, activityTypes } from '../../src/lib/server/db/schema';
import type { FiguresScope } from '../../src/lib/domain/figures/types';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
let verifier: ReturnType<typeof provinceVerifier>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	scoringFixture(t.db, c);
	verifier = provinceVerifier(t.db, f.units.P.id);
});
afterEach(() => t.close());

const author = () => contextFor(t.db, f.people.provinceAdmin.id, daysBefore(3));
/** A second province admin (nobody approves their own work), deciding at `at`. */
const verifierAt = (at: number) => ({ ...verifier, now: at });

/** Logs and submits `people` helped at `unitId` (on 2026-11-20), approved at `approvedAt` unless null. */
function work(unitId: number, people: number, approvedAt: number | null = daysBefore(2), adjustTo?: number) {
	const id = submitted(author(), loggedInitiative(author(), vneidSession(c, unitId, { people })));
	if (approvedAt !== null)
		approved(verifierAt(approvedAt), id, adjustTo === undefined ? {} : { adjustments: { [c.peopleMeasure.id]: String(adjustTo) } });
	return id;
}

const scope = (unitId: number, cutoffAt = NOW): FiguresScope => ({
	campaignId: c.campaign.id,
	unitId,
	from: '2026-01-01',
	to: '2026-12-31',
	cutoffAt
});

/** An independent sum: approved work's current verified values in the subtree (what section II of 003 adds up). */
function sqlSum(unitPath: string): number {
	return (
		t.db.$client
			.prepare(
				`select coalesce(sum(coalesce(m.approved_value, m.value)), 0) as s from initiative_measures m
				join initiatives i on i.id = m.initiative_id join units u on u.id = i.unit_id
				where i.status = 'approved' and u.path like ? || '%' and m.measure_id = ?`
			)
			.get(unitPath, c.peopleMeasure.id) as { s: number }
	).s;
}

const people = (figures: ReturnType<typeof figuresOf>) => figures!.measures.find((m) => m.measureCode === 'people')!;

describe('figures of a subtree at a cut-off', () => {
	it('equal SQL sums over approved work in the subtree, with the verifier’s figure and the reported one apart', () => {
		work(f.units.B1a1.id, 40);
		work(f.units.B1b1.id, 25, daysBefore(2), 20);
		work(f.units.B2a1.id, 70);
		const d1 = figuresOf(t.db, scope(f.units.D1.id))!;
		expect(people(d1).approved).toBe(60);
		expect(people(d1).approved).toBe(sqlSum(f.units.D1.path));
		expect(people(d1).reported).toBe(65);
		expect(d1.works.approved).toBe(2);
		const province = figuresOf(t.db, scope(f.units.P.id))!;
		expect(people(province).approved).toBe(sqlSum(f.units.P.path));
		expect(province.children.map((ch) => [ch.name, ch.works, ch.measures['VNEID.people'] ?? 0])).toEqual([
			['Huyện đoàn D1', 2, 60],
			['Huyện đoàn D2', 1, 70]
		]);
		expect(province.worksByLevel).toEqual([{ levelCode: 'branch', label: expect.any(String), count: 3 }]);
		expect(province.months).toEqual([{ month: '2026-11', works: 3 }]);
	});

	it('keeps pending work apart and shows a late approval and a revocation as adjustments, not in the totals', () => {
		work(f.units.B1a1.id, 40);
		const pending = work(f.units.B1a2.id, 15, null);
		const late = work(f.units.B1b1.id, 30, daysAfter(1));
		const atCutoff = figuresOf(t.db, scope(f.units.D1.id))!;
		expect(people(atCutoff).approved).toBe(40);
		expect(atCutoff.works).toEqual({ approved: 1, pending: 2 });
		expect(people(atCutoff).pending).toBe(45);

		const revoked = getInitiative(t.db, late)!;
		const revocation = takeStep(verifierAt(daysAfter(2)), late, 'revoke', {
			reason: 'Ảnh trùng với sáng kiến khác',
			seenRevision: revoked.revision
		});
		expect(revocation.ok).toBe(true);
		const adjustments = adjustmentsOf(t.db, scope(f.units.D1.id), daysAfter(3));
		expect(adjustments.map((a) => [a.initiativeId, a.kind, a.deltas['VNEID.people']])).toEqual([
			[late, 'late_approval', 30],
			[late, 'revocation', -30]
		]);
		// The report's figures do not move when later decisions are made.
		expect(figuresOf(t.db, scope(f.units.D1.id))).toEqual(atCutoff);
		expect(pending).toBeGreaterThan(0);
	});

	it('reads a work decided again after the cut-off as it stood then, the verifier’s figure included', () => {
		const adjusted = work(f.units.B1b1.id, 25, daysBefore(2), 20);
		const atCutoff = figuresOf(t.db, scope(f.units.D1.id))!;
		expect([people(atCutoff).approved, people(atCutoff).reported, atCutoff.works.approved]).toEqual([20, 25, 1]);
		const revocation = takeStep(verifierAt(daysAfter(1)), adjusted, 'revoke', {
			reason: 'Trùng lặp',
			seenRevision: getInitiative(t.db, adjusted)!.revision
		});
		expect(revocation.ok).toBe(true);
		expect(figuresOf(t.db, scope(f.units.D1.id))).toEqual(atCutoff);
		const afterRevocation = figuresOf(t.db, scope(f.units.D1.id, daysAfter(2)))!;
		expect([people(afterRevocation).approved, afterRevocation.works.approved]).toEqual([0, 0]);
	});

	it('never totals applied ideas above ideas', () => {
		const ideas = t.db
			.insert(activityTypes)
			.values({
				campaignId: c.campaign.id,
				contentAreaId: c.vneid.contentAreaId,
				code: 'IDEAS',
				name: 'Ý tưởng sáng tạo',
				measureRules: [{ rule: 'lte', left: 'applied', right: 'ideas' }],
				createdAt: 0
			})
			.returning()
			.get();
		const measure = (code: string, position: number) =>
			t.db
				.insert(activityMeasures)
				.values({ activityTypeId: ideas.id, code, label: code, unitLabel: 'ý tưởng', kind: 'integer', min: 0, max: 100, position })
				.returning()
				.get();
		const [ideasMeasure, appliedMeasure] = [measure('ideas', 0), measure('applied', 1)];
		const logged = loggedInitiative(
			author(),
			vneidSession(c, f.units.B1a1.id, { activityTypeId: ideas.id, measures: { [ideasMeasure.id]: '5', [appliedMeasure.id]: '5' } })
		);
		submitted(author(), logged);
		// A verifier lowering ideas below applied is refused, so no approved work breaks the rule.
		const refused = takeStep(verifierAt(daysBefore(2)), logged, 'approve', {
			reason: null,
			seenRevision: getInitiative(t.db, logged)!.revision,
			adjustments: { [ideasMeasure.id]: '3' }
		});
		expect(refused.ok).toBe(false);
		approved(verifierAt(daysBefore(2)), logged, { adjustments: { [ideasMeasure.id]: '4', [appliedMeasure.id]: '4' } });
		const totals = figuresOf(t.db, scope(f.units.P.id))!.measures.filter((m) => m.activityTypeCode === 'IDEAS');
		const [i, a] = [totals.find((m) => m.measureCode === 'ideas')!, totals.find((m) => m.measureCode === 'applied')!];
		expect([i.approved, a.approved]).toEqual([4, 4]);
		expect(a.approved).toBeLessThanOrEqual(i.approved);
	});
});

describe('figures kept between readers', () => {
	it('are the same answer while nothing is written, and the new one as soon as a work is sent, decided or revoked', () => {
		work(f.units.B1a1.id, 40);
		const first = keptFiguresOf(t.db, scope(f.units.P.id, NOW), NOW);
		expect(keptFiguresOf(t.db, scope(f.units.P.id, NOW + 1000), NOW + 1000)).toBe(first);
		expect(people(first).approved).toBe(40);

		const sent = submitted(author(), loggedInitiative(author(), vneidSession(c, f.units.B1a1.id, { people: 7 })));
		const afterSending = keptFiguresOf(t.db, scope(f.units.P.id, NOW + 2000), NOW + 2000);
		expect(afterSending).not.toBe(first);
		approved(verifierAt(NOW + 3000), sent);
		expect(people(keptFiguresOf(t.db, scope(f.units.P.id, NOW + 4000), NOW + 4000)).approved).toBe(47);
		// A past cut-off is its own answer, not the live one.
		expect(people(keptFiguresOf(t.db, scope(f.units.P.id, NOW + 2500), NOW + 5000)).approved).toBe(40);
	});

	it('are read again after a minute even when nothing was written (what no audit row or event tells)', () => {
		work(f.units.B1a1.id, 40);
		const first = keptFiguresOf(t.db, scope(f.units.P.id, NOW), NOW);
		const later = NOW + KEPT_FIGURES_MS;
		expect(keptFiguresOf(t.db, scope(f.units.P.id, later), later)).not.toBe(first);
		expect(keptFiguresOf(t.db, scope(f.units.P.id, later), later)).toEqual(keptFiguresOf(t.db, scope(f.units.P.id, later), later));
	});
});
