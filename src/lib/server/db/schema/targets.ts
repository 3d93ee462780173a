import { sqliteTable, integer, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaigns } from './campaigns';
import { units } from './units';
import { people } from './people';
import { periods } from './scoring';
import type { TargetValues } from '../../../domain/targets/rules';

/**
 * A unit's registration of targets (đăng ký chỉ tiêu) for a period of a campaign: edited as a draft, sent to the
 * level above, which accepts or returns it. Only accepted targets are shown as progress.
 */
export const unitTargets = sqliteTable(
	'unit_targets',
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
		status: text({ enum: ['draft', 'submitted', 'accepted', 'returned'] })
			.notNull()
			.default('draft'),
		/** What the unit is editing or has sent. */
		targets: text({ mode: 'json' }).$type<TargetValues>().notNull(),
		/** What the level above last accepted: progress keeps showing it while a change is under review. */
		accepted: text({ mode: 'json' }).$type<TargetValues>(),
		submittedBy: integer().references(() => people.id),
		submittedAt: integer(),
		decidedBy: integer().references(() => people.id),
		decidedAt: integer(),
		returnReason: text(),
		createdAt: integer().notNull(),
		updatedAt: integer().notNull()
	},
	(t) => [uniqueIndex('unit_targets_unit_period_idx').on(t.campaignId, t.unitId, t.periodId)]
);
