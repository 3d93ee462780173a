import { eq } from 'drizzle-orm';
import { people } from '../db/schema';
import type { Db } from '../db/client';
import { recordAudit } from '../audit';
import { parseLoginIdentifier, throttleKeyFor } from '../../domain/people/contact';
import { admitHashing, hashingShedReport, retryHashingAfterMs, verifyPassword } from './password';
import type { HashBudget } from './hash-budget';
import { createSession, type SessionRecord } from './sessions';
import { hasSecondFactor } from './second-factor';
import { beginChallenge } from './sign-in-challenge';
import { accountKey, forgiveAttempts, rememberAddress, releaseAttempt, reserveAttempt, type AttemptKey } from './throttle-store';

export interface LoginInput {
	identifier: string;
	password: string;
	/** The hashed client address: the throttle's and the audit log's "where". */
	ipHash: string;
	userAgent: string;
	requestId: string | null;
}

export type LoginResult =
	| { ok: true; token: string; session: SessionRecord }
	/** The password was right; no session until the second factor (see sign-in-challenge.ts). */
	| { ok: false; reason: 'second_factor'; challenge: string; expiresAt: number }
	| { ok: false; reason: 'failed' }
	| { ok: false; reason: 'throttled'; waitMs: number }
	| { ok: false; reason: 'busy'; retryAfterMs: number };

function findByIdentifier(db: Db, raw: string) {
	const id = parseLoginIdentifier(raw);
	if (!id) return undefined;
	const column = id.kind === 'email' ? people.email : id.kind === 'phone' ? people.phone : people.username;
	return db
		.select({ id: people.id, passwordHash: people.passwordHash, disabledAt: people.disabledAt })
		.from(people)
		.where(eq(column, id.value))
		.get();
}

/**
 * One answer for every failure (unknown account, wrong password, no password yet, disabled), and the
 * same argon2 work in each case, so neither the message nor the timing tells whether an account exists.
 *
 * Order matters: a place in the hashing budget first (a flood is refused before it costs a write), then the
 * attempt is reserved against the throttle (see throttle-store.ts), and only then is the password hashed.
 */
export async function login(db: Db, input: LoginInput, now: () => number, budget?: HashBudget): Promise<LoginResult> {
	const at = now();
	const ctx = { actor: null, now: at, ipHash: input.ipHash, requestId: input.requestId };
	const slot = admitHashing(budget);
	if (!slot) {
		const shed = hashingShedReport(at, budget);
		if (shed !== null)
			recordAudit(db, ctx, { action: 'authn_login_busy', targetType: 'login', targetId: null, after: { refusedSinceLastReport: shed } });
		return { ok: false, reason: 'busy', retryAfterMs: retryHashingAfterMs(budget) };
	}
	const person = findByIdentifier(db, input.identifier);
	const key: AttemptKey = {
		kind: 'password',
		account: person ? accountKey(person.id) : throttleKeyFor(input.identifier),
		address: input.ipHash
	};
	const reservation = reserveAttempt(db, key, at);
	if (!reservation.ok) {
		slot.cancel();
		recordAudit(db, ctx, { action: 'authn_login_throttled', targetType: 'login', targetId: null });
		return { ok: false, reason: 'throttled', waitMs: reservation.waitMs };
	}
	const usable = person && person.disabledAt === null ? person.passwordHash : null;
	let ok: boolean;
	try {
		ok = await verifyPassword(slot, usable, input.password);
	} catch (e) {
		releaseAttempt(db, reservation.id);
		throw e;
	}
	const done = now();
	if (!ok || !person) {
		// The reservation stays: it is this failure.
		recordAudit(db, { ...ctx, now: done }, { action: 'authn_login_fail', targetType: 'person', targetId: person?.id ?? null });
		return { ok: false, reason: 'failed' };
	}
	return db.transaction(() => {
		forgiveAttempts(db, key);
		if (hasSecondFactor(db, person.id)) {
			const { token, expiresAt } = beginChallenge(db, person.id, done);
			recordAudit(db, { ...ctx, now: done }, { action: 'authn_login_password_ok', targetType: 'person', targetId: person.id });
			return { ok: false as const, reason: 'second_factor' as const, challenge: token, expiresAt };
		}
		rememberAddress(db, key.account, key.address, done);
		const { token, session } = createSession(db, person.id, done, input.userAgent);
		recordAudit(
			db,
			{ ...ctx, now: done, actor: { personId: person.id, grants: [] } },
			{ action: 'authn_login_success', targetType: 'person', targetId: person.id }
		);
		return { ok: true as const, token, session };
	}) as LoginResult;
}
