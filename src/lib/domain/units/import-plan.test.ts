import { describe, expect, it } from 'vitest';
import { planUnits, type ImportAuthority, type KnownUnit } from './import-plan';
import { importErrorText, type RawCell } from '../imports/table';

const HEADER = ['Mã đơn vị', 'Tên đơn vị', 'Tên viết tắt', 'Cấp', 'Mã đơn vị cấp trên'];
const LEVELS = [
	{ code: 'province', label: 'Tỉnh đoàn' },
	{ code: 'district', label: 'Huyện, thị, thành đoàn và đoàn trực thuộc' },
	{ code: 'grassroots', label: 'Đoàn cơ sở' },
	{ code: 'branch', label: 'Chi đoàn' }
];
const unit = (id: number, path: string, code: string, parentId: number | null, level: string, active = true): KnownUnit => ({
	id,
	path,
	code,
	parentId,
	level,
	active,
	name: `Đơn vị ${code}`,
	shortName: code
});
const P = unit(1, '/1/', 'TINH', null, 'province');
const D1 = unit(2, '/1/2/', 'DV2', 1, 'district');
const D2 = unit(3, '/1/3/', 'DV3', 1, 'district');
const G1 = unit(4, '/1/2/4/', 'G1', 2, 'grassroots');
const UNITS = [P, D1, D2, G1];
const district: ImportAuthority = {
	kind: 'actor',
	actor: { personId: 9, grants: [{ role: 'district_admin', unitId: D1.id, unitPath: D1.path, unitLevel: 'district', campaignId: null }] }
};

function plan(rows: RawCell[][], authority = district) {
	const p = planUnits({ sheet: null, header: HEADER, rows: rows.map((cells, i) => ({ line: i + 2, cells })) }, UNITS, LEVELS, authority);
	return { ...p, messages: p.errors.map(importErrorText) };
}

describe('planUnits', () => {
	it('creates a subtree parents first, whatever the row order, with levels by code or label', () => {
		const p = plan([
			['b2', 'Chi đoàn bản 2', '', 'Chi đoàn', 'g2'],
			['G2', 'Đoàn xã Mới', 'Xã Mới', 'grassroots', 'DV2']
		]);
		expect(p.messages).toEqual([]);
		expect(p.create).toMatchObject([
			{ line: 3, code: 'G2', shortName: 'Xã Mới', level: 'grassroots', parent: { kind: 'existing', id: D1.id } },
			{ line: 2, code: 'B2', shortName: 'Chi đoàn bản 2', level: 'branch', parent: { kind: 'new', code: 'G2' } }
		]);
		expect(p.resolve('B2')).toMatchObject({ kind: 'new', node: { path: expect.stringMatching(/^\/1\/2\/new3\/new2\/$/) } });
	});

	it('an existing unit as it is changes nothing; a new name is an update', () => {
		expect(plan([['G1', 'Đơn vị G1', 'G1', 'grassroots', 'DV2']])).toMatchObject({ create: [], update: [], unchanged: 1 });
		expect(plan([['g1', 'Đoàn xã G1 mới', '', 'Đoàn cơ sở', 'dv2']]).update).toMatchObject([
			{ unitId: G1.id, name: 'Đoàn xã G1 mới', shortName: 'Đoàn xã G1 mới', before: { name: 'Đơn vị G1' } }
		]);
	});

	it.each<[string, RawCell[], RegExp]>([
		['a unit of another district', ['X1', 'Chi đoàn X', '', 'branch', 'DV3'], /cột Mã đơn vị cấp trên: đơn vị “DV3” nằm ngoài phạm vi/],
		['renaming a unit out of scope', ['DV3', 'Huyện khác', '', 'district', 'TINH'], /cột Mã đơn vị: đơn vị “DV3” nằm ngoài phạm vi/],
		['a move', ['G1', 'Đơn vị G1', 'G1', 'grassroots', 'TINH'], /cột Mã đơn vị cấp trên: đơn vị đang trực thuộc “DV2/],
		['a level change', ['G1', 'Đơn vị G1', 'G1', 'branch', 'DV2'], /cột Cấp: đơn vị đang ở cấp “Đoàn cơ sở”/],
		['an unknown level', ['X1', 'X', '', 'thôn', 'DV2'], /cột Cấp: “thôn” không phải cấp đơn vị/],
		['an unknown parent', ['X1', 'X', '', 'branch', 'NOPE'], /cột Mã đơn vị cấp trên: không có đơn vị mã “NOPE”/],
		['a reserved code', ['DV999', 'X', '', 'branch', 'DV2'], /cột Mã đơn vị: mã dạng DV \+ số/],
		['a bad code', ['mã có dấu', 'X', '', 'branch', 'DV2'], /cột Mã đơn vị: “mã có dấu” không phải mã hợp lệ/],
		['a formula', ['X1', { formula: 'HYPERLINK("x")' }, '', 'branch', 'DV2'], /cột Tên đơn vị: ô chứa công thức/],
		['no parent', ['X1', 'X', '', 'branch', ''], /cột Mã đơn vị cấp trên: bắt buộc/]
	])('refuses %s', (_name, row, message) => {
		const p = plan([row]);
		expect(p.create).toEqual([]);
		expect(p.update).toEqual([]);
		expect(p.messages).toHaveLength(1);
		expect(p.messages[0]).toMatch(message);
	});

	it('names duplicate codes and parent cycles', () => {
		const p = plan([
			['A1', 'A', '', 'branch', 'A2'],
			['A2', 'B', '', 'branch', 'A1'],
			['C1', 'C', '', 'branch', 'DV2'],
			['c1', 'C again', '', 'branch', 'DV2']
		]);
		expect(p.messages).toEqual([
			'Dòng 2, cột Mã đơn vị cấp trên: các đơn vị trong tệp làm cấp trên của nhau thành vòng.',
			'Dòng 3, cột Mã đơn vị cấp trên: các đơn vị trong tệp làm cấp trên của nhau thành vòng.',
			'Dòng 5, cột Mã đơn vị: “C1” trùng với dòng 4.'
		]);
	});
});
