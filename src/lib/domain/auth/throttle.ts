/**
 * Failed-login throttling, pure: state in, decision out, time passed in.
 * Per account: exponential back-off after a few failures (no hard lock-out an attacker could use to
 * keep the owner out). Per address: a cap on failures in a window, then a pause.
 */
export interface ThrottleState {
	failures: number;
	windowStartedAt: number;
	blockedUntil: number;
}

export interface ThrottlePolicy {
	/** Back-off in seconds after the n-th consecutive failure (last value repeats). */
	backoffSeconds: readonly number[];
	windowMs: number;
	/** Failures allowed in the window before the block (per-address policy); Infinity to use back-off only. */
	maxFailuresInWindow: number;
	blockMs: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = {
	backoffSeconds: [0, 0, 0, 5, 15, 30, 60, 180, 300],
	windowMs: 24 * 60 * 60 * 1000,
	maxFailuresInWindow: Infinity,
	blockMs: 0
};

export const ADDRESS_POLICY: ThrottlePolicy = {
	backoffSeconds: [0],
	windowMs: 15 * 60 * 1000,
	maxFailuresInWindow: 30,
	blockMs: 15 * 60 * 1000
};

/** Milliseconds the caller must still wait, or 0 if an attempt is allowed now. */
export function waitMs(state: ThrottleState | null, now: number): number {
	if (!state) return 0;
	return Math.max(0, state.blockedUntil - now);
}

export function afterFailure(state: ThrottleState | null, now: number, policy: ThrottlePolicy): ThrottleState {
	const fresh = !state || now - state.windowStartedAt > policy.windowMs;
	const failures = fresh ? 1 : state.failures + 1;
	const windowStartedAt = fresh ? now : state.windowStartedAt;
	const backoff = policy.backoffSeconds[Math.min(failures, policy.backoffSeconds.length) - 1] ?? 0;
	let blockedUntil = now + backoff * 1000;
	if (failures >= policy.maxFailuresInWindow) blockedUntil = Math.max(blockedUntil, now + policy.blockMs);
	return { failures, windowStartedAt, blockedUntil };
}
