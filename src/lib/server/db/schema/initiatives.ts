import { sqliteTable, integer, text, real, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units } from './units';
import { people } from './people';
import { teams } from './teams';
import { activityTypes, activityMeasures } from './activities';
import { CLAIM_STATUSES } from '../../../domain/initiatives/claims';

export const INITIATIVE_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'rejected', 'revoked'] as const;

export const initiatives = sqliteTable(
	'initiatives',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		unitId: integer()
			.notNull()
			.references(() => units.id),
		teamId: integer().references(() => teams.id),
		activityTypeId: integer()
			.notNull()
			.references(() => activityTypes.id),
		title: text().notNull(),
		/** Plain text with light markup (paragraphs, *emphasis*, links); never HTML. */
		story: text().notNull(),
		startedOn: text().notNull(),
		endedOn: text().notNull(),
		place: text().notNull(),
		status: text({ enum: INITIATIVE_STATUSES }).notNull().default('draft'),
		/** Bumped by every workflow transition; a form posts the revision it saw, so stale or repeated clicks are caught. */
		revision: integer().notNull().default(0),
		photosShowChildren: integer({ mode: 'boolean' }).notNull().default(false),
		guardianConsentBy: integer().references(() => people.id),
		guardianConsentAt: integer(),
		authorId: integer()
			.notNull()
			.references(() => people.id),
		createdAt: integer().notNull(),
		updatedAt: integer().notNull(),
		searchTitle: text().notNull(),
		/** Chosen for the public "điển hình" (exemplary) collection, by whom; null: not in it. */
		featuredAt: integer(),
		featuredBy: integer().references(() => people.id),
		/**
		 * The new-work form's own name for one save (random, kept with its draft on the phone): sent again because its
		 * answer was lost on a weak signal, the save finds the work it already made instead of making a second one.
		 */
		sendKey: text()
	},
	(t) => [
		uniqueIndex('initiatives_send_key_idx').on(t.authorId, t.sendKey),
		// Work sent back to its author, counted on every page they open (a secretary may have logged thousands).
		index('initiatives_author_status_idx').on(t.authorId, t.status),
		// A unit's works by status: the review queue's "far above the usual" reads each unit's approved ones.
		index('initiatives_unit_status_idx').on(t.unitId, t.status),
		// Figures read a campaign's works by activity day without touching the rows (the unit to filter by path).
		index('initiatives_type_day_idx').on(t.activityTypeId, t.endedOn, t.unitId, t.status),
		// The public list of approved works, newest first, walked in order a page at a time.
		index('initiatives_status_idx').on(t.status, t.startedOn, t.id),
		index('initiatives_team_idx').on(t.teamId),
		index('initiatives_featured_idx').on(t.featuredAt)
	]
);

export const initiativeMeasures = sqliteTable(
	'initiative_measures',
	{
		initiativeId: integer()
			.notNull()
			.references(() => initiatives.id),
		measureId: integer()
			.notNull()
			.references(() => activityMeasures.id),
		/** What the unit reported. */
		value: real().notNull(),
		/** Set when a verifier approved with an adjustment; the reported value stays for the record. */
		approvedValue: real()
	},
	(t) => [uniqueIndex('initiative_measures_pk').on(t.initiativeId, t.measureId)]
);

export const initiativeParticipants = sqliteTable(
	'initiative_participants',
	{
		initiativeId: integer()
			.notNull()
			.references(() => initiatives.id),
		personId: integer()
			.notNull()
			.references(() => people.id)
	},
	(t) => [uniqueIndex('initiative_participants_pk').on(t.initiativeId, t.personId)]
);

/**
 * QR check-in at a work's event: the organiser's key (its codes rotate every minute) and who checked in.
 * Checked-in people are the work's participants, kept through later edits of its form.
 */
export const checkInKeys = sqliteTable('check_in_keys', {
	initiativeId: integer()
		.primaryKey()
		.references(() => initiatives.id),
	secret: text().notNull(),
	openedBy: integer()
		.notNull()
		.references(() => people.id),
	openedAt: integer().notNull()
});

export const checkIns = sqliteTable(
	'check_ins',
	{
		initiativeId: integer()
			.notNull()
			.references(() => initiatives.id),
		personId: integer()
			.notNull()
			.references(() => people.id),
		at: integer().notNull()
	},
	(t) => [uniqueIndex('check_ins_pk').on(t.initiativeId, t.personId)]
);

/**
 * A member's word about work she did, confirmed or declined by whoever logs work there: her part in a work still
 * being prepared (`initiativeId` set), or work of her own (`title` and `startedOn`), which the secretary turns into a
 * work of the unit (`initiativeId` set then). One claim per person and work.
 */
export const participationClaims = sqliteTable(
	'participation_claims',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		initiativeId: integer().references(() => initiatives.id),
		personId: integer()
			.notNull()
			.references(() => people.id),
		/** The work's unit, or for work of her own, the branch she belongs to. */
		unitId: integer()
			.notNull()
			.references(() => units.id),
		/** Work of her own: what it was and when. */
		title: text(),
		startedOn: text(),
		/** What she did, in her words (plain text). */
		note: text().notNull(),
		status: text({ enum: CLAIM_STATUSES }).notNull().default('pending'),
		createdAt: integer().notNull(),
		decidedBy: integer().references(() => people.id),
		decidedAt: integer(),
		/** Why it was declined, when it was. */
		reason: text()
	},
	(t) => [
		uniqueIndex('participation_claims_once').on(t.initiativeId, t.personId),
		index('participation_claims_pending').on(t.initiativeId, t.status),
		index('participation_claims_unit').on(t.unitId, t.status)
	]
);

export const photos = sqliteTable(
	'photos',
	{
		/** Random, also the file name on disk: nothing the uploader typed reaches a path. */
		id: text().primaryKey(),
		initiativeId: integer()
			.notNull()
			.references(() => initiatives.id),
		position: integer().notNull(),
		/** SHA-256 of the original upload, to flag the same photo reused across initiatives. */
		sha256: text().notNull(),
		width: integer().notNull(),
		height: integer().notNull(),
		createdAt: integer().notNull(),
		createdBy: integer().references(() => people.id),
		removedAt: integer()
	},
	(t) => [index('photos_initiative_idx').on(t.initiativeId), index('photos_sha_idx').on(t.sha256)]
);

/**
 * One row per workflow transition, written in the transaction that makes it: the input the scoring engine
 * reads. Append-only (triggers); the idempotency key makes a repeated request a no-op.
 */
export const activityEvents = sqliteTable(
	'activity_events',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		initiativeId: integer()
			.notNull()
			.references(() => initiatives.id),
		type: text({ enum: ['submitted', 'approved', 'returned', 'rejected', 'revoked'] }).notNull(),
		/** The initiative as it stood at this moment (unit, team, type, measures, dates). */
		snapshot: text({ mode: 'json' }).$type<Record<string, unknown>>().notNull(),
		reason: text(),
		actorId: integer()
			.notNull()
			.references(() => people.id),
		/** The unit the actor acted for (the verifying district, for approvals). */
		actorUnitId: integer().references(() => units.id),
		at: integer().notNull(),
		idempotencyKey: text().notNull().unique()
	},
	(t) => [
		// A work's last event before a cut-off, and whether one came after it, are seeks in this index.
		index('activity_events_initiative_at_idx').on(t.initiativeId, t.at, t.id, t.type),
		// The ticker's latest approvals, newest first, read until enough are found.
		index('activity_events_type_at_idx').on(t.type, t.at, t.initiativeId)
	]
);
