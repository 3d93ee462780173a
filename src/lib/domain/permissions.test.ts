import { describe, expect, it } from 'vitest';
import { can, verifierGrants, type Action, type Actor, type Grant, type InitiativeFacts, type Resource, type Role } from './permissions';
import type { UnitNode } from './units/tree';

// P ─ D1 ─ G1a ─ B1a1, B1a2
//   │    └ G1b ─ B1b1
//   └ D2 ─ G2a ─ B2a1          and a second province Q (another campaign's tree)
const u = (path: string, active = true): UnitNode => ({ id: Number(path.split('/').at(-2)), path, active });
const P = u('/1/');
const D1 = u('/1/2/');
const G1a = u('/1/2/3/');
const B1a1 = u('/1/2/3/4/');
const B1a2 = u('/1/2/3/5/');
const G1b = u('/1/2/6/');
const B1b1 = u('/1/2/6/7/');
const D2 = u('/1/8/');
const G2a = u('/1/8/9/');
const Q = u('/20/');
const QG = u('/20/21/');
const retiredInD1 = u('/1/2/3/30/', false);

const LEVEL_BY_DEPTH = ['province', 'district', 'grassroots', 'branch'];
/** Two campaigns over the same tree (the youth union's and the UBND's). */
const YOUTH = 1;
const GOVERNMENT = 2;
const grant = (role: Role, unit: UnitNode, campaignId: number | null = null): Grant => ({
	role,
	unitId: unit.id,
	unitPath: unit.path,
	unitLevel: LEVEL_BY_DEPTH[unit.path.split('/').length - 3]!,
	campaignId
});
const actorWith = (role: Role, unit: UnitNode): Actor => ({ personId: 100, grants: [grant(role, unit)] });
const ACTORS: Record<Role, Actor> = {
	province_admin: actorWith('province_admin', P),
	district_admin: actorWith('district_admin', D1),
	unit_admin: actorWith('unit_admin', G1a),
	member: actorWith('member', B1a1),
	council_member: actorWith('council_member', P)
};

/** Per role: a unit inside its scope, one outside, and a retired unit inside. */
const TARGETS: Record<Role, { in: UnitNode; out: UnitNode }> = {
	province_admin: { in: G1a, out: QG },
	district_admin: { in: G1a, out: G2a },
	unit_admin: { in: B1a1, out: B1b1 },
	member: { in: B1a1, out: B1b1 },
	// A council member's reach is the root's own work: "in" is the root itself, "out" another root.
	council_member: { in: P, out: Q }
};

type Relation = 'in' | 'out' | 'retired';
/** Someone else's initiative (author 999, led by 998, with member 997) in `unit`. */
const work = (unit: UnitNode, extra: Partial<InitiativeFacts> = {}): Resource => ({
	kind: 'initiative',
	unit,
	authorId: 999,
	teamLeaderId: 998,
	teamMemberIds: [997],
	handledBy: [],
	grassrootsMayVerify: false,
	councilSize: 2,
	campaignId: YOUTH,
	...extra
});
const target = (role: Role, rel: Relation): UnitNode => (rel === 'retired' ? retiredInD1 : TARGETS[role][rel]);

const RESOURCE: Record<Exclude<Action, 'admin.access'>, (role: Role, rel: Relation) => Resource> = {
	'unit.create': (r, rel) => ({ kind: 'unit', unit: target(r, rel) }),
	'unit.rename': (r, rel) => ({ kind: 'unit', unit: target(r, rel) }),
	'unit.retire': (r, rel) => ({ kind: 'unit', unit: target(r, rel) }),
	'unit.move': (r, rel) => ({ kind: 'move', unit: TARGETS[r].in, newParent: target(r, rel) }),
	'unit.merge': (r, rel) => ({ kind: 'merge', unit: TARGETS[r].in, survivor: target(r, rel) }),
	'person.create': (r, rel) => ({ kind: 'unit', unit: target(r, rel) }),
	'person.manage': (r, rel) => ({
		kind: 'person',
		memberOf: [target(r, rel)],
		grants: [{ role: 'member', unitPath: target(r, rel).path }]
	}),
	'role.grant': (r, rel) => ({ kind: 'grant', unit: target(r, rel), role: 'member' }),
	'audit.view': (r, rel) => ({ kind: 'unit', unit: target(r, rel) }),
	'campaign.configure': (r, rel) => ({ kind: 'unit', unit: target(r, rel) }),
	'team.create': (r, rel) => ({ kind: 'unit', unit: target(r, rel) }),
	'team.manage': (r, rel) => ({ kind: 'team', unit: target(r, rel), leaderId: 999 }),
	'initiative.create': (r, rel) => work(target(r, rel)),
	'initiative.edit': (r, rel) => work(target(r, rel)),
	'initiative.submit': (r, rel) => work(target(r, rel)),
	'initiative.verify': (r, rel) => work(target(r, rel)),
	'initiative.revoke': (r, rel) => work(target(r, rel)),
	'initiative.viewPrivate': (r, rel) => work(target(r, rel)),
	'mfa.reset': (r, rel) => ({ kind: 'secondFactor', holderId: 999, holds: [{ role: 'district_admin', unit: target(r, rel) }] }),
	'council.manage': (r, rel) => ({ kind: 'unit', unit: target(r, rel) })
};

// [in scope, out of scope, retired unit in scope] for province_admin, district_admin, unit_admin, member.
const Y = true;
const N = false;
const MATRIX: Record<Exclude<Action, 'admin.access'>, Record<Role, [boolean, boolean, boolean]>> = {
	'unit.create': {
		province_admin: [Y, N, N],
		district_admin: [Y, N, N],
		unit_admin: [N, N, N],
		member: [N, N, N],
		council_member: [N, N, N]
	},
	'unit.rename': {
		province_admin: [Y, N, N],
		district_admin: [Y, N, N],
		unit_admin: [N, N, N],
		member: [N, N, N],
		council_member: [N, N, N]
	},
	'unit.retire': {
		province_admin: [Y, N, N],
		district_admin: [Y, N, N],
		unit_admin: [N, N, N],
		member: [N, N, N],
		council_member: [N, N, N]
	},
	'unit.move': {
		province_admin: [Y, N, N],
		district_admin: [Y, N, N],
		unit_admin: [N, N, N],
		member: [N, N, N],
		council_member: [N, N, N]
	},
	'unit.merge': {
		province_admin: [Y, N, N],
		district_admin: [Y, N, N],
		unit_admin: [N, N, N],
		member: [N, N, N],
		council_member: [N, N, N]
	},
	'person.create': {
		province_admin: [Y, N, N],
		district_admin: [Y, N, N],
		unit_admin: [Y, N, N],
		member: [N, N, N],
		council_member: [N, N, N]
	},
	// People whose unit was retired still need their admin (a new password link, a new unit).
	'person.manage': {
		province_admin: [Y, N, Y],
		district_admin: [Y, N, Y],
		unit_admin: [Y, N, Y],
		member: [N, N, N],
		council_member: [N, N, N]
	},
	'role.grant': {
		province_admin: [Y, N, N],
		district_admin: [Y, N, N],
		unit_admin: [Y, N, N],
		member: [N, N, N],
		council_member: [N, N, N]
	},
	// The history of a retired unit stays readable.
	'audit.view': {
		province_admin: [Y, N, Y],
		district_admin: [Y, N, Y],
		unit_admin: [Y, N, Y],
		member: [N, N, N],
		council_member: [N, N, N]
	},
	'campaign.configure': {
		province_admin: [Y, N, Y],
		district_admin: [N, N, N],
		unit_admin: [N, N, N],
		member: [N, N, N],
		council_member: [N, N, N]
	},
	'team.create': {
		province_admin: [Y, N, N],
		district_admin: [Y, N, N],
		unit_admin: [Y, N, N],
		member: [N, N, N],
		council_member: [N, N, N]
	},
	'team.manage': {
		province_admin: [Y, N, N],
		district_admin: [Y, N, N],
		unit_admin: [Y, N, N],
		member: [N, N, N],
		council_member: [N, N, N]
	},
	'initiative.create': {
		province_admin: [Y, N, N],
		district_admin: [Y, N, N],
		unit_admin: [Y, N, N],
		member: [N, N, N],
		council_member: [N, N, N]
	},
	'initiative.edit': {
		province_admin: [Y, N, N],
		district_admin: [Y, N, N],
		unit_admin: [Y, N, N],
		member: [N, N, N],
		council_member: [N, N, N]
	},
	'initiative.submit': {
		province_admin: [Y, N, N],
		district_admin: [Y, N, N],
		unit_admin: [Y, N, N],
		member: [N, N, N],
		council_member: [N, N, N]
	},
	// Verification is by the level above: a grassroots secretary only when the campaign allows it (not here).
	// Work already logged by a unit that was later merged away is still verified.
	'initiative.verify': {
		province_admin: [Y, N, Y],
		district_admin: [Y, N, Y],
		unit_admin: [N, N, N],
		member: [N, N, N],
		council_member: [Y, N, N]
	},
	'initiative.revoke': {
		province_admin: [Y, N, Y],
		district_admin: [Y, N, Y],
		unit_admin: [N, N, N],
		member: [N, N, N],
		council_member: [Y, N, N]
	},
	'initiative.viewPrivate': {
		province_admin: [Y, N, Y],
		district_admin: [Y, N, Y],
		unit_admin: [Y, N, Y],
		member: [N, N, N],
		council_member: [Y, N, N]
	},
	// Only a higher admin resets a lost second factor; a role on a retired unit is no role at all.
	'mfa.reset': {
		province_admin: [Y, N, N],
		district_admin: [N, N, N],
		unit_admin: [N, N, N],
		member: [N, N, N],
		council_member: [N, N, N]
	},
	// Naming the root's council: only a province admin, only on a root (the fixtures' "in" units are not roots),
	// and a council member only on its own root (see below).
	'council.manage': {
		province_admin: [N, N, N],
		district_admin: [N, N, N],
		unit_admin: [N, N, N],
		member: [N, N, N],
		council_member: [N, N, N]
	}
};

describe('can(): every role × action × scope relation', () => {
	const RELATIONS: Relation[] = ['in', 'out', 'retired'];
	for (const [action, byRole] of Object.entries(MATRIX) as Array<[keyof typeof MATRIX, Record<Role, [boolean, boolean, boolean]>]>) {
		for (const [role, expected] of Object.entries(byRole) as Array<[Role, [boolean, boolean, boolean]]>) {
			RELATIONS.forEach((rel, i) => {
				// unit_admin's retired fixture sits under G1a too; member's under B1a1's parent: both "in scope" but retired.
				it(`${role} ${action} ${rel} → ${expected[i] ? 'allowed' : 'refused'}`, () => {
					expect(can(ACTORS[role], action, RESOURCE[action](role, rel))).toBe(expected[i]);
				});
			});
		}
	}

	it.each([
		['province_admin', true],
		['district_admin', true],
		['unit_admin', true],
		['member', false],
		['council_member', false]
	] as const)('%s admin.access → %s', (role, expected) => {
		expect(can(ACTORS[role], 'admin.access')).toBe(expected);
	});

	it('refuses everything to an anonymous visitor', () => {
		for (const action of Object.keys(MATRIX) as Array<keyof typeof MATRIX>) {
			expect(can(null, action, RESOURCE[action]('province_admin', 'in'))).toBe(false);
		}
		expect(can(null, 'admin.access')).toBe(false);
	});
});

describe('can(): edges of the district scope', () => {
	const district = ACTORS.district_admin;
	it('a district admin may not rename, retire or move its own unit', () => {
		expect(can(district, 'unit.rename', { kind: 'unit', unit: D1 })).toBe(false);
		expect(can(district, 'unit.retire', { kind: 'unit', unit: D1 })).toBe(false);
		expect(can(district, 'unit.move', { kind: 'move', unit: D1, newParent: D2 })).toBe(false);
	});
	it('but may add units directly under it and move units within it', () => {
		expect(can(district, 'unit.create', { kind: 'unit', unit: D1 })).toBe(true);
		expect(can(district, 'unit.move', { kind: 'move', unit: B1a1, newParent: G1b })).toBe(true);
		expect(can(district, 'unit.move', { kind: 'move', unit: G1b, newParent: D1 })).toBe(true);
	});
	it('may not move a unit out of its district, nor merge across districts', () => {
		expect(can(district, 'unit.move', { kind: 'move', unit: G1a, newParent: D2 })).toBe(false);
		expect(can(district, 'unit.merge', { kind: 'merge', unit: B1a1, survivor: u('/1/8/9/10/') })).toBe(false);
		expect(can(district, 'unit.merge', { kind: 'merge', unit: B1a1, survivor: B1a2 })).toBe(true);
	});
	it('never grants a role above its own', () => {
		expect(can(district, 'role.grant', { kind: 'grant', unit: G1a, role: 'district_admin' })).toBe(false);
		expect(can(district, 'role.grant', { kind: 'grant', unit: G1a, role: 'province_admin' })).toBe(false);
		expect(can(district, 'role.grant', { kind: 'grant', unit: G1a, role: 'unit_admin' })).toBe(true);
		expect(can(ACTORS.unit_admin, 'role.grant', { kind: 'grant', unit: B1a1, role: 'unit_admin' })).toBe(false);
		expect(can(ACTORS.province_admin, 'role.grant', { kind: 'grant', unit: D2, role: 'district_admin' })).toBe(true);
	});
	it('a person with no open membership is managed only by a province admin', () => {
		expect(can(district, 'person.manage', { kind: 'person', memberOf: [], grants: [] })).toBe(false);
		expect(can(ACTORS.province_admin, 'person.manage', { kind: 'person', memberOf: [], grants: [] })).toBe(true);
	});
	// A member of a Ta Ma branch who is also a province admin: the Ta Ma secretary must not reach them.
	const PERSON_MANAGE_BY_TARGET_GRANT: Array<[Role, Role, UnitNode, boolean]> = [
		['unit_admin', 'member', B1a1, true],
		['unit_admin', 'unit_admin', G1a, false],
		['unit_admin', 'unit_admin', B1a1, false],
		['unit_admin', 'district_admin', D1, false],
		['unit_admin', 'province_admin', P, false],
		['unit_admin', 'member', B1b1, false],
		['district_admin', 'unit_admin', G1a, true],
		['district_admin', 'district_admin', D1, false],
		['district_admin', 'province_admin', P, false],
		['district_admin', 'member', G2a, false],
		['province_admin', 'district_admin', D2, true],
		['province_admin', 'province_admin', P, true],
		['province_admin', 'member', QG, false]
	];
	for (const [actorRole, targetRole, at, allowed] of PERSON_MANAGE_BY_TARGET_GRANT) {
		it(`${actorRole} managing a member of B1a1 who is also ${targetRole} of ${at.path} → ${allowed ? 'allowed' : 'refused'}`, () => {
			const target: Resource = {
				kind: 'person',
				memberOf: [B1a1],
				grants: [
					{ role: 'member', unitPath: B1a1.path },
					{ role: targetRole, unitPath: at.path }
				]
			};
			expect(can(ACTORS[actorRole], 'person.manage', target)).toBe(allowed);
		});
	}
	it('path prefixes are whole ids: /1/2/ does not cover /1/23/', () => {
		expect(can(district, 'unit.rename', { kind: 'unit', unit: u('/1/23/') })).toBe(false);
	});
	it('several grants add up', () => {
		const both: Actor = { personId: 1, grants: [...ACTORS.unit_admin.grants, grant('district_admin', D2)] };
		expect(can(both, 'unit.rename', { kind: 'unit', unit: G2a })).toBe(true);
		expect(can(both, 'unit.rename', { kind: 'unit', unit: B1a1 })).toBe(false);
		expect(can(both, 'person.create', { kind: 'unit', unit: B1a1 })).toBe(true);
	});
	it('a province admin can act on the root it answers for', () => {
		expect(can(ACTORS.province_admin, 'unit.rename', { kind: 'unit', unit: P })).toBe(true);
		expect(can(ACTORS.province_admin, 'unit.rename', { kind: 'unit', unit: Q })).toBe(false);
	});
});

describe('can(): initiatives', () => {
	const district = ACTORS.district_admin;
	it('a verifier never verifies work it authored or is a team member of', () => {
		expect(can(district, 'initiative.verify', work(G1a))).toBe(true);
		expect(can(district, 'initiative.verify', work(G1a, { authorId: 100 }))).toBe(false);
		expect(can(district, 'initiative.verify', work(G1a, { teamLeaderId: 100 }))).toBe(false);
		expect(can(district, 'initiative.verify', work(G1a, { teamMemberIds: [5, 100] }))).toBe(false);
	});
	it('nobody verifies their own unit: a district admin cannot approve the district union’s own work', () => {
		expect(can(district, 'initiative.verify', work(D1))).toBe(false);
		expect(can(ACTORS.province_admin, 'initiative.verify', work(D1))).toBe(true);
	});
	it('a grassroots secretary verifies its branches only when the campaign allows it', () => {
		expect(can(ACTORS.unit_admin, 'initiative.verify', work(B1a1, { grassrootsMayVerify: true }))).toBe(true);
		expect(can(ACTORS.unit_admin, 'initiative.verify', work(G1a, { grassrootsMayVerify: true }))).toBe(false);
		expect(can(ACTORS.unit_admin, 'initiative.verify', work(B1b1, { grassrootsMayVerify: true }))).toBe(false);
		const branchSecretary = actorWith('unit_admin', B1a1);
		expect(can(branchSecretary, 'initiative.verify', work(u('/1/2/3/4/40/'), { grassrootsMayVerify: true }))).toBe(false);
	});
	it('a team leader without an admin role logs, edits and submits the team’s work, but cannot verify it', () => {
		const leader: Actor = { personId: 998, grants: [grant('member', B1a1)] };
		expect(can(leader, 'initiative.create', work(B1a1))).toBe(true);
		expect(can(leader, 'initiative.submit', work(B1a1))).toBe(true);
		expect(can(leader, 'initiative.verify', work(B1a1))).toBe(false);
		expect(can(leader, 'initiative.viewPrivate', work(B1a1))).toBe(true);
	});
	it('the author may edit; a plain team member may only look', () => {
		const author: Actor = { personId: 999, grants: [grant('member', B1a1)] };
		const member: Actor = { personId: 997, grants: [grant('member', B1a1)] };
		expect(can(author, 'initiative.edit', work(B1a1))).toBe(true);
		expect(can(author, 'initiative.submit', work(B1a1))).toBe(false);
		expect(can(member, 'initiative.edit', work(B1a1))).toBe(false);
		expect(can(member, 'initiative.viewPrivate', work(B1a1))).toBe(true);
		expect(can(ACTORS.member, 'initiative.viewPrivate', work(B1a1))).toBe(false);
	});
	it('the team leader manages the team', () => {
		const leader: Actor = { personId: 998, grants: [grant('member', B1a1)] };
		expect(can(leader, 'team.manage', { kind: 'team', unit: B1a1, leaderId: 998 })).toBe(true);
		expect(can(leader, 'team.manage', { kind: 'team', unit: B1a1, leaderId: 5 })).toBe(false);
	});
});

describe('can(): segregation of duties in verification', () => {
	const me = 100;
	// The district verifier of D1 on work in G1a, by his relation to that work.
	const RELATIONS: Array<[string, Partial<InitiativeFacts>, boolean]> = [
		['a stranger to the work', {}, true],
		['its author', { authorId: me }, false],
		['the team leader', { teamLeaderId: me }, false],
		['on the team', { teamMemberIds: [997, me] }, false],
		['credited as a participant', { handledBy: [me] }, false],
		['its last editor', { handledBy: [999, me] }, false],
		['the one who submitted it', { handledBy: [me] }, false]
	];
	for (const [relation, facts, allowed] of RELATIONS) {
		for (const role of ['district_admin', 'province_admin'] as const) {
			it(`a ${role} who is ${relation} → ${allowed ? 'may verify' : 'may not verify'}`, () => {
				expect(can(ACTORS[role], 'initiative.verify', work(G1a, facts))).toBe(allowed);
			});
		}
	}
	it('a grassroots secretary allowed to verify its branches is held to the same rule', () => {
		const secretary = ACTORS.unit_admin;
		expect(can(secretary, 'initiative.verify', work(B1a1, { grassrootsMayVerify: true }))).toBe(true);
		expect(can(secretary, 'initiative.verify', work(B1a1, { grassrootsMayVerify: true, handledBy: [me] }))).toBe(false);
	});
});

describe('can(): resetting a second factor', () => {
	const holder = (holderId: number, ...holds: Array<[Role, UnitNode]>): Resource => ({
		kind: 'secondFactor',
		holderId,
		holds: holds.map(([role, unit]) => ({ role, unit }))
	});
	const province = ACTORS.province_admin;
	it('a province admin resets a district admin of its province', () => {
		expect(can(province, 'mfa.reset', holder(5, ['district_admin', D1]))).toBe(true);
		expect(can(province, 'mfa.reset', holder(5, ['district_admin', D1], ['member', B1a1]))).toBe(true);
	});
	it('but not another province admin, nor itself, nor someone who also holds a role elsewhere', () => {
		expect(can(province, 'mfa.reset', holder(5, ['province_admin', P]))).toBe(false);
		expect(can(province, 'mfa.reset', holder(100, ['district_admin', D1]))).toBe(false);
		expect(can(province, 'mfa.reset', holder(5, ['district_admin', D1], ['district_admin', QG]))).toBe(false);
		expect(can(province, 'mfa.reset', holder(5))).toBe(false);
	});
	it('a district admin resets nobody’s, not even in its own district', () => {
		expect(can(ACTORS.district_admin, 'mfa.reset', holder(5, ['unit_admin', G1a]))).toBe(false);
		expect(can(ACTORS.district_admin, 'mfa.reset', holder(5, ['district_admin', D1]))).toBe(false);
	});
});

describe('can(): the council that verifies the root unit’s own work', () => {
	const me = 100;
	const council = (personId = me): Actor => ({ personId, grants: [grant('council_member', P)] });
	const rootWork = (extra: Partial<InitiativeFacts> = {}) => work(P, extra);
	// [who, on what, expected]
	const CASES: Array<[string, Actor, Resource, boolean]> = [
		['a council member, stranger to the work, council of 2', council(), rootWork(), true],
		['a council member, council of 5', council(), rootWork({ councilSize: 5 }), true],
		['a council member, council of 1 (too small)', council(), rootWork({ councilSize: 1 }), false],
		['a council member, no council at all', council(), rootWork({ councilSize: 0 }), false],
		['a council member who authored it', council(), rootWork({ authorId: me }), false],
		['a council member who submitted or edited it', council(), rootWork({ handledBy: [999, me] }), false],
		['a council member credited in it', council(), rootWork({ handledBy: [me] }), false],
		['a council member leading its team', council(), rootWork({ teamLeaderId: me }), false],
		['a council member on its team', council(), rootWork({ teamMemberIds: [me] }), false],
		['a council member, on work of a district (below the root)', council(), work(D1), false],
		['a council member, on work of a branch', council(), work(B1a1), false],
		['a council member of P, on another root’s work', council(), work(Q), false],
		['a province admin outside the council, on the root’s work', ACTORS.province_admin, rootWork(), false],
		['a district admin, on the root’s work', ACTORS.district_admin, rootWork(), false],
		['a council grant on a unit that is not a root', { personId: me, grants: [grant('council_member', D1)] }, work(D1), false],
		[
			'a province admin who also sits on the council',
			{ personId: me, grants: [grant('province_admin', P), grant('council_member', P)] },
			rootWork(),
			true
		]
	];
	for (const [who, actor, resource, allowed] of CASES) {
		it(`${who} → ${allowed ? 'may verify' : 'may not verify'}`, () => {
			expect(can(actor, 'initiative.verify', resource)).toBe(allowed);
		});
	}
	it('a council member may revoke the root’s approved work on the same terms', () => {
		expect(can(council(), 'initiative.revoke', rootWork())).toBe(true);
		expect(can(council(), 'initiative.revoke', rootWork({ councilSize: 1 }))).toBe(false);
		expect(can(council(), 'initiative.revoke', rootWork({ authorId: me }))).toBe(false);
	});
	it('a council member reads the root’s private work (to review it) but nothing below', () => {
		expect(can(council(), 'initiative.viewPrivate', rootWork({ councilSize: 0 }))).toBe(true);
		expect(can(council(), 'initiative.viewPrivate', work(D1))).toBe(false);
	});
	it('a council member administers nothing', () => {
		expect(can(council(), 'admin.access')).toBe(false);
		expect(can(council(), 'initiative.create', rootWork())).toBe(false);
		expect(can(council(), 'person.create', { kind: 'unit', unit: P })).toBe(false);
	});
	const MANAGE: Array<[string, Actor, UnitNode, boolean]> = [
		['a province admin, on its root', ACTORS.province_admin, P, true],
		['a province admin, on another root', ACTORS.province_admin, Q, false],
		['a province admin, on a district (not a root)', ACTORS.province_admin, D1, false],
		['a province admin, on a retired root', ACTORS.province_admin, u('/1/', false), false],
		['a district admin, on the root', ACTORS.district_admin, P, false],
		['a council member, on its root', council(), P, false]
	];
	for (const [who, actor, unit, allowed] of MANAGE) {
		it(`council.manage by ${who} → ${allowed ? 'allowed' : 'refused'}`, () => {
			expect(can(actor, 'council.manage', { kind: 'unit', unit })).toBe(allowed);
		});
	}
	it('the ordinary role form never hands out a council seat', () => {
		expect(can(ACTORS.province_admin, 'role.grant', { kind: 'grant', unit: P, role: 'council_member' })).toBe(false);
		expect(can(ACTORS.province_admin, 'role.grant', { kind: 'grant', unit: P, role: 'district_admin' })).toBe(true);
	});
});

describe('can(): roles scoped to one campaign', () => {
	const me = 100;
	const scoped = (role: Role, unit: UnitNode, campaignId = GOVERNMENT): Actor => ({
		personId: me,
		grants: [grant(role, unit, campaignId)]
	});
	// [who, action, on what, expected]
	const CASES: Array<[string, Actor, Action, Resource, boolean]> = [
		[
			'a district admin of the UBND campaign verifies its work below',
			scoped('district_admin', D1),
			'initiative.verify',
			work(G1a, { campaignId: GOVERNMENT }),
			true
		],
		['… but not the youth campaign’s work in the same place', scoped('district_admin', D1), 'initiative.verify', work(G1a), false],
		[
			'… nor work whose campaign is not known yet',
			scoped('district_admin', D1),
			'initiative.verify',
			work(G1a, { campaignId: null }),
			false
		],
		[
			'a province admin of every campaign verifies both',
			ACTORS.province_admin,
			'initiative.verify',
			work(G1a, { campaignId: GOVERNMENT }),
			true
		],
		[
			'a scoped secretary logs work in her campaign',
			scoped('unit_admin', G1a),
			'initiative.create',
			work(B1a1, { campaignId: GOVERNMENT }),
			true
		],
		['… not in the other', scoped('unit_admin', G1a), 'initiative.create', work(B1a1), false],
		[
			'a scoped province admin revokes its campaign’s work',
			scoped('province_admin', P),
			'initiative.revoke',
			work(G1a, { campaignId: GOVERNMENT }),
			true
		],
		['… not the other’s', scoped('province_admin', P), 'initiative.revoke', work(G1a), false],
		[
			'a scoped admin sees its campaign’s private work',
			scoped('district_admin', D1),
			'initiative.viewPrivate',
			work(G1a, { campaignId: GOVERNMENT }),
			true
		],
		['… not the other’s', scoped('district_admin', D1), 'initiative.viewPrivate', work(G1a), false],
		[
			'a scoped province admin configures its campaign',
			scoped('province_admin', P),
			'campaign.configure',
			{ kind: 'unit', unit: P, campaignId: GOVERNMENT },
			true
		],
		['… not the other campaign', scoped('province_admin', P), 'campaign.configure', { kind: 'unit', unit: P, campaignId: YOUTH }, false],
		['… nor a new campaign', scoped('province_admin', P), 'campaign.configure', { kind: 'unit', unit: P }, false],
		[
			'a scoped admin reaches the admin area (to configure its campaign)',
			scoped('province_admin', P),
			'admin.access',
			{ kind: 'none' },
			true
		],
		['a scoped province admin gets nothing over units', scoped('province_admin', P), 'unit.rename', { kind: 'unit', unit: G1a }, false],
		['… nor people', scoped('province_admin', P), 'person.create', { kind: 'unit', unit: G1a }, false],
		['… nor roles', scoped('province_admin', P), 'role.grant', { kind: 'grant', unit: G1a, role: 'member' }, false],
		['… nor teams', scoped('unit_admin', G1a), 'team.create', { kind: 'unit', unit: B1a1 }, false]
	];
	it.each(CASES)('%s', (_, actor, action, resource, expected) => {
		expect(can(actor, action, resource)).toBe(expected);
	});
	it('queues look wherever any grant might verify; each item then decides', () => {
		const actor = scoped('district_admin', D1);
		expect(verifierGrants(actor, false, 'any')).toHaveLength(1);
		expect(verifierGrants(actor, false, YOUTH)).toHaveLength(0);
		expect(verifierGrants(actor, false, GOVERNMENT)).toHaveLength(1);
	});
});
