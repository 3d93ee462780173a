import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaignFixture, contextFor, orgFixture, tempDatabase, type TempDb } from '../helpers/db';
import { MINUTE_MS, NOW, dayOf, daysAfter, daysBefore } from '../helpers/clock';
import { loggedInitiative, submitted, vneidSession } from '../helpers/factories';
import { DUE_RECOUNT_MS, dueCount, remindersOf } from '../../src/lib/server/notifications/reminders';
import { claimOwnWork, decideClaim, ownClaimsToConfirm } from '../../src/lib/server/initiatives/claims';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
});
afterEach(() => t.close());

const sentAt = (at: number) => {
	const secretary = contextFor(t.db, f.people.g1aAdmin.id, at);
	return submitted(secretary, loggedInitiative(secretary, vneidSession(c, f.units.G1a.id, { day: dayOf(daysBefore(10)) })));
};
const remindersAt = (personId: number, at: number) => {
	const ctx = contextFor(t.db, personId, at);
	return remindersOf(ctx, ctx.actor!);
};

describe('reminders under the bell’s page', () => {
	it('recall to the verifier the work waiting for him three days or more, and only that', () => {
		sentAt(daysBefore(4));
		sentAt(daysBefore(1));
		expect(remindersAt(f.people.d1Admin.id, NOW)).toMatchObject({ longWaiting: 1, reminderDays: 3 });
		expect(remindersAt(f.people.d1Admin.id, daysAfter(3))).toMatchObject({ longWaiting: 2 });
	});

	it('recall no review to someone who verifies nothing', () => {
		sentAt(daysBefore(4));
		expect(remindersAt(f.people.member.id, NOW).longWaiting).toBe(0);
		expect(remindersAt(f.people.g1aAdmin.id, NOW).longWaiting).toBe(0);
	});

	it('are counted on the bell, again at most every five minutes', () => {
		sentAt(daysBefore(4));
		const due = (at: number) => {
			const ctx = contextFor(t.db, f.people.d1Admin.id, at);
			return dueCount(ctx, ctx.actor!);
		};
		const reports = remindersAt(f.people.d1Admin.id, NOW).reports.length;
		expect(due(NOW)).toBe(reports + 1);
		sentAt(daysBefore(5));
		expect(due(NOW + MINUTE_MS)).toBe(reports + 1);
		expect(due(NOW + DUE_RECOUNT_MS + 1)).toBe(reports + 2);
	});

	it('recall to whoever logs work for her branch a member’s account of her own work, until it is logged or declined', () => {
		const member = contextFor(t.db, f.people.member.id);
		const secretary = contextFor(t.db, f.people.g1aAdmin.id);
		expect(claimOwnWork(member, { title: 'Cài VNeID cho bà con', startedOn: dayOf(daysBefore(2)), note: 'Cài cho 5 người' })).toEqual({
			ok: true
		});
		expect(remindersAt(f.people.g1aAdmin.id, NOW).ownClaims).toBe(1);
		expect(remindersAt(f.people.member.id, NOW).ownClaims).toBe(0);
		expect(remindersAt(f.people.d1Admin.id, NOW).ownClaims).toBe(0);
		const [waiting] = ownClaimsToConfirm(secretary, secretary.actor!);
		expect(decideClaim(secretary, waiting!.id, 'decline', 'Đã có trong sáng kiến tuần trước')).toMatchObject({ ok: true });
		expect(remindersAt(f.people.g1aAdmin.id, NOW).ownClaims).toBe(0);
	});
});
