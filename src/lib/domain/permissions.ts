import { isStrictlyWithin, isWithin, type UnitNode } from './units/tree';

export const ROLES = ['province_admin', 'district_admin', 'unit_admin', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** A role held over a unit's subtree. `unitPath` is the unit's current materialised path. */
export interface Grant {
	role: Role;
	unitId: number;
	unitPath: string;
}

export interface Actor {
	personId: number;
	grants: Grant[];
}

export type Action =
	| 'admin.access'
	| 'unit.create'
	| 'unit.rename'
	| 'unit.move'
	| 'unit.merge'
	| 'unit.retire'
	| 'person.create'
	| 'person.manage'
	| 'role.grant'
	| 'audit.view';

/** What each action is about. Units carry their path so scope is decided here, not in SQL. */
export type Resource =
	| { kind: 'none' }
	| { kind: 'unit'; unit: UnitNode }
	| { kind: 'move'; unit: UnitNode; newParent: UnitNode }
	| { kind: 'merge'; unit: UnitNode; survivor: UnitNode }
	| { kind: 'person'; memberOf: UnitNode[] }
	| { kind: 'grant'; unit: UnitNode; role: Role };

const ADMIN_ROLES: readonly Role[] = ['province_admin', 'district_admin', 'unit_admin'];

/** Roles an admin may hand out, by the admin's own role: never above their own. */
const GRANTABLE: Record<Role, readonly Role[]> = {
	province_admin: ROLES,
	district_admin: ['unit_admin', 'member'],
	unit_admin: ['member'],
	member: []
};

function grantsOf(actor: Actor | null, roles: readonly Role[]): Grant[] {
	return actor ? actor.grants.filter((g) => roles.includes(g.role)) : [];
}

/**
 * Structural edits: a province admin over its whole subtree, a district admin strictly inside its own
 * unit (it may not rename, move or retire the unit it answers for).
 */
function canEditStructure(actor: Actor | null, unit: UnitNode): boolean {
	if (!unit.active) return false;
	return grantsOf(actor, ['province_admin', 'district_admin']).some((g) =>
		g.role === 'province_admin' ? isWithin(unit.path, g.unitPath) : isStrictlyWithin(unit.path, g.unitPath)
	);
}

/** Places a district admin may attach units to include its own unit. */
function canAttachUnder(actor: Actor | null, parent: UnitNode): boolean {
	if (!parent.active) return false;
	return grantsOf(actor, ['province_admin', 'district_admin']).some((g) => isWithin(parent.path, g.unitPath));
}

function peopleScopeCovers(actor: Actor | null, unit: UnitNode): boolean {
	return grantsOf(actor, ADMIN_ROLES).some((g) => isWithin(unit.path, g.unitPath));
}

export function can(actor: Actor | null, action: Action, resource: Resource = { kind: 'none' }): boolean {
	switch (action) {
		case 'admin.access':
			return grantsOf(actor, ADMIN_ROLES).length > 0;
		case 'unit.create':
			return resource.kind === 'unit' && canAttachUnder(actor, resource.unit);
		case 'unit.rename':
		case 'unit.retire':
			return resource.kind === 'unit' && canEditStructure(actor, resource.unit);
		case 'unit.move':
			return (
				resource.kind === 'move' &&
				canEditStructure(actor, resource.unit) &&
				canAttachUnder(actor, resource.newParent)
			);
		case 'unit.merge':
			return (
				resource.kind === 'merge' &&
				canEditStructure(actor, resource.unit) &&
				canEditStructure(actor, resource.survivor)
			);
		case 'person.create':
			return resource.kind === 'unit' && resource.unit.active && peopleScopeCovers(actor, resource.unit);
		case 'person.manage':
			if (resource.kind !== 'person') return false;
			if (resource.memberOf.length === 0) return grantsOf(actor, ['province_admin']).length > 0;
			return resource.memberOf.some((u) => peopleScopeCovers(actor, u));
		case 'role.grant':
			return (
				resource.kind === 'grant' &&
				resource.unit.active &&
				grantsOf(actor, ADMIN_ROLES).some(
					(g) => GRANTABLE[g.role].includes(resource.role) && isWithin(resource.unit.path, g.unitPath)
				)
			);
		case 'audit.view':
			return resource.kind === 'unit' && peopleScopeCovers(actor, resource.unit);
	}
}

/** The subtrees an actor administers, for filtering lists (each path covers its descendants). */
export function adminScopes(actor: Actor | null): string[] {
	return grantsOf(actor, ADMIN_ROLES).map((g) => g.unitPath);
}
