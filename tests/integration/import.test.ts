import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { contextFor, insertPerson, orgFixture, rowCounts, tempDatabase, type TempDb } from '../helpers/db';
import { HOUR_MS, NOW } from '../helpers/clock';
import { auditLog, imports, memberships, people, roleAssignments, units } from '../../src/lib/server/db/schema';
import { confirmImport, importFile, importLinks, OPERATOR, previewImport, topUnitsForImport } from '../../src/lib/server/imports/service';
import { csvField, toCsv } from '../../src/lib/domain/exports/cells';
import { readImportFile } from '../../src/lib/server/imports/read-file';
import type { ServiceContext } from '../../src/lib/server/context';

let t: TempDb;
let f: ReturnType<typeof orgFixture>;
beforeEach(() => {
	t = tempDatabase();
	f = orgFixture(t.db);
});
afterEach(() => t.close());

const PEOPLE_HEADER = ['Họ và tên', 'Tên đăng nhập', 'Số điện thoại', 'Email', 'Mã đơn vị', 'Ngày vào', 'Vai trò'];
const code = (unit: { id: number }) => t.db.select({ code: units.code }).from(units).where(eq(units.id, unit.id)).get()!.code!;

/** `n` members spread over the fixture's four branches, phones 0912000000 + i. */
function memberRows(n: number): string[][] {
	const branches = [f.units.B1a1, f.units.B1a2, f.units.B1b1, f.units.B2a1].map(code);
	return Array.from({ length: n }, (_, i) => [
		`Nguyễn Văn Thành ${i}`,
		'',
		`0912${String(i).padStart(6, '0')}`,
		'',
		branches[i % 4]!,
		'01/09/2024',
		''
	]);
}

const csv = (rows: string[][], header = PEOPLE_HEADER, sep = ',', bom = true) =>
	new TextEncoder().encode(
		(bom ? '\ufeff' : '') +
			[header, ...rows].map((r) => r.map((c) => (/[",;\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(sep)).join('\r\n')
	);

async function xlsx(sheets: { name: string; rows: ExcelJS.CellValue[][] }[]): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	for (const s of sheets) wb.addWorksheet(s.name).addRows(s.rows);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

const admin = () => contextFor(t.db, f.people.provinceAdmin.id);

async function preview(ctx: ServiceContext, bytes: Uint8Array, name = 'doan-vien.csv') {
	const result = await previewImport(ctx, { name, bytes });
	if (!result.ok) throw new Error(result.error);
	return result.preview;
}

describe('bulk import of people', () => {
	it('names the codes of the top units of each admin scope, to write as the parent of a first new unit', () => {
		expect(topUnitsForImport(admin())).toEqual([{ code: code(f.units.P), name: f.units.P.name }]);
		expect(topUnitsForImport(contextFor(t.db, f.people.d1Admin.id))).toEqual([{ code: code(f.units.D1), name: f.units.D1.name }]);
	});

	it('a good file of 500 imports on confirmation, and only then: 500 people, memberships and roles, one audit row each', async () => {
		const before = rowCounts(t.db);
		const p = await preview(admin(), csv(memberRows(500)));
		expect(p).toMatchObject({ rows: 500, errors: [], counts: { peopleCreate: 500, peopleUpdate: 0, peopleUnchanged: 0 } });
		expect(p.importId).toBeTruthy();
		expect({ ...rowCounts(t.db), imports: before.imports }).toEqual(before);

		const done = await confirmImport(admin(), p.importId!);
		expect(done).toMatchObject({ ok: true, counts: { peopleCreated: 500, unitsCreated: 0 } });
		const after = rowCounts(t.db);
		expect(after.people! - before.people!).toBe(500);
		expect(after.memberships! - before.memberships!).toBe(500);
		expect(after.role_assignments! - before.role_assignments!).toBe(500);
		expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'person.create')).all()).toHaveLength(500);
		const created = t.db.select().from(people).where(eq(people.phone, '0912000005')).get()!;
		expect(created).toMatchObject({
			fullName: 'Nguyễn Văn Thành 5',
			displayName: 'Nguyễn V. T. 5.',
			passwordHash: null,
			createdBy: f.people.provinceAdmin.id
		});
		expect(created.username).toBe('5nvt');
		expect(t.db.select().from(memberships).where(eq(memberships.personId, created.id)).get()).toMatchObject({
			unitId: f.units.B1a2.id,
			joinedOn: '2024-09-01'
		});
		// A confirmation is used once.
		expect(await confirmImport(admin(), p.importId!)).toMatchObject({ ok: false });
	});

	it('importing the same file again changes nothing: not a row, not a timestamp, not an audit entry', async () => {
		const file = csv(memberRows(200));
		const first = await preview(admin(), file);
		await confirmImport(admin(), first.importId!);
		const counts = rowCounts(t.db);
		const snapshot = t.db.select().from(people).all();
		const roles = t.db.select().from(roleAssignments).all();
		const again = await preview(contextFor(t.db, f.people.provinceAdmin.id, NOW + HOUR_MS), file);
		expect(again).toMatchObject({ importId: null, errors: [], counts: { peopleCreate: 0, peopleUpdate: 0, peopleUnchanged: 200 } });
		expect(rowCounts(t.db)).toEqual(counts);
		expect(t.db.select().from(people).all()).toEqual(snapshot);
		expect(t.db.select().from(roleAssignments).all()).toEqual(roles);
	});

	it('one bad row among 500 creates nothing and names that row and column', async () => {
		const rows = memberRows(500);
		rows[249]![2] = '09123';
		const before = rowCounts(t.db);
		const p = await preview(admin(), csv(rows));
		expect(p.importId).toBeNull();
		expect(p.errors).toEqual(['Dòng 251, cột Số điện thoại: “09123” không phải số điện thoại Việt Nam (10 chữ số, bắt đầu bằng 0).']);
		expect(rowCounts(t.db)).toEqual(before);
	});

	it('a district admin cannot place people in another district, nor grant a role above theirs, nor take over someone outside', async () => {
		const outsider = insertPerson(t.db, 'Người D2', { unitId: f.units.B2a1.id }, { phone: '0988000001' });
		const ctx = contextFor(t.db, f.people.d1Admin.id);
		const p = await preview(
			ctx,
			csv([
				['Lò Văn A', '', '0988000002', '', code(f.units.B2a1), '', ''],
				['Lò Văn B', '', '0988000003', '', code(f.units.B1a1), '', 'district_admin'],
				['Người D2', '', outsider.phone!, '', code(f.units.B1a1), '', ''],
				['Lò Văn C', '', '0988000004', '', code(f.units.B1a1), '', 'Bí thư']
			])
		);
		expect(p.importId).toBeNull();
		expect(p.errors).toEqual([
			`Dòng 2, cột Mã đơn vị: đơn vị “${code(f.units.B2a1)}” nằm ngoài phạm vi bạn quản lý.`,
			'Dòng 3, cột Vai trò: bạn không được cấp vai trò “Quản trị, xác nhận cấp huyện” tại đơn vị này.',
			'Dòng 4: người này đã có tài khoản ở đơn vị ngoài phạm vi bạn quản lý.'
		]);
		expect(p.counts.peopleCreate).toBe(1);
	});

	it('flags a phone already in the database under another name as the same person, and a clash of two accounts', async () => {
		insertPerson(t.db, 'Đoàn viên Một', { unitId: f.units.B1a1.id }, { phone: '0977000001', username: 'motdv' });
		insertPerson(t.db, 'Đoàn viên Hai', { unitId: f.units.B1a1.id }, { phone: '0977000002' });
		const p = await preview(
			admin(),
			csv([
				['Đoàn viên Một', '', '+84 977 000 001', '', code(f.units.B1a1), '', ''],
				['Đoàn viên Hai', 'motdv', '0977000002', '', code(f.units.B1a1), '', '']
			])
		);
		expect(p.counts.peopleUnchanged).toBe(1);
		expect(p.errors).toEqual(['Dòng 3, cột Số điện thoại: số điện thoại, email và tên đăng nhập trỏ tới hai tài khoản khác nhau.']);
	});

	it('a unit sheet and a people sheet in one workbook: units first, people join them, all in one transaction', async () => {
		const bytes = await xlsx([
			{
				name: 'Đơn vị',
				rows: [
					['Mã đơn vị', 'Tên đơn vị', 'Tên viết tắt', 'Cấp', 'Mã đơn vị cấp trên'],
					['XA-MOI', 'Đoàn xã Mới', 'Xã Mới', 'Đoàn cơ sở', code(f.units.D1)],
					['BAN-1', 'Chi đoàn bản Một', '', 'Chi đoàn', 'XA-MOI']
				]
			},
			{
				name: 'Đoàn viên',
				rows: [PEOPLE_HEADER, ['Quàng Thị Dung', 'dungqt', 912000111, '', 'ban-1', new Date(Date.UTC(2025, 2, 8)), 'Đoàn viên']]
			},
			{ name: 'Hướng dẫn', rows: [['Điền mỗi người một dòng.']] }
		]);
		const p = await preview(contextFor(t.db, f.people.d1Admin.id), bytes, 'mau.xlsx');
		expect(p).toMatchObject({ errors: [], ignoredSheets: ['Hướng dẫn'], counts: { unitsCreate: 2, peopleCreate: 1 } });
		const done = await confirmImport(contextFor(t.db, f.people.d1Admin.id), p.importId!);
		expect(done.ok).toBe(true);
		const ban = t.db.select().from(units).where(eq(units.code, 'BAN-1')).get()!;
		const xa = t.db.select().from(units).where(eq(units.code, 'XA-MOI')).get()!;
		expect(ban.path).toBe(`${xa.path}${ban.id}/`);
		expect(xa.path).toBe(`${f.units.D1.path}${xa.id}/`);
		const dung = t.db.select().from(people).where(eq(people.username, 'dungqt')).get()!;
		expect(dung.phone).toBe('0912000111');
		expect(t.db.select().from(memberships).where(eq(memberships.personId, dung.id)).get()).toMatchObject({
			unitId: ban.id,
			joinedOn: '2025-03-08'
		});
	});

	it('units created in the app get a DV code; a file may name them but not invent one', async () => {
		expect(code(f.units.G1a)).toBe(`DV${f.units.G1a.id}`);
		const p = await preview(
			admin(),
			csv(
				[['DV99999', 'Chi đoàn X', '', 'branch', code(f.units.G1a)]],
				['Mã đơn vị', 'Tên đơn vị', 'Tên viết tắt', 'Cấp', 'Mã đơn vị cấp trên']
			)
		);
		expect(p.errors).toEqual([
			'Dòng 2, cột Mã đơn vị: mã dạng DV + số dành cho đơn vị tạo trên hệ thống; “DV99999” không có. Hãy đặt mã khác.'
		]);
	});

	it('formulas are never evaluated: refused in a workbook and in a CSV', async () => {
		const bytes = await xlsx([
			{
				name: 'Đoàn viên',
				rows: [
					PEOPLE_HEADER,
					[{ formula: 'HYPERLINK("http://evil.example","Bấm vào")', result: 'Bấm vào' }, '', '0912000001', '', code(f.units.B1a1), '', ''],
					['Lò Văn An', '', { formula: '0+912000002', result: 912000002 }, '', code(f.units.B1a1), '', '']
				]
			}
		]);
		const x = await preview(admin(), bytes, 'x.xlsx');
		expect(x.errors).toEqual([
			'Trang “Đoàn viên”, dòng 2, cột Họ và tên: ô chứa công thức; hãy dán dạng giá trị (công thức không bao giờ được tính).',
			'Trang “Đoàn viên”, dòng 3, cột Số điện thoại: ô chứa công thức; hãy dán dạng giá trị (công thức không bao giờ được tính).'
		]);
		const c = await preview(admin(), csv([["=cmd|' /C calc'!A0", '', '0912000001', '', code(f.units.B1a1), '', '']]));
		expect(c.errors[0]).toMatch(/^Dòng 2, cột Họ và tên: ô chứa công thức/);
		expect(rowCounts(t.db).people).toBe(4);
	});

	it('CSV with or without a BOM, with ; or , between fields, reads the same', async () => {
		const rows = memberRows(3);
		for (const [sep, bom] of [
			[',', true],
			[';', true],
			[';', false],
			['\t', false]
		] as const) {
			const p = await preview(admin(), csv(rows, PEOPLE_HEADER, sep, bom));
			expect(p, `${JSON.stringify(sep)} bom=${bom}`).toMatchObject({ errors: [], counts: { peopleCreate: 3 } });
		}
	});

	it('names missing and unknown columns', async () => {
		const p = await preview(admin(), csv([['An', '0912000001']], ['Họ và tên', 'Điện thoại di động']));
		expect(p.errors).toEqual([
			'Dòng 1: Thiếu cột: “Số điện thoại”, “Mã đơn vị”.',
			'Dòng 1: Cột không dùng được: “Điện thoại di động”. Các cột hợp lệ: “Họ và tên”, “Tên đăng nhập”, “Số điện thoại”, “Email”, “Năm sinh”, “Mã đơn vị”, “Ngày vào”, “Vai trò”.'
		]);
	});

	it('refuses 100,000 rows with the limit, in CSV and in a workbook', async () => {
		const rows = Array.from({ length: 100_000 }, (_, i) => [`Người ${i}`, '', '', '', 'B', '', '']);
		const started = performance.now();
		expect(await previewImport(admin(), { name: 'lon.csv', bytes: csv(rows) })).toEqual({
			ok: false,
			error: 'Tệp có hơn 50.000 dòng dữ liệu. Hãy chia thành nhiều tệp, mỗi tệp tối đa 50.000 dòng.'
		});
		const book = await xlsx([{ name: 'Đoàn viên', rows: [PEOPLE_HEADER, ...rows] }]);
		expect(await previewImport(admin(), { name: 'lon.xlsx', bytes: book })).toMatchObject({
			ok: false,
			error: expect.stringMatching(/hơn 50\.000 dòng/)
		});
		expect(performance.now() - started).toBeLessThan(30_000);
		expect(rowCounts(t.db).imports).toBe(0);
	});

	it('judges files by their bytes: text named .xlsx, an old .xls, a compression bomb, a non-UTF-8 CSV', async () => {
		const refused = async (bytes: Uint8Array, name: string) => {
			const r = await readImportFile(bytes, name);
			return r.ok ? 'accepted' : r.error;
		};
		expect(await refused(csv(memberRows(1)), 'doan-vien.xlsx')).toBe('Tệp có đuôi .xlsx nhưng không phải tệp Excel .xlsx hợp lệ.');
		expect(await refused(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'cu.xls')).toMatch(/Excel 97-2003/);
		expect(await refused(new Uint8Array([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0x69]), 'cp1258.csv')).toMatch(/UTF-8/);
		expect(await refused(bomb(200 * 1024 * 1024), 'bom.xlsx')).toBe('Tệp quá lớn: tối đa 80 MB. Hãy chia thành nhiều tệp.');
	});

	it('an unconfirmed preview expires after an hour; another admin cannot confirm it', async () => {
		const p = await preview(admin(), csv(memberRows(2)));
		expect(await confirmImport(contextFor(t.db, f.people.d1Admin.id), p.importId!)).toMatchObject({ ok: false });
		expect(await confirmImport(contextFor(t.db, f.people.provinceAdmin.id, NOW + 2 * HOUR_MS), p.importId!)).toMatchObject({
			ok: false,
			error: 'Bản xem trước đã hết hạn hoặc đã được nhập. Hãy tải tệp lên lại.'
		});
		expect(rowCounts(t.db).people).toBe(4);
	});

	it('a change between preview and confirmation is caught inside the transaction: nothing written, a fresh preview', async () => {
		const p = await preview(admin(), csv(memberRows(3)));
		insertPerson(t.db, 'Người chen ngang', { unitId: f.units.B1a1.id }, { phone: '0912000001' });
		const before = rowCounts(t.db);
		const r = await confirmImport(admin(), p.importId!);
		expect(r).toMatchObject({
			ok: false,
			error: expect.stringMatching(/thay đổi từ lúc xem trước/),
			preview: { counts: { peopleCreate: 2, peopleUpdate: 1 } }
		});
		expect(rowCounts(t.db)).toEqual(before);
		// The fresh preview is the one a second confirmation applies.
		expect(await confirmImport(admin(), p.importId!)).toMatchObject({ ok: true, counts: { peopleCreated: 2, peopleUpdated: 1 } });
	});

	it('password links for the new people, to the importing admin only, with formula-looking cells escaped in the CSV', async () => {
		const p = await preview(admin(), csv(memberRows(3)));
		const done = await confirmImport(admin(), p.importId!);
		if (!done.ok) throw new Error(done.error);
		expect(importLinks(contextFor(t.db, f.people.d1Admin.id), done.importId)).toBeNull();
		const links = importLinks(admin(), done.importId)!;
		expect(links).toHaveLength(3);
		expect(links[0]!.token).toMatch(/^\w+\.\w+$/);
		expect(t.db.select().from(auditLog).where(eq(auditLog.action, 'person.password_link')).all()).toHaveLength(3);
		expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(['+1', '-1', '@a', '\t=1'].map(csvField)).toEqual([`"'+1"`, `"'-1"`, `"'@a"`, `"'\t=1"`]);
		expect(toCsv([['Họ và tên'], ['An']])).toBe('\ufeff"Họ và tên"\r\n"An"\r\n');
	});

	it('the command line imports as the operator, with a dry run that writes nothing', async () => {
		const operator = contextFor(t.db, null);
		const bytes = csv([['Người ngoài phạm vi', '', '0966000001', '', code(f.units.B2a1), '', 'province_admin']]);
		const before = rowCounts(t.db);
		const dry = await importFile(operator, OPERATOR, { name: 'a.csv', bytes }, { dryRun: true });
		expect(dry).toMatchObject({ ok: true, applied: null, plan: { errors: [], people: { create: [{ role: 'province_admin' }] } } });
		expect(rowCounts(t.db)).toEqual(before);
		const real = await importFile(operator, OPERATOR, { name: 'a.csv', bytes }, { dryRun: false });
		expect(real).toMatchObject({ ok: true, applied: { peopleCreated: 1 } });
		expect(t.db.select().from(imports).all()).toHaveLength(1);
	});
});

/** A zip holding one "worksheet" of zeros that declares a tiny size: inflating it would take `size` bytes. */
function bomb(size: number): Uint8Array {
	const data = deflateRawSync(Buffer.alloc(size));
	const name = Buffer.from('xl/worksheets/sheet1.xml');
	const local = Buffer.alloc(30);
	local.writeUInt32LE(0x04034b50, 0);
	local.writeUInt16LE(8, 8);
	local.writeUInt32LE(data.length, 18);
	local.writeUInt32LE(10, 22);
	local.writeUInt16LE(name.length, 26);
	const central = Buffer.alloc(46);
	central.writeUInt32LE(0x02014b50, 0);
	central.writeUInt16LE(8, 10);
	central.writeUInt32LE(data.length, 20);
	central.writeUInt32LE(10, 24);
	central.writeUInt16LE(name.length, 28);
	central.writeUInt32LE(0, 42);
	const cdOffset = local.length + name.length + data.length;
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(1, 8);
	end.writeUInt16LE(1, 10);
	end.writeUInt32LE(central.length + name.length, 12);
	end.writeUInt32LE(cdOffset, 16);
	return new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
}
