import { sqliteTable, integer, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaigns } from './campaigns';
import { units } from './units';
import { people } from './people';
import { periods } from './scoring';
import type { Narrative } from '../../../domain/reports/types';
import type { Figures } from '../../../domain/figures/types';

/**
 * A request from a unit to its direct children for a report outside the yearly cycle (ad hoc: a thematic review,
 * figures for a conference), with its own deadline and the period whose figures it covers.
 */
export const reportRequests = sqliteTable('report_requests', {
	id: integer().primaryKey({ autoIncrement: true }),
	campaignId: integer()
		.notNull()
		.references(() => campaigns.id),
	/** The requesting unit: its active children taking part owe the report. */
	unitId: integer()
		.notNull()
		.references(() => units.id),
	periodId: integer()
		.notNull()
		.references(() => periods.id),
	title: text().notNull(),
	note: text().notNull().default(''),
	dueOn: text().notNull(),
	createdBy: integer()
		.notNull()
		.references(() => people.id),
	createdAt: integer().notNull()
});

/** A unit's report for a period of a campaign: one draft that is edited, submitted, and returned by the level above. */
export const reports = sqliteTable(
	'reports',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		campaignId: integer()
			.notNull()
			.references(() => campaigns.id),
		unitId: integer()
			.notNull()
			.references(() => units.id),
		periodId: integer()
			.notNull()
			.references(() => periods.id),
		/** The ad hoc request it answers; 0 (not NULL, which a UNIQUE key treats as distinct) for the period's own report. */
		requestId: integer().notNull().default(0),
		status: text({ enum: ['draft', 'submitted', 'returned'] })
			.notNull()
			.default('draft'),
		/** The figures' cut-off day, 'YYYY-MM-DD'; empty: today's, until submitted. */
		cutoffDay: text().notNull().default(''),
		narrative: text({ mode: 'json' }).$type<Narrative>().notNull(),
		returnReason: text(),
		returnedBy: integer().references(() => people.id),
		returnedAt: integer(),
		createdAt: integer().notNull(),
		updatedAt: integer().notNull()
	},
	(t) => [uniqueIndex('reports_unit_period_request_idx').on(t.campaignId, t.unitId, t.periodId, t.requestId)]
);

/** Each submission, frozen (triggers refuse UPDATE and DELETE): what the level above received and when. */
export const reportVersions = sqliteTable(
	'report_versions',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		reportId: integer()
			.notNull()
			.references(() => reports.id),
		version: integer().notNull(),
		narrative: text({ mode: 'json' }).$type<Narrative>().notNull(),
		figures: text({ mode: 'json' }).$type<Figures>().notNull(),
		cutoffDay: text().notNull(),
		cutoffAt: integer().notNull(),
		/** The deadline that applied, 'YYYY-MM-DD', and whether the version came by its end (an award criterion). */
		dueOn: text().notNull(),
		onTime: integer({ mode: 'boolean' }).notNull(),
		submittedBy: integer()
			.notNull()
			.references(() => people.id),
		submittedAt: integer().notNull()
	},
	(t) => [uniqueIndex('report_versions_idx').on(t.reportId, t.version)]
);
