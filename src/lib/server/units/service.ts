import { and, eq, isNull, like, ne, sql } from 'drizzle-orm';
import { memberships, roleAssignments, unitLevels, units } from '../db/schema';
import type { ServiceContext } from '../context';
import { authorize } from '../auth/authorize';
import { recordAudit } from '../audit';
import { checkMerge, checkMove, pathFor } from '../../domain/units/tree';
import { toSearchText } from '../../text';
import { isoDay } from '../../format';
import type { MessageKey } from '../../i18n';
import { getUnit, type UnitRow } from './queries';

export type UnitResult<T = UnitRow> = { ok: true; unit: T } | { ok: false; error: MessageKey };

const fail = (error: MessageKey): { ok: false; error: MessageKey } => ({ ok: false, error });

/** Inside a transaction: the unit must still be where the permission check saw it. */
function unchanged(ctx: ServiceContext, seen: UnitRow): boolean {
	const now = getUnit(ctx.db, seen.id);
	return !!now && now.path === seen.path && now.active === seen.active;
}

export function createUnit(ctx: ServiceContext, input: { parentId: number; name: string; shortName: string; level: string }): UnitResult {
	const parent = getUnit(ctx.db, input.parentId);
	if (!parent) return fail('unitError.notFound');
	authorize(ctx, 'unit.create', { kind: 'unit', unit: parent });
	if (!ctx.db.select().from(unitLevels).where(eq(unitLevels.code, input.level)).get()) return fail('unitError.unknownLevel');
	return ctx.db.transaction((tx) => {
		if (!unchanged(ctx, parent)) return fail('unitError.changed');
		const shortName = input.shortName || input.name;
		const inserted = tx
			.insert(units)
			.values({
				parentId: parent.id,
				level: input.level,
				name: input.name,
				shortName,
				path: `/pending-${crypto.randomUUID()}/`,
				depth: parent.depth + 1,
				createdAt: ctx.now,
				searchName: toSearchText(`${input.name} ${shortName}`)
			})
			.returning({ id: units.id })
			.get();
		const unit = tx
			.update(units)
			.set({ path: pathFor(parent.path, inserted.id) })
			.where(eq(units.id, inserted.id))
			.returning()
			.get();
		recordAudit(ctx.db, ctx, {
			action: 'unit.create',
			targetType: 'unit',
			targetId: unit.id,
			unitId: unit.id,
			after: { name: unit.name, level: unit.level, parentId: parent.id, parentName: parent.name }
		});
		return { ok: true as const, unit };
	});
}

export function renameUnit(ctx: ServiceContext, unitId: number, input: { name: string; shortName: string }): UnitResult {
	const unit = getUnit(ctx.db, unitId);
	if (!unit) return fail('unitError.notFound');
	if (!unit.active) return fail('unitError.retired');
	authorize(ctx, 'unit.rename', { kind: 'unit', unit });
	const shortName = input.shortName || input.name;
	return ctx.db.transaction((tx) => {
		if (!unchanged(ctx, unit)) return fail('unitError.changed');
		const renamed = tx
			.update(units)
			.set({ name: input.name, shortName, searchName: toSearchText(`${input.name} ${shortName}`) })
			.where(eq(units.id, unit.id))
			.returning()
			.get();
		recordAudit(ctx.db, ctx, {
			action: 'unit.rename',
			targetType: 'unit',
			targetId: unit.id,
			unitId: unit.id,
			before: { name: unit.name, shortName: unit.shortName },
			after: { name: renamed.name, shortName: renamed.shortName }
		});
		return { ok: true as const, unit: renamed };
	});
}

/** Re-roots a subtree: the unit and every descendant get their new path in one statement. */
function reparent(ctx: ServiceContext, unit: UnitRow, newParent: UnitRow): void {
	const newPath = pathFor(newParent.path, unit.id);
	const depthShift = newParent.depth + 1 - unit.depth;
	ctx.db
		.update(units)
		.set({
			path: sql`${newPath} || substr(${units.path}, ${unit.path.length + 1})`,
			depth: sql`${units.depth} + ${depthShift}`
		})
		.where(like(units.path, `${unit.path}%`))
		.run();
	ctx.db.update(units).set({ parentId: newParent.id }).where(eq(units.id, unit.id)).run();
}

export function moveUnit(ctx: ServiceContext, unitId: number, newParentId: number): UnitResult {
	const unit = getUnit(ctx.db, unitId);
	const newParent = getUnit(ctx.db, newParentId);
	if (!unit || !newParent) return fail('unitError.notFound');
	if (!unit.active || !newParent.active) return fail('unitError.retired');
	authorize(ctx, 'unit.move', { kind: 'move', unit, newParent });
	const check = checkMove(unit, newParent);
	if (!check.ok) return fail(`unitError.${check.reason}`);
	return ctx.db.transaction(() => {
		if (!unchanged(ctx, unit) || !unchanged(ctx, newParent)) return fail('unitError.changed');
		const oldParent = unit.parentId === null ? undefined : getUnit(ctx.db, unit.parentId);
		reparent(ctx, unit, newParent);
		recordAudit(ctx.db, ctx, {
			action: 'unit.move',
			targetType: 'unit',
			targetId: unit.id,
			unitId: unit.id,
			before: { parentId: oldParent?.id ?? null, parentName: oldParent?.name ?? null },
			after: { parentId: newParent.id, parentName: newParent.name }
		});
		return { ok: true as const, unit: getUnit(ctx.db, unit.id)! };
	});
}

/** Ends the unit's open memberships and roles; the rows stay as history. Returns the people affected. */
function closeMembershipsAndRoles(ctx: ServiceContext, unitId: number): number[] {
	const today = isoDay(ctx.now);
	const closed = ctx.db
		.update(memberships)
		.set({ leftOn: today })
		.where(and(eq(memberships.unitId, unitId), isNull(memberships.leftOn)))
		.returning({ personId: memberships.personId })
		.all();
	ctx.db
		.update(roleAssignments)
		.set({ revokedAt: ctx.now })
		.where(and(eq(roleAssignments.unitId, unitId), isNull(roleAssignments.revokedAt)))
		.run();
	return closed.map((c) => c.personId);
}

/**
 * Retires `unit` in favour of `survivor`: children and members continue under the survivor, the retired
 * row keeps its name, place and successor pointer, and everything that referenced it still resolves.
 */
export function mergeUnit(ctx: ServiceContext, unitId: number, survivorId: number): UnitResult {
	const unit = getUnit(ctx.db, unitId);
	const survivor = getUnit(ctx.db, survivorId);
	if (!unit || !survivor) return fail('unitError.notFound');
	if (!unit.active || !survivor.active) return fail('unitError.retired');
	authorize(ctx, 'unit.merge', { kind: 'merge', unit, survivor });
	const check = checkMerge(unit, survivor);
	if (!check.ok) return fail(`unitError.${check.reason}`);
	return ctx.db.transaction((tx) => {
		if (!unchanged(ctx, unit) || !unchanged(ctx, survivor)) return fail('unitError.changed');
		const children = tx.select().from(units).where(eq(units.parentId, unit.id)).all();
		for (const child of children) reparent(ctx, child, getUnit(ctx.db, survivor.id)!);
		const movedPeople = closeMembershipsAndRoles(ctx, unit.id);
		const today = isoDay(ctx.now);
		for (const personId of new Set(movedPeople)) {
			const already = tx
				.select({ id: memberships.id })
				.from(memberships)
				.where(and(eq(memberships.personId, personId), eq(memberships.unitId, survivor.id), isNull(memberships.leftOn)))
				.get();
			if (!already) tx.insert(memberships).values({ personId, unitId: survivor.id, joinedOn: today }).run();
		}
		const retired = tx
			.update(units)
			.set({ active: false, successorId: survivor.id, retiredAt: ctx.now })
			.where(eq(units.id, unit.id))
			.returning()
			.get();
		recordAudit(ctx.db, ctx, {
			action: 'unit.merge',
			targetType: 'unit',
			targetId: unit.id,
			unitId: unit.id,
			before: { name: unit.name, active: true },
			after: {
				successorId: survivor.id,
				successorName: survivor.name,
				movedChildren: children.length,
				movedMembers: new Set(movedPeople).size
			}
		});
		return { ok: true as const, unit: retired };
	});
}

export function retireUnit(ctx: ServiceContext, unitId: number): UnitResult {
	const unit = getUnit(ctx.db, unitId);
	if (!unit) return fail('unitError.notFound');
	if (!unit.active) return fail('unitError.retired');
	authorize(ctx, 'unit.retire', { kind: 'unit', unit });
	if (unit.parentId === null) return fail('unitError.root');
	return ctx.db.transaction((tx) => {
		if (!unchanged(ctx, unit)) return fail('unitError.changed');
		const activeChild = tx
			.select({ id: units.id })
			.from(units)
			.where(and(eq(units.parentId, unit.id), eq(units.active, true), ne(units.id, unit.id)))
			.get();
		if (activeChild) return fail('unitError.hasActiveChildren');
		const closed = closeMembershipsAndRoles(ctx, unit.id);
		const retired = tx.update(units).set({ active: false, retiredAt: ctx.now }).where(eq(units.id, unit.id)).returning().get();
		recordAudit(ctx.db, ctx, {
			action: 'unit.retire',
			targetType: 'unit',
			targetId: unit.id,
			unitId: unit.id,
			before: { active: true },
			after: { active: false, endedMemberships: closed.length }
		});
		return { ok: true as const, unit: retired };
	});
}
