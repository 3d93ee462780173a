import { describe, expect, it } from 'vitest';
import { CHECK_IN_WINDOW_MS, checkInOpenOn, checkInWindow, isFreshWindow } from './check-in';

describe('check-in codes', () => {
	const now = Date.parse('2026-12-04T09:30:20+07:00');
	it('a code is good for its minute and the next, not before nor later', () => {
		const w = checkInWindow(now);
		expect(isFreshWindow(w, now)).toBe(true);
		expect(isFreshWindow(w, now + CHECK_IN_WINDOW_MS)).toBe(true);
		expect(isFreshWindow(w, now + 2 * CHECK_IN_WINDOW_MS)).toBe(false);
		expect(isFreshWindow(w + 1, now)).toBe(false);
	});
	it('runs on the event’s days only', () => {
		const event = { startedOn: '2026-12-03', endedOn: '2026-12-04' };
		expect(checkInOpenOn(event, '2026-12-03')).toBe(true);
		expect(checkInOpenOn(event, '2026-12-04')).toBe(true);
		expect(checkInOpenOn(event, '2026-12-02')).toBe(false);
		expect(checkInOpenOn(event, '2026-12-05')).toBe(false);
	});
});
