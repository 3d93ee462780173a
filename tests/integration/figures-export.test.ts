import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { campaignFixture, contextFor, insertUnit, orgFixture, scoringFixture, tempDatabase, type TempDb } from '../helpers/db';
import { approvedInitiative, provinceVerifier, vneidSession } from '../helpers/factories';
import { daysBefore } from '../helpers/clock';
import { figuresExport } from '../../src/lib/server/exports/figures';
import { initiativesExport, pointsExport, teamsExport } from '../../src/lib/server/exports/lists';
import { createTeam } from '../../src/lib/server/teams/service';
import { parseCsv } from '../../src/lib/server/imports/csv';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
let c: ReturnType<typeof campaignFixture>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
	c = campaignFixture(t.db, f.units.P.id);
	scoringFixture(t.db, c);
	const verifier = provinceVerifier(t.db, f.units.P.id);
	const author = contextFor(t.db, f.people.provinceAdmin.id, daysBefore(3));
	approvedInitiative(author, { ...verifier, now: daysBefore(2) }, vneidSession(c, f.units.B1a1.id, { people: 1566 }));
	approvedInitiative(author, { ...verifier, now: daysBefore(2) }, vneidSession(c, f.units.B2a1.id, { people: 34 }));
});
afterEach(() => t.close());

const query = { campaign: 'test', unit: String(0), period: 'Y2026', cutoff: null };

describe('the figures exported for an office’s own report', () => {
	it('open in Excel: one sheet per table, frozen bold header in Vietnamese, totals as numbers, formulas neutralised', async () => {
		// A unit name an importer typed as a formula must not run on the office's computer.
		insertUnit(t.db, f.units.P, '=HYPERLINK("http://x","Bấm")', 'district');
		const file = await figuresExport(contextFor(t.db, null), { ...query, unit: String(f.units.P.id) }, 'xlsx');
		expect(file!.fileName).toBe('so-lieu-tinh-doan-p-y2026-2026-11-25.xlsx');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(file!.body.buffer);
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['Số liệu', 'Theo cấp', 'Đội hình', 'Đơn vị trực thuộc', 'Theo tháng']);
		const measures = workbook.getWorksheet('Số liệu')!;
		expect(measures.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(measures.getRow(1).values).toEqual([
			undefined,
			'Nội dung thi đua',
			'Hoạt động',
			'Chỉ tiêu',
			'Đơn vị tính',
			'Đã duyệt',
			'Đơn vị báo cáo',
			'Số sáng kiến',
			'Chờ duyệt (chưa tính)'
		]);
		expect(measures.getRow(1).font?.bold).toBe(true);
		const people = measures.getRow(measures.getColumn(3).values.indexOf('Người được hỗ trợ'));
		expect([people.getCell(3).value, people.getCell(5).value, people.getCell(7).value]).toEqual(['Người được hỗ trợ', 1600, 2]);
		expect(people.getCell(5).numFmt).toBe('#,##0');
		const children = workbook.getWorksheet('Đơn vị trực thuộc')!;
		const names = children.getColumn(1).values.slice(2);
		expect(names).toContain('\'=HYPERLINK("http://x","Bấm")');
		expect(names).toContain('Huyện đoàn D1');
	});

	it('as CSV starts with the BOM and keeps diacritics and totals', async () => {
		const file = await figuresExport(contextFor(t.db, null), { ...query, unit: String(f.units.D1.id) }, 'csv');
		expect([...file!.body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(file!.body);
		const parsed = parseCsv(text, 100);
		expect(parsed.ok && parsed.records[0]![0]).toBe('Nội dung thi đua');
		expect(parsed.ok && parsed.records.find((r) => r[2] === 'Người được hỗ trợ')!.slice(3, 5)).toEqual(['người', '1566']);
	});

	it('a campaign that does not exist exports nothing', async () => {
		expect(await figuresExport(contextFor(t.db, null), { ...query, campaign: 'khong-co' }, 'xlsx')).toBeNull();
	});

	it('lists the approved initiatives of the subtree as a streamed workbook, one column per measure, formulas neutralised', async () => {
		const verifier = provinceVerifier(t.db, f.units.P.id);
		const author = contextFor(t.db, f.people.provinceAdmin.id, daysBefore(3));
		approvedInitiative(
			author,
			{ ...verifier, now: daysBefore(2) },
			{
				...vneidSession(c, f.units.B1b1.id, { people: 12 }),
				title: '=cmd|"/c calc"!A1 Hướng dẫn cài ứng dụng'
			}
		);
		const file = initiativesExport(contextFor(t.db, null), { ...query, unit: String(f.units.D1.id) })!;
		expect(file.count).toBe(2);
		expect(file.fileName).toBe('sang-kien-huyen-doan-d1-y2026.xlsx');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(await new Response(file.body).arrayBuffer());
		const sheet = workbook.getWorksheet('Sáng kiến đã duyệt')!;
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		const header = sheet.getRow(1).values as unknown[];
		expect(header.slice(1, 9)).toEqual([
			'Mã',
			'Tên sáng kiến',
			'Đơn vị',
			'Cấp',
			'Nội dung thi đua',
			'Hoạt động',
			'Ngày hoàn thành',
			'Địa điểm'
		]);
		const peopleColumn = header.findIndex((h) => typeof h === 'string' && h.includes('Người được hỗ trợ'));
		expect(peopleColumn).toBeGreaterThan(8);
		const rows = [2, 3].map((n) => sheet.getRow(n));
		expect(rows.map((r) => [r.getCell(2).value, r.getCell(peopleColumn).value])).toEqual([
			['Hướng dẫn VNeID tại bản', 1566],
			['\'=cmd|"/c calc"!A1 Hướng dẫn cài ứng dụng', 12]
		]);
		expect(sheet.rowCount).toBe(3);
	});

	it('lists the teams with their approved works, and the points by unit, team and — for admins — member', async () => {
		const team = createTeam(contextFor(t.db, f.people.g1aAdmin.id), {
			name: '=Đội hình VNeID bản Ta Ma',
			kind: 'digital_volunteer',
			unitId: f.units.B1a1.id,
			leaderId: f.people.member.id,
			servedPlaces: ['Bản Ta Ma', 'Bản Phình Cứ'],
			helpers: [],
			activeFrom: '2024-01-01',
			activeTo: null,
			focus: []
		});
		if (!team.ok) throw new Error('team');
		const verifier = provinceVerifier(t.db, f.units.P.id);
		const author = contextFor(t.db, f.people.provinceAdmin.id, daysBefore(3));
		approvedInitiative(
			author,
			{ ...verifier, now: daysBefore(2) },
			{ ...vneidSession(c, f.units.B1a1.id, { people: 12 }), teamId: team.team.id }
		);
		const read = async (file: { body: ReadableStream<Uint8Array> }) => {
			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.load(await new Response(file.body).arrayBuffer());
			return workbook;
		};
		const teams = await read(teamsExport(contextFor(t.db, null), { ...query, unit: String(f.units.D1.id) })!);
		const sheet = teams.getWorksheet('Đội hình')!;
		expect(sheet.getRow(1).getCell(2).value).toBe('Tên đội hình');
		expect([2, 6, 10].map((c) => sheet.getRow(2).getCell(c).value)).toEqual(["'=Đội hình VNeID bản Ta Ma", 'Bản Ta Ma; Bản Phình Cứ', 1]);

		const sums = t.db.$client
			.prepare(
				"select subject_type as type, sum(points) as points from point_entries where subject_type in ('district', 'team') group by subject_type"
			)
			.all() as Array<{ type: string; points: number }>;
		const ledger = t.db.$client.prepare('select subject_type as type, subject_id as id, points from point_entries').all() as Array<{
			type: string;
			id: number;
			points: number;
		}>;
		const pointsOf = (type: string, id?: number) =>
			ledger.filter((r) => r.type === type && (id === undefined || r.id === id)).reduce((sum, r) => sum + r.points, 0);
		const publicPoints = await read(pointsExport(contextFor(t.db, null), { ...query, unit: String(f.units.D1.id) })!);
		expect(publicPoints.worksheets.map((w) => w.name)).toEqual(['Đơn vị', 'Đội hình', 'Cá nhân, tập thể ngoài']);
		const units = publicPoints.getWorksheet('Đơn vị')!;
		const d1 = units.getRow(units.getColumn(1).values.indexOf('Huyện đoàn D1'));
		expect(d1.getCell(3).value).toBe(pointsOf('district', f.units.D1.id));
		expect(publicPoints.getWorksheet('Đội hình')!.getRow(2).getCell(4).value).toBe(pointsOf('team'));
		const adminPoints = await read(pointsExport(contextFor(t.db, f.people.d1Admin.id), { ...query, unit: String(f.units.D1.id) })!);
		expect(adminPoints.worksheets.map((w) => w.name)).toContain('Đoàn viên');
	});
});
