import { hash, verify } from '@node-rs/argon2';
import { normalisePassword } from '../../domain/auth/password-policy';
import { processHashBudget, type HashBudget, type HashSlot } from './hash-budget';

/** OWASP / ASVS minimum for argon2id with t=2; passed explicitly so a library default change cannot weaken it. */
const ARGON2ID = 2; // Algorithm.Argon2id: a const enum, which isolated modules cannot import.
const ARGON2_OPTIONS = {
	algorithm: ARGON2ID,
	memoryCost: 19456,
	timeCost: 2,
	parallelism: 1,
	outputLen: 32
} as const;

/**
 * A place in the process's hashing budget, taken before any hashing (and before anything is written), or
 * null when it is full: answer "busy, retry later" (see hash-budget.ts).
 */
export function admitHashing(budget: HashBudget = processHashBudget()): HashSlot | null {
	return budget.admit();
}

export function retryHashingAfterMs(budget: HashBudget = processHashBudget()): number {
	return budget.retryAfterMs();
}

/** How many requests were refused since the last report, if one is due (see HashBudget.takeShedReport). */
export function hashingShedReport(now: number, budget: HashBudget = processHashBudget()): number | null {
	return budget.takeShedReport(now, 10_000);
}

export function hashPassword(slot: HashSlot, password: string): Promise<string> {
	return slot.run(() => hash(normalisePassword(password), ARGON2_OPTIONS));
}

/** A valid hash of a random password, verified when the account does not exist so timing does not tell. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$4o3rZbXPd0cHmKv9Wt+Ynw$Z0b3oQvF7Ng1qHq2T8dVjRz2sq4mIGoCqOq1eE1pZ0g';

export function verifyPassword(slot: HashSlot, passwordHash: string | null, password: string): Promise<boolean> {
	return slot.run(async () => {
		try {
			const ok = await verify(passwordHash ?? DUMMY_HASH, normalisePassword(password));
			return ok && passwordHash !== null;
		} catch {
			return false;
		}
	});
}
