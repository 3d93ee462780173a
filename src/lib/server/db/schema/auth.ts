import { sqliteTable, integer, text, blob, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { people } from './people';

/** Sessions in the shape of Lucia's guide: the cookie holds "id.secret", the table only SHA-256(secret). */
export const sessions = sqliteTable(
	'sessions',
	{
		id: text().primaryKey(),
		secretHash: blob({ mode: 'buffer' }).notNull(),
		personId: integer()
			.notNull()
			.references(() => people.id),
		createdAt: integer().notNull(),
		/** Sliding expiry: pushed forward on use, never past createdAt + the absolute lifetime. */
		expiresAt: integer().notNull(),
		lastSeenAt: integer().notNull(),
		userAgent: text().notNull().default('')
	},
	(t) => [index('sessions_person_idx').on(t.personId)]
);

/** One-time links an admin hands over so a person sets their own password. */
export const passwordTokens = sqliteTable(
	'password_tokens',
	{
		id: text().primaryKey(),
		secretHash: blob({ mode: 'buffer' }).notNull(),
		personId: integer()
			.notNull()
			.references(() => people.id),
		createdBy: integer().references(() => people.id),
		createdAt: integer().notNull(),
		expiresAt: integer().notNull(),
		usedAt: integer()
	},
	(t) => [index('password_tokens_person_idx').on(t.personId)]
);

/**
 * Password and second-factor guesses, one row each, written before the guess is checked (so concurrent
 * guesses see each other) and deleted when it succeeds. `account` is "person:<id>" for an account that
 * exists, else the typed identifier; `address` is the hashed client address. Rows older than a day go.
 */
export const loginAttempts = sqliteTable(
	'login_attempts',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		kind: text({ enum: ['password', 'second_factor'] }).notNull(),
		account: text().notNull(),
		address: text().notNull(),
		at: integer().notNull()
	},
	(t) => [
		index('login_attempts_account_idx').on(t.account, t.kind, t.at),
		index('login_attempts_address_idx').on(t.address, t.kind, t.at),
		index('login_attempts_at_idx').on(t.at)
	]
);

/** Addresses (hashed) an account has fully signed in from: they skip the account-wide guess limit. */
export const knownAddresses = sqliteTable(
	'known_addresses',
	{
		account: text().notNull(),
		address: text().notNull(),
		lastSignInAt: integer().notNull()
	},
	(t) => [primaryKey({ columns: [t.account, t.address] }), index('known_addresses_last_idx').on(t.lastSignInAt)]
);

/**
 * A person's second factor (TOTP, RFC 6238). The key stays on the server: it is needed to check each code.
 * `dueAt` is when a privileged role must have enrolled (the grace period); reset by a higher admin.
 */
export const secondFactors = sqliteTable('second_factors', {
	personId: integer()
		.primaryKey()
		.references(() => people.id),
	/** The confirmed key (20 random bytes); null until enrolment is confirmed, and after a reset. */
	secret: blob({ mode: 'buffer' }),
	/** A key being enrolled: shown as a QR code until a code from it is typed back. */
	pendingSecret: blob({ mode: 'buffer' }),
	confirmedAt: integer(),
	/** The last time step accepted: a code is never accepted twice. */
	lastUsedStep: integer(),
	dueAt: integer(),
	updatedAt: integer().notNull()
});

/** One-time recovery codes: only SHA-256 of each is stored (80 random bits each), used at most once. */
export const recoveryCodes = sqliteTable(
	'recovery_codes',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		personId: integer()
			.notNull()
			.references(() => people.id),
		codeHash: blob({ mode: 'buffer' }).notNull(),
		createdAt: integer().notNull(),
		usedAt: integer()
	},
	(t) => [index('recovery_codes_person_idx').on(t.personId)]
);

/**
 * A sign-in waiting for its second factor: the password was right, no session exists yet. The cookie holds
 * "id.secret", the table only SHA-256(secret); it lasts five minutes and is used once.
 */
export const signInChallenges = sqliteTable(
	'sign_in_challenges',
	{
		id: text().primaryKey(),
		secretHash: blob({ mode: 'buffer' }).notNull(),
		personId: integer()
			.notNull()
			.references(() => people.id),
		createdAt: integer().notNull(),
		expiresAt: integer().notNull()
	},
	(t) => [index('sign_in_challenges_person_idx').on(t.personId)]
);
