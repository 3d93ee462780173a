import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

/** Append-only (triggers refuse UPDATE and DELETE): who did what, when, to what, before and after. */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		at: integer().notNull(),
		actorId: integer(),
		action: text().notNull(),
		targetType: text().notNull(),
		targetId: text(),
		/** The unit whose admins may read this row. */
		unitId: integer(),
		before: text({ mode: 'json' }).$type<Record<string, unknown>>(),
		after: text({ mode: 'json' }).$type<Record<string, unknown>>(),
		ipHash: text(),
		requestId: text()
	},
	(t) => [index('audit_log_target_idx').on(t.targetType, t.targetId), index('audit_log_unit_idx').on(t.unitId)]
);

export const appMeta = sqliteTable('app_meta', {
	key: text().primaryKey(),
	value: text().notNull()
});
