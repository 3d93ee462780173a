import { isNull } from 'drizzle-orm';
import { memberships, people, roleAssignments, unitLevels, units } from '../db/schema';
import type { Db } from '../db/client';
import type { ImportWorld } from '../../domain/imports/plan';
import type { KnownPerson } from '../../domain/people/import-plan';
import type { Role } from '../../domain/permissions';

/**
 * Everything a plan is checked against: every unit, level and person of the installation (contacts and
 * usernames are unique across it, so duplicates are found whoever's they are). A province is a few tens of
 * thousands of rows: read in three statements, grouped here.
 */
export function loadWorld(db: Db, today: string): ImportWorld {
	const unitRows = db
		.select({
			id: units.id,
			code: units.code,
			name: units.name,
			shortName: units.shortName,
			level: units.level,
			parentId: units.parentId,
			path: units.path,
			active: units.active
		})
		.from(units)
		.all();
	const byId = new Map(unitRows.map((u) => [u.id, u]));
	const levels = db.select({ code: unitLevels.code, label: unitLevels.label }).from(unitLevels).orderBy(unitLevels.rank).all();
	const known = new Map<number, KnownPerson>();
	for (const p of db
		.select({
			id: people.id,
			fullName: people.fullName,
			displayName: people.displayName,
			username: people.username,
			phone: people.phone,
			email: people.email,
			birthYear: people.birthYear
		})
		.from(people)
		.all()) {
		known.set(p.id, { ...p, memberOf: [], roles: [] });
	}
	for (const m of db
		.select({ personId: memberships.personId, unitId: memberships.unitId })
		.from(memberships)
		.where(isNull(memberships.leftOn))
		.all()) {
		const unit = byId.get(m.unitId);
		if (unit) known.get(m.personId)?.memberOf.push({ id: unit.id, path: unit.path, active: unit.active });
	}
	for (const r of db
		.select({ personId: roleAssignments.personId, role: roleAssignments.role, unitId: roleAssignments.unitId })
		.from(roleAssignments)
		.where(isNull(roleAssignments.revokedAt))
		.all()) {
		const unit = byId.get(r.unitId);
		if (unit) known.get(r.personId)?.roles.push({ role: r.role as Role, unitId: unit.id, unitPath: unit.path });
	}
	return { units: unitRows, levels, people: [...known.values()], today };
}
