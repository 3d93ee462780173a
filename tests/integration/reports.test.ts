import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaignFixture, contextFor, orgFixture, rowCounts, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { approvedInitiative, provinceVerifier, vneidSession } from '../helpers/factories';
import { daysAfter, daysBefore, NOW } from '../helpers/clock';
import {
	openReport,
	reportDocumentOf,
	reportView,
	reportsToFile,
	returnReport,
	saveReport,
	submissions,
	submitReport
} from '../../src/lib/server/reports/service';
import { periods, campaigns } from '../../src/lib/server/db/schema';
import { and, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { reportExport } from '../../src/lib/server/exports/report';
import { createRequest, requestView } from '../../src/lib/server/reports/requests';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
let periodId: number;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	scoringFixture(t.db, c);
	// The province's plan: districts report by 01/11 (the campaign default would be later).
	t.db
		.update(campaigns)
		.set({ reportDueOn: '12-05', reportDeadlines: [{ who: 'Các huyện đoàn', dueOn: '11-01', levels: ['district'] }] })
		.where(eq(campaigns.id, c.campaign.id))
		.run();
	periodId = t.db
		.select({ id: periods.id })
		.from(periods)
		.where(and(eq(periods.campaignId, c.campaign.id), eq(periods.code, 'Y2026')))
		.get()!.id;
	const verifier = provinceVerifier(t.db, f.units.P.id);
	const author = contextFor(t.db, f.people.provinceAdmin.id, daysBefore(3));
	approvedInitiative(author, { ...verifier, now: daysBefore(2) }, vneidSession(c, f.units.B1a1.id, { people: 40 }));
	approvedInitiative(author, { ...verifier, now: daysBefore(2) }, vneidSession(c, f.units.B2a1.id, { people: 70 }));
});
afterEach(() => t.close());

const district = (now = NOW) => contextFor(t.db, f.people.d1Admin.id, now);
const province = (now = NOW) => contextFor(t.db, f.people.provinceAdmin.id, now);
const narrative = { results: 'Tổ chức 47 đội hình thanh niên tình nguyện hỗ trợ VNeID.', proposals: 'Đề nghị hỗ trợ thiết bị.' };

function openD1(ctx = district()) {
	const opened = openReport(ctx, { campaignId: c.campaign.id, unitId: f.units.D1.id, periodId });
	if (!opened.ok) throw new Error(opened.error);
	return opened.id;
}
const peopleOf = (view: ReturnType<typeof reportView>) => view!.figures.measures.find((m) => m.measureCode === 'people')!.approved;

describe('a district’s yearly report', () => {
	it('opens with the subtree’s figures, is submitted as a frozen version, late after 01/11, and cannot be edited', () => {
		const id = openD1();
		expect(peopleOf(reportView(district(), id))).toBe(40);
		const sent = submitReport(district(), id, { narrative, cutoffDay: '' });
		expect(sent).toEqual({ ok: true, id });
		const view = reportView(district(), id)!;
		expect(view.report.status).toBe('submitted');
		expect(view.versions).toEqual([{ version: 1, submittedAt: NOW, onTime: false, cutoffDay: '2026-11-25' }]);
		expect(view.state).toEqual({ kind: 'submitted', onTime: false });
		expect(view.narrative.results).toBe(narrative.results);

		// A later approval in the district does not move the submitted figures: it is an adjustment.
		const verifier = provinceVerifier(t.db, f.units.P.id);
		approvedInitiative(province(daysAfter(1)), { ...verifier, now: daysAfter(1) }, vneidSession(c, f.units.B1b1.id, { people: 25 }));
		const later = reportView(district(daysAfter(2)), id)!;
		expect(peopleOf(later)).toBe(40);
		expect(later.adjustments.map((a) => [a.kind, a.deltas['VNEID.people']])).toEqual([['late_approval', 25]]);

		const before = rowCounts(t.db);
		expect(saveReport(district(), id, { narrative: { results: 'sửa' }, cutoffDay: '' })).toMatchObject({
			ok: false,
			error: 'report.alreadySubmitted'
		});
		expect(() => t.db.$client.prepare('update report_versions set narrative = ?').run('{}')).toThrow(/append-only/);
		expect(rowCounts(t.db)).toEqual(before);
	});

	it('is returned by the level above with a reason, then edited and sent again as version 2', () => {
		const id = openD1(district(Date.UTC(2026, 9, 20)));
		submitReport(district(Date.UTC(2026, 9, 20)), id, { narrative, cutoffDay: '' });
		expect(returnReport(district(), id, 'Bổ sung số liệu')).toMatchObject({ ok: false, problem: 'forbidden' });
		expect(returnReport(province(), id, '   ')).toMatchObject({ ok: false, error: 'report.reasonRequired' });
		expect(returnReport(province(), id, 'Bổ sung phần hạn chế')).toEqual({ ok: true, id });
		expect(reportView(district(), id)!.report).toMatchObject({ status: 'returned', returnReason: 'Bổ sung phần hạn chế' });
		expect(submitReport(district(), id, { narrative: { ...narrative, limitations: 'Thiếu thiết bị.' }, cutoffDay: '2026-10-31' })).toEqual({
			ok: true,
			id
		});
		const view = reportView(province(), id)!;
		expect(view.versions.map((v) => [v.version, v.onTime, v.cutoffDay])).toEqual([
			[1, true, '2026-10-20'],
			[2, false, '2026-10-31']
		]);
		// The province sees it on its submissions board, and quotes it in its own report.
		const board = submissions(province(), { campaignId: c.campaign.id, unitId: f.units.P.id, periodId })!;
		expect(board.map((r) => [r.unit.name, r.state])).toEqual([
			['Huyện đoàn D1', { kind: 'submitted', onTime: true }],
			['Huyện đoàn D2', { kind: 'late', days: 24 }]
		]);
		const own = openReport(province(), { campaignId: c.campaign.id, unitId: f.units.P.id, periodId });
		const provinceView = reportView(province(), own.ok ? own.id : 0)!;
		expect(provinceView.quoted).toEqual([
			{ unitName: 'Huyện đoàn D1', narrative: expect.objectContaining({ limitations: 'Thiếu thiết bị.' }) }
		]);
		expect(peopleOf(provinceView)).toBe(110);
	});

	it('refuses a unit outside one’s scope, a future cut-off and a 1 MB narrative, changing nothing', () => {
		const before = rowCounts(t.db);
		expect(openReport(district(), { campaignId: c.campaign.id, unitId: f.units.D2.id, periodId })).toMatchObject({
			ok: false,
			problem: 'forbidden'
		});
		expect(rowCounts(t.db)).toEqual(before);
		const id = openD1();
		const opened = rowCounts(t.db);
		expect(saveReport(district(), id, { narrative, cutoffDay: '2026-12-31' })).toMatchObject({ ok: false, error: 'report.cutoffFuture' });
		expect(saveReport(district(), id, { narrative: { results: 'x'.repeat(1_000_000) }, cutoffDay: '' })).toMatchObject({
			ok: false,
			error: 'report.narrativeTooLong'
		});
		expect(rowCounts(t.db)).toEqual(opened);
		expect(reportView(district(), id)!.narrative.results).toBe('');
		expect(reportView(contextFor(t.db, f.people.g1aAdmin.id), id)).toBeNull();
	});
});

describe('the report exported', () => {
	it('as .docx in the Đoàn layout and as .xlsx, with diacritics and the submitted totals', async () => {
		const id = openD1();
		submitReport(district(), id, { narrative: { ...narrative, results: '=HYPERLINK("http://x") Tổ chức đội hình' }, cutoffDay: '' });
		const docx = await reportExport(district(), id, 'docx');
		expect(docx!.fileName).toBe('bao-cao-bch-huyen-d1-nam-2026-2026-11-25.docx');
		const xml = await (await JSZip.loadAsync(docx!.body)).file('word/document.xml')!.async('string');
		const text = xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
		for (const expected of [
			'ĐOÀN TNCS HỒ CHÍ MINH',
			'BCH HUYỆN D1',
			'BÁO CÁO',
			'Kết quả nổi bật',
			'Đề nghị hỗ trợ thiết bị.',
			'Nơi nhận:',
			'BÍ THƯ'
		])
			expect(text).toContain(expected);
		expect(text).toMatch(/Người được hỗ trợ\s+người\s+40/);
		expect(xml).toContain('Times New Roman');

		const xlsx = await reportExport(district(), id, 'xlsx');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(xlsx!.body.buffer);
		const sheet = workbook.getWorksheet('Số liệu')!;
		const row = sheet.getRow(sheet.getColumn(3).values.indexOf('Người được hỗ trợ'));
		expect(row.getCell(5).value).toBe(40);
		expect(await reportExport(contextFor(t.db, f.people.member.id), id, 'docx')).toBeNull();
	});
});

describe('reports other than the yearly one', () => {
	it('a phase that ends this year is offered as its sơ kết report, with its own figures and title', () => {
		t.db
			.insert(periods)
			.values({
				campaignId: c.campaign.id,
				code: 'GD-A',
				name: 'Giai đoạn 2024-2026',
				kind: 'phase',
				startsOn: '2024-01-01',
				endsOn: '2026-12-31'
			})
			.run();
		const rows = reportsToFile(district()).filter((r) => r.unit.id === f.units.D1.id);
		expect(rows.map((r) => [r.period.code, r.kind, r.dueOn])).toEqual([
			['Y2026', 'yearly', '2026-11-01'],
			['GD-A', 'midterm', '2026-11-01']
		]);
		const phase = rows.find((r) => r.kind === 'midterm')!;
		const opened = openReport(district(), { campaignId: c.campaign.id, unitId: f.units.D1.id, periodId: phase.period.id });
		const id = opened.ok ? opened.id : 0;
		expect(peopleOf(reportView(district(), id))).toBe(40);
		expect(reportDocumentOf(district(), id)!.summaryLine).toMatch(/^Sơ kết Giai đoạn 2024-2026 thực hiện phong trào/);
	});
});

describe('ad hoc report requests', () => {
	const request = (ctx = province(), input: Partial<Parameters<typeof createRequest>[1]> = {}) =>
		createRequest(ctx, {
			campaignId: c.campaign.id,
			unitId: f.units.P.id,
			periodId,
			title: 'Báo cáo kết quả hỗ trợ người dân cài đặt VNeID',
			note: 'Phục vụ hội nghị giao ban quý IV.',
			dueOn: '2026-12-10',
			...input
		});

	it('reach the children, are answered as their own report with their own deadline, and show who answered', () => {
		const made = request();
		if (!made.ok) throw new Error(made.error);
		const row = reportsToFile(district()).find((r) => r.kind === 'request')!;
		expect(row).toMatchObject({ unit: { id: f.units.D1.id }, dueOn: '2026-12-10', request: { id: made.id }, status: null });
		const opened = openReport(district(), { campaignId: c.campaign.id, unitId: f.units.D1.id, periodId, requestId: made.id });
		const yearly = openD1();
		expect(opened.ok && opened.id).not.toBe(yearly);
		const id = opened.ok ? opened.id : 0;
		expect(submitReport(district(), id, { narrative, cutoffDay: '' })).toEqual({ ok: true, id });
		expect(reportView(district(), id)).toMatchObject({
			kind: 'request',
			dueOn: '2026-12-10',
			request: { title: made.ok && 'Báo cáo kết quả hỗ trợ người dân cài đặt VNeID' }
		});
		expect(reportDocumentOf(district(), id)!.summaryLine).toBe('Báo cáo kết quả hỗ trợ người dân cài đặt VNeID — Năm 2026');
		const board = requestView(province(), made.id)!.board;
		expect(board.map((r) => [r.unit.name, r.state])).toEqual([
			['Huyện đoàn D1', { kind: 'submitted', onTime: true }],
			['Huyện đoàn D2', { kind: 'due', days: 15 }]
		]);
		// The yearly report's own board does not mix the request's answers in (D1's yearly report is a draft).
		expect(submissions(province(), { campaignId: c.campaign.id, unitId: f.units.P.id, periodId })!.map((r) => r.status)).toEqual([
			'draft',
			null
		]);
		expect(requestView(district(), made.id)).toBeNull();
	});

	it('refuse an empty title, a past or impossible deadline, a unit without children and another scope, changing nothing', () => {
		const before = rowCounts(t.db);
		expect(request(province(), { title: '   ' })).toMatchObject({ ok: false, error: 'reportRequest.titleRequired' });
		expect(request(province(), { title: 'x'.repeat(201) })).toMatchObject({ ok: false, error: 'reportRequest.titleTooLong' });
		expect(request(province(), { dueOn: '2026-11-24' })).toMatchObject({ ok: false, error: 'reportRequest.dueOn' });
		expect(request(province(), { dueOn: '2026-02-31' })).toMatchObject({ ok: false, error: 'reportRequest.dueOn' });
		expect(request(province(), { unitId: f.units.B1a1.id })).toMatchObject({ ok: false, error: 'reportRequest.noChildren' });
		expect(request(district())).toMatchObject({ ok: false, problem: 'forbidden' });
		expect(rowCounts(t.db)).toEqual(before);
		const fromD1 = createRequest(district(), {
			campaignId: c.campaign.id,
			unitId: f.units.D1.id,
			periodId,
			title: 'Số liệu quý IV',
			note: '',
			dueOn: '2026-12-01'
		});
		const id = fromD1.ok ? fromD1.id : 0;
		// D1's request goes to D1's communes, not to D1 itself nor to D2.
		expect(openReport(district(), { campaignId: c.campaign.id, unitId: f.units.D1.id, periodId, requestId: id })).toMatchObject({
			ok: false,
			problem: 'notFound'
		});
		expect(openReport(province(), { campaignId: c.campaign.id, unitId: f.units.D2.id, periodId, requestId: id })).toMatchObject({
			ok: false,
			problem: 'notFound'
		});
		expect(openReport(district(), { campaignId: c.campaign.id, unitId: f.units.G1a.id, periodId, requestId: id }).ok).toBe(true);
	});
});
