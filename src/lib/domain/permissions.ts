import { depthOf, isStrictlyWithin, isWithin, type UnitNode } from './units/tree';

/**
 * `council_member`: one of the named council that verifies the root unit's own work (nobody stands above the
 * root). Granted only on a root unit, through its own page, never through the ordinary role form.
 */
export const ROLES = ['province_admin', 'district_admin', 'unit_admin', 'member', 'council_member'] as const;
export type Role = (typeof ROLES)[number];

/** A role held over a unit's subtree. `unitPath` is the unit's current materialised path. */
export interface Grant {
	role: Role;
	unitId: number;
	unitPath: string;
	/** The unit's level ("grassroots", "district"...): a grassroots union may verify only if the campaign allows. */
	unitLevel: string;
	/**
	 * Null: the role holds in every campaign and over the organisation itself (units, people, teams). A campaign's
	 * id: the role holds only for that campaign's work and configuration (a department official who verifies the
	 * UBND's campaign, not the youth union's), and gives nothing over units and people.
	 */
	campaignId: number | null;
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
	| 'audit.view'
	| 'campaign.configure'
	| 'team.create'
	| 'team.manage'
	| 'initiative.create'
	| 'initiative.edit'
	| 'initiative.submit'
	| 'initiative.verify'
	| 'initiative.revoke'
	| 'initiative.viewPrivate'
	| 'mfa.reset'
	| 'council.manage';

/** The root's own work is verified only while its council has at least this many members. */
export const COUNCIL_MINIMUM = 2;

/** An initiative as permissions see it (for a new one: the unit and team it would be logged for). */
export interface InitiativeFacts {
	unit: UnitNode;
	authorId: number | null;
	teamLeaderId: number | null;
	teamMemberIds: number[];
	/** Everyone who wrote, edited, submitted or is credited in it: none of them may verify it. */
	handledBy: number[];
	grassrootsMayVerify: boolean;
	/** Active members of the unit's verification council (0 for any unit but a root). */
	councilSize: number;
	/** The campaign the work is logged in (null before an activity is chosen): campaign-scoped roles act only on theirs. */
	campaignId: number | null;
}

/** What each action is about. Units carry their path so scope is decided here, not in SQL. */
export type Resource =
	| { kind: 'none' }
	/** `campaignId`: the campaign configured (campaign.configure); absent for the organisation's own units. */
	| { kind: 'unit'; unit: UnitNode; campaignId?: number }
	| { kind: 'move'; unit: UnitNode; newParent: UnitNode }
	| { kind: 'merge'; unit: UnitNode; survivor: UnitNode }
	/** A person: their open memberships and their active grants (what managing them would reach). */
	| { kind: 'person'; memberOf: UnitNode[]; grants: Array<{ role: Role; unitPath: string }> }
	| { kind: 'grant'; unit: UnitNode; role: Role }
	| { kind: 'team'; unit: UnitNode; leaderId: number }
	| ({ kind: 'initiative' } & InitiativeFacts)
	/** Someone's second factor, with the roles they hold and where. */
	| { kind: 'secondFactor'; holderId: number; holds: { role: Role; unit: UnitNode }[] };

const ADMIN_ROLES: readonly Role[] = ['province_admin', 'district_admin', 'unit_admin'];

/** Roles an admin may hand out, by the admin's own role: never above their own. */
const GRANTABLE: Record<Role, readonly Role[]> = {
	province_admin: ['province_admin', 'district_admin', 'unit_admin', 'member'],
	district_admin: ['unit_admin', 'member'],
	unit_admin: ['member'],
	member: [],
	council_member: []
};

/** Grants over the organisation itself: campaign-scoped roles give nothing over units, people and teams. */
function grantsOf(actor: Actor | null, roles: readonly Role[]): Grant[] {
	return actor ? actor.grants.filter((g) => roles.includes(g.role) && g.campaignId === null) : [];
}

/** Grants that hold for one campaign's work: those of every campaign, and those scoped to this one. */
function campaignGrantsOf(actor: Actor | null, roles: readonly Role[], campaignId: number | null): Grant[] {
	return actor ? actor.grants.filter((g) => roles.includes(g.role) && (g.campaignId === null || g.campaignId === campaignId)) : [];
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

/** Whether one of the actor's grants lets them hand out `role` over the unit at `unitPath`. */
function couldGrant(actor: Actor | null, role: Role, unitPath: string): boolean {
	return grantsOf(actor, ADMIN_ROLES).some((g) => GRANTABLE[g.role].includes(role) && isWithin(unitPath, g.unitPath));
}

/** A council seat is given by the root's province admins (council.manage), not through the role form. */
function namesCouncilOf(actor: Actor | null, seat: { role: Role; unitPath: string }): boolean {
	return seat.role === 'council_member' && grantsOf(actor, ['province_admin']).some((g) => isWithin(seat.unitPath, g.unitPath));
}

/** Admins of the unit or of any unit above it: they log and edit work for it (in the campaign, when one is given). */
function administers(actor: Actor | null, unit: UnitNode, campaignId?: number | null): boolean {
	if (!unit.active) return false;
	if (campaignId === undefined) return peopleScopeCovers(actor, unit);
	return campaignGrantsOf(actor, ADMIN_ROLES, campaignId).some((g) => isWithin(unit.path, g.unitPath));
}

/**
 * Verification comes from the level above, never from inside: a district (or province) admin whose unit is a
 * strict ancestor, or a grassroots secretary over its branches when the campaign allows it; never the author,
 * anyone on the team, nor anyone who edited, submitted or is credited in the work (segregation of duties).
 */
function verifies(actor: Actor | null, facts: InitiativeFacts): boolean {
	if (!actor) return false;
	if (facts.authorId === actor.personId || facts.teamLeaderId === actor.personId) return false;
	if (facts.teamMemberIds.includes(actor.personId) || facts.handledBy.includes(actor.personId)) return false;
	if (verifierGrants(actor, facts.grassrootsMayVerify, facts.campaignId).some((g) => isStrictlyWithin(facts.unit.path, g.unitPath)))
		return true;
	return sitsOnCouncilOf(actor, facts.unit) && facts.councilSize >= COUNCIL_MINIMUM;
}

/** A root unit: nobody stands above it, so its own work goes to its council. */
export function isRootUnit(unit: Pick<UnitNode, 'path'>): boolean {
	return depthOf(unit.path) === 0;
}

/** Whether the actor is on the verification council of this (root) unit. A council grant anywhere else gives nothing. */
function sitsOnCouncilOf(actor: Actor | null, unit: UnitNode): boolean {
	return isRootUnit(unit) && councilGrants(actor).some((g) => g.unitPath === unit.path);
}

/** The root units whose own work the actor may verify as a council member. */
export function councilGrants(actor: Actor | null): Grant[] {
	return (actor?.grants ?? []).filter((g) => g.role === 'council_member' && isRootUnit({ path: g.unitPath }));
}

/**
 * The grants under which someone verifies work below their unit: district and province admins, and
 * grassroots secretaries when the campaign lets grassroots unions verify their branches. For one campaign's
 * work (`campaignId`), or in any campaign (`'any'`: where a queue might find something to show).
 */
export function verifierGrants(actor: Actor | null, grassrootsMayVerify: boolean, campaignId: number | null | 'any'): Grant[] {
	return (actor?.grants ?? []).filter(
		(g) =>
			(campaignId === 'any' || g.campaignId === null || g.campaignId === campaignId) &&
			(g.role === 'province_admin' ||
				g.role === 'district_admin' ||
				(g.role === 'unit_admin' && grassrootsMayVerify && g.unitLevel === 'grassroots'))
	);
}

function logsFor(actor: Actor | null, facts: InitiativeFacts): boolean {
	if (!actor || !facts.unit.active) return false;
	return facts.teamLeaderId === actor.personId || administers(actor, facts.unit, facts.campaignId);
}

export function can(actor: Actor | null, action: Action, resource: Resource = { kind: 'none' }): boolean {
	switch (action) {
		case 'admin.access':
			// Campaign-scoped admins too: they configure their campaign there.
			return !!actor && actor.grants.some((g) => ADMIN_ROLES.includes(g.role));
		case 'unit.create':
			return resource.kind === 'unit' && canAttachUnder(actor, resource.unit);
		case 'unit.rename':
		case 'unit.retire':
			return resource.kind === 'unit' && canEditStructure(actor, resource.unit);
		case 'unit.move':
			return resource.kind === 'move' && canEditStructure(actor, resource.unit) && canAttachUnder(actor, resource.newParent);
		case 'unit.merge':
			return resource.kind === 'merge' && canEditStructure(actor, resource.unit) && canEditStructure(actor, resource.survivor);
		case 'person.create':
			return resource.kind === 'unit' && resource.unit.active && peopleScopeCovers(actor, resource.unit);
		case 'person.manage':
			// Managing someone (a password link, ending their sessions, seeing their contacts) reaches every
			// right they hold: only an admin who could have granted each of those rights may do it.
			if (resource.kind !== 'person') return false;
			if (!resource.grants.every((g) => couldGrant(actor, g.role, g.unitPath) || namesCouncilOf(actor, g))) return false;
			if (resource.memberOf.length === 0) return grantsOf(actor, ['province_admin']).length > 0;
			return resource.memberOf.some((u) => peopleScopeCovers(actor, u));
		case 'role.grant':
			return resource.kind === 'grant' && resource.unit.active && couldGrant(actor, resource.role, resource.unit.path);
		case 'audit.view':
			return resource.kind === 'unit' && peopleScopeCovers(actor, resource.unit);
		case 'campaign.configure':
			// The campaign's standing office: province admins over the unit that owns the campaign (for a campaign
			// not made yet, only those of every campaign).
			return (
				resource.kind === 'unit' &&
				campaignGrantsOf(actor, ['province_admin'], resource.campaignId ?? null).some((g) => isWithin(resource.unit.path, g.unitPath))
			);
		case 'team.create':
			return resource.kind === 'unit' && administers(actor, resource.unit);
		case 'team.manage':
			return (
				resource.kind === 'team' && resource.unit.active && (resource.leaderId === actor?.personId || administers(actor, resource.unit))
			);
		case 'initiative.create':
		case 'initiative.submit':
			return resource.kind === 'initiative' && logsFor(actor, resource);
		case 'initiative.edit':
			return (
				resource.kind === 'initiative' &&
				(logsFor(actor, resource) || (!!actor && resource.unit.active && resource.authorId === actor.personId))
			);
		case 'initiative.verify':
			return resource.kind === 'initiative' && verifies(actor, resource);
		case 'initiative.revoke':
			return (
				resource.kind === 'initiative' &&
				(verifies(actor, resource) ||
					campaignGrantsOf(actor, ['province_admin'], resource.campaignId).some((g) => isWithin(resource.unit.path, g.unitPath)))
			);
		case 'initiative.viewPrivate':
			return (
				resource.kind === 'initiative' &&
				!!actor &&
				(resource.authorId === actor.personId ||
					resource.teamLeaderId === actor.personId ||
					resource.teamMemberIds.includes(actor.personId) ||
					campaignGrantsOf(actor, ADMIN_ROLES, resource.campaignId).some((g) => isWithin(resource.unit.path, g.unitPath)) ||
					sitsOnCouncilOf(actor, resource.unit))
			);
		case 'mfa.reset':
			return resource.kind === 'secondFactor' && resetsSecondFactorOf(actor, resource.holderId, resource.holds);
		case 'council.manage':
			// Naming the root's council is the standing office's: province admins over that root.
			return (
				resource.kind === 'unit' &&
				resource.unit.active &&
				isRootUnit(resource.unit) &&
				grantsOf(actor, ['province_admin']).some((g) => isWithin(resource.unit.path, g.unitPath))
			);
	}
}

/**
 * Only a higher admin resets a lost second factor: a province admin, for someone who is not a province admin
 * and holds every active role inside that province admin's subtree. Never one's own. A province admin's
 * factor is reset by the server's operator (`npm run mfa:reset`).
 */
function resetsSecondFactorOf(actor: Actor | null, holderId: number, holds: { role: Role; unit: UnitNode }[]): boolean {
	if (!actor || actor.personId === holderId) return false;
	const active = holds.filter((h) => h.unit.active);
	if (active.length === 0 || active.some((h) => h.role === 'province_admin')) return false;
	return grantsOf(actor, ['province_admin']).some((g) => active.every((h) => isWithin(h.unit.path, g.unitPath)));
}

/** The subtrees an actor administers, for filtering lists (each path covers its descendants). */
export function adminScopes(actor: Actor | null): string[] {
	return grantsOf(actor, ADMIN_ROLES).map((g) => g.unitPath);
}

/** The units a person administers (each once): those they file reports, targets and proposals for. */
export function adminUnitIds(actor: Actor | null): number[] {
	return [...new Set(grantsOf(actor, ADMIN_ROLES).map((g) => g.unitId))];
}

/**
 * Who files a unit's report for a campaign: the admins of the unit or of a unit above it (a district files
 * for a grassroots union that cannot), by a grant for every campaign or for this one.
 */
export function canFileReport(actor: Actor | null, unitPath: string, campaignId: number): boolean {
	return campaignGrantsOf(actor, ADMIN_ROLES, campaignId).some((g) => isWithin(unitPath, g.unitPath));
}

/** Who receives a unit's report and may return it: the level above, never the unit itself. */
export function canReceiveReport(actor: Actor | null, unitPath: string, campaignId: number): boolean {
	return campaignGrantsOf(actor, ADMIN_ROLES, campaignId).some((g) => isStrictlyWithin(unitPath, g.unitPath));
}
