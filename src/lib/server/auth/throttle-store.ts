import { and, eq, gt, lte } from 'drizzle-orm';
import { knownAddresses, loginAttempts } from '../db/schema';
import type { Db } from '../db/client';
import { attemptWait, LONGEST_WINDOW_MS, PASSWORD_POLICY, SECOND_FACTOR_POLICY, type Policy, type Scope } from '../../domain/auth/throttle';

export type AttemptKind = 'password' | 'second_factor';

/** Whose guess, from where: `account` is "person:<id>" or the typed identifier, `address` the hashed address. */
export interface AttemptKey {
	kind: AttemptKind;
	account: string;
	address: string;
}

export type Reservation = { ok: true; id: number } | { ok: false; waitMs: number };

const POLICIES: Record<AttemptKind, Policy> = { password: PASSWORD_POLICY, second_factor: SECOND_FACTOR_POLICY };
/** An address stays known to an account this long after its last full sign-in. */
const KNOWN_ADDRESS_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * Checks the limits and counts the attempt in one IMMEDIATE transaction, before the guess is checked: of
 * concurrent guesses (in this process or another on the same database) only as many as the policy allows get
 * a reservation. The caller forgives it on success or releases it if the guess was never checked.
 */
export function reserveAttempt(db: Db, key: AttemptKey, now: number): Reservation {
	const policy = POLICIES[key.kind];
	return db.transaction(
		(tx) => {
			tx.delete(loginAttempts)
				.where(lte(loginAttempts.at, now - LONGEST_WINDOW_MS))
				.run();
			const known =
				policy.accountLimitSparesKnownAddresses &&
				!!tx
					.select({ at: knownAddresses.lastSignInAt })
					.from(knownAddresses)
					.where(
						and(
							eq(knownAddresses.account, key.account),
							eq(knownAddresses.address, key.address),
							gt(knownAddresses.lastSignInAt, now - KNOWN_ADDRESS_MS)
						)
					)
					.get();
			const failures: Partial<Record<Scope, number[]>> = {};
			for (const scope of Object.keys(policy.limits) as Scope[]) {
				const since = now - policy.limits[scope]!.windowMs;
				const where =
					scope === 'pair'
						? and(
								eq(loginAttempts.account, key.account),
								eq(loginAttempts.kind, key.kind),
								eq(loginAttempts.address, key.address),
								gt(loginAttempts.at, since)
							)
						: scope === 'account'
							? and(eq(loginAttempts.account, key.account), eq(loginAttempts.kind, key.kind), gt(loginAttempts.at, since))
							: and(eq(loginAttempts.address, key.address), eq(loginAttempts.kind, key.kind), gt(loginAttempts.at, since));
				failures[scope] = tx
					.select({ at: loginAttempts.at })
					.from(loginAttempts)
					.where(where)
					.all()
					.map((r) => r.at);
			}
			const waitMs = attemptWait(policy, failures, now, known);
			if (waitMs > 0) return { ok: false as const, waitMs };
			const row = tx
				.insert(loginAttempts)
				.values({ ...key, at: now })
				.returning({ id: loginAttempts.id })
				.get();
			return { ok: true as const, id: row.id };
		},
		{ behavior: 'immediate' }
	);
}

/** The guess was never checked (hashing was refused): it does not count. */
export function releaseAttempt(db: Db, id: number): void {
	db.delete(loginAttempts).where(eq(loginAttempts.id, id)).run();
}

/** A right guess: this account's failures from this address (the reservation among them) are forgiven. */
export function forgiveAttempts(db: Db, key: AttemptKey): void {
	db.delete(loginAttempts)
		.where(and(eq(loginAttempts.account, key.account), eq(loginAttempts.kind, key.kind), eq(loginAttempts.address, key.address)))
		.run();
}

/** After a full sign-in: this address may skip the account-wide limit from now on. */
export function rememberAddress(db: Db, account: string, address: string, now: number): void {
	db.delete(knownAddresses)
		.where(lte(knownAddresses.lastSignInAt, now - KNOWN_ADDRESS_MS))
		.run();
	db.insert(knownAddresses)
		.values({ account, address, lastSignInAt: now })
		.onConflictDoUpdate({ target: [knownAddresses.account, knownAddresses.address], set: { lastSignInAt: now } })
		.run();
}

/** The throttle's name for an account that exists; unknown identifiers are throttled by what was typed. */
export function accountKey(personId: number): string {
	return `person:${personId}`;
}
