import { and, asc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import { auditLog, memberships, unitLevels, units } from '../db/schema';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import { idsOnPath } from '../../domain/units/tree';
import { toSearchText } from '../../text';

export type UnitRow = typeof units.$inferSelect;

const unitById = (db: Db) =>
	db
		.select()
		.from(units)
		.where(eq(units.id, sql.placeholder('id')))
		.prepare();

export function getUnit(db: Db, id: number): UnitRow | undefined {
	return prepared(db, unitById).get({ id });
}

export function listLevels(db: Db) {
	return db.select().from(unitLevels).orderBy(asc(unitLevels.rank)).all();
}

/** Root first, the unit itself last. */
export function ancestorsOf(db: Db, unit: Pick<UnitRow, 'path'>): UnitRow[] {
	const ids = idsOnPath(unit.path);
	const rows = db.select().from(units).where(inArray(units.id, ids)).all();
	return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is UnitRow => !!r);
}

export function childrenOf(db: Db, id: number, includeRetired = false): UnitRow[] {
	return db
		.select()
		.from(units)
		.where(includeRetired ? eq(units.parentId, id) : and(eq(units.parentId, id), eq(units.active, true)))
		.orderBy(asc(units.searchName))
		.all();
}

/** Active units in (and including) a subtree, ordered for an indented list. */
export function unitsWithin(db: Db, scopePaths: string[]): UnitRow[] {
	if (scopePaths.length === 0) return [];
	return db
		.select()
		.from(units)
		.where(and(eq(units.active, true), or(...scopePaths.map((p) => like(units.path, `${p}%`)))))
		.orderBy(asc(units.path))
		.all();
}

export function activeUnits(db: Db): UnitRow[] {
	return db.select().from(units).where(eq(units.active, true)).all();
}

/** People with an open membership anywhere in the unit's subtree. */
export function memberCounts(db: Db, paths: string[], today: string): Map<string, number> {
	const counts = new Map<string, number>();
	if (paths.length === 0) return counts;
	const rows = db
		.select({ path: units.path, n: sql<number>`count(distinct ${memberships.personId})` })
		.from(memberships)
		.innerJoin(units, eq(units.id, memberships.unitId))
		.where(and(isNull(memberships.leftOn), sql`${memberships.joinedOn} <= ${today}`))
		.groupBy(units.path)
		.all();
	for (const p of paths) counts.set(p, 0);
	for (const row of rows) {
		for (const p of paths) if (row.path.startsWith(p)) counts.set(p, (counts.get(p) ?? 0) + row.n);
	}
	return counts;
}

export function searchUnits(db: Db, query: string, limit = 30): UnitRow[] {
	const q = toSearchText(query).replace(/[%_\\]/g, '');
	if (!q) return [];
	return db
		.select()
		.from(units)
		.where(and(eq(units.active, true), like(units.searchName, `%${q}%`)))
		.orderBy(asc(units.depth), asc(units.searchName))
		.limit(limit)
		.all();
}

export function absorbedInto(db: Db, id: number): UnitRow[] {
	return db.select().from(units).where(eq(units.successorId, id)).orderBy(asc(units.retiredAt)).all();
}

/** The unit's public history comes from the audit log: the same rows admins read, minus who did it. */
export function unitHistory(db: Db, id: number) {
	return db
		.select({ at: auditLog.at, action: auditLog.action, before: auditLog.before, after: auditLog.after })
		.from(auditLog)
		.where(and(eq(auditLog.targetType, 'unit'), eq(auditLog.targetId, String(id)), like(auditLog.action, 'unit.%')))
		.orderBy(asc(auditLog.at), asc(auditLog.id))
		.all();
}

/** Each unit of a subtree with the people whose membership there is open on the day (its own members, not its children's). */
export function directMemberCounts(db: Db, path: string, day: string): Array<{ unitId: number; path: string; n: number }> {
	return db.$client
		.prepare(
			`select u.id as unitId, u.path, count(distinct m.person_id) as n from memberships m join units u on u.id = m.unit_id
			where u.path like ? || '%' and m.joined_on <= ? and (m.left_on is null or m.left_on > ?) group by u.id`
		)
		.all(path, day, day) as Array<{ unitId: number; path: string; n: number }>;
}
