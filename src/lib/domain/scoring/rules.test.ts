import { describe, expect, it } from 'vitest';
import { capped, checkRuleSet, evaluate, type Catalogue, type CreditTarget, type ScoringSnapshot } from './rules';
import { boardKey, boardKeysFor, competitionRanks, parseBoardKey, perCapita } from './boards';
import { nextPeriodStatus, periodsOn } from './periods';

const catalogue: Catalogue = new Map([
	[1, new Map([['people', 5000]])],
	[
		2,
		new Map([
			['sessions', 50],
			['attendees', 2000]
		])
	]
]);

const vneid = {
	code: 'VNEID',
	activityTypeId: 1,
	basePoints: 10,
	perMeasure: [{ measure: 'people', points: 1, every: 10 }],
	credits: ['participants', 'team', 'unit'] as CreditTarget[],
	caps: { member: 200 }
};

describe('rule sets are validated data', () => {
	it('accepts a sane rule set', () => {
		expect(checkRuleSet({ rules: [vneid] }, catalogue)).toMatchObject({ ok: true });
	});

	it.each([
		['a negative cap', { ...vneid, caps: { member: -5 } }, 'không được nhỏ hơn 1'],
		[
			'an unknown measure',
			{ ...vneid, perMeasure: [{ measure: 'vneid_accounts', points: 1, every: 1 }] },
			'không có kết quả “vneid_accounts”'
		],
		['a rule crediting the verifier', { ...vneid, credits: ['verifier'] }, 'Chỉ cộng điểm cho'],
		['10^9 points', { ...vneid, basePoints: 1_000_000_000 }, 'không được lớn hơn 1.000'],
		[
			'a per-measure price that adds up to millions',
			{ ...vneid, perMeasure: [{ measure: 'people', points: 1000, every: 1 }] },
			'quá giới hạn'
		],
		['an unknown activity type', { ...vneid, activityTypeId: 99 }, 'không có trong danh mục'],
		['an extra field', { ...vneid, eval: 'process.exit()' }, 'không được phép'],
		['fractional points', { ...vneid, basePoints: 2.5 }, 'số nguyên'],
		['a rule that credits nobody', { ...vneid, credits: [] }, 'ít nhất một đối tượng']
	])('refuses %s with a Vietnamese message', (_label, rule, message) => {
		const result = checkRuleSet({ rules: [rule] }, catalogue);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.join(' ')).toContain(message);
	});

	it('refuses duplicate codes', () => {
		expect(checkRuleSet({ rules: [vneid, vneid] }, catalogue)).toMatchObject({ ok: false, errors: ['VNEID: mã quy tắc bị trùng.'] });
	});
});

const snapshot: ScoringSnapshot = {
	activityTypeId: 1,
	units: [
		{ id: 1, path: '/1/', level: 'province' },
		{ id: 2, path: '/1/2/', level: 'district' },
		{ id: 3, path: '/1/2/3/', level: 'grassroots' }
	],
	teamId: 7,
	participantIds: [42, 41, 42],
	measures: [{ code: 'people', value: 125 }]
};

describe('evaluation', () => {
	it('credits exactly the named subjects, with base + per-measure points', () => {
		const credits = evaluate(snapshot, { rules: [{ ...vneid, caps: {} }] });
		expect(credits.map((c) => [c.subjectType, c.subjectId, c.points, c.scopePath])).toEqual([
			['member', 41, 22, '/1/2/3/'],
			['member', 42, 22, '/1/2/3/'],
			['team', 7, 22, '/1/2/3/'],
			['province', 1, 22, '/1/'],
			['district', 2, 22, '/1/2/'],
			['grassroots', 3, 22, '/1/2/3/']
		]);
	});
	it('ignores rules of other activity types and credits only what a rule names', () => {
		expect(evaluate(snapshot, { rules: [{ ...vneid, activityTypeId: 2, caps: {} }] })).toEqual([]);
		expect(evaluate(snapshot, { rules: [{ ...vneid, credits: ['team'], caps: {} }] }).map((c) => c.subjectType)).toEqual(['team']);
	});
	it('awards up to the cap', () => {
		expect(capped(22, 200, 190)).toBe(10);
		expect(capped(22, 200, 200)).toBe(0);
		expect(capped(22, 200, 250)).toBe(0);
		expect(capped(22, undefined, 10_000)).toBe(22);
	});
});

describe('boards and periods', () => {
	it('keys round-trip', () => {
		const spec = { campaignId: 3, subjectType: 'branch', scopeUnitId: 2, periodCode: 'Y2026', area: '1.4' };
		expect(parseBoardKey(boardKey(spec))).toEqual(spec);
		expect(boardKey(spec)).toBe('3|branch|2|Y2026|1.4');
		expect(parseBoardKey('1|member|x|Y2026')).toBeNull();
		// The old keys without a campaign are not boards any more.
		expect(parseBoardKey('member|1|Y2026')).toBeNull();
	});
	it('a member credit lands on every scope above it, per period and area; a unit is not ranked inside itself', () => {
		const member = { ruleCode: 'R', subjectType: 'member', subjectId: 42, scopePath: '/1/2/3/', points: 5 };
		expect(boardKeysFor(7, member, false, ['Y2026'], null)).toEqual(['7|member|1|Y2026', '7|member|2|Y2026', '7|member|3|Y2026']);
		const unit = { ruleCode: 'R', subjectType: 'grassroots', subjectId: 3, scopePath: '/1/2/3/', points: 5 };
		expect(boardKeysFor(7, unit, true, ['Y2026', 'PH2'], '1.4')).toEqual([
			'7|grassroots|1|Y2026',
			'7|grassroots|1|Y2026|1.4',
			'7|grassroots|1|PH2',
			'7|grassroots|1|PH2|1.4',
			'7|grassroots|2|Y2026',
			'7|grassroots|2|Y2026|1.4',
			'7|grassroots|2|PH2',
			'7|grassroots|2|PH2|1.4'
		]);
	});
	it('competition ranks: ties share a rank', () => {
		expect(competitionRanks([50, 30, 30, 10])).toEqual([1, 2, 2, 4]);
		expect(competitionRanks([])).toEqual([]);
	});
	it('per-capita points let a small branch win', () => {
		expect(perCapita(300, 10)).toBeGreaterThan(perCapita(1000, 100));
		expect(perCapita(5, 0)).toBe(0);
	});
	it('an activity belongs to every period containing its day', () => {
		const periods = [
			{ code: 'Y2025', startsOn: '2025-01-01', endsOn: '2025-12-31', status: 'open' as const },
			{ code: 'PH1', startsOn: '2023-01-01', endsOn: '2025-12-31', status: 'open' as const },
			{ code: 'Y2026', startsOn: '2026-01-01', endsOn: '2026-12-31', status: 'open' as const }
		];
		expect(periodsOn(periods, '2025-12-31').map((p) => p.code)).toEqual(['Y2025', 'PH1']);
		expect(periodsOn(periods, '2026-01-01').map((p) => p.code)).toEqual(['Y2026']);
	});
	it('periods close and reopen, never skip', () => {
		expect(nextPeriodStatus('open', 'startClosing')).toBe('closing');
		expect(nextPeriodStatus('closing', 'close')).toBe('closed');
		expect(nextPeriodStatus('closed', 'reopen')).toBe('open');
		expect(nextPeriodStatus('closed', 'close')).toBeNull();
		expect(nextPeriodStatus('open', 'reopen')).toBeNull();
	});
});
