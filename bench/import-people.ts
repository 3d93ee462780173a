/**
 * A province-sized import: the Điện Biên tree (13 district unions, 191 grassroots unions, 800 branches) from a
 * units file, then its 34,077 members (2023 figure) from a people file — Vietnamese and ethnic-minority names,
 * phones written the ways people write them — into a fresh SQLite file, through the same service as
 * `npm run people:import` (read, plan, one transaction). Then the same file again (nothing to write).
 * Goal: the members' import under one minute.
 *
 *   node --import tsx bench/import-people.ts                 # both formats, MEMBERS=34077
 *   FORMAT=csv node --import tsx bench/import-people.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/client';
import { units } from '../src/lib/server/db/schema';
import { importFile, OPERATOR } from '../src/lib/server/imports/service';
import { readImportFile } from '../src/lib/server/imports/read-file';
import { toCsv } from '../src/lib/domain/exports/cells';
import { toSearchText } from '../src/lib/text';
import type { ServiceContext } from '../src/lib/server/context';

const MEMBERS = Number(process.env.MEMBERS ?? 34_077);
const FORMATS = (process.env.FORMAT ?? 'xlsx,csv').split(',') as ('xlsx' | 'csv')[];
const GOAL_S = 60;
const NOW = Date.UTC(2026, 10, 25, 3);

// mulberry32: a repeatable sequence with a long period (a float LCG collapses into a short cycle).
let seed = 2023;
const random = () => {
	seed = (seed + 0x6d2b79f5) | 0;
	let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
	x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
	return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

const FAMILY = [
	'Nguyễn',
	'Lò',
	'Quàng',
	'Lường',
	'Giàng',
	'Vàng',
	'Sùng',
	'Mùa',
	'Cà',
	'Tòng',
	'Hoàng',
	'Trần',
	'Lê',
	'Phạm',
	'Đỗ',
	'Vũ',
	'Bùi',
	'Điêu',
	'Lý',
	'Thào'
];
const MIDDLE = ['Văn', 'Thị', 'A', 'Đức', 'Minh', 'Thu', 'Thị Thu', 'Văn Đức', 'Seo', 'Ngọc', ''];
const GIVEN = [
	'Dung',
	'Hương',
	'Pọm',
	'Sáy',
	'Chứ',
	'Páo',
	'Lả',
	'Tùng',
	'An',
	'Bình',
	'Chiến',
	'Dính',
	'Hoa',
	'Lan',
	'Mai',
	'Nhung',
	'Phóng',
	'Quyết',
	'Sinh',
	'Thắng',
	'Xuân',
	'Yến',
	'Dua',
	'Pó',
	'Khánh',
	'Hạnh'
];
const DISTRICTS = [
	'Thành đoàn Điện Biên Phủ',
	'Thị đoàn Mường Lay',
	'Huyện đoàn Điện Biên',
	'Huyện đoàn Điện Biên Đông',
	'Huyện đoàn Mường Ảng',
	'Huyện đoàn Mường Chà',
	'Huyện đoàn Mường Nhé',
	'Huyện đoàn Nậm Pồ',
	'Huyện đoàn Tủa Chùa',
	'Huyện đoàn Tuần Giáo',
	'Đoàn Khối các cơ quan tỉnh',
	'Đoàn Khối doanh nghiệp tỉnh',
	'Đoàn trường Cao đẳng Điện Biên'
];
const PREFIXES = [
	'032',
	'033',
	'034',
	'035',
	'036',
	'037',
	'038',
	'039',
	'086',
	'096',
	'097',
	'098',
	'081',
	'082',
	'083',
	'084',
	'085',
	'088',
	'091',
	'094',
	'070',
	'076',
	'077',
	'078',
	'079',
	'089',
	'090',
	'093'
];

function unitsFile(): string[][] {
	const rows: string[][] = [['Mã đơn vị', 'Tên đơn vị', 'Tên viết tắt', 'Cấp', 'Mã đơn vị cấp trên']];
	let g = 0;
	let b = 0;
	DISTRICTS.forEach((name, d) => {
		const dc = `H${String(d + 1).padStart(2, '0')}`;
		rows.push([dc, name, '', 'Huyện, thị, thành đoàn và đoàn trực thuộc', 'TINH-DB']);
		const grassroots = d < 12 ? 15 : 11; // 12 × 15 + 11 = 191
		for (let i = 0; i < grassroots; i++) {
			const gc = `${dc}-X${String(++g).padStart(3, '0')}`;
			rows.push([gc, `Đoàn xã ${pick(GIVEN)} ${g}`, '', 'Đoàn cơ sở', dc]);
			const branches = g <= 36 ? 5 : 4; // 36 × 5 + 155 × 4 = 800
			for (let j = 0; j < branches; j++) rows.push([`${gc}-B${++b}`, `Chi đoàn bản ${pick(GIVEN)} ${b}`, '', 'Chi đoàn', gc]);
		}
	});
	return rows;
}

function peopleFile(branchCodes: string[]): string[][] {
	const rows: string[][] = [['Họ và tên', 'Tên đăng nhập', 'Số điện thoại', 'Email', 'Mã đơn vị', 'Ngày vào', 'Vai trò']];
	const used = new Set<string>();
	for (let i = 0; i < MEMBERS; i++) {
		const name = [pick(FAMILY), pick(MIDDLE), pick(GIVEN)].filter(Boolean).join(' ');
		let phone: string;
		do phone = `${pick(PREFIXES)}${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`;
		while (used.has(phone));
		used.add(phone);
		// Written as people write them: plain, grouped, or international.
		const written =
			i % 3 === 0 ? phone : i % 3 === 1 ? `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}` : `+84${phone.slice(1)}`;
		const day = `${String(1 + Math.floor(random() * 28)).padStart(2, '0')}/${String(1 + Math.floor(random() * 12)).padStart(2, '0')}/${2010 + Math.floor(random() * 16)}`;
		rows.push([
			name,
			'',
			written,
			i % 10 === 0 ? `dv${i}@dienbien.edu.vn` : '',
			branchCodes[i % branchCodes.length]!,
			day,
			i % 40 === 0 ? 'Bí thư' : ''
		]);
	}
	return rows;
}

async function encode(rows: string[][], format: 'xlsx' | 'csv', sheet: string): Promise<Uint8Array> {
	if (format === 'csv') return new TextEncoder().encode(toCsv(rows));
	const wb = new ExcelJS.Workbook();
	wb.addWorksheet(sheet).addRows(rows);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const unitRows = unitsFile();
const branchCodes = unitRows.filter((r) => r[3] === 'Chi đoàn').map((r) => r[0]!);
const peopleRows = peopleFile(branchCodes);
console.log(`${unitRows.length - 1} units (13 districts, 191 grassroots, ${branchCodes.length} branches), ${MEMBERS} members`);

for (const format of FORMATS) {
	const dir = mkdtempSync(join(tmpdir(), 'tienphong-bench-import-'));
	const db = openDatabase(join(dir, 'bench.db'));
	migrateDatabase(db);
	db.insert(units)
		.values({
			level: 'province',
			name: 'Tỉnh đoàn Điện Biên',
			shortName: 'Tỉnh đoàn',
			code: 'TINH-DB',
			path: '/1/',
			depth: 0,
			createdAt: NOW,
			searchName: toSearchText('Tỉnh đoàn Điện Biên')
		})
		.run();
	const ctx: ServiceContext = { db, actor: null, now: NOW, ipHash: null, requestId: 'bench' };
	const unitBytes = await encode(unitRows, format, 'Đơn vị');
	const peopleBytes = await encode(peopleRows, format, 'Đoàn viên');

	let t0 = performance.now();
	const u = await importFile(ctx, OPERATOR, { name: `don-vi.${format}`, bytes: unitBytes }, { dryRun: false });
	const unitsMs = performance.now() - t0;
	if (!u.ok || u.plan.errors.length) throw new Error(`units refused: ${JSON.stringify(u.ok ? u.plan.errors.slice(0, 3) : u.error)}`);

	t0 = performance.now();
	const read = await readImportFile(peopleBytes, `doan-vien.${format}`);
	const readMs = performance.now() - t0;
	if (!read.ok) throw new Error(read.error);

	t0 = performance.now();
	const p = await importFile(ctx, OPERATOR, { name: `doan-vien.${format}`, bytes: peopleBytes }, { dryRun: false });
	const totalMs = performance.now() - t0;
	if (!p.ok || p.plan.errors.length || !p.applied)
		throw new Error(`people refused: ${JSON.stringify(p.ok ? p.plan.errors.slice(0, 3) : p.error)}`);

	t0 = performance.now();
	const again = await importFile(ctx, OPERATOR, { name: `doan-vien.${format}`, bytes: peopleBytes }, { dryRun: false });
	const againMs = performance.now() - t0;
	if (!again.ok || again.applied || again.plan.people.unchanged !== MEMBERS) throw new Error('the second import was not a no-op');

	const count = (table: string) => db.$client.prepare(`select count(*) from ${table}`).pluck().get() as number;
	console.log(
		[
			`\n${format.toUpperCase()}: units file ${mb(unitBytes.length)}, people file ${mb(peopleBytes.length)}`,
			`  units: ${u.applied?.unitsCreated} created in ${s(unitsMs)}`,
			`  members: ${p.applied.peopleCreated} created in ${s(totalMs)} (reading the file ${s(readMs)} of it) = ${Math.round(MEMBERS / (totalMs / 1000)).toLocaleString('en')} rows/s` +
				`  [goal ≤ ${GOAL_S} s: ${totalMs / 1000 <= GOAL_S ? 'met' : 'MISSED'}]`,
			`  same file again: ${again.plan.people.unchanged} unchanged, nothing written, ${s(againMs)}`,
			`  rows: people ${count('people')}, memberships ${count('memberships')}, role_assignments ${count('role_assignments')}, audit_log ${count('audit_log')}; peak RSS of the process so far ${mb(process.resourceUsage().maxRSS * 1024)}`
		].join('\n')
	);
	db.$client.close();
	rmSync(dir, { recursive: true, force: true });
}
