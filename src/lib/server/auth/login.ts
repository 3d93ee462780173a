import { eq } from 'drizzle-orm';
import { people } from '../db/schema';
import type { Db } from '../db/client';
import { recordAudit } from '../audit';
import { parseLoginIdentifier, throttleKeyFor } from '../../domain/people/contact';
import { ACCOUNT_POLICY, ADDRESS_POLICY } from '../../domain/auth/throttle';
import { verifyPassword } from './password';
import { createSession, type SessionRecord } from './sessions';
import { clearFailures, recordFailure, throttleWait } from './throttle-store';

export interface LoginInput {
	identifier: string;
	password: string;
	address: string;
	ipHash: string;
	userAgent: string;
	requestId: string | null;
}

export type LoginResult =
	| { ok: true; token: string; session: SessionRecord }
	| { ok: false; reason: 'failed' }
	| { ok: false; reason: 'throttled'; waitMs: number };

function findByIdentifier(db: Db, raw: string) {
	const id = parseLoginIdentifier(raw);
	if (!id) return undefined;
	const column = id.kind === 'email' ? people.email : id.kind === 'phone' ? people.phone : people.username;
	return db.select({ id: people.id, passwordHash: people.passwordHash, disabledAt: people.disabledAt }).from(people).where(eq(column, id.value)).get();
}

/**
 * One answer for every failure (unknown account, wrong password, no password yet, disabled), and the
 * same argon2 work in each case, so neither the message nor the timing tells whether an account exists.
 */
export async function login(db: Db, input: LoginInput, now: () => number): Promise<LoginResult> {
	const accountKey = throttleKeyFor(input.identifier);
	const addressKey = `ip:${input.address}`;
	const ctx = { actor: null, now: now(), ipHash: input.ipHash, requestId: input.requestId };
	const wait = throttleWait(db, [accountKey, addressKey], ctx.now);
	if (wait > 0) {
		recordAudit(db, ctx, { action: 'authn_login_throttled', targetType: 'login', targetId: null });
		return { ok: false, reason: 'throttled', waitMs: wait };
	}
	const person = findByIdentifier(db, input.identifier);
	const usable = person && person.disabledAt === null ? person.passwordHash : null;
	const ok = await verifyPassword(usable, input.password);
	const at = now();
	if (!ok || !person) {
		recordFailure(db, accountKey, ACCOUNT_POLICY, at);
		recordFailure(db, addressKey, ADDRESS_POLICY, at);
		recordAudit(db, { ...ctx, now: at }, { action: 'authn_login_fail', targetType: 'person', targetId: person?.id ?? null });
		return { ok: false, reason: 'failed' };
	}
	clearFailures(db, accountKey);
	const { token, session } = createSession(db, person.id, at, input.userAgent);
	recordAudit(db, { ...ctx, now: at, actor: { personId: person.id, grants: [] } }, { action: 'authn_login_success', targetType: 'person', targetId: person.id });
	return { ok: true, token, session };
}
