import { describe, expect, it } from 'vitest';
import { importPhone, matchRole, parseDay, planPeople, usernameBase, type KnownPerson } from './import-plan';
import { importErrorText, type RawCell, type RawTable } from '../imports/table';
import { planImport, type ImportWorld } from '../imports/plan';
import type { Actor } from '../permissions';
import type { ImportAuthority, KnownUnit, UnitRef } from '../units/import-plan';

const HEADER = ['Họ và tên', 'Tên đăng nhập', 'Số điện thoại', 'Email', 'Mã đơn vị', 'Ngày vào', 'Vai trò'];

function table(rows: RawCell[][], header: RawCell[] = HEADER, sheet: string | null = null): RawTable {
	return { sheet, header, rows: rows.map((cells, i) => ({ line: i + 2, cells })) };
}

const unit = (id: number, path: string, code: string, active = true): KnownUnit => ({
	id,
	path,
	code,
	active,
	name: code,
	shortName: code,
	level: 'branch',
	parentId: null
});
const P = unit(1, '/1/', 'TINH');
const D1 = unit(2, '/1/2/', 'D1');
const B1 = unit(3, '/1/2/3/', 'B1');
const D2 = unit(4, '/1/4/', 'D2');
const OLD = unit(5, '/1/2/5/', 'OLD', false);
const UNITS = [P, D1, B1, D2, OLD];

const resolve = (code: string): UnitRef | null => {
	const u = UNITS.find((x) => x.code === code);
	return u ? { kind: 'existing', unit: u } : null;
};
const actor = (role: Actor['grants'][number]['role'], u: KnownUnit): ImportAuthority => ({
	kind: 'actor',
	actor: { personId: 99, grants: [{ role, unitId: u.id, unitPath: u.path, unitLevel: u.level, campaignId: null }] }
});
const district = actor('district_admin', D1);
const TODAY = '2026-11-25';

const person = (over: Partial<KnownPerson>): KnownPerson => ({
	id: 50,
	fullName: 'Lò Văn Pọm',
	displayName: 'Lò V. P.',
	username: 'pomlv',
	phone: '0912345678',
	email: null,
	birthYear: null,
	memberOf: [B1],
	roles: [{ role: 'member', unitId: B1.id, unitPath: B1.path }],
	...over
});

function plan(rows: RawCell[][], people: KnownPerson[] = [], authority = district) {
	return planPeople(table(rows), { people, today: TODAY }, resolve, authority);
}
const messages = (p: ReturnType<typeof plan>) => p.errors.map(importErrorText);

describe('cells people import reads', () => {
	it.each([
		['0912 345 678', '0912345678'],
		['+84 912 345 678', '0912345678'],
		['84912345678', '0912345678'],
		['912345678', '0912345678'], // Excel dropped the leading zero
		['12345', null],
		['091234567x', null]
	])('phone %s → %s', (raw, expected) => expect(importPhone(raw)).toBe(expected));

	it.each([
		['01/09/2024', '2024-09-01'],
		['1/9/2024', '2024-09-01'],
		['2024-09-01', '2024-09-01'],
		['29/02/2024', '2024-02-29'],
		['29/02/2023', null],
		['31/04/2024', null],
		['2024/09/01', null],
		['hôm qua', null]
	])('day %s → %s', (raw, expected) => expect(parseDay(raw)).toBe(expected));

	it.each([
		['', 'member'],
		['member', 'member'],
		['Đoàn viên', 'member'],
		['doan vien', 'member'],
		['unit_admin', 'unit_admin'],
		['Bí thư', 'unit_admin'],
		['Bí thư đơn vị', 'unit_admin'],
		['province admin', 'province_admin'],
		['chủ tịch', null]
	])('role %s → %s', (raw, expected) => expect(matchRole(raw)).toBe(expected));

	it.each([
		['Nguyễn Văn An', 'annv'],
		['Lò Thị Hương', 'huonglt'],
		['Đặng Đức', 'ducd'],
		['Giàng A', 'ag' + 'dv']
	])('username of %s → %s', (name, expected) => expect(usernameBase(name)).toBe(expected));
});

describe('planPeople', () => {
	it('creates new people with normalised contacts, a generated username, today as the default day, member as the default role', () => {
		const p = plan([
			['Nguyễn Văn An', '', '0912 000 001', 'AN@Example.vn', 'b1', '', ''],
			['Nguyễn Văn An', '', '0912000002', '', 'B1', '01/09/2024', 'Bí thư']
		]);
		expect(p.errors).toEqual([]);
		expect(p.create).toMatchObject([
			{
				line: 2,
				username: 'annv',
				phone: '0912000001',
				email: 'an@example.vn',
				joinedOn: TODAY,
				role: 'member',
				displayName: 'Nguyễn V. A.'
			},
			{ line: 3, username: 'annv2', phone: '0912000002', joinedOn: '2024-09-01', role: 'unit_admin' }
		]);
	});

	it('a generated username skips names already taken, in the database and further down the file', () => {
		const p = plan(
			[
				['Nguyễn Văn An', '', '0912000001', '', 'B1', '', ''],
				['Ngô Văn An', 'annv2', '0912000002', '', 'B1', '', '']
			],
			[person({ id: 7, username: 'annv', phone: '0999999999', memberOf: [D2], roles: [] })]
		);
		expect(p.errors).toEqual([]);
		expect(p.create.map((c) => c.username)).toEqual(['annv3', 'annv2']);
	});

	it('the same row twice is unchanged; a new name, a new unit or a new role is an update', () => {
		const known = person({});
		expect(plan([['Lò Văn Pọm', '', '0912345678', '', 'B1', '', '']], [known])).toMatchObject({ create: [], update: [], unchanged: 1 });
		const renamed = plan([['Lò Văn Pọm Mới', '', '+84912345678', '', 'B1', '', '']], [known]);
		expect(renamed.update).toMatchObject([
			{ personId: 50, set: { fullName: 'Lò Văn Pọm Mới', displayName: 'Lò V. P. M.' }, join: null, grant: null }
		]);
		const promoted = plan([['Lò Văn Pọm', 'pomlv', '', '', 'B1', '', 'unit_admin']], [known]);
		expect(promoted.update).toMatchObject([{ set: {}, join: null, grant: { role: 'unit_admin' } }]);
	});

	it.each<[string, RawCell[], RegExp]>([
		['empty name', ['', '', '0912000001', '', 'B1', '', ''], /^Dòng 2, cột Họ và tên: bắt buộc/],
		['bad phone', ['An', '', '12345', '', 'B1', '', ''], /^Dòng 2, cột Số điện thoại: “12345” không phải số điện thoại/],
		['bad e-mail', ['An', '', '0912000001', 'an@', 'B1', '', ''], /cột Email: “an@” không phải email/],
		['bad username', ['An', 'ab', '0912000001', '', 'B1', '', ''], /cột Tên đăng nhập: “ab” không hợp lệ/],
		['digits-only username', ['An', '0912000001', '', '', 'B1', '', ''], /cột Tên đăng nhập/],
		['no contact at all', ['An', '', '', '', 'B1', '', ''], /cột Số điện thoại: cần ít nhất/],
		['unknown unit', ['An', '', '0912000001', '', 'XX', '', ''], /cột Mã đơn vị: không có đơn vị mã “XX”/],
		['retired unit', ['An', '', '0912000001', '', 'OLD', '', ''], /cột Mã đơn vị: đơn vị “OLD” đã ngừng hoạt động/],
		['future day', ['An', '', '0912000001', '', 'B1', '01/01/2027', ''], /cột Ngày vào: “01\/01\/2027”/],
		['unknown role', ['An', '', '0912000001', '', 'B1', '', 'chủ tịch'], /cột Vai trò: “chủ tịch” không phải vai trò/],
		['formula (xlsx)', [{ formula: 'HYPERLINK("http://x","An")' }, '', '0912000001', '', 'B1', '', ''], /cột Họ và tên: ô chứa công thức/],
		['formula (csv text)', ["=cmd|' /C calc'!A0", '', '0912000001', '', 'B1', '', ''], /cột Họ và tên: ô chứa công thức/],
		['another district', ['An', '', '0912000001', '', 'D2', '', ''], /cột Mã đơn vị: đơn vị “D2” nằm ngoài phạm vi/],
		['a role above the admin', ['An', '', '0912000001', '', 'B1', '', 'district_admin'], /cột Vai trò: bạn không được cấp vai trò/]
	])('refuses a row with %s', (_name, row, message) => {
		const p = plan([row]);
		expect(p.create).toEqual([]);
		expect(messages(p)).toHaveLength(1);
		expect(messages(p)[0]).toMatch(message);
	});

	it('reads "\'+84…" (text kept from becoming a formula) as the phone it is', () => {
		expect(plan([['An', '', "'+84912000001", '', 'B1', '', '']]).create).toMatchObject([{ phone: '0912000001' }]);
	});

	it('flags duplicates inside the file by the first line that used the value', () => {
		const p = plan([
			['An', '', '0912000001', 'a@x.vn', 'B1', '', ''],
			['Bình', '', '+84912000001', '', 'B1', '', ''],
			['Chi', '', '0912000003', 'A@x.vn', 'B1', '', '']
		]);
		expect(messages(p)).toEqual([
			'Dòng 3, cột Số điện thoại: “0912000001” trùng với dòng 2.',
			'Dòng 4, cột Email: “a@x.vn” trùng với dòng 2.'
		]);
	});

	it('refuses a row whose phone and username belong to two different people, and someone out of scope', () => {
		const a = person({ id: 1, phone: '0912000001', username: 'an1' });
		const b = person({ id: 2, phone: '0912000002', username: 'binh2' });
		const far = person({
			id: 3,
			phone: '0912000003',
			username: 'far',
			memberOf: [D2],
			roles: [{ role: 'member', unitId: D2.id, unitPath: D2.path }]
		});
		const p = plan(
			[
				['An', 'binh2', '0912000001', '', 'B1', '', ''],
				['Xa', '', '0912000003', '', 'B1', '', '']
			],
			[a, b, far]
		);
		expect(messages(p)).toEqual([
			'Dòng 2, cột Số điện thoại: số điện thoại, email và tên đăng nhập trỏ tới hai tài khoản khác nhau.',
			'Dòng 3: người này đã có tài khoản ở đơn vị ngoài phạm vi bạn quản lý.'
		]);
	});

	it('the operator (command line) is held to no scope', () => {
		const p = plan([['An', '', '0912000001', '', 'D2', '', 'province_admin']], [], { kind: 'operator' });
		expect(p.errors).toEqual([]);
		expect(p.create).toHaveLength(1);
	});
});

describe('planImport', () => {
	const world: ImportWorld = { units: UNITS, levels: [{ code: 'branch', label: 'Chi đoàn' }], people: [], today: TODAY };

	it.each<[string, RawCell[], RegExp]>([
		['a missing column', ['Họ và tên', 'Mã đơn vị'], /Thiếu cột: “Số điện thoại”/],
		['an unknown column', [...HEADER, 'Ghi chú'], /Cột không dùng được: “Ghi chú”/],
		['a repeated column', [...HEADER, 'Email'], /Cột Email xuất hiện hai lần/],
		['no recognisable header', ['A', 'B'], /Không nhận ra bảng/]
	])('names %s in the error', (_name, header, message) => {
		const p = planImport([table([['An', '', '0912000001', '', 'B1', '', '']], header)], world, district);
		expect(p.errors.map(importErrorText).join('\n')).toMatch(message);
		expect(p.people.create).toEqual([]);
	});

	it('refuses more than 50,000 rows with the limit in the message', () => {
		const rows = Array.from({ length: 50_001 }, (_, i): RawCell[] => [`Người ${i}`, '', '', '', 'B1', '', '']);
		const p = planImport([table(rows)], world, district);
		expect(p.errors.map(importErrorText)).toEqual([
			'Dòng 1: Tệp có hơn 50.000 dòng dữ liệu. Hãy chia thành nhiều tệp, mỗi tệp tối đa 50.000 dòng.'
		]);
	});

	it('people may join units the same workbook creates, and sheet names prefix the messages', () => {
		const units = table(
			[['B9', 'Chi đoàn mới', '', 'Chi đoàn', 'D1']],
			['Mã đơn vị', 'Tên đơn vị', 'Tên viết tắt', 'Cấp', 'Mã đơn vị cấp trên'],
			'Đơn vị'
		);
		const people = table(
			[
				['An', '', '0912000001', '', 'b9', '', ''],
				['Bình', '', 'x', '', 'B9', '', '']
			],
			HEADER,
			'Đoàn viên'
		);
		const p = planImport([units, people], world, district);
		expect(p.units.create).toMatchObject([{ code: 'B9', parent: { kind: 'existing', id: D1.id } }]);
		expect(p.errors.map(importErrorText)).toEqual([
			'Trang “Đoàn viên”, dòng 3, cột Số điện thoại: “x” không phải số điện thoại Việt Nam (10 chữ số, bắt đầu bằng 0).'
		]);
	});
});
