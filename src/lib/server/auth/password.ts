import { hash, verify } from '@node-rs/argon2';
import { normalisePassword } from '../../domain/auth/password-policy';
import { concurrencyLimit } from '../concurrency';

/** OWASP / ASVS minimum for argon2id with t=2; passed explicitly so a library default change cannot weaken it. */
const ARGON2ID = 2; // Algorithm.Argon2id: a const enum, which isolated modules cannot import.
const ARGON2_OPTIONS = {
	algorithm: ARGON2ID,
	memoryCost: 19456,
	timeCost: 2,
	parallelism: 1,
	outputLen: 32
} as const;

/** Argon2 at 19 MiB each: a burst of logins must not exhaust memory, so hashing waits its turn. */
const limited = concurrencyLimit(4);

export function hashPassword(password: string): Promise<string> {
	return limited(() => hash(normalisePassword(password), ARGON2_OPTIONS));
}

/** A valid hash of a random password, verified when the account does not exist so timing does not tell. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$4o3rZbXPd0cHmKv9Wt+Ynw$Z0b3oQvF7Ng1qHq2T8dVjRz2sq4mIGoCqOq1eE1pZ0g';

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
	return limited(async () => {
		try {
			const ok = await verify(passwordHash ?? DUMMY_HASH, normalisePassword(password));
			return ok && passwordHash !== null;
		} catch {
			return false;
		}
	});
}
