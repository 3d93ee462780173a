import { sqliteTable, integer, text, blob, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units } from './units';
import { people } from './people';
import { activityTypes } from './activities';

export const teams = sqliteTable(
	'teams',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		name: text().notNull(),
		/** A code of the campaign's team kinds (domain/teams.ts); the column never had a CHECK, so kinds are data. */
		kind: text().notNull(),
		unitId: integer()
			.notNull()
			.references(() => units.id),
		leaderId: integer()
			.notNull()
			.references(() => people.id),
		/** Communes, villages or places the team serves, one per line. */
		servedPlaces: text({ mode: 'json' }).$type<string[]>().notNull(),
		/** Helpers without accounts, by name only. */
		helpers: text({ mode: 'json' }).$type<string[]>().notNull(),
		activeFrom: text().notNull(),
		activeTo: text(),
		searchName: text().notNull(),
		createdAt: integer().notNull(),
		createdBy: integer().references(() => people.id)
	},
	(t) => [index('teams_unit_idx').on(t.unitId)]
);

/** Time-bounded, like unit memberships: leaving closes the row. */
export const teamMembers = sqliteTable(
	'team_members',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		teamId: integer()
			.notNull()
			.references(() => teams.id),
		personId: integer()
			.notNull()
			.references(() => people.id),
		joinedAt: integer().notNull(),
		leftAt: integer()
	},
	(t) => [index('team_members_team_idx').on(t.teamId), index('team_members_person_idx').on(t.personId)]
);

export const teamFocus = sqliteTable(
	'team_focus',
	{
		teamId: integer()
			.notNull()
			.references(() => teams.id),
		activityTypeId: integer()
			.notNull()
			.references(() => activityTypes.id)
	},
	(t) => [uniqueIndex('team_focus_pk').on(t.teamId, t.activityTypeId)]
);

/** Invite links the leader shows as a QR code; reusable until they expire or are replaced. */
export const teamInvites = sqliteTable('team_invites', {
	id: text().primaryKey(),
	secretHash: blob({ mode: 'buffer' }).notNull(),
	teamId: integer()
		.notNull()
		.references(() => teams.id),
	createdBy: integer().references(() => people.id),
	createdAt: integer().notNull(),
	expiresAt: integer().notNull(),
	revokedAt: integer()
});
