import { and, eq, gt, lte } from 'drizzle-orm';
import { signInChallenges } from '../db/schema';
import type { Db } from '../db/client';
import { recordAudit } from '../audit';
import { parseSecondFactorCode } from '../../domain/auth/second-factor';
import { createSession, type SessionRecord } from './sessions';
import { hashSecret, randomToken, secretMatches, splitToken } from './tokens';
import { useSecondFactor } from './second-factor';
import { accountKey, forgiveAttempts, rememberAddress, reserveAttempt, type AttemptKey } from './throttle-store';

/** Long enough to open the app and type a code; short enough that a password typed on a shared phone expires. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

/** The password was right and the person has a second factor: no session yet, only this. */
export function beginChallenge(db: Db, personId: number, now: number): { token: string; expiresAt: number } {
	db.delete(signInChallenges).where(lte(signInChallenges.expiresAt, now)).run();
	const id = randomToken();
	const secret = randomToken();
	const expiresAt = now + CHALLENGE_TTL_MS;
	db.insert(signInChallenges)
		.values({ id, secretHash: hashSecret(secret), personId, createdAt: now, expiresAt })
		.run();
	return { token: `${id}.${secret}`, expiresAt };
}

function findChallenge(db: Db, token: string, now: number) {
	const parts = splitToken(token);
	if (!parts) return null;
	const row = db
		.select()
		.from(signInChallenges)
		.where(and(eq(signInChallenges.id, parts.id), gt(signInChallenges.expiresAt, now)))
		.get();
	return row && secretMatches(parts.secret, row.secretHash) ? row : null;
}

export function challengeIsLive(db: Db, token: string, now: number): boolean {
	return findChallenge(db, token, now) !== null;
}

export interface SecondStepInput {
	challenge: string;
	code: string;
	ipHash: string;
	userAgent: string;
	requestId: string | null;
}

export type SecondStepResult =
	| { ok: true; token: string; session: SessionRecord; recoveryCodesLeft: number | null }
	| { ok: false; reason: 'expired' | 'format' | 'wrong' }
	| { ok: false; reason: 'throttled'; waitMs: number };

/**
 * The second step of signing in: the code (or a recovery code) is counted against the account's
 * second-factor limit before it is checked; right, it is used up, the pending sign-in ends and only now is a
 * session created.
 */
export function completeSignIn(db: Db, input: SecondStepInput, now: number): SecondStepResult {
	const challenge = findChallenge(db, input.challenge, now);
	if (!challenge) return { ok: false, reason: 'expired' };
	const personId = challenge.personId;
	const ctx = { actor: { personId, grants: [] }, now, ipHash: input.ipHash, requestId: input.requestId };
	const code = parseSecondFactorCode(input.code);
	if (!code) return { ok: false, reason: 'format' };
	const key: AttemptKey = { kind: 'second_factor', account: accountKey(personId), address: input.ipHash };
	const reservation = reserveAttempt(db, key, now);
	if (!reservation.ok) {
		recordAudit(db, ctx, { action: 'authn_mfa_throttled', targetType: 'person', targetId: personId });
		return { ok: false, reason: 'throttled', waitMs: reservation.waitMs };
	}
	return db.transaction(
		() => {
			const used = useSecondFactor(db, personId, code, now);
			if (!used.ok) {
				recordAudit(db, ctx, { action: 'authn_mfa_fail', targetType: 'person', targetId: personId, after: { kind: code.kind } });
				return { ok: false as const, reason: 'wrong' as const };
			}
			// The pending sign-in is used once: a second tab with another good code gets nothing.
			const claimed = db.delete(signInChallenges).where(eq(signInChallenges.id, challenge.id)).run();
			if (claimed.changes !== 1) return { ok: false as const, reason: 'expired' as const };
			forgiveAttempts(db, key);
			rememberAddress(db, accountKey(personId), input.ipHash, now);
			const { token, session } = createSession(db, personId, now, input.userAgent);
			if (used.via === 'recovery') {
				recordAudit(db, ctx, { action: 'authn_mfa_recovery_used', targetType: 'person', targetId: personId, after: { left: used.left } });
			}
			recordAudit(db, ctx, { action: 'authn_login_success', targetType: 'person', targetId: personId, after: { secondFactor: used.via } });
			return { ok: true as const, token, session, recoveryCodesLeft: used.via === 'recovery' ? used.left : null };
		},
		{ behavior: 'immediate' }
	);
}
