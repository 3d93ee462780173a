import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { campaignPlan, pathOf, readCampaignFile } from './validate';
import { brokenCrossRule } from '../initiatives/measures';

const DIR = join(import.meta.dirname, '../../../../campaigns');
const SHIPPED = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const taMa = () => JSON.parse(readFileSync(join(DIR, '001-ubnd-xa-ta-ma.json'), 'utf8'));

describe('the shipped campaign files', () => {
	it('are four', () => expect(SHIPPED).toHaveLength(4));
	for (const name of SHIPPED) {
		it(`${name} is a valid campaign file`, () => {
			const read = readCampaignFile(readFileSync(join(DIR, name), 'utf8'));
			expect(read.ok ? [] : read.errors).toEqual([]);
		});
	}
	it('004 is one year, 2025, with households among its participants', () => {
		const read = readCampaignFile(readFileSync(join(DIR, '004-ubnd-xa-binh-thuan-2025.json'), 'utf8'));
		if (!read.ok) throw new Error('invalid');
		expect(read.file.periods.map((p) => p.code)).toEqual(['Y2025']);
		expect(read.file.participantKinds.map((k) => k.code)).toContain('household');
		expect(campaignPlan(read.file).levels).toContain('Xóm (hamlet)');
	});
	it.each([
		{ name: '000-tinh-doan-dien-bien.json', level: 'district', kinds: ['digital_volunteer', 'community_tech', 'other'] },
		{ name: '001-ubnd-xa-ta-ma.json', level: 'commune', kinds: ['community_tech', 'village_tech', 'other'] },
		{ name: '002-ubnd-tinh-dien-bien-kh2158.json', level: 'commune', kinds: ['community_tech', 'digital_volunteer', 'other'] },
		{ name: '004-ubnd-xa-binh-thuan-2025.json', level: 'commune', kinds: ['community_tech', 'hamlet_tech', 'school_club', 'other'] }
	])('$name enrols teams from its $level level', ({ name, level, kinds }) => {
		const read = readCampaignFile(readFileSync(join(DIR, name), 'utf8'));
		if (!read.ok) throw new Error('invalid');
		expect(read.file.teams?.enrolFromLevel).toBe(level);
		expect(read.file.teams?.kinds.map((k) => k.code)).toEqual(kinds);
	});
	it('a file without a teams section is valid (the built-in kinds apply)', () => {
		const file = taMa();
		delete file.teams;
		const read = readCampaignFile(JSON.stringify(file));
		expect(read.ok && read.file.teams).toBeUndefined();
	});
});

type Edit = (f: ReturnType<typeof taMa>) => void;

/** Each broken file: what is changed, the path it must be reported at, and words of the message. */
const BROKEN: Array<{ name: string; edit: Edit; path: string; message: string }> = [
	{
		name: 'unknown level of the owner',
		edit: (f) => (f.owner.level = 'city'),
		path: 'owner.level',
		message: 'cấp “city” không có trong danh sách levels'
	},
	{
		name: 'badge for a level the campaign does not use',
		edit: (f) => (f.badges[0].spec.subject = 'hamlet'),
		path: 'badges[0].spec.subject',
		message: 'cấp “hamlet” không có trong danh sách levels'
	},
	{
		name: 'level code with capitals',
		edit: (f) => (f.levels[1].code = 'Agency'),
		path: 'levels[1].code',
		message: 'mã cấp chỉ gồm chữ thường'
	},
	{
		name: 'negative cap',
		edit: (f) => (f.scoring.rules[0].caps.member = -5),
		path: 'scoring.rules[0].caps.member',
		message: 'Trần điểm đoàn viên: không được nhỏ hơn 1.'
	},
	{
		name: 'negative points',
		edit: (f) => (f.scoring.rules[1].basePoints = -10),
		path: 'scoring.rules[1].basePoints',
		message: 'Điểm mỗi sáng kiến: không được nhỏ hơn 0.'
	},
	{
		name: 'negative measure minimum',
		edit: (f) => (f.activityTypes[0].measures[0].min = -1),
		path: 'activityTypes[0].measures[0].min',
		message: 'không được âm'
	},
	{
		name: 'period ending before it starts',
		edit: (f) => (f.periods[2].endsOn = '2024-12-31'),
		path: 'periods[2].endsOn',
		message: 'ngày kết thúc trước ngày bắt đầu'
	},
	{
		name: 'two years overlapping',
		edit: (f) => f.periods.push({ code: 'Y2024B', name: 'Năm 2024 (bis)', kind: 'year', startsOn: '2024-06-01', endsOn: '2024-12-31' }),
		path: 'periods[10]',
		message: 'kỳ Y2024B trùng thời gian với kỳ Y2024 cùng loại'
	},
	{
		name: 'a year period running into the next year',
		edit: (f) => f.periods.push({ code: 'N2029', name: 'Năm học 2029', kind: 'year', startsOn: '2029-09-01', endsOn: '2030-05-31' }),
		path: 'periods[10].endsOn',
		message: 'kỳ năm N2029 phải bắt đầu và kết thúc trong cùng một năm'
	},
	{
		name: 'phases overlapping',
		edit: (f) => (f.periods[9].startsOn = '2025-07-01'),
		path: 'periods[9]',
		message: 'kỳ PH2 trùng thời gian với kỳ PH1 cùng loại'
	},
	{
		name: 'period outside the campaign',
		edit: (f) => (f.periods[9].endsOn = '2031-12-31'),
		path: 'periods[9]',
		message: 'kỳ PH2 nằm ngoài thời gian phong trào (2023-06-01 – 2030-12-31)'
	},
	{
		name: 'a day that does not exist',
		edit: (f) => (f.periods[3].startsOn = '2026-02-30'),
		path: 'periods[3].startsOn',
		message: 'ngày phải viết YYYY-MM-DD'
	},
	{ name: 'duplicate period codes', edit: (f) => (f.periods[1].code = 'Y2023'), path: 'periods[1].code', message: 'mã “Y2023” bị trùng' },
	{
		name: 'duplicate activity type codes',
		edit: (f) => (f.activityTypes[3].code = 'TUYEN_TRUYEN'),
		path: 'activityTypes[3].code',
		message: 'mã “TUYEN_TRUYEN” bị trùng'
	},
	{
		name: 'sub-area code taken by an area',
		edit: (f) => (f.contentAreas[5].subAreas[1].code = '1.2'),
		path: 'contentAreas[5].subAreas[1].code',
		message: 'mã “1.2” bị trùng'
	},
	{
		name: 'duplicate measure codes',
		edit: (f) => (f.activityTypes[0].measures[1].code = 'sessions'),
		path: 'activityTypes[0].measures[1].code',
		message: 'bị trùng'
	},
	{
		name: 'duplicate rule codes',
		edit: (f) => (f.scoring.rules[2].code = 'TT'),
		path: 'scoring.rules[2].code',
		message: 'mã “TT” bị trùng'
	},
	{
		name: 'cross-measure rule naming a measure the type lacks',
		edit: (f) => (f.activityTypes[2].measureRules[0].right = 'ideaz'),
		path: 'activityTypes[2].measureRules[0].right',
		message: 'kết quả “ideaz” không có trong loại hoạt động này'
	},
	{
		name: 'cross-measure rule of an unknown kind',
		edit: (f) => (f.activityTypes[2].measureRules[0].rule = 'le'),
		path: 'activityTypes[2].measureRules[0].rule',
		message: 'giá trị không được phép'
	},
	{
		name: 'scoring rule pricing a measure that does not exist',
		edit: (f) => (f.scoring.rules[0].perMeasure[0].measure = 'listeners'),
		path: 'scoring.rules[0].perMeasure[0].measure',
		message: 'kết quả “listeners” không có trong loại hoạt động này'
	},
	{
		name: 'scoring rule for an unknown activity type',
		edit: (f) => (f.scoring.rules[0].activityType = 'KHONG_CO'),
		path: 'scoring.rules[0].activityType',
		message: 'loại hoạt động “KHONG_CO” không có trong activityTypes'
	},
	{
		name: 'activity type in an unknown area',
		edit: (f) => (f.activityTypes[0].area = '9.9'),
		path: 'activityTypes[0].area',
		message: 'nội dung thi đua “9.9” không có'
	},
	{
		name: 'badge counting a measure no type has',
		edit: (f) => (f.badges[2].spec.measure = 'smiles'),
		path: 'badges[2].spec.measure',
		message: 'kết quả “smiles” không có trong loại hoạt động nào'
	},
	{ name: 'a field the format does not have', edit: (f) => (f.colour = 'đỏ'), path: '', message: 'trường không được phép: colour' },
	{ name: 'another format', edit: (f) => (f.format = 'tien-phong/campaign@2'), path: 'format', message: 'tien-phong/campaign@1' },
	{ name: 'a missing name', edit: (f) => delete f.name, path: 'name', message: 'thiếu trường bắt buộc' },
	{
		name: 'markup in a name',
		edit: (f) => (f.activityTypes[0].name = '<script>x</script>'),
		path: 'activityTypes[0].name',
		message: 'không được chứa < >'
	},
	{ name: 'bad report date', edit: (f) => (f.reportDueOn = '05/11'), path: 'reportDueOn', message: 'MM-DD' },
	{
		name: 'two team kinds with one code',
		edit: (f) => (f.teams.kinds[1].code = f.teams.kinds[0].code),
		path: 'teams.kinds[1].code',
		message: 'mã “community_tech” bị trùng'
	},
	{
		name: 'a team kind code with capitals or dashes',
		edit: (f) => (f.teams.kinds[0].code = 'To-CNS'),
		path: 'teams.kinds[0].code',
		message: 'mã loại đội hình chỉ gồm chữ thường'
	},
	{
		name: 'markup in a team kind label',
		edit: (f) => (f.teams.kinds[0].label = '<b>Tổ</b>'),
		path: 'teams.kinds[0].label',
		message: 'không được chứa < >'
	},
	{ name: 'no team kind', edit: (f) => (f.teams.kinds = []), path: 'teams.kinds', message: '1' },
	{
		name: 'more than 20 team kinds',
		edit: (f) => (f.teams.kinds = Array.from({ length: 21 }, (_, i) => ({ code: `k${i}`, label: `Loại ${i}` }))),
		path: 'teams.kinds',
		message: '20'
	},
	{
		name: 'enrolment from a level the file does not have',
		edit: (f) => (f.teams.enrolFromLevel = 'district'),
		path: 'teams.enrolFromLevel',
		message: 'cấp “district” không có trong danh sách levels'
	}
];

describe('a broken campaign file is refused with the path of the bad field', () => {
	for (const c of BROKEN) {
		it(c.name, () => {
			const file = taMa();
			c.edit(file);
			const read = readCampaignFile(JSON.stringify(file));
			expect(read.ok).toBe(false);
			if (read.ok) return;
			const at = read.errors.filter((e) => e.path === c.path);
			expect(at.map((e) => e.message).join(' | ')).toContain(c.message);
		});
	}

	it('text that is not JSON', () => {
		const read = readCampaignFile('{ "format": ');
		expect(read.ok).toBe(false);
		if (!read.ok) expect(read.errors[0]!.message).toMatch(/^Tệp không phải JSON hợp lệ/);
	});

	it('paths read as they are written', () => {
		expect(pathOf(['periods', 2, 'endsOn'])).toBe('periods[2].endsOn');
		expect(pathOf(['activityTypes', 0, 'measureRules', 1, 'left'])).toBe('activityTypes[0].measureRules[1].left');
		expect(pathOf([])).toBe('');
	});
});

describe('cross-measure rules', () => {
	const rule = [{ rule: 'lte' as const, left: 'applied', right: 'ideas' }];
	const cases: Array<[string, Record<string, number>, boolean]> = [
		['applied below ideas', { ideas: 3, applied: 2 }, true],
		['applied equal to ideas', { ideas: 3, applied: 3 }, true],
		['applied above ideas', { ideas: 3, applied: 5 }, false],
		['applied left blank', { ideas: 3 }, true]
	];
	for (const [name, values, holds] of cases) {
		it(name, () => expect(brokenCrossRule(new Map(Object.entries(values)), rule) === null).toBe(holds));
	}
	it('strict and reversed comparisons', () => {
		const values = new Map([
			['a', 2],
			['b', 2]
		]);
		expect(brokenCrossRule(values, [{ rule: 'lt', left: 'a', right: 'b' }])).not.toBeNull();
		expect(brokenCrossRule(values, [{ rule: 'gte', left: 'a', right: 'b' }])).toBeNull();
		expect(brokenCrossRule(values, [{ rule: 'gt', left: 'a', right: 'b' }])).not.toBeNull();
	});
});
