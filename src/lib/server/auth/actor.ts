import { and, eq, isNull, sql } from 'drizzle-orm';
import { people, roleAssignments, units } from '../db/schema';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import type { Actor, Grant } from '../../domain/permissions';

export interface SignedInPerson {
	id: number;
	fullName: string;
	displayName: string;
}

const personById = (db: Db) =>
	db
		.select({ id: people.id, fullName: people.fullName, displayName: people.displayName, disabledAt: people.disabledAt })
		.from(people)
		.where(eq(people.id, sql.placeholder('personId')))
		.prepare();
const grantsOf = (db: Db) =>
	db
		.select({
			role: roleAssignments.role,
			unitId: units.id,
			unitPath: units.path,
			unitLevel: units.level,
			campaignId: roleAssignments.campaignId
		})
		.from(roleAssignments)
		.innerJoin(units, eq(units.id, roleAssignments.unitId))
		.where(and(eq(roleAssignments.personId, sql.placeholder('personId')), isNull(roleAssignments.revokedAt), eq(units.active, true)))
		.prepare();

/**
 * Roles are read on every request, never cached in the session: a revoked role or a moved unit
 * takes effect on the next click. Grants on retired units give nothing.
 */
export function loadActor(db: Db, personId: number): { actor: Actor; person: SignedInPerson } | null {
	const person = prepared(db, personById).get({ personId });
	if (!person || person.disabledAt !== null) return null;
	const grants: Grant[] = prepared(db, grantsOf).all({ personId });
	return {
		actor: { personId, grants },
		person: { id: person.id, fullName: person.fullName, displayName: person.displayName }
	};
}
