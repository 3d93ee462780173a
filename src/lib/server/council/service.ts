import { and, asc, eq, isNull, like } from 'drizzle-orm';
import { memberships, people, roleAssignments, units } from '../db/schema';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { authorize } from '../auth/authorize';
import { recordAudit } from '../audit';
import { getUnit, type UnitRow } from '../units/queries';
import { COUNCIL_MINIMUM, adminScopes, can, isRootUnit } from '../../domain/permissions';
import { parseLoginIdentifier } from '../../domain/people/contact';
import type { MessageKey } from '../../i18n';

/**
 * The verification council of a root unit: the named people (council_member grants on the root) who approve,
 * return or reject the root's own work, since no unit stands above it. Fewer than COUNCIL_MINIMUM: nobody can.
 */
const activeSeats = (db: Db, unitId: number) =>
	and(
		eq(roleAssignments.unitId, unitId),
		eq(roleAssignments.role, 'council_member'),
		isNull(roleAssignments.revokedAt),
		isNull(people.disabledAt)
	);

export function councilSize(db: Db, unitId: number): number {
	return db
		.select({ id: roleAssignments.id })
		.from(roleAssignments)
		.innerJoin(people, eq(people.id, roleAssignments.personId))
		.where(activeSeats(db, unitId))
		.all().length;
}

export function councilMembers(db: Db, unitId: number) {
	return db
		.select({ personId: people.id, fullName: people.fullName, username: people.username, grantedAt: roleAssignments.grantedAt })
		.from(roleAssignments)
		.innerJoin(people, eq(people.id, roleAssignments.personId))
		.where(activeSeats(db, unitId))
		.orderBy(asc(roleAssignments.grantedAt), asc(people.id))
		.all();
}

/** The roots whose council this admin names (its province admin grants on roots), with each council. */
export function councilsFor(ctx: ServiceContext) {
	const roots = adminScopes(ctx.actor)
		.map((path) => ctx.db.select().from(units).where(eq(units.path, path)).get())
		.filter((u): u is UnitRow => !!u && isRootUnit(u) && can(ctx.actor, 'council.manage', { kind: 'unit', unit: u }));
	return [...new Map(roots.map((u) => [u.id, u])).values()].map((unit) => {
		const members = councilMembers(ctx.db, unit.id);
		return { unit: { id: unit.id, name: unit.name }, members, minimum: COUNCIL_MINIMUM, enough: members.length >= COUNCIL_MINIMUM };
	});
}

export type CouncilResult = { ok: true; name: string } | { ok: false; error: MessageKey; field?: string };

function rootToManage(ctx: ServiceContext, unitId: number): UnitRow | null {
	const unit = getUnit(ctx.db, unitId);
	if (!unit) return null;
	authorize(ctx, 'council.manage', { kind: 'unit', unit });
	return unit;
}

/**
 * Seats someone on the root's council, found by username, phone or e-mail: an enabled person with an open
 * membership somewhere in the root's tree. Nothing is written unless every check passes.
 */
export function addCouncilMember(ctx: ServiceContext, unitId: number, identifier: string): CouncilResult {
	const unit = rootToManage(ctx, unitId);
	if (!unit) return { ok: false, error: 'unitError.notFound' };
	const id = parseLoginIdentifier(identifier);
	if (!id) return { ok: false, error: 'council.identifierInvalid', field: 'identifier' };
	const column = id.kind === 'email' ? people.email : id.kind === 'phone' ? people.phone : people.username;
	const person = ctx.db
		.select({ id: people.id, fullName: people.fullName })
		.from(people)
		.innerJoin(memberships, eq(memberships.personId, people.id))
		.innerJoin(units, eq(units.id, memberships.unitId))
		.where(and(eq(column, id.value), isNull(people.disabledAt), isNull(memberships.leftOn), like(units.path, `${unit.path}%`)))
		.get();
	if (!person) return { ok: false, error: 'council.personNotFound', field: 'identifier' };
	return ctx.db.transaction((tx) => {
		const seated = tx
			.select({ id: roleAssignments.id })
			.from(roleAssignments)
			.where(
				and(
					eq(roleAssignments.personId, person.id),
					eq(roleAssignments.unitId, unit.id),
					eq(roleAssignments.role, 'council_member'),
					isNull(roleAssignments.revokedAt)
				)
			)
			.get();
		if (seated) return { ok: false as const, error: 'council.already' as const, field: 'identifier' };
		tx.insert(roleAssignments)
			.values({ personId: person.id, role: 'council_member', unitId: unit.id, grantedAt: ctx.now, grantedBy: ctx.actor?.personId ?? null })
			.run();
		recordAudit(ctx.db, ctx, {
			action: 'authz_change',
			targetType: 'person',
			targetId: person.id,
			unitId: unit.id,
			after: { role: 'council_member', unitName: unit.name }
		});
		return { ok: true as const, name: person.fullName };
	});
}

export function removeCouncilMember(ctx: ServiceContext, unitId: number, personId: number): CouncilResult {
	const unit = rootToManage(ctx, unitId);
	if (!unit) return { ok: false, error: 'unitError.notFound' };
	return ctx.db.transaction((tx) => {
		const seat = tx
			.select({ id: roleAssignments.id, fullName: people.fullName })
			.from(roleAssignments)
			.innerJoin(people, eq(people.id, roleAssignments.personId))
			.where(
				and(
					eq(roleAssignments.personId, personId),
					eq(roleAssignments.unitId, unit.id),
					eq(roleAssignments.role, 'council_member'),
					isNull(roleAssignments.revokedAt)
				)
			)
			.get();
		if (!seat) return { ok: false as const, error: 'council.notMember' as const };
		tx.update(roleAssignments).set({ revokedAt: ctx.now }).where(eq(roleAssignments.id, seat.id)).run();
		recordAudit(ctx.db, ctx, {
			action: 'authz_change',
			targetType: 'person',
			targetId: personId,
			unitId: unit.id,
			before: { role: 'council_member', unitName: unit.name },
			after: null
		});
		return { ok: true as const, name: seat.fullName };
	});
}
