import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { contextFor, insertPerson, insertUnit, orgFixture, rowCounts, tempDatabase, type TempDb } from '../helpers/db';
import { ROOT } from '../helpers/server';
import { NOW } from '../helpers/clock';
import { expectForbidden } from '../helpers/refusals';
import { importCampaign } from '../../src/lib/server/campaigns/import';
import { exportCampaign } from '../../src/lib/server/campaigns/export';
import { deleteTeamKind, saveEnrolLevel, saveTeamKind, teamSettingsForEditor } from '../../src/lib/server/campaigns/team-editor';
import { readCampaignFile } from '../../src/lib/domain/campaigns/validate';
import type { CampaignFile } from '../../src/lib/domain/campaigns/format';
import { auditLog, campaigns, teams, units } from '../../src/lib/server/db/schema';
import { createTeam, issueTeamInvite, joinTeam, updateTeam, type TeamInput } from '../../src/lib/server/teams/service';
import { teamFormOptions } from '../../src/lib/server/teams/form';
import { teamSettingsOf } from '../../src/lib/server/teams/settings';
import { toSearchText } from '../../src/lib/text';

const operator = { actor: null, now: NOW, ipHash: null, requestId: null };
const fileOf = (name: string): CampaignFile => {
	const read = readCampaignFile(readFileSync(join(ROOT, 'campaigns', name), 'utf8'));
	if (!read.ok) throw new Error(JSON.stringify(read.errors));
	return read.file;
};
const kind = (code: string, label: string) => ({ original: '', code, label });

let t: TempDb;
beforeEach(() => (t = tempDatabase()));
afterEach(() => t.close());

const teamInput = (over: Partial<TeamInput> & Pick<TeamInput, 'unitId' | 'leaderId'>): TeamInput => ({
	name: 'Tổ công nghệ số',
	kind: 'community_tech',
	servedPlaces: [],
	helpers: [],
	activeFrom: '2024-01-01',
	activeTo: null,
	focus: [],
	...over
});

/** The Tỉnh đoàn's file (000) on the fixture's province P. */
function unionCampaign() {
	const o = orgFixture(t.db);
	const file = fileOf('000-tinh-doan-dien-bien.json');
	const imported = importCampaign(t.db, file, operator, { ownerUnitId: o.units.P.id });
	if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
	return {
		o,
		slug: file.slug,
		campaignId: imported.campaignId,
		admin: contextFor(t.db, o.people.provinceAdmin.id),
		district: contextFor(t.db, o.people.d1Admin.id),
		secretary: contextFor(t.db, o.people.g1aAdmin.id)
	};
}

describe('team kinds of a campaign', () => {
	it('an admin adds a kind: audited, exported, offered by the form and accepted for a team', () => {
		const { o, slug, campaignId, admin, secretary } = unionCampaign();
		expect(saveTeamKind(admin, campaignId, kind('to_ky_thuat', 'Tổ kỹ thuật số'))).toMatchObject({ ok: true });
		const audit = t.db.select().from(auditLog).where(eq(auditLog.action, 'campaign.team_kind_create')).all();
		expect(audit).toHaveLength(1);
		expect(audit[0]!.actorId).toBe(o.people.provinceAdmin.id);
		expect(audit[0]!.after).toEqual({
			code: 'to_ky_thuat',
			label: 'Tổ kỹ thuật số',
			changes: ['Sửa loại đội hình hoặc cấp đội hình tuyển thành viên']
		});
		expect(exportCampaign(t.db, slug)!.teams!.kinds.map((k) => k.code)).toEqual([
			'digital_volunteer',
			'community_tech',
			'other',
			'to_ky_thuat'
		]);
		expect(teamFormOptions(t.db, o.units.G1a.id, o.people.g1aAdmin.id).kinds.at(-1)).toEqual({
			code: 'to_ky_thuat',
			label: 'Tổ kỹ thuật số'
		});

		const made = createTeam(secretary, teamInput({ kind: 'to_ky_thuat', unitId: o.units.G1a.id, leaderId: o.people.g1aAdmin.id }));
		expect(made.ok && made.team.kind).toBe('to_ky_thuat');

		expect(saveTeamKind(admin, campaignId, { original: 'to_ky_thuat', code: 'to_ky_thuat', label: 'Tổ kỹ thuật số xã' })).toMatchObject({
			ok: true
		});
		expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'campaign.team_kind_update')).get()!.before).toEqual({
			code: 'to_ky_thuat',
			label: 'Tổ kỹ thuật số'
		});
		expect(exportCampaign(t.db, slug)!.teams!.kinds.at(-1)!.label).toBe('Tổ kỹ thuật số xã');
		// The exported file is valid and imports back with no change.
		const again = importCampaign(t.db, fileOf('000-tinh-doan-dien-bien.json'), operator);
		expect(again.ok).toBe(false); // the shipped file lacks the kind a team now has: refused
		const exported = readCampaignFile(JSON.stringify(exportCampaign(t.db, slug)));
		if (!exported.ok) throw new Error(JSON.stringify(exported.errors));
		expect(importCampaign(t.db, exported.file, operator)).toMatchObject({ ok: true, changes: [] });
	});

	it('a kind the campaign does not have is refused and nothing is written', () => {
		const { o, secretary } = unionCampaign();
		const before = rowCounts(t.db);
		expect(createTeam(secretary, teamInput({ kind: 'khong_co', unitId: o.units.G1a.id, leaderId: o.people.g1aAdmin.id }))).toEqual({
			ok: false,
			error: 'team.unknownKind',
			field: 'kind'
		});
		expect(rowCounts(t.db)).toEqual(before);
	});

	it('a kind in use cannot be removed; an unused one can, and not the last one', () => {
		const { o, slug, campaignId, admin, secretary } = unionCampaign();
		expect(createTeam(secretary, teamInput({ unitId: o.units.G1a.id, leaderId: o.people.g1aAdmin.id })).ok).toBe(true);
		const before = rowCounts(t.db);
		expect(deleteTeamKind(admin, campaignId, 'community_tech')).toEqual({
			ok: false,
			errors: { _: 'Không bỏ được loại đội hình “community_tech”: còn đội hình thuộc loại này.' }
		});
		expect(rowCounts(t.db)).toEqual(before);
		expect(teamSettingsForEditor(admin, campaignId).kinds.find((k) => k.code === 'community_tech')!.teams).toBe(1);

		expect(deleteTeamKind(admin, campaignId, 'other')).toMatchObject({ ok: true });
		expect(deleteTeamKind(admin, campaignId, 'digital_volunteer')).toMatchObject({ ok: true });
		expect(exportCampaign(t.db, slug)!.teams!.kinds.map((k) => k.code)).toEqual(['community_tech']);
		expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'campaign.team_kind_delete')).all()).toHaveLength(2);
	});

	it('a district admin may not edit the kinds or the level', () => {
		const { campaignId, district } = unionCampaign();
		const before = rowCounts(t.db);
		expectForbidden(() => saveTeamKind(district, campaignId, kind('x', 'X')));
		expectForbidden(() => deleteTeamKind(district, campaignId, 'other'));
		expectForbidden(() => saveEnrolLevel(district, campaignId, 'grassroots'));
		expectForbidden(() => teamSettingsForEditor(district, campaignId));
		// Only the refusals themselves are recorded.
		expect({ ...rowCounts(t.db), audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
		expect(exportCampaign(t.db, 'tuoi-tre-dien-bien-tien-phong-chuyen-doi-so')!.teams).toEqual(
			fileOf('000-tinh-doan-dien-bien.json').teams
		);
	});

	it('the enrolment level narrows who may join: grassroots instead of district', () => {
		const { o, slug, campaignId, admin, secretary } = unionCampaign();
		const team = createTeam(secretary, teamInput({ unitId: o.units.G1a.id, leaderId: o.people.g1aAdmin.id }));
		if (!team.ok) throw new Error(team.error);
		const sameDistrict = insertPerson(t.db, 'Đoàn viên G1b', { unitId: o.units.B1b1.id });
		const sameCommune = insertPerson(t.db, 'Đoàn viên B1a2', { unitId: o.units.B1a2.id });
		expect(saveEnrolLevel(admin, campaignId, 'grassroots')).toMatchObject({ ok: true });
		expect(exportCampaign(t.db, slug)!.teams!.enrolFromLevel).toBe('grassroots');
		expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'campaign.team_enrol_level')).get()!.after).toMatchObject({
			enrolFromLevel: 'grassroots'
		});
		const invite = issueTeamInvite(secretary, team.team.id)!;
		expect(joinTeam(contextFor(t.db, sameDistrict.id), invite)).toEqual({ ok: false, error: 'team.outOfScope' });
		expect(joinTeam(contextFor(t.db, sameCommune.id), invite)).toMatchObject({ ok: true, joined: true });
		expect(saveEnrolLevel(admin, campaignId, 'hamlet')).toMatchObject({
			ok: false,
			errors: { enrolFromLevel: 'Cấp “hamlet” không có trong danh sách levels.' }
		});
	});
});

describe('a commune campaign (001): teams enrol from the commune itself', () => {
	function taMa() {
		const imported = importCampaign(t.db, fileOf('001-ubnd-xa-ta-ma.json'), operator);
		if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
		const root = t.db.select().from(units).get()!;
		const v1 = insertUnit(t.db, root, 'Bản Ta Ma', 'village');
		const v2 = insertUnit(t.db, root, 'Bản Phiêng Cải', 'village');
		const secretary = insertPerson(t.db, 'Trưởng bản Ta Ma', { unitId: v1.id, role: 'unit_admin' });
		const neighbour = insertPerson(t.db, 'Người dân Phiêng Cải', { unitId: v2.id });
		const officer = insertPerson(t.db, 'Cán bộ xã', { unitId: root.id, role: 'province_admin' });
		return { campaignId: imported.campaignId, v1, secretary, neighbour, officer };
	}

	it('a village team enrols and is led by people of other villages of the commune', () => {
		const { campaignId, v1, secretary, neighbour } = taMa();
		const ctx = contextFor(t.db, secretary.id);
		expect(teamSettingsOf(t.db, campaignId).enrolFromLevel).toBe('commune');
		const options = teamFormOptions(t.db, v1.id, secretary.id);
		expect(options.kinds.map((k) => k.code)).toEqual(['community_tech', 'village_tech', 'other']);
		// The village's own people first, then the rest of the commune.
		expect(options.leaders.map((l) => l.id).slice(0, 1)).toEqual([secretary.id]);
		expect(options.leaders.map((l) => l.id)).toContain(neighbour.id);
		// The old union kind is not one of this campaign's.
		expect(createTeam(ctx, teamInput({ kind: 'digital_volunteer', unitId: v1.id, leaderId: secretary.id }))).toMatchObject({
			ok: false,
			error: 'team.unknownKind'
		});
		const team = createTeam(ctx, teamInput({ kind: 'village_tech', unitId: v1.id, leaderId: neighbour.id }));
		if (!team.ok) throw new Error(team.error);
		const invite = issueTeamInvite(ctx, team.team.id)!;
		expect(joinTeam(contextFor(t.db, secretary.id), invite)).toMatchObject({ ok: true });
	});

	it('back on the depth-1 rule the village alone enrols; a team keeps a kind its campaign no longer lists', () => {
		const { campaignId, v1, secretary, neighbour, officer } = taMa();
		expect(saveEnrolLevel(contextFor(t.db, officer.id), campaignId, '')).toMatchObject({ ok: true });
		expect(teamSettingsOf(t.db, campaignId).enrolFromLevel).toBeNull();
		const ctx = contextFor(t.db, secretary.id);
		const team = createTeam(ctx, teamInput({ unitId: v1.id, leaderId: secretary.id }));
		if (!team.ok) throw new Error(team.error);
		expect(joinTeam(contextFor(t.db, neighbour.id), issueTeamInvite(ctx, team.team.id)!)).toEqual({ ok: false, error: 'team.outOfScope' });

		// A team registered before the campaign named its kinds keeps its kind through an edit.
		const legacy = t.db
			.insert(teams)
			.values({
				name: 'Đội hình cũ',
				kind: 'digital_volunteer',
				unitId: v1.id,
				leaderId: secretary.id,
				servedPlaces: [],
				helpers: [],
				activeFrom: '2023-01-01',
				searchName: toSearchText('Đội hình cũ'),
				createdAt: 0
			})
			.returning()
			.get();
		expect(
			updateTeam(ctx, legacy.id, teamInput({ name: 'Đội hình cũ (sửa)', kind: 'digital_volunteer', unitId: v1.id, leaderId: secretary.id }))
				.ok
		).toBe(true);
		expect(updateTeam(ctx, legacy.id, teamInput({ kind: 'khong_co', unitId: v1.id, leaderId: secretary.id }))).toMatchObject({
			ok: false,
			error: 'team.unknownKind'
		});
		expect(
			t.db
				.select()
				.from(campaigns)
				.get()!
				.teamSettings!.kinds.map((k) => k.code)
		).not.toContain('digital_volunteer');
	});
});
