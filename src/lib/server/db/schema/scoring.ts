import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaigns } from './campaigns';
import { people } from './people';
import { activityEvents } from './initiatives';
import { PERIOD_STATUSES } from '../../../domain/scoring/periods';

export const periods = sqliteTable(
	'periods',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		campaignId: integer()
			.notNull()
			.references(() => campaigns.id),
		code: text().notNull(),
		name: text().notNull(),
		kind: text({ enum: ['year', 'phase', 'campaign'] }).notNull(),
		startsOn: text().notNull(),
		endsOn: text().notNull(),
		graceDays: integer().notNull().default(15),
		status: text({ enum: PERIOD_STATUSES }).notNull().default('open'),
		closedAt: integer(),
		/** The last ledger sequence included when the period closed: later rows are shown as adjustments. */
		closedSeq: integer(),
		closedBy: integer().references(() => people.id)
	},
	(t) => [uniqueIndex('periods_code_idx').on(t.campaignId, t.code)]
);

/** Versioned rules: drafts are editable; published ones never change, a new version starts on its date. */
export const ruleSets = sqliteTable(
	'rule_sets',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		campaignId: integer()
			.notNull()
			.references(() => campaigns.id),
		version: integer().notNull(),
		status: text({ enum: ['draft', 'active', 'retired'] }).notNull(),
		effectiveFrom: text().notNull(),
		definition: text({ mode: 'json' }).$type<unknown>().notNull(),
		note: text().notNull().default(''),
		createdBy: integer().references(() => people.id),
		createdAt: integer().notNull(),
		publishedAt: integer()
	},
	(t) => [uniqueIndex('rule_sets_version_idx').on(t.campaignId, t.version)]
);

/**
 * The ledger: append-only (triggers), one row per credit, reversal or correction. Boards, badges and the
 * explain page are projections of it. The id is the ledger sequence.
 */
export const pointEntries = sqliteTable(
	'point_entries',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		eventId: integer()
			.notNull()
			.references(() => activityEvents.id),
		initiativeId: integer().notNull(),
		/** The campaign whose rules priced this row: boards, caps and periods never mix campaigns. */
		campaignId: integer().notNull(),
		ruleSetVersion: integer().notNull(),
		ruleCode: text().notNull(),
		subjectType: text().notNull(),
		subjectId: integer().notNull(),
		points: integer().notNull(),
		/** The activity's day in Vietnam: decides periods and cap years. */
		activityDate: text().notNull(),
		/** The subject's place in the tree for this work, frozen: later moves and merges do not rewrite it. */
		scopePath: text().notNull(),
		contentArea: text(),
		kind: text({ enum: ['award', 'reversal', 'adjustment', 'recompute'] }).notNull(),
		reversesEntryId: integer(),
		/** '' outside a recompute run: SQLite treats NULLs as distinct in UNIQUE keys. */
		recomputeRun: text().notNull().default(''),
		reason: text(),
		createdAt: integer().notNull(),
		idempotencyKey: text().notNull().unique()
	},
	(t) => [
		// Covers what the explain page sums and pages through for one subject on one board (a district's score at the
		// province's size is 16,000 rows: read from the index alone, not row by row), and the rebuild at start, which
		// groups the whole ledger in this order without sorting it (boardsFromLedger), and a subject's standing work,
		// read when its badges are evaluated (three to four times faster for a branch of 5,000 works than row by row),
		// and what a capped rule has already given a subject this year (summed on every credit it caps).
		index('point_entries_subject_idx').on(
			t.subjectType,
			t.subjectId,
			t.campaignId,
			t.activityDate,
			t.scopePath,
			t.contentArea,
			t.points,
			t.initiativeId,
			t.ruleCode
		),
		index('point_entries_campaign_idx').on(t.campaignId),
		index('point_entries_event_idx').on(t.eventId),
		index('point_entries_initiative_idx').on(t.initiativeId)
	]
);

export const badgeDefinitions = sqliteTable('badge_definitions', {
	code: text().primaryKey(),
	name: text().notNull(),
	howToEarn: text().notNull(),
	/** One of the built-in icons (components/BadgeIcon.svelte): no uploaded SVG ever reaches a page. */
	icon: text().notNull(),
	spec: text({ mode: 'json' }).$type<unknown>().notNull(),
	active: integer({ mode: 'boolean' }).notNull().default(true),
	position: integer().notNull().default(0),
	/** The campaign whose file brought it (null: made before campaign files). */
	campaignId: integer().references(() => campaigns.id)
});

export const badgeAwards = sqliteTable(
	'badge_awards',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		badgeCode: text()
			.notNull()
			.references(() => badgeDefinitions.code),
		level: integer().notNull(),
		subjectType: text().notNull(),
		subjectId: integer().notNull(),
		/** 'ALL' for badges not tied to a period (a sentinel: NULLs are distinct in SQLite UNIQUE keys). */
		periodCode: text().notNull(),
		awardedAt: integer().notNull(),
		evidence: text({ mode: 'json' }).$type<number[]>().notNull(),
		revokedAt: integer(),
		revokeReason: text()
	},
	(t) => [
		uniqueIndex('badge_awards_key').on(t.badgeCode, t.level, t.subjectType, t.subjectId, t.periodCode),
		index('badge_awards_subject_idx').on(t.subjectType, t.subjectId)
	]
);

/** Standings frozen when a period closes, with the published tie order applied. */
export const periodStandings = sqliteTable(
	'period_standings',
	{
		periodId: integer()
			.notNull()
			.references(() => periods.id),
		boardKey: text().notNull(),
		subjectId: integer().notNull(),
		points: integer().notNull(),
		rank: integer().notNull(),
		position: integer().notNull(),
		frozenAt: integer().notNull()
	},
	(t) => [uniqueIndex('period_standings_pk').on(t.periodId, t.boardKey, t.subjectId)]
);

export const recomputeRuns = sqliteTable('recompute_runs', {
	id: integer().primaryKey({ autoIncrement: true }),
	ruleSetVersion: integer().notNull(),
	status: text({ enum: ['preview', 'applied', 'discarded'] }).notNull(),
	diff: text({ mode: 'json' }).$type<unknown>().notNull(),
	createdBy: integer().references(() => people.id),
	createdAt: integer().notNull(),
	appliedAt: integer()
});
