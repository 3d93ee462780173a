import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { campaignFixture, contextFor, insertPerson, orgFixture, rowCounts, tempDatabase, type TempDb } from '../helpers/db';
import { NOW } from '../helpers/clock';
import { createInitiative, takeStep, updateInitiative, type InitiativeInput } from '../../src/lib/server/initiatives/service';
import { getInitiative, initiativeDetail, publicFeed, returnedToAuthor } from '../../src/lib/server/initiatives/queries';
import { createTeam } from '../../src/lib/server/teams/service';
import { activityEvents, auditLog, roleAssignments } from '../../src/lib/server/db/schema';
import { loggedInitiative, submitted, vneidSession } from '../helpers/factories';
import { expectForbidden } from '../helpers/refusals';
import { latestNotices, markNoticesRead, unreadNoticeCount } from '../../src/lib/server/notifications/notices';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
});
afterEach(() => t.close());

/** The file's initiative: 120 people helped in B1a1 on 20/11, the member taking part. */
const draft = (overrides: Partial<InitiativeInput> = {}): InitiativeInput =>
	vneidSession(c, f.units.B1a1.id, {
		day: '2026-11-20',
		people: 120,
		title: 'Hướng dẫn VNeID tại bản Ta Ma',
		story: 'Ba buổi tối ở nhà văn hoá bản.\n\nBà con mang theo căn cước.',
		place: 'Nhà văn hoá bản Ta Ma',
		participantIds: [f.people.member.id],
		...overrides
	});
const secretary = () => contextFor(t.db, f.people.g1aAdmin.id);
/** Logged by G1a's secretary and submitted: waiting for D1's verifier. */
const submittedDraft = (overrides: Partial<InitiativeInput> = {}) =>
	submitted(secretary(), loggedInitiative(secretary(), draft(overrides)));

const events = (id: number) => t.db.select().from(activityEvents).where(eq(activityEvents.initiativeId, id)).all();
const audits = (id: number) =>
	t.db
		.select()
		.from(auditLog)
		.where(eq(auditLog.targetId, String(id)))
		.all()
		.filter((a) => a.targetType === 'initiative');

describe('logging and verifying an initiative', () => {
	it('goes draft → submitted → returned → submitted → approved with one event and one audit row per step', () => {
		const secretary = contextFor(t.db, f.people.g1aAdmin.id);
		const verifier = contextFor(t.db, f.people.d1Admin.id);
		const created = createInitiative(secretary, draft());
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		const id = created.id;
		expect(takeStep(secretary, id, 'submit', { reason: null, seenRevision: 0 })).toMatchObject({ ok: true, status: 'submitted' });
		expect(takeStep(verifier, id, 'return', { reason: '', seenRevision: 1 })).toMatchObject({ ok: false, problem: 'invalid' });
		expect(returnedToAuthor(t.db, f.people.g1aAdmin.id)).toBe(0);
		expect(takeStep(verifier, id, 'return', { reason: 'Thiếu ảnh buổi thứ hai', seenRevision: 1 })).toMatchObject({
			ok: true,
			status: 'returned'
		});
		// Every page counts it beside "Của tôi" for its author, and only for her.
		expect(returnedToAuthor(t.db, f.people.g1aAdmin.id)).toBe(1);
		expect(returnedToAuthor(t.db, f.people.d1Admin.id)).toBe(0);
		expect(updateInitiative(secretary, id, draft({ measures: { [c.peopleMeasure.id]: '95' } })).ok).toBe(true);
		expect(takeStep(secretary, id, 'submit', { reason: null, seenRevision: 2 })).toMatchObject({ ok: true, status: 'submitted' });
		expect(returnedToAuthor(t.db, f.people.g1aAdmin.id)).toBe(0);
		expect(takeStep(verifier, id, 'approve', { reason: null, seenRevision: 3 })).toMatchObject({ ok: true, status: 'approved' });

		const written = events(id);
		expect(written.map((e) => e.type)).toEqual(['submitted', 'returned', 'submitted', 'approved']);
		expect(written[1]).toMatchObject({ reason: 'Thiếu ảnh buổi thứ hai', actorUnitId: f.units.D1.id });
		expect(written[3]!.snapshot).toMatchObject({ unitId: f.units.B1a1.id, measures: [{ code: 'people', value: 95 }] });
		const steps = audits(id).filter((a) => /^initiative\.(submit|approve|return|reject|revoke)$/.test(a.action));
		expect(steps.map((a) => a.action)).toEqual(['initiative.submit', 'initiative.return', 'initiative.submit', 'initiative.approve']);

		const detail = initiativeDetail(t.db, id)!;
		expect(detail.history.map((h) => [h.type, h.unitName])).toEqual([
			['submitted', 'Chi đoàn B1a1'],
			['returned', 'Huyện đoàn D1'],
			['submitted', 'Chi đoàn B1a1'],
			['approved', 'Huyện đoàn D1']
		]);
		expect(publicFeed(t.db, { query: 'ta ma' }).map((r) => r.id)).toEqual([id]);
	});

	it('a double-submitted approve writes one event, and a stale one is refused', () => {
		const id = submittedDraft();
		const verifier = contextFor(t.db, f.people.d1Admin.id);
		const first = takeStep(verifier, id, 'approve', { reason: null, seenRevision: 1 });
		const again = takeStep(verifier, id, 'approve', { reason: null, seenRevision: 1 });
		expect(first).toMatchObject({ ok: true, repeated: false });
		expect(again).toMatchObject({ ok: true, repeated: true, status: 'approved' });
		expect(events(id).filter((e) => e.type === 'approved')).toHaveLength(1);
		expect(takeStep(verifier, id, 'reject', { reason: 'muộn', seenRevision: 1 })).toMatchObject({ ok: false, problem: 'conflict' });
	});

	it('the author’s own secretary cannot approve; a verifier of another district cannot act (403, nothing changes)', () => {
		const id = submittedDraft();
		const otherDistrict = insertPerson(t.db, 'Quản trị D2', { unitId: f.units.D2.id, role: 'district_admin' });
		const before = rowCounts(t.db);
		expectForbidden(() => takeStep(secretary(), id, 'approve', { reason: null, seenRevision: 1 }));
		expectForbidden(() => takeStep(contextFor(t.db, otherDistrict.id), id, 'approve', { reason: null, seenRevision: 1 }));
		expect(getInitiative(t.db, id)!.status).toBe('submitted');
		// Only the two denials were written.
		expect(rowCounts(t.db)).toEqual({ ...before, audit_log: before.audit_log! + 2 });
		expect(
			t.db
				.select()
				.from(auditLog)
				.all()
				.slice(-2)
				.map((a) => a.action)
		).toEqual(['authz_fail', 'authz_fail']);
	});

	it('a verifier who edited the work, or is credited in it, cannot approve it; one who did neither can', () => {
		const d1 = contextFor(t.db, f.people.d1Admin.id);
		const edited = loggedInitiative(secretary(), draft());
		expect(updateInitiative(d1, edited, draft({ title: 'Hướng dẫn VNeID tại bản Ta Ma, đã sửa' }))).toMatchObject({ ok: true });
		submitted(secretary(), edited);
		// A member of the branch who also sits on the district's verifying team, credited in the second work.
		const colleague = insertPerson(t.db, 'Đoàn viên kiêm xác nhận', { unitId: f.units.B1a1.id });
		t.db.insert(roleAssignments).values({ personId: colleague.id, role: 'district_admin', unitId: f.units.D1.id, grantedAt: 0 }).run();
		const credited = submittedDraft({ participantIds: [f.people.member.id, colleague.id] });

		expectForbidden(() => takeStep(d1, edited, 'approve', { reason: null, seenRevision: getInitiative(t.db, edited)!.revision }));
		expectForbidden(() => takeStep(contextFor(t.db, colleague.id), credited, 'approve', { reason: null, seenRevision: 1 }));
		expect([getInitiative(t.db, edited)!.status, getInitiative(t.db, credited)!.status]).toEqual(['submitted', 'submitted']);

		expect(takeStep(d1, credited, 'approve', { reason: null, seenRevision: 1 })).toMatchObject({ ok: true });
		expect(
			takeStep(contextFor(t.db, colleague.id), edited, 'approve', { reason: null, seenRevision: getInitiative(t.db, edited)!.revision })
		).toMatchObject({
			ok: true
		});
	});

	it('an approve on a draft is refused as a wrong state', () => {
		const id = loggedInitiative(secretary(), draft());
		const before = rowCounts(t.db);
		expect(takeStep(contextFor(t.db, f.people.d1Admin.id), id, 'approve', { reason: null, seenRevision: 0 })).toMatchObject({
			ok: false,
			problem: 'conflict'
		});
		expect(rowCounts(t.db)).toEqual(before);
	});

	it('a verifier may adjust numbers on approval; the reported value stays on record', () => {
		const id = submittedDraft();
		const result = takeStep(contextFor(t.db, f.people.d1Admin.id), id, 'approve', {
			reason: 'Đối chiếu danh sách: 100 người',
			seenRevision: 1,
			adjustments: { [c.peopleMeasure.id]: '100' }
		});
		expect(result.ok).toBe(true);
		const detail = initiativeDetail(t.db, id)!;
		expect(detail.measures[0]).toMatchObject({ value: 120, approvedValue: 100 });
		expect(events(id).at(-1)!.snapshot).toMatchObject({ measures: [{ value: 100, reported: 120 }] });
	});
});

describe('taking pending work back', () => {
	it('its sender withdraws it to fix it: returned, with a note, an event and an audit row; the verifier’s stale approve is refused', () => {
		const id = submittedDraft();
		expect(takeStep(secretary(), id, 'withdraw', { reason: null, seenRevision: 1 })).toMatchObject({ ok: true, status: 'returned' });
		expect(events(id).at(-1)).toMatchObject({ type: 'returned', reason: 'Người gửi rút lại để sửa', actorUnitId: f.units.B1a1.id });
		expect(audits(id).at(-1)!.action).toBe('initiative.withdraw');
		expect(returnedToAuthor(t.db, f.people.g1aAdmin.id)).toBe(1);
		const verifier = contextFor(t.db, f.people.d1Admin.id);
		expect(takeStep(verifier, id, 'approve', { reason: null, seenRevision: 1 })).toMatchObject({ ok: false, problem: 'conflict' });
		expect(takeStep(secretary(), id, 'submit', { reason: null, seenRevision: 2 })).toMatchObject({ ok: true, status: 'submitted' });
	});

	it('nobody else may take it back, and decided work cannot be (nothing changes)', () => {
		const id = submittedDraft();
		const otherDistrict = insertPerson(t.db, 'Quản trị D2', { unitId: f.units.D2.id, role: 'district_admin' });
		const before = rowCounts(t.db);
		expectForbidden(() => takeStep(contextFor(t.db, otherDistrict.id), id, 'withdraw', { reason: null, seenRevision: 1 }));
		expectForbidden(() => takeStep(contextFor(t.db, f.people.member.id), id, 'withdraw', { reason: null, seenRevision: 1 }));
		expect(rowCounts(t.db)).toEqual({ ...before, audit_log: before.audit_log! + 2 });
		takeStep(contextFor(t.db, f.people.d1Admin.id), id, 'approve', { reason: null, seenRevision: 1 });
		expect(takeStep(secretary(), id, 'withdraw', { reason: null, seenRevision: 2 })).toMatchObject({ ok: false, problem: 'conflict' });
		expect(getInitiative(t.db, id)!.status).toBe('approved');
	});
});

describe('notices under the bell', () => {
	it('the author is told of a return with its reason and of an approval, in the decision’s own transaction; nobody of her own withdrawal', () => {
		const author = f.people.g1aAdmin.id;
		const verifier = contextFor(t.db, f.people.d1Admin.id);
		const id = submittedDraft();
		expect(takeStep(secretary(), id, 'withdraw', { reason: null, seenRevision: 1 })).toMatchObject({ notified: [] });
		expect(takeStep(secretary(), id, 'submit', { reason: null, seenRevision: 2 })).toMatchObject({ notified: [] });
		expect(unreadNoticeCount(t.db, author)).toBe(0);

		expect(takeStep(verifier, id, 'return', { reason: 'Thiếu ảnh', seenRevision: 3 })).toMatchObject({ ok: true, notified: [author] });
		expect(latestNotices(t.db, author)).toMatchObject([
			{ kind: 'returned', reason: 'Thiếu ảnh', href: `/sang-kien/${id}/sua`, read: false }
		]);
		takeStep(secretary(), id, 'submit', { reason: null, seenRevision: 4 });
		expect(takeStep(verifier, id, 'approve', { reason: null, seenRevision: 5 })).toMatchObject({ ok: true, notified: [author] });
		expect(unreadNoticeCount(t.db, author)).toBe(2);
		// A repeated approval (a double tap) tells nobody again.
		expect(takeStep(verifier, id, 'approve', { reason: null, seenRevision: 5 })).toMatchObject({ repeated: true, notified: [] });
		expect(unreadNoticeCount(t.db, author)).toBe(2);
		expect(unreadNoticeCount(t.db, f.people.d1Admin.id)).toBe(0);
	});

	it('reading marks only the reader’s own notices', () => {
		const author = f.people.g1aAdmin.id;
		const id = submittedDraft();
		takeStep(contextFor(t.db, f.people.d1Admin.id), id, 'return', { reason: 'Thiếu ảnh', seenRevision: 1 });
		const [notice] = latestNotices(t.db, author);
		expect(markNoticesRead(t.db, f.people.member.id, NOW, [notice!.id])).toBe(0);
		expect(unreadNoticeCount(t.db, author)).toBe(1);
		expect(markNoticesRead(t.db, author, NOW)).toBe(1);
		expect(latestNotices(t.db, author)).toMatchObject([{ read: true }]);
	});
});

describe('hostile input is refused without side effects', () => {
	it.each([
		['a negative measure', { measures: { 0: '-5' } }, 'measure'],
		['10^12 people', { measures: { 0: '1000000000000' } }, 'measure'],
		['a future date', { startedOn: '2099-01-01', endedOn: '2099-01-01' }, 'startedOn']
	])('%s', (_label, override, field) => {
		const o = { ...override } as Partial<InitiativeInput>;
		if (o.measures) o.measures = { [c.peopleMeasure.id]: Object.values(o.measures)[0]! };
		const before = rowCounts(t.db);
		const result = createInitiative(contextFor(t.db, f.people.g1aAdmin.id), draft(o));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(Object.keys(result.errors).join()).toContain(field);
		expect(rowCounts(t.db)).toEqual(before);
	});

	it('a participant from another district', () => {
		const outsider = insertPerson(t.db, 'Người huyện khác', { unitId: f.units.B2a1.id });
		const before = rowCounts(t.db);
		const result = createInitiative(contextFor(t.db, f.people.g1aAdmin.id), draft({ participantIds: [outsider.id] }));
		expect(result).toMatchObject({ ok: false, errors: { participantIds: expect.stringContaining('không thuộc') } });
		expect(rowCounts(t.db)).toEqual(before);
	});

	it('a team of another unit, or an activity type of another campaign', () => {
		const ctx = contextFor(t.db, f.people.provinceAdmin.id);
		const leader = insertPerson(t.db, 'Đội trưởng B1b1', { unitId: f.units.B1b1.id });
		const team = createTeam(ctx, {
			name: 'Đội B1b1',
			kind: 'digital_volunteer',
			unitId: f.units.B1b1.id,
			leaderId: leader.id,
			servedPlaces: [],
			helpers: [],
			activeFrom: '2024-01-01',
			activeTo: null,
			focus: []
		});
		if (!team.ok) throw new Error(`createTeam: ${JSON.stringify(team)}`);
		const before = rowCounts(t.db);
		const secretary = contextFor(t.db, f.people.g1aAdmin.id);
		expect(createInitiative(secretary, draft({ teamId: team.team.id }))).toMatchObject({
			ok: false,
			errors: { teamId: expect.any(String) }
		});
		expect(createInitiative(secretary, draft({ activityTypeId: 999 }))).toMatchObject({
			ok: false,
			errors: { activityTypeId: expect.any(String) }
		});
		expect(rowCounts(t.db)).toEqual(before);
	});

	it('a team whose leader is outside its unit is refused', () => {
		const ctx = contextFor(t.db, f.people.provinceAdmin.id);
		const before = rowCounts(t.db);
		const team = createTeam(ctx, {
			name: 'Đội G2a',
			kind: 'digital_volunteer',
			unitId: f.units.G2a.id,
			leaderId: f.people.provinceAdmin.id,
			servedPlaces: [],
			helpers: [],
			activeFrom: '2024-01-01',
			activeTo: null,
			focus: []
		});
		expect(team.ok).toBe(false); // the province admin is a member at the province, not inside D2: refused as leader
		expect(rowCounts(t.db)).toEqual(before);
	});

	it('a secretary cannot log work for a unit outside its scope', () => {
		const before = rowCounts(t.db);
		expectForbidden(() => createInitiative(contextFor(t.db, f.people.g1aAdmin.id), draft({ unitId: f.units.B1b1.id })));
		expect(rowCounts(t.db)).toEqual({ ...before, audit_log: before.audit_log! + 1 });
	});

	it('a story with <script> is stored as text', () => {
		const id = loggedInitiative(secretary(), draft({ story: '<script>alert(1)</script>' }));
		expect(getInitiative(t.db, id)!.story).toBe('<script>alert(1)</script>');
	});
});
