import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
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
import { loggedInitiative, submitted, vneidSession } from '../helpers/factories';
import { expectForbidden } from '../helpers/refusals';
import { NOW } from '../helpers/clock';
import { takeStep } from '../../src/lib/server/initiatives/service';
import { getInitiative, initiativeFacts } from '../../src/lib/server/initiatives/queries';
import { reviewQueue } from '../../src/lib/server/initiatives/review';
import { addCouncilMember, councilsFor, councilSize, removeCouncilMember } from '../../src/lib/server/council/service';
import { activityEvents, auditLog, pointEntries, roleAssignments } from '../../src/lib/server/db/schema';
import { can } from '../../src/lib/domain/permissions';

/**
 * The province (root) unit's own work: nobody stands above it, so its named council verifies it. The author
 * never approves their own work, even sitting on the council; with fewer than two members nobody can.
 */
let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
let councilA: number;
let councilB: number;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	scoringFixture(t.db, c);
	// Two officers of the province office (members of the root unit, no admin role), reachable by username.
	councilA = insertPerson(t.db, 'Cầm Văn Hội', { unitId: f.units.P.id }, { username: 'hoidong.a' }).id;
	councilB = insertPerson(t.db, 'Lò Thị Đồng', { unitId: f.units.P.id }, { username: 'hoidong.b', phone: '0987654321' }).id;
});
afterEach(() => t.close());

const office = () => contextFor(t.db, f.people.provinceAdmin.id);
const as = (personId: number) => contextFor(t.db, personId);
/** The province office's own work, logged and submitted by the province admin. */
const rootWork = () => submitted(office(), loggedInitiative(office(), vneidSession(c, f.units.P.id, { people: 120 })));
const approve = (personId: number, id: number) =>
	takeStep(as(personId), id, 'approve', { reason: null, seenRevision: getInitiative(t.db, id)!.revision });
const seat = (identifier: string) => {
	const result = addCouncilMember(office(), f.units.P.id, identifier);
	if (!result.ok) throw new Error(`seat ${identifier}: ${result.error}`);
};
const pointsOf = (id: number) =>
	t.db
		.select({ points: pointEntries.points })
		.from(pointEntries)
		.where(eq(pointEntries.initiativeId, id))
		.all()
		.reduce((sum, r) => sum + r.points, 0);

describe('the root’s council', () => {
	it('without a council of two nobody approves the root’s work, and its queue stays empty', () => {
		const id = rootWork();
		expectForbidden(() => approve(councilA, id));
		expectForbidden(() => approve(f.people.d1Admin.id, id));
		expectForbidden(() => approve(f.people.provinceAdmin.id, id));
		seat('hoidong.a');
		expect(councilSize(t.db, f.units.P.id)).toBe(1);
		expectForbidden(() => approve(councilA, id));
		expect(reviewQueue(t.db, as(councilA).actor!, { unitId: null, activityTypeId: null, olderThanDays: null }, NOW).items).toEqual([]);
		expect(councilsFor(office())).toEqual([
			expect.objectContaining({ unit: { id: f.units.P.id, name: f.units.P.name }, enough: false, minimum: 2 })
		]);
		expect(getInitiative(t.db, id)!.status).toBe('submitted');
		expect(pointsOf(id)).toBe(0);
	});

	it('the author alone cannot approve, even on the council; another member can, and the ledger gets the points', () => {
		const id = rootWork();
		seat('hoidong.a');
		seat('0987654321');
		expect(councilSize(t.db, f.units.P.id)).toBe(2);
		// The province admin who logged and submitted it joins the council: still not theirs to approve.
		t.db
			.insert(roleAssignments)
			.values({ personId: f.people.provinceAdmin.id, role: 'council_member', unitId: f.units.P.id, grantedAt: NOW })
			.run();
		expectForbidden(() => approve(f.people.provinceAdmin.id, id));

		const queue = reviewQueue(t.db, as(councilA).actor!, { unitId: null, activityTypeId: null, olderThanDays: null }, NOW).items;
		expect(queue.map((q) => q.id)).toEqual([id]);
		const result = approve(councilA, id);
		expect(result).toMatchObject({ ok: true, status: 'approved' });
		expect(pointsOf(id)).toBeGreaterThan(0);
		const event = t.db
			.select()
			.from(activityEvents)
			.where(and(eq(activityEvents.initiativeId, id), eq(activityEvents.type, 'approved')))
			.get()!;
		expect(event).toMatchObject({ actorId: councilA, actorUnitId: f.units.P.id });
	});

	it('a council member credited in the work may not verify it; the other member may return it', () => {
		seat('hoidong.a');
		seat('hoidong.b');
		const id = submitted(
			office(),
			loggedInitiative(office(), vneidSession(c, f.units.P.id, { participantIds: [councilB], title: 'Tập huấn cán bộ tỉnh' }))
		);
		expectForbidden(() => approve(councilB, id));
		const facts = initiativeFacts(t.db, f.units.P.id, null, f.people.provinceAdmin.id, id)!;
		expect(can(as(councilB).actor, 'initiative.verify', { kind: 'initiative', ...facts })).toBe(false);
		expect(can(as(councilA).actor, 'initiative.verify', { kind: 'initiative', ...facts })).toBe(true);
		const back = takeStep(as(councilA), id, 'return', { reason: 'Thiếu danh sách học viên', seenRevision: 1 });
		expect(back).toMatchObject({ ok: true, status: 'returned' });
	});

	it('gives a council member nothing below the root: district work is not theirs', () => {
		seat('hoidong.a');
		seat('hoidong.b');
		const secretary = contextFor(t.db, f.people.g1aAdmin.id);
		const id = submitted(secretary, loggedInitiative(secretary, vneidSession(c, f.units.B1a1.id)));
		expectForbidden(() => approve(councilA, id));
		expect(reviewQueue(t.db, as(councilA).actor!, { unitId: null, activityTypeId: null, olderThanDays: null }, NOW).items).toEqual([]);
		// The district verifier still does its job.
		expect(approve(f.people.d1Admin.id, id)).toMatchObject({ ok: true, status: 'approved' });
	});

	it('dropping below two members stops approvals again', () => {
		seat('hoidong.a');
		seat('hoidong.b');
		const id = rootWork();
		expect(removeCouncilMember(office(), f.units.P.id, councilB)).toEqual({ ok: true, name: 'Lò Thị Đồng' });
		expect(councilSize(t.db, f.units.P.id)).toBe(1);
		expectForbidden(() => approve(councilA, id));
		expect(removeCouncilMember(office(), f.units.P.id, councilB)).toEqual({ ok: false, error: 'council.notMember' });
	});
});

describe('naming the council', () => {
	it('refuses bad, unknown, outside and repeated names with a message key, writing nothing', () => {
		const outsider = insertPerson(t.db, 'Người ngoài', { unitId: insertUnitQ().id }, { username: 'nguoingoai' });
		seat('hoidong.a');
		const before = rowCounts(t.db);
		const CASES: Array<[string, string]> = [
			['', 'council.identifierInvalid'],
			['<script>', 'council.identifierInvalid'],
			['khongai', 'council.personNotFound'],
			['nguoingoai', 'council.personNotFound'],
			['hoidong.a', 'council.already']
		];
		for (const [identifier, error] of CASES) {
			expect(addCouncilMember(office(), f.units.P.id, identifier), identifier).toMatchObject({ ok: false, error });
		}
		expect(rowCounts(t.db)).toEqual(before);
		expect(outsider.id).toBeGreaterThan(0);
	});

	it('is the province admins’ over the root only: others are refused and audited, a district is no root', () => {
		expectForbidden(() => addCouncilMember(as(f.people.d1Admin.id), f.units.P.id, 'hoidong.a'));
		expectForbidden(() => addCouncilMember(as(councilA), f.units.P.id, 'hoidong.b'));
		expectForbidden(() => addCouncilMember(office(), f.units.D1.id, 'hoidong.a'));
		expectForbidden(() => removeCouncilMember(as(f.people.d1Admin.id), f.units.P.id, councilA));
		expect(councilsFor(as(f.people.d1Admin.id))).toEqual([]);
		const seats = t.db
			.select()
			.from(roleAssignments)
			.where(and(eq(roleAssignments.role, 'council_member'), isNull(roleAssignments.revokedAt)))
			.all();
		expect(seats).toEqual([]);
	});

	it('audits every seat given and taken', () => {
		seat('hoidong.a');
		removeCouncilMember(office(), f.units.P.id, councilA);
		const rows = t.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.targetId, String(councilA)))
			.all();
		expect(rows.map((r) => [r.action, r.before, r.after])).toEqual([
			['authz_change', null, { role: 'council_member', unitName: f.units.P.name }],
			['authz_change', { role: 'council_member', unitName: f.units.P.name }, null]
		]);
	});
});

/** Another province: another root. */
function insertUnitQ() {
	return insertUnit(t.db, null, 'Tỉnh đoàn Q', 'province');
}
