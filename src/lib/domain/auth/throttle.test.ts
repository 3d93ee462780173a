import { describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, ADDRESS_POLICY, afterFailure, waitMs, type ThrottleState } from './throttle';

function fail(times: number, policy = ACCOUNT_POLICY, start = 0, stepMs = 0): ThrottleState | null {
	let state: ThrottleState | null = null;
	for (let i = 0; i < times; i++) state = afterFailure(state, start + i * stepMs, policy);
	return state;
}

describe('per-account back-off', () => {
	it('lets the first three mistakes through at once', () => {
		expect(waitMs(fail(3), 0)).toBe(0);
	});
	it('then waits longer after each further failure', () => {
		expect(waitMs(fail(4), 0)).toBe(5_000);
		expect(waitMs(fail(5), 0)).toBe(15_000);
		expect(waitMs(fail(20), 0)).toBe(300_000);
	});
	it('forgets failures after a quiet day', () => {
		const state = fail(9)!;
		const later = afterFailure(state, 25 * 60 * 60 * 1000, ACCOUNT_POLICY);
		expect(later.failures).toBe(1);
	});
	it('never locks for longer than five minutes', () => {
		expect(waitMs(fail(100), 0)).toBeLessThanOrEqual(300_000);
	});
});

describe('per-address cap', () => {
	it('allows 29 failures in fifteen minutes, then blocks for fifteen minutes', () => {
		expect(waitMs(fail(29, ADDRESS_POLICY, 0, 1000), 29_000)).toBe(0);
		const blocked = fail(30, ADDRESS_POLICY, 0, 1000)!;
		expect(waitMs(blocked, 29_000)).toBe(15 * 60 * 1000);
		expect(waitMs(blocked, 29_000 + 15 * 60 * 1000)).toBe(0);
	});
});
