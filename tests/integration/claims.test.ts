import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaignFixture, contextFor, insertPerson, orgFixture, rowCounts, tempDatabase, type TempDb } from '../helpers/db';
import { NOW, dayOf, daysBefore } from '../helpers/clock';
import { loggedInitiative, submitted, vneidSession } from '../helpers/factories';
import { expectForbidden } from '../helpers/refusals';
import {
	claimOwnWork,
	claimPart,
	decideClaim,
	myClaim,
	myOwnClaims,
	ownClaimForForm,
	ownClaimsToConfirm,
	pendingClaims,
	pendingClaimCounts,
	settleOwnClaim
} from '../../src/lib/server/initiatives/claims';
import { updateInitiative } from '../../src/lib/server/initiatives/service';
import { initiativeDetail } from '../../src/lib/server/initiatives/queries';
import { createTeam } from '../../src/lib/server/teams/service';
import { latestNotices } from '../../src/lib/server/notifications/notices';
import { auditLog, teamMembers } from '../../src/lib/server/db/schema';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
let teamId: number;
let teamMember: { id: number };
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	const team = createTeam(contextFor(t.db, f.people.g1aAdmin.id), {
		name: 'Đội VNeID G1a',
		kind: 'digital_volunteer',
		unitId: f.units.G1a.id,
		leaderId: f.people.g1aAdmin.id,
		servedPlaces: [],
		helpers: [],
		activeFrom: '2024-01-01',
		activeTo: null,
		focus: []
	});
	if (!team.ok) throw new Error(JSON.stringify(team));
	teamId = team.team.id;
	teamMember = insertPerson(t.db, 'Lò Thị Mai', { unitId: f.units.B1a1.id });
	t.db.insert(teamMembers).values({ teamId, personId: teamMember.id, joinedAt: NOW }).run();
});
afterEach(() => t.close());

const secretary = () => contextFor(t.db, f.people.g1aAdmin.id);
const mai = () => contextFor(t.db, teamMember.id);
const teamWork = () => loggedInitiative(secretary(), vneidSession(c, f.units.G1a.id, { teamId, title: 'Tối thứ Bảy cài VNeID' }));
const participants = (id: number) => initiativeDetail(t.db, id)!.participants.map((p) => p.displayName);

describe('a member claims her part in her team’s work', () => {
	it('her claim waits for the secretary, who hears of it; confirmed, she is a participant and hears so', () => {
		const id = teamWork();
		expect(myClaim(mai(), id)).toEqual({ status: null, reason: null, refusal: null });
		expect(claimPart(mai(), id, '  Hướng dẫn 12 người cài VNeID  ')).toEqual({ ok: true, notified: [f.people.g1aAdmin.id] });
		expect(myClaim(mai(), id)).toMatchObject({ status: 'pending', refusal: 'pending' });
		const [waiting] = pendingClaims(t.db, id);
		expect(waiting).toMatchObject({ name: 'Lò Thị Mai', note: 'Hướng dẫn 12 người cài VNeID', at: NOW });
		expect(pendingClaimCounts(t.db, [id])).toEqual(new Map([[id, 1]]));
		expect(latestNotices(t.db, f.people.g1aAdmin.id)[0]).toMatchObject({
			kind: 'claim',
			subject: 'Tối thứ Bảy cài VNeID',
			href: `/sang-kien/${id}#claims-title`
		});

		expect(decideClaim(secretary(), waiting!.id, 'confirm', '')).toEqual({ ok: true, initiativeId: id, notified: [teamMember.id] });
		expect(participants(id)).toEqual(['Lò Thị Mai']);
		expect(pendingClaims(t.db, id)).toEqual([]);
		expect(myClaim(mai(), id)).toMatchObject({ status: 'confirmed', refusal: 'participant' });
		expect(latestNotices(t.db, teamMember.id)[0]).toMatchObject({ kind: 'claimConfirmed', subject: 'Tối thứ Bảy cài VNeID' });
		expect(
			t.db
				.select({ action: auditLog.action })
				.from(auditLog)
				.all()
				.map((a) => a.action)
		).toEqual(expect.arrayContaining(['initiative.claim', 'initiative.claimConfirm']));

		// The secretary's next save of an older copy of the form does not drop her.
		expect(
			updateInitiative(secretary(), id, vneidSession(c, f.units.G1a.id, { teamId, title: 'Tối thứ Bảy cài VNeID', participantIds: [] }))
		).toMatchObject({
			ok: true
		});
		expect(participants(id)).toEqual(['Lò Thị Mai']);
	});

	it('declined, she hears why and cannot claim again; a decline needs its reason', () => {
		const id = teamWork();
		claimPart(mai(), id, 'Tôi có mặt');
		const [waiting] = pendingClaims(t.db, id);
		const before = rowCounts(t.db);
		expect(decideClaim(secretary(), waiting!.id, 'decline', '   ')).toEqual({ ok: false, error: 'claim.reasonRequired' });
		expect(rowCounts(t.db)).toEqual(before);
		expect(decideClaim(secretary(), waiting!.id, 'decline', 'Hôm đó bạn đi học')).toMatchObject({ ok: true });
		expect(participants(id)).toEqual([]);
		expect(latestNotices(t.db, teamMember.id)[0]).toMatchObject({ kind: 'claimDeclined', reason: 'Hôm đó bạn đi học' });
		expect(myClaim(mai(), id)).toEqual({ status: 'declined', reason: 'Hôm đó bạn đi học', refusal: 'declined' });
		expect(claimPart(mai(), id, 'Lần nữa')).toEqual({ ok: false, error: 'claim.declinedAlready' });
		expect(decideClaim(secretary(), waiting!.id, 'confirm', '')).toEqual({ ok: false, error: 'claim.decided' });
	});

	it('refuses without writing anything: an empty or over-long note, a second claim, sent work, work she may not read', () => {
		const id = teamWork();
		const before = rowCounts(t.db);
		expect(claimPart(mai(), id, ' \n ')).toEqual({ ok: false, error: 'claim.noteRequired' });
		expect(claimPart(mai(), id, 'a'.repeat(301))).toEqual({ ok: false, error: 'claim.noteTooLong' });
		// A member of the same branch, not of the team, cannot read the draft at all.
		expect(claimPart(contextFor(t.db, f.people.member.id), id, 'Tôi có mặt')).toEqual({ ok: false, error: 'initiative.notFound' });
		expect(claimPart(contextFor(t.db, null), id, 'Tôi có mặt')).toEqual({ ok: false, error: 'initiative.notFound' });
		expect(claimPart(mai(), 999_999, 'Tôi có mặt')).toEqual({ ok: false, error: 'initiative.notFound' });
		expect(rowCounts(t.db)).toEqual(before);

		claimPart(mai(), id, 'Tôi có mặt');
		expect(claimPart(mai(), id, 'Tôi có mặt')).toEqual({ ok: false, error: 'claim.pendingAlready' });
		submitted(secretary(), id);
		const [waiting] = pendingClaims(t.db, id);
		expect(decideClaim(secretary(), waiting!.id, 'confirm', '')).toEqual({ ok: false, error: 'claim.closed' });
		expect(pendingClaimCounts(t.db, [id])).toEqual(new Map());
	});

	it('nobody but those who may edit the work decides, and the claimant never decides her own', () => {
		const id = teamWork();
		claimPart(mai(), id, 'Tôi có mặt');
		const [waiting] = pendingClaims(t.db, id);
		const outsider = insertPerson(t.db, 'Bí thư huyện khác', { unitId: f.units.G2a.id, role: 'unit_admin' });
		expectForbidden(() => decideClaim(contextFor(t.db, outsider.id), waiting!.id, 'confirm', ''));
		expectForbidden(() => decideClaim(mai(), waiting!.id, 'confirm', ''));
		expect(decideClaim(secretary(), 999_999, 'confirm', '')).toEqual({ ok: false, error: 'claim.notFound' });
		expect(participants(id)).toEqual([]);
	});
});

describe('a member tells her branch of work of her own', () => {
	const member = () => contextFor(t.db, f.people.member.id);
	const told = { title: 'Hướng dẫn bà con cài VNeID', startedOn: dayOf(daysBefore(2)), note: 'Cài cho 5 người ở nhà văn hoá' };

	it('her secretary logs it as the unit’s work, with her as a participant; her claim is confirmed and she hears so', () => {
		expect(claimOwnWork(member(), told)).toEqual({ ok: true });
		const [waiting] = ownClaimsToConfirm(secretary(), secretary().actor!);
		expect(waiting).toMatchObject({ name: 'Đoàn viên B1a1', unitId: f.units.B1a1.id, ...told });
		expect(myOwnClaims(t.db, f.people.member.id)).toMatchObject([{ title: told.title, status: 'pending', initiativeId: null }]);

		const form = ownClaimForForm(secretary(), waiting!.id)!;
		expect(form).toMatchObject({ personId: f.people.member.id, unitId: f.units.B1a1.id, title: told.title, note: told.note });
		const id = loggedInitiative(
			secretary(),
			vneidSession(c, f.units.B1a1.id, { title: told.title, day: told.startedOn, participantIds: [] })
		);
		expect(settleOwnClaim(secretary(), waiting!.id, id)).toEqual([f.people.member.id]);
		expect(participants(id)).toEqual(['Đoàn viên B1a1']);
		expect(myOwnClaims(t.db, f.people.member.id)).toMatchObject([{ status: 'confirmed', initiativeId: id }]);
		expect(ownClaimsToConfirm(secretary(), secretary().actor!)).toEqual([]);
		expect(latestNotices(t.db, f.people.member.id)[0]).toMatchObject({
			kind: 'claimConfirmed',
			subject: told.title,
			href: `/sang-kien/${id}`
		});
		// Settled once: a second save from the same form confirms nothing more.
		expect(settleOwnClaim(secretary(), waiting!.id, id)).toEqual([]);
	});

	it('declined, she hears why, on her page too', () => {
		claimOwnWork(member(), told);
		const [waiting] = ownClaimsToConfirm(secretary(), secretary().actor!);
		expect(decideClaim(secretary(), waiting!.id, 'confirm', '')).toEqual({ ok: false, error: 'claim.notFound' });
		expect(decideClaim(secretary(), waiting!.id, 'decline', 'Việc này đã có trong sáng kiến tuần trước')).toMatchObject({ ok: true });
		expect(myOwnClaims(t.db, f.people.member.id)).toMatchObject([
			{ status: 'declined', reason: 'Việc này đã có trong sáng kiến tuần trước' }
		]);
		expect(latestNotices(t.db, f.people.member.id)[0]).toMatchObject({ kind: 'claimDeclined', subject: told.title, href: '/toi' });
	});

	it('refuses bad fields and a flood without writing anything; only those who log work for her branch see or decide it', () => {
		const before = rowCounts(t.db);
		expect(claimOwnWork(member(), { title: '', startedOn: '2026-02-30', note: '' })).toMatchObject({
			ok: false,
			errors: { title: 'Hãy ghi tên việc bạn đã làm.', startedOn: 'Ngày không hợp lệ.', note: 'Hãy ghi ngắn gọn bạn đã làm gì.' }
		});
		expect(claimOwnWork(contextFor(t.db, null), told)).toMatchObject({ ok: false });
		expect(rowCounts(t.db)).toEqual(before);

		for (let i = 0; i < 20; i++) expect(claimOwnWork(member(), { ...told, title: `Việc ${i}` })).toEqual({ ok: true });
		expect(claimOwnWork(member(), told)).toMatchObject({ ok: false, errors: { _: expect.stringContaining('20 việc') } });

		const [first] = ownClaimsToConfirm(secretary(), secretary().actor!);
		const otherSecretary = insertPerson(t.db, 'Bí thư G2a', { unitId: f.units.G2a.id, role: 'unit_admin' });
		const other = contextFor(t.db, otherSecretary.id);
		expect(ownClaimsToConfirm(other, other.actor!)).toEqual([]);
		expectForbidden(() => ownClaimForForm(other, first!.id));
		expectForbidden(() => decideClaim(other, first!.id, 'decline', 'Không'));
		expect(ownClaimsToConfirm(member(), member().actor!)).toEqual([]);
	});
});
