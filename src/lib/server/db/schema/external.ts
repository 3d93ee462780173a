import { sqliteTable, integer, text, real, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaigns } from './campaigns';
import { units } from './units';
import { people } from './people';

/** A unit's score and rank on an external index for a year, as imported (a new import of the year replaces them). */
export const externalScores = sqliteTable(
	'external_scores',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		campaignId: integer()
			.notNull()
			.references(() => campaigns.id),
		indexCode: text().notNull(),
		year: integer().notNull(),
		unitId: integer()
			.notNull()
			.references(() => units.id),
		score: real(),
		rank: integer(),
		importedBy: integer()
			.notNull()
			.references(() => people.id),
		importedAt: integer().notNull()
	},
	(t) => [uniqueIndex('external_scores_idx').on(t.campaignId, t.indexCode, t.year, t.unitId)]
);
