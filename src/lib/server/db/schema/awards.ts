import { sqliteTable, integer, text, uniqueIndex, primaryKey, blob } from 'drizzle-orm/sqlite-core';
import { campaigns } from './campaigns';
import { units } from './units';
import { people } from './people';
import { periods } from './scoring';

/** The signed decision (quyết định khen thưởng) that awards a form's selected proposals for a period. */
export const awardDecisions = sqliteTable('award_decisions', {
	id: integer().primaryKey({ autoIncrement: true }),
	campaignId: integer()
		.notNull()
		.references(() => campaigns.id),
	periodId: integer()
		.notNull()
		.references(() => periods.id),
	formCode: text().notNull(),
	/** Số quyết định, as the office wrote it ("125/QĐ-UBND"). */
	number: text().notNull(),
	signedOn: text().notNull(),
	signer: text().notNull(),
	createdBy: integer()
		.notNull()
		.references(() => people.id),
	createdAt: integer().notNull()
});

/** The emulation and awards council (Hội đồng thi đua – khen thưởng) of a campaign's owner: named seats in order. */
export const awardCouncilMembers = sqliteTable(
	'award_council_members',
	{
		campaignId: integer()
			.notNull()
			.references(() => campaigns.id),
		seat: integer().notNull(),
		name: text().notNull(),
		position: text().notNull()
	},
	(t) => [primaryKey({ columns: [t.campaignId, t.seat] })]
);

/** A council meeting that reviewed a form's selected proposals for a period, with its minutes (biên bản). */
export const councilReviews = sqliteTable('council_reviews', {
	id: integer().primaryKey({ autoIncrement: true }),
	campaignId: integer()
		.notNull()
		.references(() => campaigns.id),
	periodId: integer()
		.notNull()
		.references(() => periods.id),
	formCode: text().notNull(),
	heldOn: text().notNull(),
	minutes: text().notNull(),
	/** Seats of the council at the meeting: the majority is of all of them. */
	seats: integer().notNull(),
	createdBy: integer()
		.notNull()
		.references(() => people.id),
	createdAt: integer().notNull()
});

/** One member's vote on one proposal at a council meeting; the member's name and position as they were then. */
export const councilVotes = sqliteTable(
	'council_votes',
	{
		reviewId: integer()
			.notNull()
			.references(() => councilReviews.id),
		nominationId: integer()
			.notNull()
			.references(() => nominations.id),
		seat: integer().notNull(),
		memberName: text().notNull(),
		memberPosition: text().notNull(),
		vote: text({ enum: ['agree', 'disagree'] }).notNull()
	},
	(t) => [primaryKey({ columns: [t.reviewId, t.nominationId, t.seat] })]
);

/**
 * A unit's proposal (đề nghị) that a subject on one of its frozen boards receive an award form for a closed
 * period, with its citation (thành tích); the standing office selects it within the form's quota or declines it.
 */
export const nominations = sqliteTable(
	'nominations',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		campaignId: integer()
			.notNull()
			.references(() => campaigns.id),
		periodId: integer()
			.notNull()
			.references(() => periods.id),
		formCode: text().notNull(),
		/** As boards name subjects: a unit level's code, `team` or `member`. */
		subjectType: text().notNull(),
		subjectId: integer().notNull(),
		/** What the award form's quotas count it as: collective, individual or household. */
		subjectKind: text({ enum: ['collective', 'individual', 'household'] })
			.notNull()
			.default('collective'),
		/**
		 * Khen đột xuất: proposed for one achievement (an approved work) outside the period's review, off its
		 * ranking and its quota. 0/1 rather than a nullable flag: it is part of the unique key.
		 */
		adHoc: integer({ mode: 'boolean' }).notNull().default(false),
		/** The nominating unit: the subject stands on one of its boards (or, ad hoc, in its tree). */
		unitId: integer()
			.notNull()
			.references(() => units.id),
		/**
		 * The unit now weighing it: proposals go up level by level — each level forwards or declines — until the
		 * campaign's owner selects within the quota.
		 */
		atUnitId: integer().references(() => units.id),
		/** The subject's approved works of the period when it was proposed (initiative ids), its evidence. */
		evidence: text({ mode: 'json' }).$type<number[]>().notNull().default([]),
		/** The form's criteria the proposing unit attests the subject meets (their text, as the form had it). */
		attested: text({ mode: 'json' }).$type<string[]>().notNull().default([]),
		citation: text().notNull(),
		/** proposed → selected (within quota) → endorsed by the council → awarded by a decision; or declined. */
		status: text({ enum: ['proposed', 'selected', 'declined', 'endorsed', 'awarded'] })
			.notNull()
			.default('proposed'),
		/** The decision that awarded it (status `awarded`). */
		decisionId: integer().references(() => awardDecisions.id),
		/** The council meeting that voted on it. */
		reviewId: integer(),
		reason: text(),
		createdBy: integer()
			.notNull()
			.references(() => people.id),
		createdAt: integer().notNull(),
		decidedBy: integer().references(() => people.id),
		decidedAt: integer(),
		/** An award withdrawn after its decision (false records found): its certificate and credential verify as revoked. */
		revokedAt: integer(),
		revokedReason: text()
	},
	(t) => [uniqueIndex('nominations_subject_idx').on(t.campaignId, t.periodId, t.formCode, t.subjectType, t.subjectId, t.adHoc)]
);

/**
 * The installation's signing keys (Ed25519) for verifiable credentials, generated on first use; the newest signs,
 * older ones stay published so credentials signed with them still verify.
 */
export const signingKeys = sqliteTable('signing_keys', {
	id: text().primaryKey(),
	/** The raw 32-byte public key, base64url. */
	publicKey: text().notNull(),
	/** PKCS#8 DER, base64. */
	privateKey: text().notNull(),
	createdAt: integer().notNull()
});

/** Each step of a proposal — proposed, forwarded, selected, declined, voted, awarded, revoked — for its timeline. */
export const nominationSteps = sqliteTable('nomination_steps', {
	id: integer().primaryKey({ autoIncrement: true }),
	nominationId: integer()
		.notNull()
		.references(() => nominations.id),
	at: integer().notNull(),
	step: text({ enum: ['proposed', 'forwarded', 'selected', 'declined', 'endorsed', 'awarded', 'revoked'] }).notNull(),
	/** The unit that took the step. */
	unitId: integer()
		.notNull()
		.references(() => units.id),
	note: text()
});

/**
 * A proposal's dossier (hồ sơ đề nghị), one PDF, kept in the database so backups carry it; replaced while the
 * proposal waits.
 */
export const nominationDossiers = sqliteTable('nomination_dossiers', {
	nominationId: integer()
		.primaryKey()
		.references(() => nominations.id),
	fileName: text().notNull(),
	bytes: blob({ mode: 'buffer' }).notNull(),
	size: integer().notNull(),
	sha256: text().notNull(),
	uploadedBy: integer()
		.notNull()
		.references(() => people.id),
	uploadedAt: integer().notNull()
});
