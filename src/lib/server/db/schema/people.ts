import { sqliteTable, integer, text, index, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { units } from './units';
import { campaigns } from './campaigns';

export const people = sqliteTable('people', {
	id: integer().primaryKey({ autoIncrement: true }),
	fullName: text().notNull(),
	/** What the public sees ("Nguyễn V. An"): never the full name unless the person chooses it. */
	displayName: text().notNull(),
	birthYear: integer(),
	username: text().unique(),
	phone: text().unique(),
	email: text().unique(),
	/** Null until the person sets a password through a one-time link. */
	passwordHash: text(),
	disabledAt: integer(),
	createdAt: integer().notNull(),
	createdBy: integer(),
	/** Badges awarded after this moment are celebrated on the person's next visit (a push may have been missed). */
	badgesSeenAt: integer().notNull().default(0),
	/** Notices also go by e-mail (when the installation has SMTP and the person an address) unless switched off. */
	emailNotices: integer({ mode: 'boolean' }).notNull().default(true),
	/** The Vietnamese day ("2026-12-05") of the last e-mail of what is due from the person (one a day at most). */
	remindedOn: text()
});

/** Time-bounded membership: leaving or a merge closes a row, it never deletes it. */
export const memberships = sqliteTable(
	'memberships',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		personId: integer()
			.notNull()
			.references(() => people.id),
		unitId: integer()
			.notNull()
			.references(() => units.id),
		joinedOn: text().notNull(),
		leftOn: text()
	},
	(t) => [index('memberships_person_idx').on(t.personId), index('memberships_unit_idx').on(t.unitId)]
);

export const roleAssignments = sqliteTable(
	'role_assignments',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		personId: integer()
			.notNull()
			.references(() => people.id),
		role: text({ enum: ['province_admin', 'district_admin', 'unit_admin', 'member', 'council_member'] }).notNull(),
		unitId: integer()
			.notNull()
			.references(() => units.id),
		grantedAt: integer().notNull(),
		grantedBy: integer().references(() => people.id),
		revokedAt: integer(),
		/** Null: every campaign and the organisation itself; else the role holds for that campaign only. */
		campaignId: integer().references((): AnySQLiteColumn => campaigns.id)
	},
	(t) => [index('role_assignments_person_idx').on(t.personId)]
);
