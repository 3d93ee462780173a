import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { contextFor, orgFixture, rowCounts, tempDatabase, type TempDb } from '../helpers/db';
import { ROOT } from '../helpers/server';
import { NOW, dayOf, daysBefore } from '../helpers/clock';
import { expectForbidden } from '../helpers/refusals';
import { importCampaign } from '../../src/lib/server/campaigns/import';
import { exportCampaign } from '../../src/lib/server/campaigns/export';
import { catalogueForAdmin, saveActivityType } from '../../src/lib/server/activities/service';
import { createInitiative } from '../../src/lib/server/initiatives/service';
import { readCampaignFile } from '../../src/lib/domain/campaigns/validate';
import { parseActivityTypeForm } from '../../src/lib/schemas/activity';
import { auditLog, initiativeMeasures } from '../../src/lib/server/db/schema';

const operator = { actor: null, now: NOW, ipHash: null, requestId: null };
const YOUTH = 'tuoi-tre-dien-bien-tien-phong-chuyen-doi-so';
const COMMUNE = 'xa-ta-ma-chuyen-doi-so-2023-2030';

let t: TempDb;
let o: ReturnType<typeof orgFixture>;
/** Two campaigns owned by province P: the Tỉnh đoàn's (000) and the Ta Ma commune's (001). */
const ids = { youth: 0, commune: 0 };
beforeEach(() => {
	t = tempDatabase();
	o = orgFixture(t.db);
	for (const [key, file] of [
		['youth', '000-tinh-doan-dien-bien.json'],
		['commune', '001-ubnd-xa-ta-ma.json']
	] as const) {
		const read = readCampaignFile(readFileSync(join(ROOT, 'campaigns', file), 'utf8'));
		if (!read.ok) throw new Error(JSON.stringify(read.errors));
		const imported = importCampaign(t.db, read.file, operator, { ownerUnitId: o.units.P.id });
		if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
		ids[key] = imported.campaignId;
	}
});
afterEach(() => t.close());

const admin = () => contextFor(t.db, o.people.provinceAdmin.id);
const typeOf = (campaignId: number, code: string) => catalogueForAdmin(t.db, campaignId).types.find((ty) => ty.code === code)!;
const lastAudit = () => t.db.select().from(auditLog).orderBy(auditLog.id).all().at(-1)!;
/** Everything but the audit log: a refusal may write an authz_fail row, nothing else. */
const counts = () => ({ ...rowCounts(t.db), audit_log: 0 });

/** The edit form of a type as the page fills it, with some fields changed. */
function formOf(type: ReturnType<typeof typeOf>, changes: Record<string, string> = {}): Record<string, string> {
	const fields: Record<string, string> = { id: String(type.id), name: type.name, area: type.area };
	type.measures.forEach((m, i) => {
		Object.assign(fields, {
			[`m${i}_code`]: m.code,
			[`m${i}_label`]: m.label,
			[`m${i}_unitLabel`]: m.unitLabel,
			[`m${i}_kind`]: m.kind,
			[`m${i}_min`]: String(m.min).replace('.', ','),
			[`m${i}_max`]: String(m.max).replace('.', ',')
		});
		if (m.required) fields[`m${i}_required`] = 'on';
	});
	type.measureRules.forEach((r, j) => Object.assign(fields, { [`r${j}_left`]: r.left, [`r${j}_rule`]: r.rule, [`r${j}_right`]: r.right }));
	return { ...fields, ...changes };
}
function parse(fields: Record<string, string>) {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.set(k, v);
	return parseActivityTypeForm(form);
}
function input(fields: Record<string, string>) {
	const parsed = parse(fields);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return parsed.data;
}

/** Work of the Tỉnh đoàn campaign logged by the secretary of G1a in branch B1a1 (a draft, three days ago). */
function logWork(typeCode: string, values: Record<string, string>) {
	const type = typeOf(ids.youth, typeCode);
	const measures = Object.fromEntries(Object.entries(values).map(([code, v]) => [type.measures.find((m) => m.code === code)!.id, v]));
	return createInitiative(contextFor(t.db, o.people.g1aAdmin.id), {
		unitId: o.units.B1a1.id,
		teamId: null,
		activityTypeId: type.id,
		title: 'Đưa sản phẩm của bản lên sàn',
		story: 'Chi đoàn hướng dẫn bà con chụp ảnh và đăng bán sản phẩm.',
		startedOn: dayOf(daysBefore(3)),
		endedOn: dayOf(daysBefore(3)),
		place: 'Nhà văn hoá bản',
		photosShowChildren: false,
		measures,
		participantIds: []
	});
}

describe('editing an activity type', () => {
	it('saves name, content area and measures, with a new decimal measure, audited and in the exported file', () => {
		const type = typeOf(ids.youth, 'TMDT');
		const result = saveActivityType(
			admin(),
			ids.youth,
			input(
				formOf(type, {
					name: 'Đưa nông sản lên sàn thương mại điện tử',
					area: '1.3',
					m1_label: 'Người bán hàng được hướng dẫn',
					m1_max: '5.000',
					m2_label: 'Giá trị (triệu đồng)',
					m2_unitLabel: 'triệu đồng',
					m2_kind: 'decimal',
					m2_min: '0',
					m2_max: '100000'
				})
			)
		);
		expect(result).toMatchObject({ ok: true, id: type.id });
		const file = exportCampaign(t.db, YOUTH)!;
		const check = readCampaignFile(JSON.stringify(file));
		expect(check.ok ? [] : check.errors).toEqual([]);
		expect(file.activityTypes.find((a) => a.code === 'TMDT')).toMatchObject({
			name: 'Đưa nông sản lên sàn thương mại điện tử',
			area: '1.3',
			measures: [
				{ code: 'products', label: 'Sản phẩm được đưa lên sàn' },
				{ code: 'people', label: 'Người bán hàng được hướng dẫn', max: 5000 },
				{
					code: 'gia_tri_trieu_dong',
					label: 'Giá trị (triệu đồng)',
					unitLabel: 'triệu đồng',
					kind: 'decimal',
					min: 0,
					max: 100000,
					required: false
				}
			]
		});
		expect(lastAudit()).toMatchObject({
			action: 'activity_type.update',
			actorId: o.people.provinceAdmin.id,
			targetType: 'campaign',
			targetId: String(ids.youth),
			before: { code: 'TMDT', area: '1.2', name: type.name },
			after: { code: 'TMDT', area: '1.3', name: 'Đưa nông sản lên sàn thương mại điện tử' }
		});

		// The decimal measure takes "12,5" (twelve and a half) on an initiative; three decimals are refused.
		const saved = logWork('TMDT', { products: '3', people: '20', gia_tri_trieu_dong: '12,5' });
		expect(saved).toMatchObject({ ok: true });
		const value = typeOf(ids.youth, 'TMDT').measures[2]!;
		expect(t.db.select().from(initiativeMeasures).where(eq(initiativeMeasures.measureId, value.id)).get()?.value).toBe(12.5);
		expect(logWork('TMDT', { products: '3', people: '20', gia_tri_trieu_dong: '12,125' })).toMatchObject({
			ok: false,
			errors: { [`measure_${value.id}`]: expect.any(String) }
		});
	});

	it('adds a cross-measure rule, then enforces it when an initiative is saved', () => {
		expect(logWork('DIEN_BIEN_SMART', { people: '10', households: '30' })).toMatchObject({ ok: true });
		const type = typeOf(ids.youth, 'DIEN_BIEN_SMART');
		const households = type.measures.find((m) => m.code === 'households')!;
		const result = saveActivityType(admin(), ids.youth, input(formOf(type, { r0_left: 'households', r0_rule: 'lte', r0_right: 'people' })));
		expect(result).toMatchObject({ ok: true });
		expect(exportCampaign(t.db, YOUTH)!.activityTypes.find((a) => a.code === 'DIEN_BIEN_SMART')!.measureRules).toEqual([
			{ rule: 'lte', left: 'households', right: 'people' }
		]);
		expect(logWork('DIEN_BIEN_SMART', { people: '10', households: '30' })).toEqual({
			ok: false,
			errors: { [`measure_${households.id}`]: 'Hộ được gắn địa chỉ số phải không lớn hơn Người được hướng dẫn (30 so với 10).' }
		});
		expect(logWork('DIEN_BIEN_SMART', { people: '30', households: '30' })).toMatchObject({ ok: true });

		// A rule comparing a measure with itself is the file's refusal, on the rule's row.
		expect(
			saveActivityType(admin(), ids.youth, input(formOf(typeOf(ids.youth, 'DIEN_BIEN_SMART'), { r0_left: 'people', r0_right: 'people' })))
		).toEqual({ ok: false, errors: { r0_left: 'Quy tắc so sánh một kết quả với chính nó.' } });
	});

	it('refuses to remove a measure that initiatives recorded, changing nothing; bounds change without rewriting stored values', () => {
		// TMDT's scoring rule prices only products: its "people" measure is free of the rules, not of the work.
		expect(logWork('TMDT', { products: '3', people: '40' })).toMatchObject({ ok: true });
		const type = typeOf(ids.youth, 'TMDT');
		const people = type.measures.find((m) => m.code === 'people')!;
		const before = { rows: counts(), file: exportCampaign(t.db, YOUTH) };
		const refused = saveActivityType(admin(), ids.youth, input(formOf(type, { name: 'Tên mới', m1_remove: 'on' })));
		expect(refused).toEqual({
			ok: false,
			errors: { measures: `Không xoá được kết quả “people” của “Tên mới”: đã có sáng kiến ghi kết quả này.` }
		});
		expect({ rows: counts(), file: exportCampaign(t.db, YOUTH) }).toEqual(before);

		// A measure a scoring rule prices is refused before the file is even checked, by its label.
		expect(saveActivityType(admin(), ids.youth, input(formOf(type, { m0_remove: 'on' })))).toEqual({
			ok: false,
			errors: { m0_remove: 'Không xoá được kết quả “Sản phẩm được đưa lên sàn”: thể lệ tính điểm đang dùng nó. Sửa thể lệ trước.' }
		});

		// Lowering the maximum below a stored value leaves that value as it was.
		expect(saveActivityType(admin(), ids.youth, input(formOf(type, { m1_max: '30' })))).toMatchObject({ ok: true });
		expect(t.db.select().from(initiativeMeasures).where(eq(initiativeMeasures.measureId, people.id)).get()?.value).toBe(40);
		expect(typeOf(ids.youth, 'TMDT').measures[1]).toMatchObject({ code: 'people', max: 30, inUse: true });
	});

	it('removes a measure nothing uses', () => {
		const type = typeOf(ids.youth, 'TMDT');
		expect(saveActivityType(admin(), ids.youth, input(formOf(type, { m1_remove: 'on' })))).toMatchObject({ ok: true });
		expect(typeOf(ids.youth, 'TMDT').measures.map((m) => m.code)).toEqual(['products']);
	});

	describe('refuses hostile input with nothing written', () => {
		const formRefusals: Array<[string, Record<string, string>, string]> = [
			['markup in a measure label', { m0_label: '<img src=x onerror=alert(1)>' }, 'm0_label'],
			['markup in the name', { name: 'Tuyên truyền <script>' }, 'name'],
			['min above max', { m0_min: '50', m0_max: '10' }, 'm0_max'],
			['a maximum of 10^12', { m0_max: '1000000000000' }, 'm0_max'],
			['a negative minimum', { m0_min: '-1' }, 'm0_max'],
			['decimal bounds on an integer measure', { m0_max: '10,5' }, 'm0_max'],
			['an unknown comparison', { r0_left: 'products', r0_rule: 'le', r0_right: 'people' }, 'r0_rule'],
			['a measure code that is not a code', { m0_code: 'products; drop table' }, 'm0_code']
		];
		it.each(formRefusals)('the form refuses %s', (_, changes, field) => {
			const parsed = parse(formOf(typeOf(ids.youth, 'TMDT'), changes));
			expect(parsed.ok).toBe(false);
			expect(parsed.ok ? {} : parsed.errors).toHaveProperty(field);
		});

		const serviceRefusals: Array<[string, (i: ReturnType<typeof input>) => void, Record<string, string>]> = [
			['markup that skipped the form', (i) => (i.measures[0]!.label = 'Sản phẩm <b>'), { m0_label: expect.any(String) }],
			['min above max that skipped the form', (i) => Object.assign(i.measures[0]!, { min: 50, max: 10 }), { m0_min: 'Min lớn hơn max.' }],
			['a maximum of 10^12 that skipped the form', (i) => (i.measures[0]!.max = 1e12), { m0_max: expect.any(String) }],
			['an unknown area code', (i) => (i.area = '9.9'), { area: 'Lựa chọn không hợp lệ.' }],
			['a measure the type does not have', (i) => (i.measures[0]!.code = 'households'), { m0_label: expect.any(String) }],
			[
				'a rule on a measure the type does not have',
				(i) => i.rules.push({ left: 'ideas', rule: 'lte', right: 'people', row: 0 }),
				{
					r0_left: expect.any(String)
				}
			]
		];
		it.each(serviceRefusals)('the service refuses %s', (_, spoil, errors) => {
			const fields = input(formOf(typeOf(ids.youth, 'TMDT')));
			spoil(fields);
			const before = { rows: counts(), youth: exportCampaign(t.db, YOUTH) };
			expect(saveActivityType(admin(), ids.youth, fields)).toEqual({ ok: false, errors });
			expect({ rows: counts(), youth: exportCampaign(t.db, YOUTH) }).toEqual(before);
		});

		it("refuses another campaign's type id", () => {
			const other = typeOf(ids.commune, 'SANG_KIEN');
			const before = { rows: counts(), youth: exportCampaign(t.db, YOUTH), commune: exportCampaign(t.db, COMMUNE) };
			expect(saveActivityType(admin(), ids.youth, input(formOf(other, { name: 'Đổi qua phong trào khác' })))).toEqual({
				ok: false,
				errors: { _: 'Không có loại hoạt động này trong phong trào: tải lại trang.' }
			});
			expect({ rows: counts(), youth: exportCampaign(t.db, YOUTH), commune: exportCampaign(t.db, COMMUNE) }).toEqual(before);
		});
	});

	it('refuses a district admin', () => {
		const before = counts();
		const fields = input(formOf(typeOf(ids.youth, 'TMDT'), { name: 'Không được sửa' }));
		expectForbidden(() => saveActivityType(contextFor(t.db, o.people.d1Admin.id), ids.youth, fields));
		expect(counts()).toEqual(before);
	});

	it('works on the second campaign by its id and leaves the first untouched', () => {
		const youth = exportCampaign(t.db, YOUTH);
		const type = typeOf(ids.commune, 'SANG_KIEN');
		expect(type.measureRules).toEqual([{ rule: 'lte', left: 'applied', right: 'ideas' }]);
		const result = saveActivityType(
			admin(),
			ids.commune,
			input(
				formOf(type, {
					m1_label: 'Sáng kiến được áp dụng thực tế',
					m2_label: 'Giá trị làm lợi (triệu đồng)',
					m2_unitLabel: 'triệu đồng',
					m2_kind: 'decimal',
					m2_min: '0',
					m2_max: '10000,5'
				})
			)
		);
		expect(result).toMatchObject({ ok: true, id: type.id });
		expect(
			exportCampaign(t.db, COMMUNE)!
				.activityTypes.find((a) => a.code === 'SANG_KIEN')!
				.measures.map((m) => [m.label, m.kind, m.max])
		).toEqual([
			['Sáng kiến, giải pháp', 'integer', 50],
			['Sáng kiến được áp dụng thực tế', 'integer', 50],
			['Giá trị làm lợi (triệu đồng)', 'decimal', 10000.5]
		]);
		expect(exportCampaign(t.db, YOUTH)).toEqual(youth);
	});

	it('adds a new type to the campaign it is given, with a fresh code', () => {
		const result = saveActivityType(
			admin(),
			ids.commune,
			input({
				id: '',
				name: 'Hướng dẫn dùng Zalo OA của xã',
				area: '1.4',
				m0_label: 'Người được hướng dẫn',
				m0_unitLabel: 'người',
				m0_kind: 'integer',
				m0_min: '1',
				m0_max: '500',
				m0_required: 'on'
			})
		);
		expect(result).toMatchObject({ ok: true });
		const created = catalogueForAdmin(t.db, ids.commune).types.find((ty) => ty.id === result.id)!;
		expect(created).toMatchObject({ code: 'T13', area: '1.4', campaignId: ids.commune });
		expect(created.measures.map((m) => m.code)).toEqual(['nguoi_duoc_huong_dan']);
		expect(lastAudit()).toMatchObject({ action: 'activity_type.create', targetId: String(ids.commune) });
	});
});
