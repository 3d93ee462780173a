/**
 * The attack run's findings, each replayed against the services as the attacker did it (see the security
 * issue): every test here failed on the code before its fix.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { campaignFixture, contextFor, insertPerson, orgFixture, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { expectForbidden } from '../helpers/refusals';
import { loggedInitiative } from '../helpers/factories';
import { takeStep, updateInitiative, type InitiativeInput } from '../../src/lib/server/initiatives/service';
import { saveInitiative } from '../../src/lib/server/initiatives/save';
import { reviewQueue } from '../../src/lib/server/initiatives/review';
import { initiativeDetail } from '../../src/lib/server/initiatives/queries';
import { endAllSessionsOf, manageablePeople, newPasswordLink } from '../../src/lib/server/people/service';
import { passwordTokens, pointEntries, roleAssignments } from '../../src/lib/server/db/schema';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
let uploads: string;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	scoringFixture(t.db, c);
	uploads = mkdtempSync(join(tmpdir(), 'tienphong-uploads-'));
});
afterEach(() => t.close());

const rows = (table: typeof passwordTokens | typeof pointEntries) => t.db.select({ n: count() }).from(table).get()!.n;

function input(overrides: Partial<InitiativeInput> = {}): InitiativeInput {
	return {
		unitId: f.units.B1a1.id,
		teamId: null,
		activityTypeId: c.vneid.id,
		title: 'Cài chữ ký số cho hộ kinh doanh',
		story: 'Hai buổi ở chợ phiên.',
		startedOn: '2026-11-20',
		endedOn: '2026-11-20',
		place: 'Chợ Ta Ma',
		photosShowChildren: false,
		measures: { [c.peopleMeasure.id]: '300' },
		participantIds: [],
		...overrides
	};
}

const logged = (overrides: Partial<InitiativeInput> = {}) => loggedInitiative(contextFor(t.db, f.people.g1aAdmin.id), input(overrides));

const queueFilters = { unitId: null, activityTypeId: null, olderThanDays: null };

describe('finding 0: a correction is never thrown away on resubmit', () => {
	it('sending a returned initiative sends what is on the screen: the verifier sees 30, not 300', async () => {
		const secretary = contextFor(t.db, f.people.g1aAdmin.id);
		const verifier = contextFor(t.db, f.people.d1Admin.id);
		const id = logged();
		takeStep(secretary, id, 'submit', { reason: null, seenRevision: 0 });
		takeStep(verifier, id, 'return', { reason: 'Con số quá cao so với thực tế', seenRevision: 1 });

		const sent = await saveInitiative(secretary, id, input({ measures: { [c.peopleMeasure.id]: '30' } }), [], uploads, {
			submitRevision: 2
		});
		expect(sent).toMatchObject({ ok: true, submitted: { status: 'submitted' } });
		const queued = reviewQueue(t.db, verifier.actor!, queueFilters, verifier.now).items.find((q) => q.id === id);
		expect(queued?.measures.map((m) => m.value)).toEqual([30]);
	});

	it('a send from a stale page is refused and leaves the saved values and the status as they were', async () => {
		const secretary = contextFor(t.db, f.people.g1aAdmin.id);
		const verifier = contextFor(t.db, f.people.d1Admin.id);
		const id = logged();
		takeStep(secretary, id, 'submit', { reason: null, seenRevision: 0 });
		takeStep(verifier, id, 'return', { reason: 'Thiếu ảnh', seenRevision: 1 });

		const stale = await saveInitiative(secretary, id, input({ measures: { [c.peopleMeasure.id]: '30' } }), [], uploads, {
			submitRevision: 1
		});
		expect(stale).toMatchObject({ ok: false, errors: { _: expect.stringContaining('thay đổi') } });
		const detail = initiativeDetail(t.db, id)!;
		expect(detail.initiative.status).toBe('returned');
		expect(detail.measures.map((m) => m.value)).toEqual([300]);
	});
});

describe('finding 1: a unit admin cannot take over a superior who is a member below', () => {
	function superiorInTaMa() {
		// A province admin who is also an ordinary member of a branch under the G1a secretary.
		const boss = insertPerson(t.db, 'Lãnh đạo Tỉnh', { unitId: f.units.B1a1.id });
		t.db.insert(roleAssignments).values({ personId: boss.id, role: 'province_admin', unitId: f.units.P.id, grantedAt: 0 }).run();
		return boss;
	}

	it('no password link, no ending their sessions, and they are not listed with their contacts', () => {
		const boss = superiorInTaMa();
		const secretary = contextFor(t.db, f.people.g1aAdmin.id);
		expectForbidden(() => newPasswordLink(secretary, boss.id));
		expectForbidden(() => endAllSessionsOf(secretary, boss.id));
		expect(rows(passwordTokens)).toBe(0);
		expect(manageablePeople(secretary, '').map((p) => p.id)).not.toContain(boss.id);
		expect(manageablePeople(secretary, '').map((p) => p.id)).toContain(f.people.member.id);
	});

	it('peers are out of reach too; the province office still manages everyone', () => {
		const boss = superiorInTaMa();
		const peer = insertPerson(t.db, 'Bí thư khác', { unitId: f.units.B1a2.id, role: 'unit_admin' });
		expectForbidden(() => newPasswordLink(contextFor(t.db, f.people.g1aAdmin.id), peer.id));
		expect(newPasswordLink(contextFor(t.db, f.people.provinceAdmin.id), boss.id)).toEqual(expect.any(String));
		expect(newPasswordLink(contextFor(t.db, f.people.d1Admin.id), peer.id)).toEqual(expect.any(String));
	});
});

describe('finding 7: a verifier cannot credit himself', () => {
	it('editing himself in as a participant with ×10 the figure, submitting and approving it is refused; no points move', () => {
		const verifier = contextFor(t.db, f.people.d1Admin.id);
		const id = logged({ measures: { [c.peopleMeasure.id]: '30' } });
		// As the district admin he may edit work below him: he adds himself and multiplies the figure.
		expect(
			updateInitiative(verifier, id, input({ participantIds: [f.people.d1Admin.id], measures: { [c.peopleMeasure.id]: '300' } })).ok
		).toBe(true);
		expect(takeStep(verifier, id, 'submit', { reason: null, seenRevision: 0 })).toMatchObject({ ok: true });
		expectForbidden(() => takeStep(verifier, id, 'approve', { reason: null, seenRevision: 1 }));
		expect(reviewQueue(t.db, verifier.actor!, queueFilters, verifier.now).items.map((q) => q.id)).not.toContain(id);
		expect(rows(pointEntries)).toBe(0);
		// The province office, which never touched it, verifies it.
		expect(takeStep(contextFor(t.db, f.people.provinceAdmin.id), id, 'approve', { reason: null, seenRevision: 1 })).toMatchObject({
			ok: true,
			status: 'approved'
		});
	});

	it('having only edited or only submitted is enough to be kept out; untouched work he still verifies', () => {
		const verifier = contextFor(t.db, f.people.d1Admin.id);
		const secretary = contextFor(t.db, f.people.g1aAdmin.id);
		const edited = logged();
		expect(updateInitiative(verifier, edited, input({ title: 'Sửa tiêu đề' })).ok).toBe(true);
		takeStep(secretary, edited, 'submit', { reason: null, seenRevision: 0 });
		expectForbidden(() => takeStep(verifier, edited, 'approve', { reason: null, seenRevision: 1 }));

		const submitted = logged();
		takeStep(verifier, submitted, 'submit', { reason: null, seenRevision: 0 });
		expectForbidden(() => takeStep(verifier, submitted, 'approve', { reason: null, seenRevision: 1 }));

		const untouched = logged();
		takeStep(secretary, untouched, 'submit', { reason: null, seenRevision: 0 });
		expect(takeStep(verifier, untouched, 'approve', { reason: null, seenRevision: 1 })).toMatchObject({ ok: true, status: 'approved' });
	});
});
