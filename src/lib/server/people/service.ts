import { and, eq, isNull, or } from 'drizzle-orm';
import { memberships, people, roleAssignments } from '../db/schema';
import type { ServiceContext } from '../context';
import { authorize } from '../auth/authorize';
import { campaignChoices } from '../campaigns/queries';
import { recordAudit } from '../audit';
import { issuePasswordToken } from '../auth/password-tokens';
import { invalidateAllSessions } from '../auth/sessions';
import { getUnit } from '../units/queries';
import { peopleWithin, personDetail, reachOf } from './queries';
import { publicDisplayName } from '../../domain/people/names';
import { adminScopes, can, type Role } from '../../domain/permissions';
import type { MessageKey } from '../../i18n';
import { isoDay } from '../../format';

export interface NewPerson {
	fullName: string;
	displayName: string;
	birthYear: number | null;
	phone: string | null;
	email: string | null;
	unitId: number;
	role: Role;
}

export type PersonResult<T> = ({ ok: true } & T) | { ok: false; error: MessageKey; field?: string };

/**
 * An admin creates an account inside their scope and gets a one-time link: the admin never chooses or
 * learns the password.
 */
export function createPerson(ctx: ServiceContext, input: NewPerson): PersonResult<{ personId: number; token: string }> {
	const unit = getUnit(ctx.db, input.unitId);
	if (!unit) return { ok: false, error: 'unitError.notFound', field: 'unitId' };
	authorize(ctx, 'person.create', { kind: 'unit', unit });
	authorize(ctx, 'role.grant', { kind: 'grant', unit, role: input.role });
	return ctx.db.transaction((tx) => {
		const clash = tx
			.select({ id: people.id })
			.from(people)
			.where(or(input.phone ? eq(people.phone, input.phone) : undefined, input.email ? eq(people.email, input.email) : undefined))
			.get();
		if (clash) return { ok: false as const, error: 'validation.duplicateContact' as const, field: 'phone' };
		const person = tx
			.insert(people)
			.values({
				fullName: input.fullName,
				displayName: input.displayName || publicDisplayName(input.fullName),
				birthYear: input.birthYear,
				phone: input.phone,
				email: input.email,
				createdAt: ctx.now,
				createdBy: ctx.actor?.personId ?? null
			})
			.returning({ id: people.id })
			.get();
		tx.insert(memberships)
			.values({ personId: person.id, unitId: unit.id, joinedOn: isoDay(ctx.now) })
			.run();
		tx.insert(roleAssignments)
			.values({ personId: person.id, role: input.role, unitId: unit.id, grantedAt: ctx.now, grantedBy: ctx.actor?.personId ?? null })
			.run();
		recordAudit(ctx.db, ctx, {
			action: 'person.create',
			targetType: 'person',
			targetId: person.id,
			unitId: unit.id,
			after: { unitName: unit.name, role: input.role }
		});
		const token = issuePasswordToken(ctx, person.id, unit.id);
		return { ok: true as const, personId: person.id, token };
	});
}

/**
 * People in the actor's subtrees whom the actor may manage (a search by name, phone, e-mail or username):
 * superiors and peers who happen to be members down here are not listed, nor are their contacts shown.
 */
export function manageablePeople(ctx: ServiceContext, query: string) {
	const found = peopleWithin(ctx.db, adminScopes(ctx.actor), query);
	const reach = reachOf(
		ctx.db,
		found.map((p) => p.id)
	);
	return found
		.filter((p) => can(ctx.actor, 'person.manage', { kind: 'person', ...reach.get(p.id)! }))
		.map((p) => ({ ...p, hasPassword: !!p.hasPassword }));
}

/** The person as the acting admin may see them, or null when out of scope (after a refused, audited check). */
export function managedPerson(ctx: ServiceContext, personId: number) {
	const detail = personDetail(ctx.db, personId);
	if (!detail) return null;
	const memberOf = detail.memberships
		.filter((m) => m.leftOn === null)
		.map((m) => ({ id: m.unitId, path: m.unitPath, active: m.unitActive }));
	const grants = detail.roles.map((r) => ({ role: r.role, unitPath: r.unitPath }));
	authorize(ctx, 'person.manage', { kind: 'person', memberOf, grants });
	return { ...detail, memberOf };
}

export function newPasswordLink(ctx: ServiceContext, personId: number): string | null {
	const managed = managedPerson(ctx, personId);
	if (!managed) return null;
	return ctx.db.transaction(() => issuePasswordToken(ctx, personId, managed.memberOf[0]?.id ?? null));
}

/**
 * Grants a role over a unit, in every campaign (`campaignId` null) or in one: a role scoped to a campaign acts
 * on that campaign's work and configuration only (domain/permissions.ts).
 */
export function grantRole(
	ctx: ServiceContext,
	personId: number,
	unitId: number,
	role: Role,
	campaignId: number | null = null
): PersonResult<object> {
	const managed = managedPerson(ctx, personId);
	if (!managed) return { ok: false, error: 'unitError.notFound' };
	const unit = getUnit(ctx.db, unitId);
	if (!unit) return { ok: false, error: 'unitError.notFound', field: 'unitId' };
	if (!unit.active) return { ok: false, error: 'unitError.retired', field: 'unitId' };
	const campaign = campaignId === null ? null : campaignChoices(ctx.db).find((c) => c.id === campaignId);
	if (campaign === undefined) return { ok: false, error: 'campaign.unknown', field: 'campaignId' };
	authorize(ctx, 'role.grant', { kind: 'grant', unit, role });
	ctx.db.transaction((tx) => {
		const existing = tx
			.select({ id: roleAssignments.id })
			.from(roleAssignments)
			.where(
				and(
					eq(roleAssignments.personId, personId),
					eq(roleAssignments.unitId, unitId),
					eq(roleAssignments.role, role),
					campaignId === null ? isNull(roleAssignments.campaignId) : eq(roleAssignments.campaignId, campaignId),
					isNull(roleAssignments.revokedAt)
				)
			)
			.get();
		if (existing) return;
		tx.insert(roleAssignments)
			.values({ personId, role, unitId, campaignId, grantedAt: ctx.now, grantedBy: ctx.actor?.personId ?? null })
			.run();
		recordAudit(ctx.db, ctx, {
			action: 'authz_change',
			targetType: 'person',
			targetId: personId,
			unitId,
			after: { role, unitName: unit.name, ...(campaign ? { campaign: campaign.name } : {}) }
		});
	});
	return { ok: true };
}

export function endAllSessionsOf(ctx: ServiceContext, personId: number): boolean {
	const managed = managedPerson(ctx, personId);
	if (!managed) return false;
	ctx.db.transaction(() => {
		invalidateAllSessions(ctx.db, personId);
		recordAudit(ctx.db, ctx, {
			action: 'authn_sessions_revoked',
			targetType: 'person',
			targetId: personId,
			unitId: managed.memberOf[0]?.id ?? null
		});
	});
	return true;
}
