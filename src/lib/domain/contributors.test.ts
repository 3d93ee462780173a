import { describe, expect, it } from 'vitest';
import { capFor, capped, checkRuleSet, evaluate, type Catalogue, type Rule, type ScoringSnapshot } from './scoring/rules';
import { boardKeysFor, isUnitSubject } from './scoring/boards';
import { checkContributorName, contributorKinds, recordedAs, type KindLike } from './contributors';

const catalogue: Catalogue = new Map([[1, new Map([['households', 5000]])]]);

const households: Rule = {
	code: 'HTTS',
	activityTypeId: 1,
	basePoints: 5,
	perMeasure: [{ measure: 'households', points: 1, every: 2 }],
	credits: ['participants', 'contributors', 'unit'],
	caps: { member: 300, contributor: 50 }
};

const snapshot: ScoringSnapshot = {
	activityTypeId: 1,
	units: [
		{ id: 1, path: '/1/', level: 'commune' },
		{ id: 4, path: '/1/4/', level: 'hamlet' }
	],
	teamId: null,
	participantIds: [42],
	contributorIds: [9, 7, 9],
	measures: [{ code: 'households', value: 10 }]
};

describe('rules credit contributors', () => {
	it.each([
		['contributors and their cap', households, true, ''],
		[
			'a cap of zero',
			{ ...households, caps: { contributor: 0 } },
			false,
			'Trần điểm hộ gia đình, tập thể và cá nhân khác: không được nhỏ hơn 1.'
		],
		[
			'a cap on households by name',
			{ ...households, caps: { household: 10 } },
			false,
			'Trần điểm chỉ áp cho member, team, unit hoặc contributor.'
		],
		[
			'crediting households by kind',
			{ ...households, credits: ['household'] },
			false,
			'contributors (hộ gia đình, tập thể và cá nhân khác tham gia)'
		]
	])('checks %s', (_label, rule, ok, message) => {
		const result = checkRuleSet({ rules: [rule] }, catalogue);
		expect(result.ok).toBe(ok);
		if (!result.ok) expect(result.errors.join(' ')).toContain(message);
	});

	it('credits each recorded contributor once, at the initiative’s unit, like members', () => {
		const credits = evaluate(snapshot, { rules: [households] });
		expect(credits.map((c) => [c.subjectType, c.subjectId, c.points, c.scopePath])).toEqual([
			['member', 42, 10, '/1/4/'],
			['contributor', 7, 10, '/1/4/'],
			['contributor', 9, 10, '/1/4/'],
			['commune', 1, 10, '/1/'],
			['hamlet', 4, 10, '/1/4/']
		]);
	});

	it.each([
		['a rule without contributors', { ...households, credits: ['participants' as const] }, [], {}],
		['an event from before contributors existed', households, [], { contributorIds: undefined }],
		['no contributor recorded', households, [], { contributorIds: [] }]
	])('credits no contributor for %s', (_label, rule, expected, change: Partial<ScoringSnapshot>) => {
		const credits = evaluate({ ...snapshot, ...change }, { rules: [rule] });
		expect(credits.filter((c) => c.subjectType === 'contributor').map((c) => c.subjectId)).toEqual(expected);
	});

	it.each([
		['contributor', 50],
		['member', 300],
		['team', undefined],
		['hamlet', undefined]
	])('the cap of a %s subject is %s', (subject, cap) => {
		expect(capFor(households, subject)).toBe(cap);
	});

	it('caps a contributor per rule and year like a member', () => {
		expect(capped(10, capFor(households, 'contributor'), 45)).toBe(5);
		expect(capped(10, capFor(households, 'contributor'), 50)).toBe(0);
	});

	it('contributors compete within their unit and every unit above it, not as units', () => {
		expect(isUnitSubject('contributor')).toBe(false);
		const credit = { subjectType: 'contributor', scopePath: '/1/4/' };
		expect(boardKeysFor(3, credit, isUnitSubject('contributor'), ['Y2025'], null)).toEqual([
			'3|contributor|1|Y2025',
			'3|contributor|4|Y2025'
		]);
	});
});

describe('which participant kinds are contributors', () => {
	const kinds: KindLike[] = [
		{ code: 'hamlet', label: 'Xóm', collective: true },
		{ code: 'member', label: 'Đoàn viên', collective: false },
		{ code: 'volunteer_team', label: 'Đội hình', collective: true, recordedAs: 'team' },
		{ code: 'official', label: 'Cán bộ', collective: false, recordedAs: 'member' },
		{ code: 'household', label: 'Hộ gia đình', collective: false },
		{ code: 'outside_collective', label: 'Tập thể ngoài địa bàn', collective: true }
	];
	const levels = new Set(['commune', 'hamlet']);

	it.each([
		['hamlet', 'unit'],
		['member', 'member'],
		['volunteer_team', 'team'],
		['official', 'member'],
		['household', 'contributor'],
		['outside_collective', 'contributor']
	])('%s is recorded as %s', (code, as) => {
		expect(
			recordedAs(
				kinds.find((k) => k.code === code)!,
				levels
			)
		).toBe(as);
	});

	it('lists the contributor kinds in the file’s order', () => {
		expect(contributorKinds(kinds, levels).map((k) => k.code)).toEqual(['household', 'outside_collective']);
	});
});

describe('contributor names', () => {
	it.each([
		['  Hộ   ông Lò Văn Pọm ', { ok: true, name: 'Hộ ông Lò Văn Pọm' }],
		['HTX Chè La Bằng', { ok: true, name: 'HTX Chè La Bằng' }],
		['A', { ok: false, problem: 'short' }],
		['x'.repeat(121), { ok: false, problem: 'long' }],
		['Ấ'.repeat(120), { ok: true, name: 'Ấ'.repeat(120) }],
		['<script>alert(1)</script>', { ok: false, problem: 'markup' }],
		['Hộ <b>A</b>', { ok: false, problem: 'markup' }],
		['javascript:alert(1)', { ok: false, problem: 'markup' }],
		['Hộ A\u0000', { ok: false, problem: 'markup' }],
		['{{constructor}}', { ok: false, problem: 'markup' }]
	])('%j → %j', (raw, expected) => {
		expect(checkContributorName(raw)).toEqual(expected);
	});
});
