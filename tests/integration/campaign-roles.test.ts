import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { campaignFixture, contextFor, insertPerson, orgFixture, rowCounts, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { loggedInitiative, submitted, vneidSession } from '../helpers/factories';
import { NOW } from '../helpers/clock';
import { expectForbidden } from '../helpers/refusals';
import { auditLog, roleAssignments } from '../../src/lib/server/db/schema';
import { grantRole } from '../../src/lib/server/people/service';
import { reviewQueue } from '../../src/lib/server/initiatives/review';
import { takeStep } from '../../src/lib/server/initiatives/service';
import { authorizeCampaignConfig } from '../../src/lib/server/campaigns/configure';
import { createUnit } from '../../src/lib/server/units/service';

const ANY = { unitId: null, activityTypeId: null, olderThanDays: null };

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
/** Two campaigns over the same tree: the youth union's (first) and the UBND's. */
let youth: ReturnType<typeof campaignFixture>;
let government: ReturnType<typeof campaignFixture>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	youth = campaignFixture(t.db, f.units.P.id, false, 'tinh-doan');
	scoringFixture(t.db, youth);
	government = campaignFixture(t.db, f.units.P.id, false, 'ubnd-tinh');
	scoringFixture(t.db, government);
});
afterEach(() => t.close());

/** An official of a department who verifies the UBND campaign's work in district D1, and nothing else. */
function governmentVerifier() {
	const official = insertPerson(t.db, 'Cán bộ Sở', { unitId: f.units.D1.id, role: 'member' });
	const province = contextFor(t.db, f.people.provinceAdmin.id);
	expect(grantRole(province, official.id, f.units.D1.id, 'district_admin', government.campaign.id)).toEqual({ ok: true });
	return contextFor(t.db, official.id);
}

/** Work in branch B1a1 logged and submitted by its grassroots secretary, in one campaign. */
function submittedIn(c: typeof youth) {
	const author = contextFor(t.db, f.people.g1aAdmin.id);
	return submitted(author, loggedInitiative(author, vneidSession(c, f.units.B1a1.id)));
}

describe('roles scoped to one campaign', () => {
	it('are granted and audited with their campaign; the same role in every campaign is another grant', () => {
		governmentVerifier();
		const row = t.db.select().from(roleAssignments).where(eq(roleAssignments.campaignId, government.campaign.id)).get();
		expect(row).toMatchObject({ role: 'district_admin', unitId: f.units.D1.id });
		expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'authz_change')).all().at(-1)!.after).toMatchObject({
			role: 'district_admin',
			campaign: government.campaign.name
		});
		const province = contextFor(t.db, f.people.provinceAdmin.id);
		const before = rowCounts(t.db);
		expect(grantRole(province, row!.personId, f.units.D1.id, 'district_admin', 9999)).toEqual({
			ok: false,
			error: 'campaign.unknown',
			field: 'campaignId'
		});
		expect(rowCounts(t.db)).toEqual(before);
	});

	it('verify their campaign’s work only: the queue shows it, approving the other campaign’s is refused', () => {
		const verifier = governmentVerifier();
		const ours = submittedIn(government);
		const theirs = submittedIn(youth);
		expect(reviewQueue(t.db, verifier.actor!, ANY, NOW).items.map((r) => r.id)).toEqual([ours]);
		expect(takeStep(verifier, ours, 'approve', { reason: null, seenRevision: 1 }).ok).toBe(true);
		expectForbidden(() => takeStep(verifier, theirs, 'approve', { reason: null, seenRevision: 1 }));
		// A district admin of every campaign sees both.
		const district = contextFor(t.db, f.people.d1Admin.id);
		expect(reviewQueue(t.db, district.actor!, ANY, NOW).items.map((r) => r.id)).toEqual([theirs]);
	});

	it('give nothing over the organisation: no unit, no configuration of another campaign', () => {
		const verifier = governmentVerifier();
		expectForbidden(() => createUnit(verifier, { parentId: f.units.D1.id, name: 'Chi đoàn mới', shortName: 'CĐ mới', level: 'branch' }));
		expectForbidden(() => authorizeCampaignConfig(verifier, youth.campaign.id));
	});

	it('a province admin scoped to the UBND campaign configures it, not the youth union’s', () => {
		const office = insertPerson(t.db, 'Văn phòng UBND', { unitId: f.units.P.id, role: 'member' });
		expect(
			grantRole(contextFor(t.db, f.people.provinceAdmin.id), office.id, f.units.P.id, 'province_admin', government.campaign.id)
		).toEqual({
			ok: true
		});
		const ctx = contextFor(t.db, office.id);
		expect(() => authorizeCampaignConfig(ctx, government.campaign.id)).not.toThrow();
		expectForbidden(() => authorizeCampaignConfig(ctx, youth.campaign.id));
	});
});
