import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { contextFor, orgFixture, rowCounts, tempDatabase, type TempDb } from '../helpers/db';
import { ROOT } from '../helpers/server';
import { NOW, dayOf, daysBefore } from '../helpers/clock';
import { expectForbidden } from '../helpers/refusals';
import { importCampaign } from '../../src/lib/server/campaigns/import';
import { exportCampaign } from '../../src/lib/server/campaigns/export';
import {
	areasForEditor,
	deleteArea,
	levelsForEditor,
	periodsForEditor,
	saveArea,
	saveCampaignLevel,
	savePeriod
} from '../../src/lib/server/campaigns/editors';
import { addUnitLevel } from '../../src/lib/server/units/levels';
import { readCampaignFile } from '../../src/lib/domain/campaigns/validate';
import { parseForm } from '../../src/lib/schemas/fields';
import {
	areaFormSchema,
	campaignLevelSchema,
	periodFormSchema,
	readAwardFormFields,
	unitLevelSchema
} from '../../src/lib/schemas/campaign-editors';
import { activityMeasures, activityTypes, auditLog, campaigns, unitLevels } from '../../src/lib/server/db/schema';
import { createInitiative, takeStep } from '../../src/lib/server/initiatives/service';
import { changePeriod, periodByCode } from '../../src/lib/server/scoring/periods';
import { leaderboardPage } from '../../src/lib/server/scoring/leaderboard-page';
import { MemoryLeaderboardStore } from '../../src/lib/server/scoring/memory-store';
import type { z } from 'zod';
import { deleteAwardForm, saveAwardForm } from '../../src/lib/server/awards/editor';
import { awardFormsOf } from '../../src/lib/server/awards/forms';

const operator = { actor: null, now: NOW, ipHash: null, requestId: null };
const SLUG = 'tuoi-tre-dien-bien-tien-phong-chuyen-doi-so';

let t: TempDb;
/** The imported campaign the editors work on. */
let campaignId: number;
beforeEach(() => (t = tempDatabase()));
afterEach(() => t.close());

/** The demo's campaign file (000) owned by the fixture's province P, whose levels it uses. */
function campaign() {
	const o = orgFixture(t.db);
	const read = readCampaignFile(readFileSync(join(ROOT, 'campaigns/000-tinh-doan-dien-bien.json'), 'utf8'));
	if (!read.ok) throw new Error(JSON.stringify(read.errors));
	const imported = importCampaign(t.db, read.file, operator, { ownerUnitId: o.units.P.id });
	if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
	campaignId = t.db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.slug, read.file.slug)).get()!.id;
	return { o, admin: contextFor(t.db, o.people.provinceAdmin.id), district: contextFor(t.db, o.people.d1Admin.id) };
}

function form<S extends z.ZodObject>(schema: S, values: Record<string, string>): z.output<S> {
	const data = new FormData();
	for (const [k, v] of Object.entries(values)) data.set(k, v);
	const parsed = parseForm(schema, data);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return parsed.data;
}
const period = (values: Record<string, string>) =>
	form(periodFormSchema, {
		original: '',
		code: 'HE2027',
		name: 'Chiến dịch hè 2027',
		kind: 'campaign',
		startsOn: '2027-06-01',
		endsOn: '2027-08-31',
		...values
	});

const lastAudit = () => t.db.select().from(auditLog).orderBy(auditLog.id).all().at(-1)!;
/** Everything but the audit log: a refusal may write an authz_fail row, nothing else. */
const counts = () => ({ ...rowCounts(t.db), audit_log: 0 });

/** An approved initiative dated three days before the suite's clock (2026): Y2026 and PH2 then have ledger rows. */
function approvedWork(o: ReturnType<typeof orgFixture>) {
	const type = t.db.select().from(activityTypes).where(eq(activityTypes.code, 'VNEID')).get()!;
	const measure = t.db.select().from(activityMeasures).where(eq(activityMeasures.activityTypeId, type.id)).get()!;
	const author = contextFor(t.db, o.people.g1aAdmin.id);
	const saved = createInitiative(author, {
		unitId: o.units.B1a1.id,
		teamId: null,
		activityTypeId: type.id,
		title: 'Hướng dẫn cài VNeID cho bà con',
		story: 'Chi đoàn hướng dẫn người dân kích hoạt tài khoản định danh điện tử.',
		startedOn: dayOf(daysBefore(3)),
		endedOn: dayOf(daysBefore(3)),
		place: 'Nhà văn hoá bản',
		photosShowChildren: false,
		measures: { [measure.id]: '40' },
		participantIds: []
	});
	if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
	expect(takeStep(author, saved.id, 'submit', { reason: null, seenRevision: 0 }).ok).toBe(true);
	expect(takeStep(contextFor(t.db, o.people.d1Admin.id), saved.id, 'approve', { reason: null, seenRevision: 1 }).ok).toBe(true);
}

describe('periods', () => {
	it('adds a period with the file’s checks, audited, and the export carries it', () => {
		const { admin } = campaign();
		expect(savePeriod(admin, campaignId, period({}))).toEqual({ ok: true, changes: ['Thêm kỳ “Chiến dịch hè 2027”'] });
		expect(lastAudit()).toMatchObject({
			action: 'campaign.period_create',
			actorId: admin.actor!.personId,
			after: { code: 'HE2027', name: 'Chiến dịch hè 2027', kind: 'campaign', startsOn: '2027-06-01', endsOn: '2027-08-31' }
		});
		const file = exportCampaign(t.db, SLUG)!;
		const check = readCampaignFile(JSON.stringify(file));
		expect(check.ok ? [] : check.errors).toEqual([]);
		expect(file.periods.at(-1)).toEqual({
			code: 'HE2027',
			name: 'Chiến dịch hè 2027',
			kind: 'campaign',
			startsOn: '2027-06-01',
			endsOn: '2027-08-31',
			graceDays: 15
		});
	});

	const refusals: Array<[string, Record<string, string>, Record<string, string>]> = [
		['a duplicate code', { code: 'Y2026' }, { code: 'Mã “Y2026” bị trùng.' }],
		[
			'dates outside the campaign',
			{ startsOn: '2030-12-01', endsOn: '2031-01-31' },
			{ _: 'Kỳ HE2027 nằm ngoài thời gian phong trào (2023-07-10 – 2030-12-31).' }
		],
		[
			'a year across two years',
			{ code: 'N2031', kind: 'year', startsOn: '2030-09-01', endsOn: '2030-12-31' },
			{ _: 'Kỳ N2031 trùng thời gian với kỳ Y2030 cùng loại.' }
		],
		[
			'a year period running into the next year',
			{ code: 'NH2029', kind: 'year', startsOn: '2029-09-01', endsOn: '2030-05-31' },
			{ endsOn: 'Kỳ năm NH2029 phải bắt đầu và kết thúc trong cùng một năm.', _: 'Kỳ NH2029 trùng thời gian với kỳ Y2029 cùng loại.' }
		],
		[
			'a phase overlapping another',
			{ code: 'PH3', kind: 'phase', startsOn: '2030-01-01', endsOn: '2030-12-31' },
			{ _: 'Kỳ PH3 trùng thời gian với kỳ PH2 cùng loại.' }
		]
	];
	for (const [name, values, errors] of refusals)
		it(`refuses ${name} in Vietnamese, with nothing written`, () => {
			const { admin } = campaign();
			const before = rowCounts(t.db);
			expect(savePeriod(admin, campaignId, period(values))).toEqual({ ok: false, errors });
			expect(rowCounts(t.db)).toEqual(before);
		});

	it('the form refuses a bad code, kind or dates before the service', () => {
		const data = new FormData();
		for (const [k, v] of Object.entries({ code: 'hè 2027', name: '', kind: 'week', startsOn: '2027-02-30', endsOn: '2027-01-01' }))
			data.set(k, v);
		const parsed = parseForm(periodFormSchema, data);
		expect(parsed.ok || parsed.errors).toEqual({
			code: 'Mã chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới (1-40 ký tự).',
			name: 'Vui lòng nhập tên kỳ.',
			kind: 'Lựa chọn không hợp lệ.',
			startsOn: 'Ngày không hợp lệ.'
		});
	});

	it('a period with ledger rows keeps its dates but may be renamed; an empty one may move; codes never change', () => {
		const { o, admin } = campaign();
		approvedWork(o);
		const locked = periodsForEditor(admin, campaignId);
		expect(locked.filter((p) => p.datesLocked).map((p) => p.code)).toEqual(['Y2026', 'PH2']);
		const before = counts();
		const moved = savePeriod(
			admin,
			campaignId,
			period({ original: 'Y2026', code: 'Y2026', name: 'Năm 2026', kind: 'year', startsOn: '2026-01-01', endsOn: '2026-11-30' })
		);
		expect(moved).toEqual({ ok: false, errors: { _: 'Không đổi được thời gian kỳ Y2026: kỳ đã đóng hoặc đã có điểm trong sổ điểm.' } });
		expect(counts()).toEqual(before);
		expect(periodByCode(t.db, 1, 'Y2026')!.endsOn).toBe('2026-12-31');

		const renamed = savePeriod(
			admin,
			campaignId,
			period({ original: 'Y2026', code: 'Y2026', name: 'Năm 2026 (tăng tốc)', kind: 'year', startsOn: '2026-01-01', endsOn: '2026-12-31' })
		);
		expect(renamed).toEqual({ ok: true, changes: ['Sửa kỳ “Năm 2026 (tăng tốc)”'] });
		expect(lastAudit()).toMatchObject({
			action: 'campaign.period_update',
			before: { name: 'Năm 2026' },
			after: { name: 'Năm 2026 (tăng tốc)' }
		});

		const recode = savePeriod(
			admin,
			campaignId,
			period({ original: 'Y2027', code: 'Y2027B', kind: 'year', startsOn: '2027-01-01', endsOn: '2027-12-31' })
		);
		expect(recode).toEqual({ ok: false, errors: { code: 'Mã không đổi được sau khi đã tạo (bảng xếp hạng và tệp phong trào dùng mã).' } });
		const drive = savePeriod(
			admin,
			campaignId,
			period({ original: 'HE2026', code: 'HE2026', name: 'Hè 2026', startsOn: '2026-06-15', endsOn: '2026-08-31' })
		);
		expect(drive.ok).toBe(true);
		expect(periodByCode(t.db, 1, 'HE2026')!.startsOn).toBe('2026-06-15');
	});

	it('a closed period keeps its dates', () => {
		const { admin } = campaign();
		const y2024 = periodByCode(t.db, 1, 'Y2024')!;
		expect(changePeriod(admin, y2024.id, 'close').ok).toBe(true);
		const result = savePeriod(
			admin,
			campaignId,
			period({ original: 'Y2024', code: 'Y2024', kind: 'year', name: 'Năm 2024', startsOn: '2024-01-02', endsOn: '2024-12-31' })
		);
		expect(result.ok).toBe(false);
		expect(periodByCode(t.db, 1, 'Y2024')!.startsOn).toBe('2024-01-01');
	});

	it('a district admin and a member cannot', () => {
		const { o, district } = campaign();
		const before = counts();
		expectForbidden(() => savePeriod(district, campaignId, period({})));
		expectForbidden(() => periodsForEditor(contextFor(t.db, o.people.member.id), campaignId));
		expect(counts()).toEqual(before);
	});
});

describe('content areas', () => {
	const area = (values: Record<string, string>) =>
		form(areaFormSchema, { original: '', code: '1.7', name: 'Chuyển đổi số trong trường học', parent: '', ...values });

	it('adds an area and a sub-area, renames, deletes an unused one; each audited and exported', () => {
		const { admin } = campaign();
		expect(saveArea(admin, campaignId, area({}))).toEqual({ ok: true, changes: ['Thêm nội dung thi đua 1.7'] });
		expect(lastAudit()).toMatchObject({ action: 'campaign.area_create', after: { code: '1.7', parent: null } });
		expect(saveArea(admin, campaignId, area({ code: '1.7.a', name: 'Học bạ số', parent: '1.7' })).ok).toBe(true);
		expect(saveArea(admin, campaignId, area({ original: '1.7.a', code: '1.7.a', name: 'Học bạ và sổ liên lạc số' })).ok).toBe(true);
		expect(lastAudit()).toMatchObject({
			action: 'campaign.area_update',
			before: { name: 'Học bạ số' },
			after: { name: 'Học bạ và sổ liên lạc số' }
		});
		const file = exportCampaign(t.db, SLUG)!;
		expect(file.contentAreas.at(-1)).toEqual({
			code: '1.7',
			name: 'Chuyển đổi số trong trường học',
			sectorTags: [],
			subAreas: [{ code: '1.7.a', name: 'Học bạ và sổ liên lạc số', sectorTags: [] }]
		});
		expect(readCampaignFile(JSON.stringify(file)).ok).toBe(true);
		expect(areasForEditor(admin, campaignId).at(-1)).toMatchObject({
			code: '1.7',
			inUse: true,
			subAreas: [{ code: '1.7.a', inUse: false }]
		});

		expect(deleteArea(admin, campaignId, '1.7.a')).toEqual({ ok: true, changes: ['Xoá nội dung thi đua 1.7.a'] });
		expect(lastAudit()).toMatchObject({ action: 'campaign.area_delete', before: { code: '1.7.a' } });
	});

	it('refuses a duplicate code, an unknown parent, and deleting an area in use, with nothing changed', () => {
		const { o, admin } = campaign();
		approvedWork(o);
		const before = counts();
		expect(saveArea(admin, campaignId, area({ code: '1.4' }))).toEqual({ ok: false, errors: { code: 'Mã “1.4” bị trùng.' } });
		expect(saveArea(admin, campaignId, area({ parent: '9.9' }))).toEqual({
			ok: false,
			errors: { parent: 'Không có nội dung thi đua cấp trên với mã này.' }
		});
		expect(deleteArea(admin, campaignId, '1.4')).toEqual({
			ok: false,
			errors: { _: 'Không xoá được nội dung thi đua 1.4: còn loại hoạt động, nội dung con hoặc điểm gắn với nó.' }
		});
		expect(counts()).toEqual(before);
		expectForbidden(() => saveArea(contextFor(t.db, o.people.d1Admin.id), campaignId, area({})));
		expect(counts()).toEqual(before);
	});
});

describe('levels', () => {
	const level = (values: Record<string, string>) =>
		form(campaignLevelSchema, { code: 'branch', included: 'on', label: 'Chi đoàn', rank: '4', boards: 'on', position: '4', ...values });

	it('turns a level’s boards off, and the board page stops offering it', async () => {
		const { admin } = campaign();
		const subjects = async () =>
			(await leaderboardPage(
				{ db: t.db, boards: new MemoryLeaderboardStore(), now: NOW, actor: null },
				{
					campaign: null,
					subject: 'branch',
					scopeId: null,
					period: null,
					area: null,
					perCapita: false
				}
			))!;
		expect((await subjects()).subjects.map((s) => s.code)).toContain('branch');
		expect(saveCampaignLevel(admin, campaignId, level({ boards: '' }))).toEqual({
			ok: true,
			changes: ['Sửa danh sách cấp đơn vị tham gia']
		});
		expect(lastAudit()).toMatchObject({ action: 'campaign.level_update', before: { boards: true }, after: { boards: false } });
		const page = await subjects();
		expect(page.subjects.map((s) => s.code)).toEqual(['district', 'grassroots', 'team', 'member']);
		expect(page.subject).toBe('district');
		expect(exportCampaign(t.db, SLUG)!.levels.find((l) => l.code === 'branch')).toEqual({
			code: 'branch',
			label: 'Chi đoàn',
			rank: 4,
			boards: false
		});
	});

	it('relabels and reorders; a new installation level can join; the owner’s level cannot leave', () => {
		const { o, admin, district } = campaign();
		expect(saveCampaignLevel(admin, campaignId, level({ label: 'Chi đoàn, chi bộ', position: '1' })).ok).toBe(true);
		expect(exportCampaign(t.db, SLUG)!.levels.map((l) => l.code)).toEqual(['branch', 'province', 'district', 'grassroots']);

		const household = form(unitLevelSchema, { code: 'ho_gia_dinh', label: 'Hộ gia đình', rank: '5' });
		expect(addUnitLevel(admin, household)).toEqual({ ok: true });
		expect(lastAudit()).toMatchObject({ action: 'unit_level.create', targetId: 'ho_gia_dinh', after: { label: 'Hộ gia đình', rank: 5 } });
		expect(addUnitLevel(admin, household)).toEqual({ ok: false, errors: { code: 'Đã có cấp đơn vị với mã “ho_gia_dinh”.' } });
		expect(levelsForEditor(admin, campaignId).find((l) => l.code === 'ho_gia_dinh')).toMatchObject({ included: false });
		expect(
			saveCampaignLevel(admin, campaignId, level({ code: 'ho_gia_dinh', label: 'Hộ gia đình', rank: '5', boards: '', position: '9' })).ok
		).toBe(true);
		expect(lastAudit()).toMatchObject({ action: 'campaign.level_add', after: { code: 'ho_gia_dinh', position: 5 } });

		const before = counts();
		expect(saveCampaignLevel(admin, campaignId, level({ code: 'province', included: '', label: 'Tỉnh đoàn', rank: '1' }))).toEqual({
			ok: false,
			errors: { included: 'Cấp “Tỉnh đoàn” là cấp của đơn vị chủ trì phong trào: không bỏ ra được.' }
		});
		expect(counts()).toEqual(before);
		expectForbidden(() => saveCampaignLevel(district, campaignId, level({})));
		expectForbidden(() => addUnitLevel(district, form(unitLevelSchema, { code: 'hop_tac_xa', label: 'Hợp tác xã', rank: '4' })));
		expect(t.db.select().from(unitLevels).where(eq(unitLevels.code, 'hop_tac_xa')).get()).toBeUndefined();
		expect(o).toBeTruthy();
	});

	it('the forms refuse a bad level code and an insane rank', () => {
		const data = new FormData();
		for (const [k, v] of Object.entries({ code: 'Hộ-GĐ', label: 'Hộ gia đình', rank: '99' })) data.set(k, v);
		const parsed = parseForm(unitLevelSchema, data);
		expect(parsed.ok || parsed.errors).toEqual({
			code: 'Mã cấp chỉ gồm chữ thường không dấu và dấu gạch dưới (2-30 ký tự), ví dụ ho_gia_dinh.',
			rank: 'Nhập một số nguyên từ 1 đến 20.'
		});
	});
});

describe('round trip', () => {
	it('after every editor, the export is a valid file that imports back with no change', () => {
		const { admin } = campaign();
		expect(savePeriod(admin, campaignId, period({})).ok).toBe(true);
		expect(saveArea(admin, campaignId, form(areaFormSchema, { original: '', code: '1.7', name: 'Trường học số', parent: '' })).ok).toBe(
			true
		);
		expect(
			saveCampaignLevel(
				admin,
				campaignId,
				form(campaignLevelSchema, { code: 'grassroots', included: 'on', label: 'Đoàn cơ sở', rank: '3', boards: '', position: '3' })
			).ok
		).toBe(true);
		const file = exportCampaign(t.db, SLUG)!;
		const read = readCampaignFile(JSON.stringify(file, null, '\t'));
		expect(read.ok ? [] : read.errors).toEqual([]);
		if (!read.ok) return;
		expect(read.file.periods.map((p) => p.code)).toContain('HE2027');
		expect(read.file.contentAreas.map((a) => a.code)).toContain('1.7');
		expect(read.file.levels.find((l) => l.code === 'grassroots')!.boards).toBe(false);
		const again = importCampaign(t.db, read.file, operator);
		expect(again.ok && again.changes).toEqual([]);
		expect(
			t.db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.action, 'campaign.update_from_file')))
				.all()
		).toHaveLength(1);
	});
});

describe('the award form editor', () => {
	const fields = (values: Record<string, string | string[]>) => {
		const data = new FormData();
		for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) data.append(k, one);
		const read = readAwardFormFields(data);
		if (!read.ok) throw new Error(JSON.stringify(read.errors));
		return read.data;
	};
	const base = {
		original: 'BK_UBND_TINH',
		code: 'BK_UBND_TINH',
		name: 'Bằng khen của Chủ tịch UBND tỉnh',
		grantingBody: 'Chủ tịch UBND tỉnh',
		'subject.collective': 'on',
		'subject.individual': 'on',
		periods: ['year', 'PH2'],
		criteria: 'Tập thể dẫn đầu phong trào\n\nCá nhân tiêu biểu xuất sắc\n',
		oncePerYear: 'on'
	};

	it('sets a form’s quotas per period, and the public page reads them from the campaign file', () => {
		const { admin } = campaign();
		const saved = saveAwardForm(
			admin,
			campaignId,
			fields({ ...base, 'quota.year.total': '5', 'quota.PH2.collective': '3', 'quota.PH2.individual': '10' })
		);
		expect(saved).toMatchObject({ ok: true });
		const form = awardFormsOf(t.db, campaignId).find((f) => f.code === 'BK_UBND_TINH')!;
		expect(form).toMatchObject({
			periods: ['year', 'PH2'],
			quotas: [
				{ period: 'year', total: 5 },
				{ period: 'PH2', collective: 3, individual: 10 }
			],
			criteria: ['Tập thể dẫn đầu phong trào', 'Cá nhân tiêu biểu xuất sắc'],
			oncePerYear: true
		});
		expect(exportCampaign(t.db, SLUG)!.awardForms!.find((f) => f.code === 'BK_UBND_TINH')!.quotas).toEqual(form.quotas);
		expect(
			saveAwardForm(admin, campaignId, fields({ ...base, original: '', code: 'GK_TINH_DOAN', name: 'Giấy khen của Tỉnh đoàn' }))
		).toMatchObject({
			ok: true
		});
		expect(deleteAwardForm(admin, campaignId, 'GK_TINH_DOAN')).toMatchObject({ ok: true });
		expect(awardFormsOf(t.db, campaignId).map((f) => f.code)).toEqual(['BK_TINH_DOAN', 'BK_UBND_TINH']);
	});

	it('refuses markup, an unknown period, a bad number, a taken code and a district admin, changing nothing', () => {
		const { admin, district } = campaign();
		const before = rowCounts(t.db);
		const stored = () => t.db.select({ forms: campaigns.awardForms }).from(campaigns).where(eq(campaigns.id, campaignId)).get()!.forms;
		const was = stored();
		expect(saveAwardForm(admin, campaignId, fields({ ...base, name: '<b>Bằng khen</b>' }))).toMatchObject({
			ok: false,
			errors: { name: expect.any(String) }
		});
		expect(saveAwardForm(admin, campaignId, fields({ ...base, periods: ['PH9'] }))).toMatchObject({
			ok: false,
			errors: { periods: expect.stringContaining('PH9') }
		});
		const badNumber = new FormData();
		badNumber.set('quota.year.total', '-2');
		expect(readAwardFormFields(badNumber)).toMatchObject({ ok: false, errors: { 'quota.year.total': expect.any(String) } });
		expect(saveAwardForm(admin, campaignId, fields({ ...base, original: '' }))).toMatchObject({
			ok: false,
			errors: { code: expect.any(String) }
		});
		expect(saveAwardForm(admin, campaignId, fields({ ...base, 'subject.collective': '', 'subject.individual': '' }))).toMatchObject({
			ok: false
		});
		expectForbidden(() => saveAwardForm(district, campaignId, fields(base)));
		expect(stored()).toEqual(was);
		expect({ ...rowCounts(t.db), audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
	});
});
