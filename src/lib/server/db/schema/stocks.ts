import { sqliteTable, integer, text, real, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaigns } from './campaigns';
import { units } from './units';
import { people } from './people';

/** A unit's value of a stock indicator on a day (one per day: entering it again that day corrects it). */
export const stockValues = sqliteTable(
	'stock_values',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		campaignId: integer()
			.notNull()
			.references(() => campaigns.id),
		unitId: integer()
			.notNull()
			.references(() => units.id),
		indicatorCode: text().notNull(),
		onDay: text().notNull(),
		value: real().notNull(),
		enteredBy: integer()
			.notNull()
			.references(() => people.id),
		enteredAt: integer().notNull(),
		/**
		 * For an indicator the level above verifies: the value it confirmed, by whom and when. A correction of the
		 * day's value waits for confirmation while the confirmed one keeps counting.
		 */
		verifiedValue: real(),
		verifiedBy: integer().references(() => people.id),
		verifiedAt: integer()
	},
	(t) => [uniqueIndex('stock_values_idx').on(t.campaignId, t.indicatorCode, t.unitId, t.onDay)]
);
