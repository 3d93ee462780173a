import { describe, expect, it } from 'vitest';
import { readStockValue, shareOfMembers, stockTotal, type StockUnit } from './stocks';

// Province 1 › district 2 (branches 4, 5) and district 3 (branch 6).
const units: StockUnit[] = [
	{ id: 1, parentId: null, members: 300 },
	{ id: 2, parentId: 1, members: 200 },
	{ id: 3, parentId: 1, members: 100 },
	{ id: 4, parentId: 2, members: 120 },
	{ id: 5, parentId: 2, members: 80 },
	{ id: 6, parentId: 3, members: 100 }
];

describe('stock indicators', () => {
	it('adds up the children’s latest values, covering only the members of the units that entered one', () => {
		const latest = new Map([
			[4, { value: 90, onDay: '2026-10-01' }],
			[5, { value: 40, onDay: '2026-11-15' }]
		]);
		expect(stockTotal(1, units, latest)).toEqual({ value: 130, oldestDay: '2026-10-01', units: 2, members: 200 });
		expect(shareOfMembers(stockTotal(1, units, latest)!)).toBe(65);
		expect(stockTotal(3, units, latest)).toBeNull();
	});

	it('takes a unit’s own value for its whole subtree instead of adding its children’s to it', () => {
		const latest = new Map([
			[2, { value: 150, onDay: '2026-11-20' }],
			[4, { value: 90, onDay: '2026-10-01' }],
			[6, { value: 10, onDay: '2026-09-09' }]
		]);
		expect(stockTotal(1, units, latest)).toEqual({ value: 160, oldestDay: '2026-09-09', units: 2, members: 300 });
		expect(stockTotal(2, units, latest)!.value).toBe(150);
	});

	it('has no share without members', () => {
		expect(shareOfMembers({ value: 5, members: 0 })).toBeNull();
	});
});

describe('a stock value typed in', () => {
	const app = { code: 'tnvn', label: 'Cài ứng dụng Thanh niên Việt Nam', unitLabel: 'đoàn viên', ratioToMembers: true };
	it('is read as people type it and refused when negative, absurd or above the members', () => {
		expect(readStockValue('1.250', app, 2000)).toEqual({ ok: true, value: 1250 });
		expect(readStockValue('-4', app, 2000)).toEqual({ ok: false, problem: 'negative' });
		expect(readStockValue('mười', app, 2000)).toEqual({ ok: false, problem: 'notNumber' });
		expect(readStockValue('2.001', app, 2000)).toEqual({ ok: false, problem: 'aboveMembers' });
		expect(readStockValue('20000000', { ...app, ratioToMembers: false }, 0)).toEqual({ ok: false, problem: 'tooLarge' });
		expect(readStockValue('2.001', { ...app, ratioToMembers: false }, 0)).toEqual({ ok: true, value: 2001 });
		const fibre = { code: 'fibre', label: 'Hộ có cáp quang', unitLabel: '%', ratioToMembers: false, percent: true };
		expect(readStockValue('42,5', fibre, 0)).toEqual({ ok: true, value: 42.5 });
		expect(readStockValue('120', fibre, 0)).toEqual({ ok: false, problem: 'abovePercent' });
	});
});
