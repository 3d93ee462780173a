import { sqliteTable, integer, text, index, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/** Kinds of units a campaign can use (province, district, grassroots, branch, village...). Data, not code. */
export const unitLevels = sqliteTable('unit_levels', {
	code: text().primaryKey(),
	label: text().notNull(),
	/** Smaller ranks sit higher in a tree; used only to suggest a child's level. */
	rank: integer().notNull()
});

export const units = sqliteTable(
	'units',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		parentId: integer().references((): AnySQLiteColumn => units.id),
		level: text()
			.notNull()
			.references(() => unitLevels.code),
		name: text().notNull(),
		shortName: text().notNull(),
		/**
		 * What spreadsheets call the unit ("Mã đơn vị"), unique in the installation. Units created here get
		 * "DV<id>" from a trigger (migration 0011); imported units keep the code their file gives them.
		 */
		code: text().unique(),
		/** Materialised path of ids, "/1/4/9/": ancestors are in the string, descendants share its prefix. */
		path: text().notNull().unique(),
		depth: integer().notNull(),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		/** Set when merged: where this unit's work continues. The retired row itself is never rewritten away. */
		successorId: integer().references((): AnySQLiteColumn => units.id),
		retiredAt: integer(),
		createdAt: integer().notNull(),
		/** Lower-case, diacritics-free name for search ("ta ma" finds "Tà Ma"). */
		searchName: text().notNull()
	},
	(t) => [index('units_parent_idx').on(t.parentId), index('units_successor_idx').on(t.successorId)]
);
