import { eq } from 'drizzle-orm';
import { people } from '../db/schema';
import type { ServiceContext } from '../context';
import { recordAudit } from '../audit';
import { checkPassword, type PasswordProblem } from '../../domain/auth/password-policy';
import { admitHashing, hashPassword, retryHashingAfterMs, verifyPassword } from './password';
import type { HashBudget } from './hash-budget';
import { invalidateOtherSessions } from './sessions';
import { accountKey, forgiveAttempts, releaseAttempt, reserveAttempt, type AttemptKey } from './throttle-store';

export type ChangePasswordResult =
	| { ok: true }
	| { ok: false; reason: 'wrong_current' | 'mismatch' | PasswordProblem }
	| { ok: false; reason: 'throttled'; waitMs: number }
	| { ok: false; reason: 'busy'; retryAfterMs: number };

/**
 * The current password is a guess like a sign-in (someone may hold a stolen session): it is counted against
 * the same limits, reserved before hashing, and hashing waits for a place in the budget.
 */
export async function changePassword(
	ctx: ServiceContext,
	sessionId: string,
	input: { current: string; next: string; confirm: string },
	budget?: HashBudget
): Promise<ChangePasswordResult> {
	const personId = ctx.actor!.personId;
	if (input.next !== input.confirm) return { ok: false, reason: 'mismatch' };
	const person = ctx.db
		.select({ passwordHash: people.passwordHash, username: people.username, phone: people.phone, email: people.email })
		.from(people)
		.where(eq(people.id, personId))
		.get();
	const problem = checkPassword(
		input.next,
		[person?.username, person?.phone, person?.email].filter((v): v is string => !!v)
	);
	if (problem) return { ok: false, reason: problem };
	const slot = admitHashing(budget);
	if (!slot) return { ok: false, reason: 'busy', retryAfterMs: retryHashingAfterMs(budget) };
	const key: AttemptKey = { kind: 'password', account: accountKey(personId), address: ctx.ipHash ?? 'unknown' };
	const reservation = reserveAttempt(ctx.db, key, ctx.now);
	if (!reservation.ok) {
		slot.cancel();
		recordAudit(ctx.db, ctx, { action: 'authn_password_change_throttled', targetType: 'person', targetId: personId });
		return { ok: false, reason: 'throttled', waitMs: reservation.waitMs };
	}
	let right: boolean;
	try {
		right = await verifyPassword(slot, person?.passwordHash ?? null, input.current);
	} catch (e) {
		releaseAttempt(ctx.db, reservation.id);
		throw e;
	}
	if (!right) {
		recordAudit(ctx.db, ctx, { action: 'authn_password_change_fail', targetType: 'person', targetId: personId });
		return { ok: false, reason: 'wrong_current' };
	}
	forgiveAttempts(ctx.db, key);
	const next = admitHashing(budget);
	if (!next) return { ok: false, reason: 'busy', retryAfterMs: retryHashingAfterMs(budget) };
	const passwordHash = await hashPassword(next, input.next);
	ctx.db.transaction(() => {
		ctx.db.update(people).set({ passwordHash }).where(eq(people.id, personId)).run();
		invalidateOtherSessions(ctx.db, personId, sessionId);
		recordAudit(ctx.db, ctx, { action: 'authn_password_change', targetType: 'person', targetId: personId });
	});
	return { ok: true };
}
