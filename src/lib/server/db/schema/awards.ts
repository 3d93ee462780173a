import { sqliteTable, integer, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
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
		/** The nominating unit: the subject stands on one of its boards. */
		unitId: integer()
			.notNull()
			.references(() => units.id),
		citation: text().notNull(),
		status: text({ enum: ['proposed', 'selected', 'declined', 'awarded'] })
			.notNull()
			.default('proposed'),
		/** The decision that awarded it (status `awarded`). */
		decisionId: integer().references(() => awardDecisions.id),
		reason: text(),
		createdBy: integer()
			.notNull()
			.references(() => people.id),
		createdAt: integer().notNull(),
		decidedBy: integer().references(() => people.id),
		decidedAt: integer()
	},
	(t) => [uniqueIndex('nominations_subject_idx').on(t.campaignId, t.periodId, t.formCode, t.subjectType, t.subjectId)]
);
