import { describe, expect, it } from 'vitest';
import { badgeDefinitionSchema, levelsReached, longestStreak, nothingMoreToEarn, type BadgeSpec } from './badges';

describe('badge definitions are validated data', () => {
	const valid = {
		code: 'vneid',
		name: 'Người dẫn đường số',
		howToEarn: 'Hỗ trợ 100 / 1.000 / 10.000 người kích hoạt VNeID',
		icon: 'phone',
		spec: { kind: 'measure', subject: 'member', measure: 'people', levels: [100, 1000, 10000] }
	};
	it('accepts a sane definition', () => {
		expect(badgeDefinitionSchema.safeParse(valid).success).toBe(true);
	});
	it.each([
		['levels that go down', { ...valid, spec: { ...valid.spec, levels: [1000, 100] } }],
		['a negative level', { ...valid, spec: { ...valid.spec, levels: [-1] } }],
		['an uploaded SVG icon', { ...valid, icon: '<svg onload=alert(1)>' }],
		['markup in the name', { ...valid, name: '<b>x</b>' }],
		['an unknown kind', { ...valid, spec: { kind: 'eval', code: 'x' } }],
		['an extra field', { ...valid, spec: { ...valid.spec, query: 'select *' } }]
	])('refuses %s', (_label, definition) => {
		expect(badgeDefinitionSchema.safeParse(definition).success).toBe(false);
	});
});

describe('badge conditions', () => {
	it('counts thresholds reached', () => {
		expect(levelsReached(99, [100, 1000])).toBe(0);
		expect(levelsReached(1000, [100, 1000])).toBe(2);
	});
	it('measures streaks in months, with a month of grace', () => {
		expect(longestStreak(['2026-01', '2026-02', '2026-03'], 0)).toBe(3);
		expect(longestStreak(['2026-01', '2026-03', '2026-04'], 0)).toBe(2);
		expect(longestStreak(['2026-01', '2026-03', '2026-04'], 1)).toBe(3);
		expect(longestStreak(['2025-11', '2025-12', '2026-01'], 0)).toBe(3);
		expect(longestStreak(['2026-01', '2026-04'], 1)).toBe(1);
		expect(longestStreak([], 1)).toBe(0);
	});
});

describe('work added to a subject that holds every level, or that does not count towards a badge, earns nothing more', () => {
	const held = (...awards: Array<[number, string]>) => awards.map(([level, periodCode]) => ({ level, periodCode }));
	/** A work dated on these days, with a value for people helped. */
	const work = (...days: string[]) => ({ days, measures: ['people'] });
	const count: BadgeSpec = { kind: 'count', subject: 'branch', levels: [5, 15, 40] };

	it('counts and totals: only the top level ends it', () => {
		expect(nothingMoreToEarn(count, held([1, 'ALL'], [2, 'ALL']), work('2026-03-01'))).toBe(false);
		expect(nothingMoreToEarn(count, held([1, 'ALL'], [2, 'ALL'], [3, 'ALL']), work('2026-03-01'))).toBe(true);
		const measure: BadgeSpec = { kind: 'measure', subject: 'member', measure: 'people', levels: [100, 1000] };
		expect(nothingMoreToEarn(measure, held([2, 'ALL']), work('2026-03-01'))).toBe(true);
		expect(nothingMoreToEarn(measure, [], work('2026-03-01'))).toBe(false);
	});

	it('a total of a measure the work has no value for cannot move, whatever is held', () => {
		const signatures: BadgeSpec = { kind: 'measure', subject: 'member', measure: 'signatures', levels: [10, 100] };
		expect(nothingMoreToEarn(signatures, [], work('2026-03-01'))).toBe(true);
		expect(nothingMoreToEarn(signatures, [], { days: ['2026-03-01'], measures: ['people', 'signatures'] })).toBe(false);
		// A count moves with any work, whatever its measures.
		expect(nothingMoreToEarn(count, [], { days: ['2026-03-01'], measures: [] })).toBe(false);
	});

	it('first work and streaks: held once, held for good', () => {
		expect(nothingMoreToEarn({ kind: 'first', subject: 'member' }, held([1, 'ALL']), work('2026-03-01'))).toBe(true);
		expect(nothingMoreToEarn({ kind: 'streak', subject: 'branch', months: 6, grace: 1 }, [], work('2026-03-01'))).toBe(false);
	});

	it('coverage is per year: only the years of the added work count', () => {
		const coverage: BadgeSpec = { kind: 'coverage', subject: 'grassroots' };
		expect(nothingMoreToEarn(coverage, held([1, 'Y2026']), work('2026-03-01', '2026-04-02'))).toBe(true);
		expect(nothingMoreToEarn(coverage, held([1, 'Y2026']), work('2026-03-01', '2025-12-30'))).toBe(false);
		expect(nothingMoreToEarn(coverage, held([1, 'Y2025']), work('2026-03-01'))).toBe(false);
		expect(nothingMoreToEarn(coverage, held([1, 'Y2026']), work())).toBe(false);
	});

	it('a team’s size does not depend on work: always looked at', () => {
		expect(nothingMoreToEarn({ kind: 'teamSize', minMembers: 10 }, held([1, 'ALL']), work('2026-03-01'))).toBe(false);
	});
});
