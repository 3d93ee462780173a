import { describe, expect, it } from 'vitest';
import { actualOf, indicatorsOf, periodsToRegister, progressOf, progressRows, readTargets, TARGET_MAX } from './rules';
import type { MeasureFigure } from '../figures/types';

const measure = (typeCode: string, measureCode: string, approved: number, kind: 'integer' | 'decimal' = 'integer'): MeasureFigure => ({
	contentAreaCode: 'a',
	contentAreaName: 'Chính quyền số',
	activityTypeId: 1,
	activityTypeCode: typeCode,
	activityTypeName: 'Hỗ trợ VNeID',
	measureCode,
	label: measureCode,
	unitLabel: 'người',
	kind,
	approved,
	reported: approved,
	works: 1,
	pending: 0,
	pendingWorks: 0
});

const figures = {
	measures: [measure('vneid', 'citizens', 120), measure('training', 'hours', 7.5, 'decimal')],
	works: { approved: 9, pending: 2 }
};
const indicators = indicatorsOf(
	figures,
	{ label: 'Sáng kiến đã duyệt', unitLabel: 'công trình' },
	[{ code: 'cashless', label: 'Hộ thanh toán không tiền mặt', unitLabel: 'hộ' }],
	'Chỉ số'
);

describe('targets', () => {
	it('offers the works count then every measure, keyed as figures key them', () => {
		expect(indicators.map((i) => i.key)).toEqual(['works', 'vneid.citizens', 'training.hours', 'stock.cashless']);
	});

	it('reads Vietnamese numbers and leaves blank indicators without a target', () => {
		expect(readTargets({ works: '12', 'vneid.citizens': '1.500', 'training.hours': '2,5' }, indicators)).toEqual({
			ok: true,
			values: { works: 12, 'vneid.citizens': 1500, 'training.hours': 2.5 }
		});
		expect(readTargets({ works: ' ', 'vneid.citizens': '' }, indicators)).toEqual({ ok: true, values: {} });
	});

	it('refuses negative, absurd, fractional counts, words and unknown indicators, all at once', () => {
		const read = readTargets(
			{ works: '-3', 'vneid.citizens': String(TARGET_MAX + 1), 'training.hours': 'mười', 'other.x': '1' },
			indicators
		);
		expect(read).toMatchObject({
			ok: false,
			problems: { works: 'negative', 'vneid.citizens': 'tooLarge', 'training.hours': 'notNumber', 'other.x': 'unknown' }
		});
		expect(readTargets({ works: '2,5' }, indicators)).toMatchObject({ ok: false, problems: { works: 'notWhole' } });
	});

	it('measures progress as the approved total against the target, floored', () => {
		expect(actualOf(figures, 'works')).toBe(9);
		expect(actualOf(figures, 'vneid.citizens')).toBe(120);
		expect(actualOf(figures, 'stock.cashless', new Map([['cashless', 340]]))).toBe(340);
		expect(actualOf(figures, 'stock.cashless')).toBe(0);
		expect(progressOf(199, 200)).toEqual({ actual: 199, target: 200, percent: 99, reached: false });
		expect(progressOf(200, 200).reached).toBe(true);
		expect(progressOf(5, 0)).toMatchObject({ percent: 100, reached: true });
		expect(progressOf(100_000, 1).percent).toBe(999);
	});

	it('lists progress only for indicators with a target, in the indicators order', () => {
		const rows = progressRows(indicators, { 'vneid.citizens': 240, works: 10 }, figures);
		expect(rows.map((r) => [r.key, r.actual, r.target, r.percent])).toEqual([
			['works', 9, 10, 90],
			['vneid.citizens', 120, 240, 50]
		]);
	});
});

describe('the periods targets are registered for', () => {
	it('are the current year and the phase under way', () => {
		const periods = [
			{ code: 'Y2026', kind: 'year' as const, startsOn: '2026-01-01', endsOn: '2026-12-31' },
			{ code: 'PH1', kind: 'phase' as const, startsOn: '2023-07-10', endsOn: '2025-12-31' },
			{ code: 'PH2', kind: 'phase' as const, startsOn: '2026-01-01', endsOn: '2030-12-31' },
			{ code: 'HE2026', kind: 'campaign' as const, startsOn: '2026-06-01', endsOn: '2026-08-31' }
		];
		expect(periodsToRegister(periods, '2026-07-01').map((p) => p.code)).toEqual(['Y2026', 'PH2']);
		expect(periodsToRegister(periods, '2027-03-01').map((p) => p.code)).toEqual(['Y2026', 'PH2']);
	});
});
