import { sqliteTable, integer, text, blob, index } from 'drizzle-orm/sqlite-core';
import { people } from './people';

/**
 * A spreadsheet between its preview and its confirmation: the confirmation re-reads these bytes and plans
 * again against the database as it is then, so nothing the admin did not see in a preview is applied.
 * The bytes are dropped once applied; the row stays to find the people it created (their password links).
 */
export const imports = sqliteTable(
	'imports',
	{
		id: text().primaryKey(),
		personId: integer().references(() => people.id),
		fileName: text().notNull(),
		sha256: text().notNull(),
		content: blob({ mode: 'buffer' }),
		createdAt: integer().notNull(),
		appliedAt: integer(),
		/** JSON: counts, the previewed plan's digest, and the ids of the people this import created. */
		summary: text({ mode: 'json' }).$type<{ counts: Record<string, number>; createdPersonIds: number[]; digest?: string }>()
	},
	(t) => [index('imports_person_idx').on(t.personId)]
);
