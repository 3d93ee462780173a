import { sqliteTable, integer, text, real, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaigns } from './campaigns';

/** The campaign's content areas ("nội dung thi đua" 1.1-1.6 in the youth campaign). */
export const contentAreas = sqliteTable(
	'content_areas',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		campaignId: integer()
			.notNull()
			.references(() => campaigns.id),
		code: text().notNull(),
		name: text().notNull()
	},
	(t) => [uniqueIndex('content_areas_code_idx').on(t.campaignId, t.code)]
);

export const activityTypes = sqliteTable(
	'activity_types',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		campaignId: integer()
			.notNull()
			.references(() => campaigns.id),
		contentAreaId: integer()
			.notNull()
			.references(() => contentAreas.id),
		name: text().notNull(),
		description: text().notNull().default(''),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		createdAt: integer().notNull()
	},
	(t) => [index('activity_types_campaign_idx').on(t.campaignId)]
);

/** What an initiative of a type reports, with its unit and a sane range per initiative. */
export const activityMeasures = sqliteTable(
	'activity_measures',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		activityTypeId: integer()
			.notNull()
			.references(() => activityTypes.id),
		code: text().notNull(),
		label: text().notNull(),
		unitLabel: text().notNull(),
		kind: text({ enum: ['integer', 'decimal'] }).notNull(),
		min: real().notNull(),
		max: real().notNull(),
		required: integer({ mode: 'boolean' }).notNull().default(true),
		position: integer().notNull()
	},
	(t) => [uniqueIndex('activity_measures_code_idx').on(t.activityTypeId, t.code)]
);
