import { eq, sql } from 'drizzle-orm';
import { memberships, people, roleAssignments, units } from '../db/schema';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import type { ServiceContext } from '../context';
import { recordAudit } from '../audit';
import { pathFor } from '../../domain/units/tree';
import { toSearchText } from '../../text';
import type { ImportPlan } from '../../domain/imports/plan';
import type { UnitRef } from '../../domain/units/import-plan';

export interface AppliedCounts {
	unitsCreated: number;
	unitsUpdated: number;
	peopleCreated: number;
	peopleUpdated: number;
}

const insertPerson = (db: Db) =>
	db
		.insert(people)
		.values({
			fullName: sql.placeholder('fullName'),
			displayName: sql.placeholder('displayName'),
			username: sql.placeholder('username'),
			phone: sql.placeholder('phone'),
			email: sql.placeholder('email'),
			birthYear: sql.placeholder('birthYear'),
			createdAt: sql.placeholder('createdAt'),
			createdBy: sql.placeholder('createdBy')
		})
		.returning({ id: people.id })
		.prepare();

const insertMembership = (db: Db) =>
	db
		.insert(memberships)
		.values({ personId: sql.placeholder('personId'), unitId: sql.placeholder('unitId'), joinedOn: sql.placeholder('joinedOn') })
		.prepare();

const insertRole = (db: Db) =>
	db
		.insert(roleAssignments)
		.values({
			personId: sql.placeholder('personId'),
			role: sql.placeholder('role'),
			unitId: sql.placeholder('unitId'),
			grantedAt: sql.placeholder('grantedAt'),
			grantedBy: sql.placeholder('grantedBy')
		})
		.prepare();

/**
 * Writes a plan that has no errors. Call inside one transaction (synchronous: better-sqlite3): any failure
 * rolls every row back. Each unit and person gets the audit row its form would have written.
 */
export function applyPlan(ctx: ServiceContext, plan: ImportPlan, importId: string): AppliedCounts & { createdPersonIds: number[] } {
	if (plan.errors.length) throw new Error('applyPlan: the plan has errors');
	const { db } = ctx;
	const actorId = ctx.actor?.personId ?? null;
	const created = new Map<string, { id: number; path: string; depth: number; name: string }>();
	const unitIdOf = (ref: UnitRef) => (ref.kind === 'existing' ? ref.unit.id : created.get(ref.code)!.id);

	for (const u of plan.units.create) {
		const parent =
			u.parent.kind === 'new'
				? created.get(u.parent.code)!
				: db
						.select({ id: units.id, path: units.path, depth: units.depth, name: units.name })
						.from(units)
						.where(eq(units.id, u.parent.id))
						.get()!;
		const inserted = db
			.insert(units)
			.values({
				parentId: parent.id,
				level: u.level,
				name: u.name,
				shortName: u.shortName,
				code: u.code,
				path: `/pending-${crypto.randomUUID()}/`,
				depth: parent.depth + 1,
				createdAt: ctx.now,
				searchName: toSearchText(`${u.name} ${u.shortName}`)
			})
			.returning({ id: units.id })
			.get();
		const path = pathFor(parent.path, inserted.id);
		db.update(units).set({ path }).where(eq(units.id, inserted.id)).run();
		created.set(u.code, { id: inserted.id, path, depth: parent.depth + 1, name: u.name });
		recordAudit(db, ctx, {
			action: 'unit.create',
			targetType: 'unit',
			targetId: inserted.id,
			unitId: inserted.id,
			after: { name: u.name, level: u.level, code: u.code, parentId: parent.id, parentName: parent.name, importId }
		});
	}
	for (const u of plan.units.update) {
		db.update(units)
			.set({ name: u.name, shortName: u.shortName, searchName: toSearchText(`${u.name} ${u.shortName}`) })
			.where(eq(units.id, u.unitId))
			.run();
		recordAudit(db, ctx, {
			action: 'unit.rename',
			targetType: 'unit',
			targetId: u.unitId,
			unitId: u.unitId,
			before: u.before,
			after: { name: u.name, shortName: u.shortName, importId }
		});
	}

	const createdPersonIds: number[] = [];
	for (const p of plan.people.create) {
		const unitId = unitIdOf(p.unit);
		const { id } = prepared(db, insertPerson).get({
			fullName: p.fullName,
			displayName: p.displayName,
			username: p.username,
			phone: p.phone,
			email: p.email,
			birthYear: p.birthYear,
			createdAt: ctx.now,
			createdBy: actorId
		})!;
		createdPersonIds.push(id);
		prepared(db, insertMembership).run({ personId: id, unitId, joinedOn: p.joinedOn });
		prepared(db, insertRole).run({ personId: id, role: p.role, unitId, grantedAt: ctx.now, grantedBy: actorId });
		recordAudit(db, ctx, { action: 'person.create', targetType: 'person', targetId: id, unitId, after: { role: p.role, importId } });
	}
	for (const p of plan.people.update) {
		if (Object.keys(p.set).length) {
			db.update(people).set(p.set).where(eq(people.id, p.personId)).run();
			recordAudit(db, ctx, {
				action: 'person.update',
				targetType: 'person',
				targetId: p.personId,
				after: { fields: Object.keys(p.set), importId }
			});
		}
		if (p.join) prepared(db, insertMembership).run({ personId: p.personId, unitId: unitIdOf(p.join.unit), joinedOn: p.join.joinedOn });
		if (p.grant) {
			const unitId = unitIdOf(p.grant.unit);
			prepared(db, insertRole).run({ personId: p.personId, role: p.grant.role, unitId, grantedAt: ctx.now, grantedBy: actorId });
			recordAudit(db, ctx, {
				action: 'authz_change',
				targetType: 'person',
				targetId: p.personId,
				unitId,
				after: { role: p.grant.role, importId }
			});
		}
	}
	return {
		unitsCreated: plan.units.create.length,
		unitsUpdated: plan.units.update.length,
		peopleCreated: plan.people.create.length,
		peopleUpdated: plan.people.update.length,
		createdPersonIds
	};
}
