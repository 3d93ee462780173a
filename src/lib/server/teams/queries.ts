import { and, asc, desc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import { activityTypes, memberships, people, teamFocus, teamMembers, teams, units } from '../db/schema';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import { toSearchText } from '../../text';

export type TeamRow = typeof teams.$inferSelect;

export function getTeam(db: Db, id: number): TeamRow | undefined {
	return db.select().from(teams).where(eq(teams.id, id)).get();
}

const activeMembersOf = (db: Db) =>
	db
		.select({ id: teamMembers.personId })
		.from(teamMembers)
		.where(and(eq(teamMembers.teamId, sql.placeholder('teamId')), isNull(teamMembers.leftAt)))
		.prepare();

export function activeMemberIds(db: Db, teamId: number): number[] {
	return prepared(db, activeMembersOf)
		.all({ teamId })
		.map((r) => r.id);
}

export function teamDetail(db: Db, id: number) {
	const row = db
		.select({ team: teams, unitName: units.name, unitPath: units.path, unitActive: units.active, leaderName: people.displayName })
		.from(teams)
		.innerJoin(units, eq(units.id, teams.unitId))
		.innerJoin(people, eq(people.id, teams.leaderId))
		.where(eq(teams.id, id))
		.get();
	if (!row) return null;
	const members = db
		.select({ id: people.id, displayName: people.displayName, fullName: people.fullName })
		.from(teamMembers)
		.innerJoin(people, eq(people.id, teamMembers.personId))
		.where(and(eq(teamMembers.teamId, id), isNull(teamMembers.leftAt)))
		.orderBy(asc(teamMembers.joinedAt))
		.all();
	const focus = db
		.select({ id: activityTypes.id, name: activityTypes.name })
		.from(teamFocus)
		.innerJoin(activityTypes, eq(activityTypes.id, teamFocus.activityTypeId))
		.where(eq(teamFocus.teamId, id))
		.all();
	return { ...row, members, focus };
}

export function listTeams(db: Db, query: string, limit = 100) {
	const q = toSearchText(query).replace(/[%_\\]/g, '');
	return db
		.select({
			id: teams.id,
			name: teams.name,
			kind: teams.kind,
			unitName: units.name,
			members: sql<number>`(select count(*) from ${teamMembers} where ${teamMembers.teamId} = ${teams.id} and ${teamMembers.leftAt} is null)`
		})
		.from(teams)
		.innerJoin(units, eq(units.id, teams.unitId))
		.where(q ? sql`(${teams.searchName} like ${`%${q}%`} or ${units.searchName} like ${`%${q}%`})` : undefined)
		.orderBy(desc(teams.createdAt))
		.limit(limit)
		.all();
}

/** Teams a person leads or belongs to (to log initiatives for, and for their dashboard). */
export function teamsOf(db: Db, personId: number) {
	return db
		.selectDistinct({ id: teams.id, name: teams.name, unitId: teams.unitId, leaderId: teams.leaderId })
		.from(teams)
		.leftJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), isNull(teamMembers.leftAt)))
		.where(sql`${teams.leaderId} = ${personId} or ${teamMembers.personId} = ${personId}`)
		.all();
}

/** People with an open membership inside a subtree: who may lead or join a team there. */
export function peopleInScope(db: Db, scopePath: string, limit = 2000) {
	return db
		.selectDistinct({ id: people.id, fullName: people.fullName, unitName: units.name })
		.from(people)
		.innerJoin(memberships, and(eq(memberships.personId, people.id), isNull(memberships.leftOn)))
		.innerJoin(units, eq(units.id, memberships.unitId))
		.where(and(like(units.path, `${scopePath}%`), isNull(people.disabledAt)))
		.orderBy(asc(people.fullName))
		.limit(limit)
		.all();
}

export function isMemberWithin(db: Db, personId: number, scopePath: string): boolean {
	return !!db
		.select({ id: memberships.id })
		.from(memberships)
		.innerJoin(units, eq(units.id, memberships.unitId))
		.where(and(eq(memberships.personId, personId), isNull(memberships.leftOn), like(units.path, `${scopePath}%`)))
		.get();
}

export function existingActivityTypeIds(db: Db, ids: number[]): number[] {
	if (ids.length === 0) return [];
	return db
		.select({ id: activityTypes.id })
		.from(activityTypes)
		.where(inArray(activityTypes.id, ids))
		.all()
		.map((r) => r.id);
}
