import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { campaignFixture, contextFor, insertPerson, insertUnit, orgFixture, rowCounts, tempDatabase, type TempDb } from '../helpers/db';
import { loggedInitiative, vneidSession } from '../helpers/factories';
import { expectForbidden } from '../helpers/refusals';
import { auditLog, units } from '../../src/lib/server/db/schema';
import { campaignsOfUnit } from '../../src/lib/server/campaigns/participation';
import { joinCandidates, joinedUnits, joinUnit, leaveUnit } from '../../src/lib/server/campaigns/joining';
import { t as msg } from '../../src/lib/i18n';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
/** The Tỉnh đoàn's campaign over P's tree, and the UBND tỉnh's, owned by a root of its own with its own office. */
let government: ReturnType<typeof campaignFixture>;
let ubnd: ReturnType<typeof insertUnit>;
let office: ReturnType<typeof contextFor>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	campaignFixture(t.db, f.units.P.id, false, 'tinh-doan');
	ubnd = insertUnit(t.db, null, 'UBND tỉnh', 'province');
	government = campaignFixture(t.db, ubnd.id, true, 'ubnd-tinh');
	office = contextFor(t.db, insertPerson(t.db, 'Văn phòng UBND', { unitId: ubnd.id, role: 'province_admin' }).id);
});
afterEach(() => t.close());

const slugs = (unitId: number) => campaignsOfUnit(t.db, unitId).map((c) => c.slug);
const audits = (action: string) => t.db.select().from(auditLog).where(eq(auditLog.action, action)).all();

describe("the campaign's standing office joins units", () => {
	it('a unit joins with its subtree, audited, and is listed with its level and work', () => {
		expect(slugs(f.units.B1a1.id)).toEqual(['tinh-doan']);
		expect(joinCandidates(office, government.campaign.id).map((u) => u.name)).toContain('Huyện đoàn D1');

		expect(joinUnit(office, government.campaign.id, f.units.D1.id, '2026-02-01')).toEqual({ ok: true, name: 'Huyện đoàn D1' });

		for (const unit of [f.units.D1, f.units.G1a, f.units.B1a1, f.units.B1b1]) expect(slugs(unit.id)).toEqual(['tinh-doan', 'ubnd-tinh']);
		expect(slugs(f.units.B2a1.id)).toEqual(['tinh-doan']);
		const [audit] = audits('campaign.unit_join');
		expect(audit).toMatchObject({ targetId: String(government.campaign.id), unitId: ubnd.id });
		expect(audit!.after).toEqual({ unitId: f.units.D1.id, unit: 'Huyện đoàn D1', joinedOn: '2026-02-01' });
		expect(joinedUnits(office, government.campaign.id)).toEqual([
			{
				id: f.units.D1.id,
				name: 'Huyện đoàn D1',
				code: `DV${f.units.D1.id}`,
				levelLabel: expect.any(String),
				joinedOn: '2026-02-01',
				initiatives: 0
			}
		]);
		// The picker no longer offers D1 or anything under it.
		const offered = joinCandidates(office, government.campaign.id).map((u) => u.id);
		expect(offered).not.toContain(f.units.D1.id);
		expect(offered).not.toContain(f.units.B1a1.id);
		expect(offered).toContain(f.units.D2.id);
		expect(offered).not.toContain(ubnd.id);
	});

	it('refuses, in Vietnamese and with nothing written: unknown or retired units, units already taking part, days outside the campaign', () => {
		joinUnit(office, government.campaign.id, f.units.D1.id, '2026-02-01');
		t.db.update(units).set({ active: false }).where(eq(units.id, f.units.B2a1.id)).run();
		const child = insertUnit(t.db, ubnd, 'Sở Thông tin', 'district');
		const before = rowCounts(t.db);
		const cases: Array<[number, string, Record<string, string>]> = [
			[999_999, '2026-02-01', { unitId: msg('joining.unknownUnit') }],
			[f.units.B2a1.id, '2026-02-01', { unitId: msg('joining.unknownUnit') }],
			[ubnd.id, '2026-02-01', { unitId: msg('joining.ownerTree', { name: 'UBND tỉnh' }) }],
			[child.id, '2026-02-01', { unitId: msg('joining.ownerTree', { name: 'Sở Thông tin' }) }],
			[f.units.D1.id, '2026-02-01', { unitId: msg('joining.alreadyJoined', { name: 'Huyện đoàn D1' }) }],
			[f.units.G1a.id, '2026-02-01', { unitId: msg('joining.underJoined', { name: 'Đoàn xã G1a' }) }],
			[f.units.D2.id, '2022-12-31', { joinedOn: 'Ngày tham gia phải trong thời gian của phong trào (01/01/2023 – 31/12/2030).' }],
			[f.units.D2.id, '2031-01-01', { joinedOn: 'Ngày tham gia phải trong thời gian của phong trào (01/01/2023 – 31/12/2030).' }]
		];
		for (const [unitId, day, errors] of cases) {
			expect(joinUnit(office, government.campaign.id, unitId, day)).toEqual({ ok: false, errors });
			expect(rowCounts(t.db)).toEqual(before);
		}
		expect(msg('joining.alreadyJoined', { name: 'Huyện đoàn D1' })).toBe('“Huyện đoàn D1” đã tham gia phong trào.');
	});

	it('a unit whose subtree logged work in the campaign cannot leave it; the message says how many', () => {
		joinUnit(office, government.campaign.id, f.units.D1.id, '2026-02-01');
		const g1a = contextFor(t.db, f.people.g1aAdmin.id);
		loggedInitiative(g1a, vneidSession(government, f.units.B1a1.id));
		loggedInitiative(g1a, vneidSession(government, f.units.G1a.id));
		expect(joinedUnits(office, government.campaign.id)[0]!.initiatives).toBe(2);
		const before = rowCounts(t.db);

		const refused = leaveUnit(office, government.campaign.id, f.units.D1.id);
		expect(refused).toEqual({ ok: false, errors: { _: msg('joining.hasWork', { name: 'Huyện đoàn D1', n: 2 }) } });
		expect(!refused.ok && refused.errors._).toContain('có 2 sáng kiến');
		expect(rowCounts(t.db)).toEqual(before);
		expect(slugs(f.units.B1a1.id)).toEqual(['tinh-doan', 'ubnd-tinh']);
	});

	it('work that another joined unit still reaches does not hold a unit back', () => {
		joinUnit(office, government.campaign.id, f.units.G1a.id, '2026-02-01');
		loggedInitiative(contextFor(t.db, f.people.g1aAdmin.id), vneidSession(government, f.units.B1a1.id));
		// D1 sits above G1a, not under it: it may join, and then G1a's own row is no longer needed.
		expect(joinUnit(office, government.campaign.id, f.units.D1.id, '2026-03-01').ok).toBe(true);
		expect(leaveUnit(office, government.campaign.id, f.units.G1a.id)).toEqual({ ok: true, name: 'Đoàn xã G1a' });
		expect(slugs(f.units.B1a1.id)).toEqual(['tinh-doan', 'ubnd-tinh']);
		expect(leaveUnit(office, government.campaign.id, f.units.D1.id).ok).toBe(false);
	});

	it('a unit without work leaves, audited, and may join again', () => {
		joinUnit(office, government.campaign.id, f.units.D2.id, '2026-02-01');
		expect(leaveUnit(office, government.campaign.id, f.units.D2.id)).toEqual({ ok: true, name: 'Huyện đoàn D2' });
		expect(slugs(f.units.B2a1.id)).toEqual(['tinh-doan']);
		expect(joinedUnits(office, government.campaign.id)).toEqual([]);
		expect(audits('campaign.unit_leave')[0]!.before).toEqual({ unitId: f.units.D2.id, unit: 'Huyện đoàn D2', joinedOn: '2026-02-01' });

		const before = rowCounts(t.db);
		expect(leaveUnit(office, government.campaign.id, f.units.D2.id)).toEqual({ ok: false, errors: { _: msg('joining.notJoined') } });
		expect(rowCounts(t.db)).toEqual(before);

		expect(joinUnit(office, government.campaign.id, f.units.D2.id, '2026-04-01').ok).toBe(true);
		expect(slugs(f.units.B2a1.id)).toEqual(['tinh-doan', 'ubnd-tinh']);
		expect(audits('campaign.unit_join')).toHaveLength(2);
	});

	it("only the campaign's standing office: a district admin and another campaign's office are refused", () => {
		joinUnit(office, government.campaign.id, f.units.D1.id, '2026-02-01');
		const before = rowCounts(t.db);
		for (const personId of [f.people.d1Admin.id, f.people.provinceAdmin.id, f.people.g1aAdmin.id]) {
			const ctx = contextFor(t.db, personId);
			expectForbidden(() => joinedUnits(ctx, government.campaign.id));
			expectForbidden(() => joinCandidates(ctx, government.campaign.id));
			expectForbidden(() => joinUnit(ctx, government.campaign.id, f.units.D2.id, '2026-02-01'));
			expectForbidden(() => leaveUnit(ctx, government.campaign.id, f.units.D1.id));
		}
		// Refusals of access are audited themselves; nothing else is written.
		const { audit_log: _, ...after } = rowCounts(t.db);
		expect({ ...after, audit_log: before.audit_log }).toEqual(before);
		expect(audits('campaign.unit_join')).toHaveLength(1);
		expect(audits('campaign.unit_leave')).toHaveLength(0);
	});
});
