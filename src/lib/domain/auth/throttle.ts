/**
 * Guess throttling, pure: the times of recent failed attempts in, the wait out, time passed in.
 *
 * An attempt is counted as a failure when it is let through (before the password is hashed) and forgiven
 * when it succeeds, so concurrent guesses cannot all pass the check before the first failure is written.
 *
 * Three scopes for passwords:
 * - pair, one account from one address: the hard limit, exponential back-off;
 * - account, from every address: softer (a cap per hour, no escalation), and not applied to addresses the
 *   account has signed in from before, so a stranger hammering an account cannot lock the owner out of
 *   their own phone;
 * - address, across accounts: a cap against one address trying many accounts.
 * A second factor is guessed only after the right password: its limit is account-wide for everyone.
 */
export interface Limit {
	windowMs: number;
	/** Wait after the n-th failure in the window, in seconds (the last value repeats). */
	backoffSeconds: readonly number[];
	/** At most this many failures in any window; Infinity for back-off only. */
	maxInWindow: number;
}

export type Scope = 'pair' | 'account' | 'address';

export interface Policy {
	limits: Partial<Record<Scope, Limit>>;
	/** Addresses the account has signed in from skip the account-wide limit. */
	accountLimitSparesKnownAddresses: boolean;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const PASSWORD_POLICY: Policy = {
	limits: {
		pair: { windowMs: DAY, backoffSeconds: [0, 0, 0, 5, 15, 30, 60, 180, 300, 900], maxInWindow: Infinity },
		account: { windowMs: HOUR, backoffSeconds: [0], maxInWindow: 20 },
		address: { windowMs: 15 * MINUTE, backoffSeconds: [0], maxInWindow: 30 }
	},
	accountLimitSparesKnownAddresses: true
};

/** Six digits give a guess one chance in 333,333 (three codes are valid at once): few guesses a day. */
export const SECOND_FACTOR_POLICY: Policy = {
	limits: {
		account: { windowMs: DAY, backoffSeconds: [0, 0, 0, 0, 30, 60, 300, 900], maxInWindow: Infinity }
	},
	accountLimitSparesKnownAddresses: false
};

/** How far back any limit looks: older attempts can be deleted. */
export const LONGEST_WINDOW_MS = DAY;

/** Milliseconds to wait before the next attempt under one limit, given the failures' times. */
export function limitWait(failures: readonly number[], now: number, limit: Limit): number {
	const recent = failures.filter((at) => at > now - limit.windowMs && at <= now).sort((a, b) => a - b);
	const n = recent.length;
	if (n === 0) return 0;
	const backoff = limit.backoffSeconds[Math.min(n, limit.backoffSeconds.length) - 1] ?? 0;
	let wait = recent[n - 1]! + backoff * SECOND - now;
	if (n >= limit.maxInWindow) wait = Math.max(wait, recent[n - limit.maxInWindow]! + limit.windowMs - now);
	return Math.max(0, wait);
}

/** The scopes that apply to this attempt. */
export function scopesFor(policy: Policy, knownAddress: boolean): Scope[] {
	return (Object.keys(policy.limits) as Scope[]).filter(
		(scope) => !(scope === 'account' && knownAddress && policy.accountLimitSparesKnownAddresses)
	);
}

/** The longest wait over the scopes that apply; 0 when the attempt may go ahead now. */
export function attemptWait(
	policy: Policy,
	failures: Partial<Record<Scope, readonly number[]>>,
	now: number,
	knownAddress: boolean
): number {
	return Math.max(0, ...scopesFor(policy, knownAddress).map((scope) => limitWait(failures[scope] ?? [], now, policy.limits[scope]!)));
}
