import { and, desc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import { campaigns, memberships, people, roleAssignments, units } from '../db/schema';
import type { Db } from '../db/client';
import { toSearchText } from '../../text';
import type { Role } from '../../domain/permissions';
import type { UnitNode } from '../../domain/units/tree';

export function personDetail(db: Db, personId: number) {
	const person = db
		.select({
			id: people.id,
			fullName: people.fullName,
			displayName: people.displayName,
			birthYear: people.birthYear,
			username: people.username,
			phone: people.phone,
			email: people.email,
			emailNotices: people.emailNotices,
			hasPassword: sql<number>`${people.passwordHash} is not null`,
			disabledAt: people.disabledAt,
			createdAt: people.createdAt
		})
		.from(people)
		.where(eq(people.id, personId))
		.get();
	if (!person) return null;
	const roles = db
		.select({
			id: roleAssignments.id,
			role: roleAssignments.role,
			unitId: units.id,
			unitName: units.name,
			unitPath: units.path,
			unitActive: units.active,
			campaignName: campaigns.name
		})
		.from(roleAssignments)
		.innerJoin(units, eq(units.id, roleAssignments.unitId))
		.leftJoin(campaigns, eq(campaigns.id, roleAssignments.campaignId))
		.where(and(eq(roleAssignments.personId, personId), isNull(roleAssignments.revokedAt)))
		.all();
	const unitsOf = db
		.select({
			unitId: units.id,
			unitName: units.name,
			unitPath: units.path,
			unitActive: units.active,
			joinedOn: memberships.joinedOn,
			leftOn: memberships.leftOn
		})
		.from(memberships)
		.innerJoin(units, eq(units.id, memberships.unitId))
		.where(eq(memberships.personId, personId))
		.orderBy(desc(memberships.joinedOn))
		.all();
	return { person: { ...person, hasPassword: !!person.hasPassword }, roles, memberships: unitsOf };
}

/** People with an open membership inside any of the given subtrees. */
export function peopleWithin(db: Db, scopePaths: string[], query: string, limit = 100) {
	if (scopePaths.length === 0) return [];
	const q = toSearchText(query).replace(/[%_\\]/g, '');
	const digits = query.replace(/\D/g, '');
	const search = q
		? or(
				like(
					sql`lower(${people.fullName})`,
					`%${query
						.trim()
						.toLowerCase()
						.replace(/[%_\\]/g, '')}%`
				),
				like(people.email, `%${q}%`),
				digits.length >= 3 ? like(people.phone, `%${digits}%`) : undefined,
				like(people.username, `%${q}%`)
			)
		: undefined;
	return db
		.selectDistinct({
			id: people.id,
			fullName: people.fullName,
			displayName: people.displayName,
			phone: people.phone,
			email: people.email,
			hasPassword: sql<number>`${people.passwordHash} is not null`,
			unitName: units.name
		})
		.from(people)
		.innerJoin(memberships, and(eq(memberships.personId, people.id), isNull(memberships.leftOn)))
		.innerJoin(units, eq(units.id, memberships.unitId))
		.where(and(or(...scopePaths.map((p) => like(units.path, `${p}%`))), search))
		.orderBy(desc(people.id))
		.limit(limit)
		.all();
}

/** Open memberships and active grants of several people at once: what `person.manage` weighs for each. */
export function reachOf(
	db: Db,
	personIds: number[]
): Map<number, { memberOf: UnitNode[]; grants: Array<{ role: Role; unitPath: string }> }> {
	const reach = new Map(personIds.map((id) => [id, { memberOf: [] as UnitNode[], grants: [] as Array<{ role: Role; unitPath: string }> }]));
	if (personIds.length === 0) return reach;
	for (const m of db
		.select({ personId: memberships.personId, id: units.id, path: units.path, active: units.active })
		.from(memberships)
		.innerJoin(units, eq(units.id, memberships.unitId))
		.where(and(inArray(memberships.personId, personIds), isNull(memberships.leftOn)))
		.all()) {
		reach.get(m.personId)!.memberOf.push({ id: m.id, path: m.path, active: m.active });
	}
	for (const g of db
		.select({ personId: roleAssignments.personId, role: roleAssignments.role, unitPath: units.path })
		.from(roleAssignments)
		.innerJoin(units, eq(units.id, roleAssignments.unitId))
		.where(and(inArray(roleAssignments.personId, personIds), isNull(roleAssignments.revokedAt)))
		.all()) {
		reach.get(g.personId)!.grants.push({ role: g.role, unitPath: g.unitPath });
	}
	return reach;
}
