import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';
import { units } from './units';

export interface ParticipantKind {
	code: string;
	label: string;
	collective: boolean;
}

export const campaigns = sqliteTable('campaigns', {
	id: integer().primaryKey({ autoIncrement: true }),
	slug: text().notNull().unique(),
	name: text().notNull(),
	theme: text().notNull(),
	ownerUnitId: integer()
		.notNull()
		.references(() => units.id),
	timezone: text().notNull().default('Asia/Ho_Chi_Minh'),
	participantKinds: text({ mode: 'json' }).$type<ParticipantKind[]>().notNull(),
	startsOn: text().notNull(),
	endsOn: text().notNull(),
	/** Whether grassroots unions may verify their own branches' initiatives (else only district level and up). */
	grassrootsMayVerify: integer({ mode: 'boolean' }).notNull().default(false),
	/** Yearly report deadline as "MM-DD". */
	reportDueOn: text().notNull(),
	createdAt: integer().notNull()
});
