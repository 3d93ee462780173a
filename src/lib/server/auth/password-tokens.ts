import { and, eq, gt, isNull } from 'drizzle-orm';
import { passwordTokens, people } from '../db/schema';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { recordAudit } from '../audit';
import { hashSecret, randomToken, secretMatches, splitToken } from './tokens';
import { invalidateAllSessions } from './sessions';
import { admitHashing, hashPassword, retryHashingAfterMs } from './password';
import { checkPassword } from '../../domain/auth/password-policy';
import { hasSecondFactor } from './second-factor';
import type { MessageKey } from '../../i18n';

/** Long enough to hand over at a branch meeting and use that evening; short enough to be harmless if lost. */
export const PASSWORD_TOKEN_TTL_MS = 72 * 60 * 60 * 1000;

/** A new link replaces any earlier unused one for the same person. Call inside the caller's transaction. */
export function issuePasswordToken(ctx: ServiceContext, personId: number, unitId: number | null): string {
	const { db } = ctx;
	db.update(passwordTokens)
		.set({ usedAt: ctx.now })
		.where(and(eq(passwordTokens.personId, personId), isNull(passwordTokens.usedAt)))
		.run();
	const id = randomToken();
	const secret = randomToken();
	db.insert(passwordTokens)
		.values({
			id,
			secretHash: hashSecret(secret),
			personId,
			createdBy: ctx.actor?.personId ?? null,
			createdAt: ctx.now,
			expiresAt: ctx.now + PASSWORD_TOKEN_TTL_MS
		})
		.run();
	recordAudit(db, ctx, { action: 'person.password_link', targetType: 'person', targetId: personId, unitId });
	return `${id}.${secret}`;
}

function findLive(db: Db, token: string, now: number) {
	const parts = splitToken(token);
	if (!parts) return null;
	const row = db
		.select()
		.from(passwordTokens)
		.where(and(eq(passwordTokens.id, parts.id), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)))
		.get();
	return row && secretMatches(parts.secret, row.secretHash) ? row : null;
}

export function peekPasswordToken(db: Db, token: string, now: number): { personId: number; displayName: string } | null {
	const row = findLive(db, token, now);
	if (!row) return null;
	const person = db.select({ displayName: people.displayName }).from(people).where(eq(people.id, row.personId)).get();
	return person ? { personId: row.personId, displayName: person.displayName } : null;
}

/**
 * Uses the token once: the conditional UPDATE is the claim, so two tabs racing cannot both set a password.
 * Every existing session of the person ends.
 */
export function consumePasswordToken(ctx: ServiceContext, token: string, passwordHash: string): number | null {
	return ctx.db.transaction(
		(tx) => {
			const row = findLive(ctx.db, token, ctx.now);
			if (!row) return null;
			const claimed = tx
				.update(passwordTokens)
				.set({ usedAt: ctx.now })
				.where(and(eq(passwordTokens.id, row.id), isNull(passwordTokens.usedAt)))
				.run();
			if (claimed.changes !== 1) return null;
			tx.update(people).set({ passwordHash }).where(eq(people.id, row.personId)).run();
			invalidateAllSessions(ctx.db, row.personId);
			recordAudit(
				ctx.db,
				{ ...ctx, actor: { personId: row.personId, grants: [] } },
				{
					action: 'authn_password_set',
					targetType: 'person',
					targetId: row.personId
				}
			);
			return row.personId;
		},
		{ behavior: 'immediate' }
	);
}

export type SetPasswordResult =
	/** With a second factor the link sets the password only: the person then signs in with password and code. */
	| { ok: true; personId: number; needsSecondFactor: boolean }
	| { ok: false; gone: boolean; error: MessageKey }
	| { ok: false; gone: false; error: 'auth.busy'; retryAfterMs: number };

/**
 * The set-password form: the link must still be live, both entries must match and the password must pass
 * the policy (which also refuses the person's own username, phone or e-mail). The link is then used up.
 */
export async function setPasswordWithLink(
	ctx: ServiceContext,
	token: string,
	password: string,
	confirm: string
): Promise<SetPasswordResult> {
	const found = peekPasswordToken(ctx.db, token, ctx.now);
	if (!found) return { ok: false, gone: true, error: 'auth.setPassword.invalid' };
	if (password !== confirm) return { ok: false, gone: false, error: 'auth.setPassword.mismatch' };
	const person = ctx.db
		.select({ username: people.username, phone: people.phone, email: people.email })
		.from(people)
		.where(eq(people.id, found.personId))
		.get();
	const problem = checkPassword(
		password,
		[person?.username, person?.phone, person?.email].filter((v): v is string => !!v)
	);
	if (problem) return { ok: false, gone: false, error: `password.${problem}` };
	const slot = admitHashing();
	if (!slot) return { ok: false, gone: false, error: 'auth.busy', retryAfterMs: retryHashingAfterMs() };
	const personId = consumePasswordToken(ctx, token, await hashPassword(slot, password));
	if (personId === null) return { ok: false, gone: true, error: 'auth.setPassword.invalid' };
	return { ok: true, personId, needsSecondFactor: hasSecondFactor(ctx.db, personId) };
}
