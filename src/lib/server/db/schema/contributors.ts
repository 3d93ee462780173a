import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaigns } from './campaigns';
import { units } from './units';
import { people } from './people';
import { initiatives } from './initiatives';

/**
 * Households, young people outside the union, and collectives or persons from outside the area who take part
 * in a campaign: names with a kind, not units and not people of the tree (why: domain/contributors.ts).
 */
export const contributors = sqliteTable(
	'contributors',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		campaignId: integer()
			.notNull()
			.references(() => campaigns.id),
		/** One of the campaign's participant kinds recorded as contributors ("household", "outside_individual"). */
		kind: text().notNull(),
		name: text().notNull(),
		/** Copied from the kind when recorded: a collective (a company, an association) or an individual. */
		collective: integer({ mode: 'boolean' }).notNull(),
		/** The unit that recorded it (a xóm for its households): boards count it there and above. */
		unitId: integer()
			.notNull()
			.references(() => units.id),
		createdAt: integer().notNull(),
		createdBy: integer().references(() => people.id),
		/** Lower-case, diacritics-free name: typing the same household again finds it instead of a twin. */
		searchName: text().notNull()
	},
	(t) => [
		uniqueIndex('contributors_name_idx').on(t.campaignId, t.unitId, t.kind, t.searchName),
		index('contributors_unit_idx').on(t.unitId)
	]
);

export const initiativeContributors = sqliteTable(
	'initiative_contributors',
	{
		initiativeId: integer()
			.notNull()
			.references(() => initiatives.id),
		contributorId: integer()
			.notNull()
			.references(() => contributors.id)
	},
	(t) => [
		uniqueIndex('initiative_contributors_pk').on(t.initiativeId, t.contributorId),
		index('initiative_contributors_contributor_idx').on(t.contributorId)
	]
);
