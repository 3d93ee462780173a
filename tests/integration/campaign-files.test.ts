import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { contextFor, insertPerson, orgFixture, rowCounts, tempDatabase, type TempDb } from '../helpers/db';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db/client';
import { ROOT } from '../helpers/server';
import { NOW, dayOf, daysBefore } from '../helpers/clock';
import { importCampaign } from '../../src/lib/server/campaigns/import';
import { exportCampaign } from '../../src/lib/server/campaigns/export';
import { importCampaignText, updateCampaignBasics } from '../../src/lib/server/campaigns/service';
import { campaignBasicsSchema } from '../../src/lib/schemas/campaign';
import { parseForm } from '../../src/lib/schemas/fields';
import { readCampaignFile } from '../../src/lib/domain/campaigns/validate';
import type { CampaignFile } from '../../src/lib/domain/campaigns/format';
import { activityMeasures, activityTypes, campaigns, initiativeMeasures, ruleSets, units } from '../../src/lib/server/db/schema';
import { createInitiative, takeStep, updateInitiative, type InitiativeInput } from '../../src/lib/server/initiatives/service';
import { getInitiative } from '../../src/lib/server/initiatives/queries';
import { expectForbidden } from '../helpers/refusals';
import { activeDefinitions } from '../../src/lib/server/scoring/badges';
import { allPeriods, periodByCode } from '../../src/lib/server/scoring/periods';
import { awardFormsOf } from '../../src/lib/server/awards/forms';
import { quotaFor } from '../../src/lib/domain/awards/forms';

const DIR = join(ROOT, 'campaigns');
const SHIPPED = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const text = (name: string) => readFileSync(join(DIR, name), 'utf8');
const fileOf = (name: string): CampaignFile => {
	const read = readCampaignFile(text(name));
	if (!read.ok) throw new Error(JSON.stringify(read.errors));
	return read.file;
};
const operator = { actor: null, now: NOW, ipHash: null, requestId: null };

let t: TempDb;
beforeEach(() => (t = tempDatabase()));
afterEach(() => t.close());

describe('round trip', () => {
	for (const name of SHIPPED) {
		it(`${name} imports into an empty database and exports back to an equivalent file`, () => {
			const file = fileOf(name);
			const imported = importCampaign(t.db, file, operator);
			expect(imported.ok ? [] : imported.errors).toEqual([]);
			const exported = exportCampaign(t.db, file.slug);
			const again = readCampaignFile(JSON.stringify(exported));
			expect(again.ok ? [] : again.errors).toEqual([]);
			if (again.ok) expect(again.file).toEqual(file);
			// The owner became the root; importing the same file again changes nothing.
			expect(
				t.db
					.select()
					.from(units)
					.all()
					.map((u) => u.name)
			).toEqual([file.owner.name]);
			const before = rowCounts(t.db);
			const second = importCampaign(t.db, file, operator);
			expect(second.ok && second.changes).toEqual([]);
			const after = rowCounts(t.db);
			expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
		});
	}
});

describe('nothing is created from a refused file', () => {
	it('a file that fails its checks writes no row, over HTTP’s service as at the command line', () => {
		const o = orgFixture(t.db);
		const broken = JSON.parse(text('001-ubnd-xa-ta-ma.json'));
		broken.periods[2].endsOn = '2024-12-31';
		broken.scoring.rules[0].caps = { member: -5 };
		const before = rowCounts(t.db);
		const result = importCampaignText(contextFor(t.db, o.people.provinceAdmin.id), JSON.stringify(broken), {
			preview: false,
			ownerUnitId: o.units.P.id
		});
		expect(result.ok).toBe(false);
		// Checks across fields (period dates) run once every field has the right shape: the cap comes first.
		if (!result.ok)
			expect(result.errors).toEqual([{ path: 'scoring.rules[0].caps.member', message: 'Trần điểm đoàn viên: không được nhỏ hơn 1.' }]);
		broken.scoring.rules[0].caps = { member: 500 };
		const again = importCampaignText(contextFor(t.db, o.people.provinceAdmin.id), JSON.stringify(broken), {
			preview: false,
			ownerUnitId: o.units.P.id
		});
		expect(again).toEqual({ ok: false, errors: [{ path: 'periods[2].endsOn', message: 'ngày kết thúc trước ngày bắt đầu' }] });
		expect(rowCounts(t.db)).toEqual(before);
	});

	it('a refusal found half-way (a badge code another campaign owns) rolls back the levels, periods and types already written', () => {
		expect(importCampaign(t.db, fileOf('001-ubnd-xa-ta-ma.json'), operator).ok).toBe(true);
		const other = fileOf('004-ubnd-xa-binh-thuan-2025.json');
		other.badges[0]!.code = 'ta-ma-ban-tien-phong';
		other.levels.push({ code: 'cooperative', label: 'Hợp tác xã', rank: 3, boards: true });
		const root = t.db.select().from(units).get()!;
		const before = rowCounts(t.db);
		const result = importCampaign(t.db, other, operator, { ownerUnitId: root.id });
		expect(result).toEqual({
			ok: false,
			errors: [{ path: 'badges[0].code', message: 'mã huy hiệu “ta-ma-ban-tien-phong” đã thuộc một phong trào khác' }]
		});
		expect(rowCounts(t.db)).toEqual(before);
	});

	it('a second campaign keeps its own periods (a shared code such as Y2025 is each campaign’s own) and its own badges', () => {
		expect(importCampaign(t.db, fileOf('004-ubnd-xa-binh-thuan-2025.json'), operator).ok).toBe(true);
		const root = t.db.select().from(units).get()!;
		expect(importCampaign(t.db, fileOf('001-ubnd-xa-ta-ma.json'), operator, { ownerUnitId: root.id }).ok).toBe(true);
		// Both campaigns have a Y2025: each is found within its own campaign, never the other's.
		const [binhThuan, taMa] = t.db.select().from(campaigns).orderBy(campaigns.id).all();
		expect(activeDefinitions(t.db, [binhThuan!.id]).map((d) => d.code)).toEqual([
			'binh-thuan-xom-so',
			'binh-thuan-xom-dan-dau',
			'binh-thuan-truong-hoc-so'
		]);
		expect(activeDefinitions(t.db, [taMa!.id]).map((d) => [d.code, d.campaignId])).toEqual(
			['ta-ma-ban-tien-phong', 'ta-ma-ban-chuyen-can', 'ta-ma-nguoi-dan-duong'].map((code) => [code, taMa!.id])
		);
		expect(allPeriods(t.db, binhThuan!.id).map((p) => p.code)).toEqual(['Y2025']);
		expect(periodByCode(t.db, binhThuan!.id, 'Y2025')!.campaignId).toBe(binhThuan!.id);
		expect(periodByCode(t.db, taMa!.id, 'Y2025')!.campaignId).toBe(taMa!.id);
	});

	it('an owner that is not in a database with units is refused, and a dry run writes nothing', () => {
		orgFixture(t.db);
		const before = rowCounts(t.db);
		const refused = importCampaign(t.db, fileOf('002-ubnd-tinh-dien-bien-kh2158.json'), operator);
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.errors[0]!.path).toBe('owner');
		const root = t.db.select().from(units).get()!;
		const dry = importCampaign(t.db, fileOf('002-ubnd-tinh-dien-bien-kh2158.json'), operator, { ownerUnitId: root.id, dryRun: true });
		expect(dry.ok && dry.dryRun && dry.changes.length).toBeGreaterThan(10);
		expect(rowCounts(t.db)).toEqual(before);
	});

	it('only the standing office imports: a district admin is refused before anything is read', () => {
		const o = orgFixture(t.db);
		const before = rowCounts(t.db);
		expectForbidden(() =>
			importCampaignText(contextFor(t.db, o.people.d1Admin.id), text('001-ubnd-xa-ta-ma.json'), {
				preview: true,
				ownerUnitId: o.units.D1.id
			})
		);
		expect({ ...rowCounts(t.db), audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
	});
});

/** The org fixture with campaign 001 imported onto its province, and an initiative input for its ideas type. */
function ideasCampaign(db: TempDb['db']) {
	const o = orgFixture(db);
	const imported = importCampaign(db, fileOf('001-ubnd-xa-ta-ma.json'), operator, { ownerUnitId: o.units.P.id });
	if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
	const type = db.select().from(activityTypes).where(eq(activityTypes.code, 'SANG_KIEN')).get()!;
	const measure = (code: string) =>
		db
			.select()
			.from(activityMeasures)
			.where(eq(activityMeasures.code, code))
			.all()
			.find((m) => m.activityTypeId === type.id)!;
	const ideas = measure('ideas');
	const applied = measure('applied');
	const input = (values: { ideas: string; applied: string }): InitiativeInput => ({
		unitId: o.units.B1a1.id,
		teamId: null,
		activityTypeId: type.id,
		title: 'Sáng kiến số hoá sổ hộ khẩu bản',
		story: 'Tổ công nghệ số của bản đề xuất các cách làm mới.',
		startedOn: dayOf(daysBefore(3)),
		endedOn: dayOf(daysBefore(3)),
		place: 'Nhà văn hoá bản',
		photosShowChildren: false,
		measures: { [ideas.id]: values.ideas, [applied.id]: values.applied },
		participantIds: []
	});
	return { o, type, ideas, applied, input, campaignId: imported.campaignId };
}

describe('cross-measure rule: applied ideas ≤ ideas', () => {
	it('refuses “applied 5 > ideas 3” on save with nothing written, and accepts 3 of 3', () => {
		const { o, applied, input } = ideasCampaign(t.db);
		const author = contextFor(t.db, o.people.g1aAdmin.id);
		const before = rowCounts(t.db);
		const refused = createInitiative(author, input({ ideas: '3', applied: '5' }));
		expect(refused).toEqual({
			ok: false,
			errors: { [`measure_${applied.id}`]: 'Sáng kiến được áp dụng phải không lớn hơn Sáng kiến, giải pháp (5 so với 3).' }
		});
		expect(rowCounts(t.db)).toEqual(before);
		const saved = createInitiative(author, input({ ideas: '3', applied: '3' }));
		expect(saved.ok).toBe(true);
		if (!saved.ok) return;
		// Editing the draft into the same mistake is refused too, and the stored numbers stay.
		const edit = updateInitiative(author, saved.id, input({ ideas: '3', applied: '5' }));
		expect(edit.ok).toBe(false);
		expect(
			t.db
				.select()
				.from(initiativeMeasures)
				.where(eq(initiativeMeasures.initiativeId, saved.id))
				.all()
				.map((m) => m.value)
				.sort()
		).toEqual([3, 3]);
	});

	it('a draft saved before the rule existed cannot be submitted until it satisfies it', () => {
		const { o, type, input } = ideasCampaign(t.db);
		t.db.update(activityTypes).set({ measureRules: [] }).where(eq(activityTypes.id, type.id)).run();
		const author = contextFor(t.db, o.people.g1aAdmin.id);
		const saved = createInitiative(author, input({ ideas: '3', applied: '5' }));
		if (!saved.ok) throw new Error('the draft should save without the rule');
		t.db
			.update(activityTypes)
			.set({ measureRules: [{ rule: 'lte', left: 'applied', right: 'ideas' }] })
			.where(eq(activityTypes.id, type.id))
			.run();
		const step = takeStep(author, saved.id, 'submit', { reason: null, seenRevision: 0 });
		expect(step.ok).toBe(false);
		if (!step.ok) expect(step.error).toBe('initiative.crossRule');
		expect(getInitiative(t.db, saved.id)!.status).toBe('draft');
	});

	it('work submitted before the rule is approved only with numbers that satisfy it', () => {
		const { o, type, applied, input } = ideasCampaign(t.db);
		const setRules = (on: boolean) =>
			t.db
				.update(activityTypes)
				.set({ measureRules: on ? [{ rule: 'lte', left: 'applied', right: 'ideas' }] : [] })
				.where(eq(activityTypes.id, type.id))
				.run();
		setRules(false);
		const author = contextFor(t.db, o.people.g1aAdmin.id);
		const saved = createInitiative(author, input({ ideas: '3', applied: '5' }));
		if (!saved.ok) throw new Error('the draft should save without the rule');
		expect(takeStep(author, saved.id, 'submit', { reason: null, seenRevision: 0 }).ok).toBe(true);
		setRules(true);
		const verifier = contextFor(t.db, o.people.d1Admin.id);
		const before = rowCounts(t.db);
		const refused = takeStep(verifier, saved.id, 'approve', { reason: null, seenRevision: 1 });
		expect(refused).toMatchObject({ ok: false, problem: 'invalid', error: 'review.adjustInvalid' });
		expect({ ...rowCounts(t.db), audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
		const adjusted = takeStep(verifier, saved.id, 'approve', { reason: null, seenRevision: 1, adjustments: { [applied.id]: '3' } });
		expect(adjusted.ok).toBe(true);
		expect(getInitiative(t.db, saved.id)!.status).toBe('approved');
	});
});

describe('updating a campaign from its file', () => {
	it('edits activity types in place and keeps changed rules as a draft', () => {
		const { campaignId } = ideasCampaign(t.db);
		const file = fileOf('001-ubnd-xa-ta-ma.json');
		const before = t.db.select().from(activityTypes).where(eq(activityTypes.code, 'CAP_QUANG')).get()!;
		file.activityTypes[3]!.name = 'Vận động hộ gia đình lắp đặt internet cáp quang, wifi cộng đồng';
		file.activityTypes[3]!.measures[0]!.max = 800;
		file.scoring.rules[3]!.basePoints = 8;
		const result = importCampaign(t.db, file, operator);
		expect(result.ok && result.changes).toEqual([
			'Sửa loại hoạt động “Vận động hộ gia đình lắp đặt internet cáp quang, wifi cộng đồng”',
			'Thể lệ chấm điểm thay đổi: lưu thành bản nháp phiên bản 2 (công bố tại Thể lệ chấm điểm)'
		]);
		const after = t.db.select().from(activityTypes).where(eq(activityTypes.code, 'CAP_QUANG')).get()!;
		expect(after.id).toBe(before.id);
		expect(t.db.select().from(activityMeasures).where(eq(activityMeasures.activityTypeId, after.id)).get()!.max).toBe(800);
		expect(
			t.db.select({ version: ruleSets.version, status: ruleSets.status }).from(ruleSets).where(eq(ruleSets.campaignId, campaignId)).all()
		).toEqual([
			{ version: 1, status: 'active' },
			{ version: 2, status: 'draft' }
		]);
	});

	it('refuses to delete an activity type that has initiatives, with nothing changed', () => {
		const { o, input } = ideasCampaign(t.db);
		const saved = createInitiative(contextFor(t.db, o.people.g1aAdmin.id), input({ ideas: '2', applied: '1' }));
		expect(saved.ok).toBe(true);
		const file = fileOf('001-ubnd-xa-ta-ma.json');
		file.activityTypes = file.activityTypes.filter((a) => a.code !== 'SANG_KIEN');
		file.scoring.rules = file.scoring.rules.filter((r) => r.activityType !== 'SANG_KIEN');
		file.name = 'Tên mới không được lưu';
		const before = rowCounts(t.db);
		const result = importCampaign(t.db, file, operator);
		expect(result).toEqual({
			ok: false,
			errors: [
				{
					path: 'activityTypes',
					message:
						'không xoá được loại hoạt động “Sáng kiến, giải pháp chuyển đổi số” (SANG_KIEN, không còn trong tệp): đã có sáng kiến dùng nó — giữ lại trong tệp với "active": false'
				}
			]
		});
		expect(rowCounts(t.db)).toEqual(before);
		expect(t.db.select().from(campaigns).get()!.name).not.toBe('Tên mới không được lưu');
	});

	it('a province admin outside the owner unit cannot update it', () => {
		const { o } = ideasCampaign(t.db);
		const stranger = insertPerson(t.db, 'Quản trị tỉnh khác', { unitId: o.units.D2.id, role: 'province_admin' });
		expectForbidden(() => importCampaignText(contextFor(t.db, stranger.id), text('001-ubnd-xa-ta-ma.json'), { preview: true }));
	});
});

describe('migration 0011 on a database made before campaign files', () => {
	it('gives existing activity types codes, and the old campaign exports to a file that imports back unchanged', () => {
		const dir = mkdtempSync(join(tmpdir(), 'tienphong-0010-'));
		try {
			const before0011 = join(dir, 'drizzle');
			cpSync(join(ROOT, 'drizzle'), before0011, { recursive: true });
			for (const f of readdirSync(before0011).filter((f) => f.startsWith('0011_'))) rmSync(join(before0011, f));
			rmSync(join(before0011, 'meta/0011_snapshot.json'), { force: true });
			const journal = JSON.parse(readFileSync(join(before0011, 'meta/_journal.json'), 'utf8'));
			journal.entries = journal.entries.filter((e: { idx: number }) => e.idx < 11);
			writeFileSync(join(before0011, 'meta/_journal.json'), JSON.stringify(journal));
			const db = openDatabase(join(dir, 'old.db'));
			migrateDatabase(db, before0011);
			const sqlite = db.$client;
			sqlite.exec(`
				insert into units (id, parent_id, level, name, short_name, path, depth, created_at, search_name)
					values (1, null, 'province', 'Tỉnh đoàn Cũ', 'Tỉnh đoàn', '/1/', 0, 0, 'tinh doan cu');
				insert into campaigns (id, slug, name, theme, owner_unit_id, participant_kinds, starts_on, ends_on, report_due_on, created_at)
					values (1, 'phong-trao-cu', 'Phong trào cũ', 'Chủ đề', 1, '[]', '2023-01-01', '2030-12-31', '11-01', 0);
				insert into content_areas (id, campaign_id, code, name) values (1, 1, '1.4', 'Dịch vụ số');
				insert into activity_types (id, campaign_id, content_area_id, name, created_at) values (1, 1, 1, 'VNeID', 0), (2, 1, 1, 'Tập huấn', 0);
				insert into activity_measures (activity_type_id, code, label, unit_label, kind, min, max, position)
					values (1, 'people', 'Người', 'người', 'integer', 1, 5000, 0), (2, 'sessions', 'Buổi', 'buổi', 'integer', 1, 50, 0);
				insert into periods (campaign_id, code, name, kind, starts_on, ends_on) values (1, 'Y2026', 'Năm 2026', 'year', '2026-01-01', '2026-12-31');
				insert into rule_sets (campaign_id, version, status, effective_from, definition, created_at)
					values (1, 1, 'active', '2023-01-01', '{"rules":[{"code":"VNEID","activityTypeId":1,"basePoints":10,"perMeasure":[],"credits":["unit"],"caps":{}}]}', 0);
			`);
			migrateDatabase(db);
			expect(sqlite.prepare('select code from activity_types order by id').pluck().all()).toEqual(['T1', 'T2']);
			const exported = exportCampaign(db, 'phong-trao-cu')!;
			expect(exported.levels.map((l) => l.code)).toEqual(['province']);
			expect(exported.scoring.rules[0]!.activityType).toBe('T1');
			const read = readCampaignFile(JSON.stringify(exported));
			expect(read.ok ? [] : read.errors).toEqual([]);
			if (!read.ok) return;
			const again = importCampaign(db, read.file, operator);
			// A campaign made before files had no level list and no vocabulary stored: the first import writes them.
			expect(again.ok && again.changes).toEqual([
				'Sửa thông tin chung của phong trào (tên, chủ đề, thời gian, cách gọi...)',
				'Sửa danh sách cấp đơn vị tham gia'
			]);
			expect(importCampaign(db, read.file, operator)).toMatchObject({ ok: true, changes: [] });
			sqlite.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('the campaign basics form', () => {
	const form = (values: Record<string, string>) => {
		const data = new FormData();
		const base = {
			name: 'Phong trào xã Ta Ma',
			theme: 'Chủ đề',
			startsOn: '2023-06-01',
			endsOn: '2030-12-31',
			standingOffice: 'Văn phòng HĐND-UBND xã',
			member: 'Người dân',
			branch: 'Bản',
			secretary: 'Trưởng bản',
			admin: 'Văn phòng xã',
			homeText: 'Cùng nhau chuyển đổi số.'
		};
		for (const [k, v] of Object.entries({ ...base, ...values })) data.set(k, v);
		return parseForm(campaignBasicsSchema, data);
	};

	it('refuses bad input with a Vietnamese message per field', () => {
		const swapped = form({ startsOn: '2031-01-01' });
		expect(swapped.ok || swapped.errors).toEqual({ endsOn: 'Ngày kết thúc phải sau ngày bắt đầu.' });
		const markup = form({ name: '<b>Phong trào</b>', member: '' });
		expect(markup.ok || markup.errors).toEqual({
			name: 'tên phong trào không được chứa ký tự < hoặc >.',
			member: 'Vui lòng nhập cách gọi người tham gia.'
		});
	});

	it('refuses dates that would leave a period outside, and saves the vocabulary otherwise', () => {
		const { o } = ideasCampaign(t.db);
		const admin = contextFor(t.db, o.people.provinceAdmin.id);
		const before = t.db.select().from(campaigns).get()!;
		const short = form({ endsOn: '2029-12-31' });
		if (!short.ok) throw new Error('valid form');
		expect(updateCampaignBasics(admin, before.id, short.data)).toEqual({
			ok: false,
			errors: { endsOn: 'Kỳ PH2 (01/01/2026 – 31/12/2030) sẽ nằm ngoài thời gian phong trào: sửa kỳ trước (trang Kỳ thi đua).' }
		});
		expect(t.db.select().from(campaigns).get()).toEqual(before);
		const good = form({});
		if (!good.ok) throw new Error('valid form');
		expect(updateCampaignBasics(admin, before.id, good.data)).toEqual({ ok: true });
		const exported = exportCampaign(t.db, before.slug)!;
		expect(exported.name).toBe('Phong trào xã Ta Ma');
		expect(exported.vocabulary).toEqual({
			member: 'Người dân',
			branch: 'Bản',
			secretary: 'Trưởng bản',
			admin: 'Văn phòng xã',
			homeText: 'Cùng nhau chuyển đổi số.'
		});
		expectForbidden(() => updateCampaignBasics(contextFor(t.db, o.people.d1Admin.id), before.id, good.data));
	});
});

describe('award forms', () => {
	it('take their quotas from the campaign file (Ta Ma: 5 a year; phase II 3 collectives and 10 individuals)', () => {
		const file = fileOf('001-ubnd-xa-ta-ma.json');
		const imported = importCampaign(t.db, file, operator);
		if (!imported.ok) throw new Error('import');
		const [chairman] = awardFormsOf(t.db, imported.campaignId);
		expect(quotaFor(chairman!, { code: 'Y2026', kind: 'year' })).toEqual({ period: 'year', total: 5 });
		expect(quotaFor(chairman!, { code: 'PH2', kind: 'phase' })).toEqual({ period: 'PH2', collective: 3, individual: 10 });
	});

	it('stored in the first shape are read, and exported, in today’s', () => {
		const file = fileOf('004-ubnd-xa-binh-thuan-2025.json');
		const imported = importCampaign(t.db, file, operator);
		if (!imported.ok) throw new Error('import');
		t.db
			.update(campaigns)
			.set({ awardForms: [{ code: 'GK', name: 'Giấy khen', for: ['household'], quota: { yearly: 3 } }] })
			.where(eq(campaigns.id, imported.campaignId))
			.run();
		const expected = {
			code: 'GK',
			name: 'Giấy khen',
			grantingBody: '',
			subjects: ['household'],
			periods: [],
			quotas: [{ period: 'year', total: 3 }],
			criteria: [],
			oncePerYear: false
		};
		expect(awardFormsOf(t.db, imported.campaignId)).toEqual([expected]);
		expect(exportCampaign(t.db, file.slug)!.awardForms).toEqual([expected]);
	});
});
