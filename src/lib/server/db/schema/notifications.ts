import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { people } from './people';
import { initiatives } from './initiatives';
import { badgeAwards } from './scoring';
import { NOTICE_KINDS } from '../../../domain/notifications/notices';

/**
 * What happened to a person's work or to them, waiting under the bell until they read it; written in the
 * transaction of the event itself, so no decision goes untold and none is told that rolled back.
 */
export const notifications = sqliteTable(
	'notifications',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		personId: integer()
			.notNull()
			.references(() => people.id),
		kind: text({ enum: NOTICE_KINDS }).notNull(),
		initiativeId: integer().references(() => initiatives.id),
		badgeAwardId: integer().references(() => badgeAwards.id),
		reason: text(),
		/** What it is about when no work or badge names it (a member's own work she claimed, declined). */
		subject: text(),
		createdAt: integer().notNull(),
		readAt: integer(),
		/** When it went out by e-mail (null: not yet, or never — no SMTP, no address, or the person opted out). */
		emailedAt: integer()
	},
	(t) => [index('notifications_person_idx').on(t.personId, t.readAt)]
);
