import { sqliteTable, integer, text, real, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaigns } from './campaigns';
import type { CrossMeasureRule } from '../../../domain/initiatives/measures';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/** The campaign's content areas ("nội dung thi đua" 1.1-1.6 in the youth campaign). */
export const contentAreas = sqliteTable(
	'content_areas',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		campaignId: integer()
			.notNull()
			.references(() => campaigns.id),
		code: text().notNull(),
		name: text().notNull(),
		/** A sub-area ("1.7.a") points at its area; areas have none. */
		parentId: integer().references((): AnySQLiteColumn => contentAreas.id),
		/** Priority sectors the area covers (y tế, giáo dục...). */
		sectorTags: text({ mode: 'json' }).$type<string[]>().notNull().default([])
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
		/** Stable within the campaign: campaign files and scoring rules in them name types by code. */
		code: text().notNull().default(''),
		name: text().notNull(),
		description: text().notNull().default(''),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		/** How its measures must compare on one initiative ("applied ≤ ideas"), checked on save and submit. */
		measureRules: text({ mode: 'json' }).$type<CrossMeasureRule[]>().notNull().default([]),
		createdAt: integer().notNull()
	},
	(t) => [index('activity_types_campaign_idx').on(t.campaignId), uniqueIndex('activity_types_code_idx').on(t.campaignId, t.code)]
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
