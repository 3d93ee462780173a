import { describe, expect, it } from 'vitest';
import { dueState, needsReminder, onTime, periodsToReport, readNarrative, reportDueDay, reportKind } from './rules';

const TA_MA = [
	{ who: 'Các cơ quan, ban, ngành, đoàn thể xã và các bản', to: 'UBND xã', dueOn: '11-05', levels: ['agency', 'village'] },
	{ who: 'Công chức Văn hóa', to: 'UBND huyện Tuần Giáo', dueOn: '11-27', levels: ['commune'] }
];

describe('report deadlines up the tree', () => {
	it.each([
		['village', '2026-11-05'],
		['agency', '2026-11-05'],
		['commune', '2026-11-27'],
		['enterprise', '2026-11-15']
	])('a %s reports on %s', (level, due) => {
		expect(reportDueDay(TA_MA, '11-15', level, '2026-12-31')).toBe(due);
	});
	it('takes the year the period ends, and ignores entries without levels or with a wrong day', () => {
		expect(
			reportDueDay(
				[
					{ who: 'x', dueOn: '11-01' },
					{ levels: ['district'], dueOn: '13-40' }
				],
				'11-01',
				'district',
				'2030-12-31'
			)
		).toBe('2030-11-01');
	});
	it('is on time until the end of the due day in Vietnam', () => {
		expect(onTime('2026-11-01', Date.UTC(2026, 10, 1, 16, 59))).toBe(true);
		expect(onTime('2026-11-01', Date.UTC(2026, 10, 1, 17, 0))).toBe(false);
	});
	it('says submitted, overdue or due in N days', () => {
		expect(dueState('2026-11-01', '2026-10-25', null)).toEqual({ kind: 'due', days: 7 });
		expect(dueState('2026-11-01', '2026-11-04', null)).toEqual({ kind: 'late', days: 3 });
		expect(dueState('2026-11-01', '2026-11-04', { at: Date.UTC(2026, 10, 2) })).toEqual({ kind: 'submitted', onTime: false });
	});
	it('recalls a report owed from two weeks before its day, and every day it is late; not one sent', () => {
		expect(needsReminder(dueState('2026-11-01', '2026-10-18', null))).toBe(true);
		expect(needsReminder(dueState('2026-11-01', '2026-10-17', null))).toBe(false);
		expect(needsReminder(dueState('2026-11-01', '2026-11-20', null))).toBe(true);
		expect(needsReminder(dueState('2026-11-01', '2026-10-30', { at: Date.UTC(2026, 9, 29) }))).toBe(false);
	});
});

describe('the narrative of a report', () => {
	it('keeps the five sections, trimmed, and names the ones too long', () => {
		const read = readNarrative({ results: '  Tổ chức 47 đội hình\r\n', models: 'x'.repeat(20_001), other: 'bỏ qua' });
		expect(read).toEqual({ ok: false, tooLong: ['models'] });
		const ok = readNarrative({ results: '  Tổ chức 47 đội hình\r\nthanh niên tình nguyện ' });
		expect(ok).toEqual({
			ok: true,
			narrative: { results: 'Tổ chức 47 đội hình\nthanh niên tình nguyện', models: '', limitations: '', lessons: '', proposals: '' }
		});
	});
});

describe('report kinds and the periods reported on', () => {
	const year = (y: number) => ({ code: `Y${y}`, kind: 'year' as const, startsOn: `${y}-01-01`, endsOn: `${y}-12-31` });
	const periods = [
		year(2025),
		year(2026),
		{ code: 'PH1', kind: 'phase' as const, startsOn: '2023-07-10', endsOn: '2025-12-31' },
		{ code: 'PH2', kind: 'phase' as const, startsOn: '2026-01-01', endsOn: '2030-12-31' },
		{ code: 'HE2026', kind: 'campaign' as const, startsOn: '2026-06-01', endsOn: '2026-08-31' }
	];
	it('names a phase’s report sơ kết, the last phase’s tổng kết', () => {
		expect(reportKind(periods[0]!, '2030-12-31')).toBe('yearly');
		expect(reportKind(periods[2]!, '2030-12-31')).toBe('midterm');
		expect(reportKind(periods[3]!, '2030-12-31')).toBe('final');
		expect(reportKind(periods[4]!, '2030-12-31')).toBe('campaign');
	});
	it('offers the year, and a phase or short campaign from its last year to 120 days after it ends', () => {
		expect(periodsToReport(periods, '2026-12-04').map((p) => p.code)).toEqual(['Y2026', 'HE2026']);
		expect(periodsToReport(periods, '2025-10-01').map((p) => p.code)).toEqual(['Y2025', 'PH1']);
		expect(periodsToReport(periods, '2026-03-15').map((p) => p.code)).toEqual(['Y2026', 'PH1']);
		expect(periodsToReport(periods, '2026-05-15').map((p) => p.code)).toEqual(['Y2026']);
	});
});
