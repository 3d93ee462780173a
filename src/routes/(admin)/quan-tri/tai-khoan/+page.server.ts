import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorize } from '$lib/server/auth/authorize';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { adminScopes, can, ROLES } from '$lib/domain/permissions';
import { createPerson, manageablePeople } from '$lib/server/people/service';
import { unitsWithin } from '$lib/server/units/queries';
import { unitOptions } from '$lib/server/units/tree-view';
import { createPersonSchema } from '$lib/schemas/person';
import { parseForm } from '$lib/schemas/fields';
import { shareableLink } from '$lib/server/http/links';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	authorize(ctx, 'admin.access');
	const query = (event.url.searchParams.get('q') ?? '').slice(0, 100);
	const inScope = unitsWithin(ctx.db, adminScopes(actor)).filter((u) => can(actor, 'person.create', { kind: 'unit', unit: u }));
	return {
		query,
		people: manageablePeople(ctx, query),
		units: unitOptions(inScope),
		roles: ROLES.filter((role) => inScope.some((u) => can(actor, 'role.grant', { kind: 'grant', unit: u, role })))
	};
};

export const actions: Actions = {
	create: async (event) => {
		requireActor(event);
		const parsed = parseForm(createPersonSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = createPerson(serviceContext(event), parsed.data);
		if (!result.ok) {
			return fail(409, { errors: { [result.field ?? '_']: t(result.error) }, values: parsed.values });
		}
		return {
			created: { personId: result.personId, name: parsed.data.fullName, ...(await shareableLink(event, `/dat-mat-khau/${result.token}`)) }
		};
	}
};
