import { describe, expect, it } from 'vitest';
import { endOfVietnamDay, readCutoff } from './cutoff';

const NOW = Date.UTC(2026, 11, 4, 5); // 12:00 in Vietnam on 04/12/2026
const read = (raw: string | null) => readCutoff(raw, NOW, '2026-12-04', '2026-01-01');

describe('the cut-off of a figures page or report', () => {
	it('ends a Vietnamese day at 16:59:59.999 UTC', () => {
		expect(new Date(endOfVietnamDay('2026-10-31')).toISOString()).toBe('2026-10-31T16:59:59.999Z');
	});
	it.each([
		[null, { ok: true, day: '2026-12-04', at: NOW }],
		['', { ok: true, day: '2026-12-04', at: NOW }],
		['2026-12-04', { ok: true, day: '2026-12-04', at: NOW }],
		['2026-10-31', { ok: true, day: '2026-10-31', at: Date.UTC(2026, 9, 31, 16, 59, 59, 999) }],
		['2026-12-05', { ok: false, problem: 'future' }],
		['2025-12-31', { ok: false, problem: 'beforeStart' }],
		['2026-02-30', { ok: false, problem: 'malformed' }],
		['31/10/2026', { ok: false, problem: 'malformed' }],
		["2026-10-31' or 1=1", { ok: false, problem: 'malformed' }]
	])('%s → %j', (raw, expected) => {
		expect(read(raw)).toEqual(expected);
	});
});
