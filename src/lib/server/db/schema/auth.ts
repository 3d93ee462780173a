import { sqliteTable, integer, text, blob, index } from 'drizzle-orm/sqlite-core';
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

/** Failed-login counters keyed by "account:<identifier>" or "ip:<address>"; in SQLite so every process shares them. */
export const loginThrottle = sqliteTable('login_throttle', {
	key: text().primaryKey(),
	failures: integer().notNull(),
	windowStartedAt: integer().notNull(),
	blockedUntil: integer().notNull()
});
