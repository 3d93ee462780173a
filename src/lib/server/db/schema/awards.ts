import { sqliteTable, integer, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaigns } from './campaigns';
import { units } from './units';
import { people } from './people';
import { periods } from './scoring';

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
		status: text({ enum: ['proposed', 'selected', 'declined'] })
			.notNull()
			.default('proposed'),
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
