import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { adminScopes, can, ROLES } from '$lib/domain/permissions';
import { endAllSessionsOf, grantRole, managedPerson, newPasswordLink } from '$lib/server/people/service';
import { shareableLink } from '$lib/server/http/links';
import { resetSecondFactor, secondFactorAdminView } from '$lib/server/auth/second-factor';
import { unitsWithin } from '$lib/server/units/queries';
import { unitOptions } from '$lib/server/units/tree-view';
import { grantRoleSchema } from '$lib/schemas/person';
import { parseForm } from '$lib/schemas/fields';
import { campaignChoices } from '$lib/server/campaigns/queries';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	const managed = managedPerson(ctx, Number(event.params.id));
	if (!managed) error(404, t('error.404'));
	const inScope = unitsWithin(ctx.db, adminScopes(actor));
	return {
		person: managed.person,
		roles: managed.roles.map((r) => ({ role: r.role, unitId: r.unitId, unitName: r.unitName, campaignName: r.campaignName })),
		// A role may be scoped to one campaign where the installation runs several.
		campaigns: campaignChoices(ctx.db),
		memberships: managed.memberships.map((m) => ({ unitId: m.unitId, unitName: m.unitName, joinedOn: m.joinedOn, leftOn: m.leftOn })),
		grantUnits: unitOptions(
			inScope.filter((u) => ROLES.some((role) => can(actor, 'role.grant', { kind: 'grant', unit: u, role }))),
			inScope
		),
		grantRoles: ROLES.filter((role) => inScope.some((u) => can(actor, 'role.grant', { kind: 'grant', unit: u, role }))),
		secondFactor: secondFactorAdminView(ctx, managed.person.id)
	};
};

export const actions: Actions = {
	newLink: async (event) => {
		requireActor(event);
		const token = newPasswordLink(serviceContext(event), Number(event.params.id));
		if (!token) error(404, t('error.404'));
		return { link: await shareableLink(event, `/dat-mat-khau/${token}`) };
	},
	grantRole: async (event) => {
		requireActor(event);
		const parsed = parseForm(grantRoleSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { grantErrors: parsed.errors });
		const result = grantRole(serviceContext(event), Number(event.params.id), parsed.data.unitId, parsed.data.role, parsed.data.campaignId);
		if (!result.ok) return fail(409, { grantErrors: { [result.field ?? '_']: t(result.error) } });
		return { granted: true };
	},
	resetSecondFactor: (event) => {
		requireActor(event);
		const result = resetSecondFactor(serviceContext(event), Number(event.params.id));
		if (!result.ok) return fail(409, { secondFactorError: t(result.error) });
		return { secondFactorReset: true };
	},
	endSessions: (event) => {
		requireActor(event);
		if (!endAllSessionsOf(serviceContext(event), Number(event.params.id))) error(404, t('error.404'));
		return { sessionsEnded: true };
	}
};
