import { describe, expect, it } from 'vitest';
import { attemptWait, limitWait, PASSWORD_POLICY, SECOND_FACTOR_POLICY, scopesFor } from './throttle';

const PAIR = PASSWORD_POLICY.limits.pair!;
const ACCOUNT = PASSWORD_POLICY.limits.account!;
const ADDRESS = PASSWORD_POLICY.limits.address!;
const T0 = 1_700_000_000_000;
/** `n` failures, `stepMs` apart, the first at T0. */
const times = (n: number, stepMs = 0) => Array.from({ length: n }, (_, i) => T0 + i * stepMs);

describe('one account from one address (hard back-off)', () => {
	it.each([
		[0, 0],
		[1, 0],
		[3, 0],
		[4, 5_000],
		[5, 15_000],
		[9, 300_000],
		[10, 900_000],
		[40, 900_000]
	])('after %i failures at once waits %i ms', (n, wait) => {
		expect(limitWait(times(n), T0, PAIR)).toBe(wait);
	});

	it('counts the wait from the last failure', () => {
		expect(limitWait(times(4, 1000), T0 + 3000 + 2000, PAIR)).toBe(3000);
		expect(limitWait(times(4, 1000), T0 + 3000 + 5000, PAIR)).toBe(0);
	});

	it('forgets failures after a quiet day', () => {
		expect(limitWait(times(9), T0 + 24 * 60 * 60 * 1000, PAIR)).toBe(0);
	});

	it('never waits longer than fifteen minutes', () => {
		expect(limitWait(times(500), T0, PAIR)).toBeLessThanOrEqual(15 * 60 * 1000);
	});
});

describe('caps in a sliding window', () => {
	it('an address may fail 29 times in fifteen minutes, then waits until the oldest failure is fifteen minutes old', () => {
		expect(limitWait(times(29, 1000), T0 + 29_000, ADDRESS)).toBe(0);
		expect(limitWait(times(30, 1000), T0 + 29_000, ADDRESS)).toBe(15 * 60 * 1000 - 29_000);
		expect(limitWait(times(30, 1000), T0 + 15 * 60 * 1000, ADDRESS)).toBe(0);
	});

	it('an account takes 19 failures an hour from strangers without waiting, then none until one ages out', () => {
		expect(limitWait(times(19), T0, ACCOUNT)).toBe(0);
		expect(limitWait(times(20), T0, ACCOUNT)).toBe(60 * 60 * 1000);
		expect(limitWait(times(20, 60_000), T0 + 60 * 60 * 1000, ACCOUNT)).toBe(0);
	});

	it('ignores failures in the future (a clock step back) and outside the window', () => {
		expect(limitWait([T0 + 10_000, T0 - 2 * 60 * 60 * 1000], T0, ACCOUNT)).toBe(0);
	});
});

describe('which limits apply', () => {
	it.each([
		[false, ['pair', 'account', 'address']],
		[true, ['pair', 'address']]
	])('password, address known to the account: %s', (known, scopes) => {
		expect(scopesFor(PASSWORD_POLICY, known)).toEqual(scopes);
	});

	it('the account-wide cap does not stop the owner at an address they signed in from', () => {
		const failures = { pair: [], account: times(40), address: [] };
		expect(attemptWait(PASSWORD_POLICY, failures, T0, false)).toBe(60 * 60 * 1000);
		expect(attemptWait(PASSWORD_POLICY, failures, T0, true)).toBe(0);
	});

	it('the longest wait wins', () => {
		expect(attemptWait(PASSWORD_POLICY, { pair: times(4), account: [], address: times(30) }, T0, true)).toBe(15 * 60 * 1000);
	});

	it.each([
		[4, 0],
		[5, 30_000],
		[8, 900_000]
	])('second factor: %i wrong codes wait %i ms, from any address', (n, wait) => {
		expect(attemptWait(SECOND_FACTOR_POLICY, { account: times(n) }, T0, true)).toBe(wait);
	});
});
