import { verifyHOTP } from '@oslojs/otp';
import type { Role } from '../permissions';

/**
 * The second factor's rules, pure: TOTP (RFC 6238: HOTP over 30-second steps, 6 digits, SHA-1 as every
 * authenticator app expects), one-time recovery codes, and who must enrol by when. Time is passed in.
 */
export const TOTP_PERIOD_MS = 30_000;
export const TOTP_DIGITS = 6;
/** Codes from one step before or after are accepted too: phone clocks drift. */
const DRIFT_STEPS = 1;

/** Roles that approve work, award points and manage units must use a second factor (ASVS 6.3.3). */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['province_admin', 'district_admin'];
/** How long a privileged account may go on without one once it has been asked to enrol. */
export const SECOND_FACTOR_GRACE_MS = 14 * 24 * 60 * 60 * 1000;

export const RECOVERY_CODE_COUNT = 10;
/** 16 letters from 32 (no 0/o, 1/l): 80 random bits, easy to read off paper. */
export const RECOVERY_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_LENGTH = 16;

export function needsSecondFactor(grants: readonly { role: Role }[]): boolean {
	return grants.some((g) => SECOND_FACTOR_ROLES.includes(g.role));
}

export function totpStep(now: number): number {
	return Math.floor(now / TOTP_PERIOD_MS);
}

/**
 * The step a code belongs to, or null. A step at or before the last one used is never accepted again, so a
 * code seen over someone's shoulder (or replayed) is worthless once typed.
 */
export function matchTotp(key: Uint8Array, code: string, now: number, lastUsedStep: number | null): number | null {
	if (!/^\d{6}$/.test(code)) return null;
	const current = totpStep(now);
	for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
		if (lastUsedStep !== null && step <= lastUsedStep) continue;
		if (verifyHOTP(key, BigInt(step), TOTP_DIGITS, code)) return step;
	}
	return null;
}

export type SecondFactorInput = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string };

/** What was typed: six digits, or a recovery code with or without its dashes and spaces, any case. */
export function parseSecondFactorCode(raw: string): SecondFactorInput | null {
	const compact = raw.normalize('NFKC').replace(/[\s-]/g, '').toLowerCase();
	if (/^\d{6}$/.test(compact)) return { kind: 'totp', code: compact };
	if (compact.length === RECOVERY_CODE_LENGTH && [...compact].every((c) => RECOVERY_ALPHABET.includes(c)))
		return { kind: 'recovery', code: compact };
	return null;
}

/** "abcd-efgh-ijkm-npqr": groups of four to copy by hand. */
export function formatRecoveryCode(code: string): string {
	return code.match(/.{1,4}/g)!.join('-');
}

/** The key as people type it into an app by hand: base32 in groups of four. */
export function groupKey(base32: string): string {
	return base32.match(/.{1,4}/g)!.join(' ');
}

export type SecondFactorStanding = 'not_required' | 'enrolled' | 'grace' | 'overdue';

/**
 * Enrolled people are asked for a code at every sign-in, whatever their role. A privileged role without one
 * has until `dueAt` (set when the grace period starts), then only the enrolment page until it is done.
 */
export function secondFactorStanding(
	facts: { required: boolean; enrolled: boolean; dueAt: number | null },
	now: number
): SecondFactorStanding {
	if (facts.enrolled) return 'enrolled';
	if (!facts.required) return 'not_required';
	return facts.dueAt !== null && now >= facts.dueAt ? 'overdue' : 'grace';
}
