import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { addCouncilMember, councilsFor, removeCouncilMember } from '$lib/server/council/service';
import { addCouncilMemberSchema, removeCouncilMemberSchema } from '$lib/schemas/council';
import { parseForm } from '$lib/schemas/fields';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	requireActor(event);
	const councils = councilsFor(serviceContext(event));
	// Only the standing office names a council: a province admin over a root unit.
	if (councils.length === 0) error(403, t('council.noRoot'));
	return { councils };
};

export const actions: Actions = {
	add: async (event) => {
		requireActor(event);
		const parsed = parseForm(addCouncilMemberSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { action: 'add', errors: parsed.errors, values: parsed.values });
		const result = addCouncilMember(serviceContext(event), parsed.data.unitId, parsed.data.identifier);
		if (!result.ok)
			return fail(result.error === 'unitError.notFound' ? 404 : 400, {
				action: 'add',
				errors: { [result.field ?? '_']: t(result.error) },
				values: parsed.values
			});
		return { action: 'add', done: t('council.added', { name: result.name }) };
	},
	remove: async (event) => {
		requireActor(event);
		const parsed = parseForm(removeCouncilMemberSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { action: 'remove', errors: { _: t('validation.invalidChoice') }, values: parsed.values });
		const result = removeCouncilMember(serviceContext(event), parsed.data.unitId, parsed.data.personId);
		if (!result.ok) return fail(409, { action: 'remove', errors: { _: t(result.error) }, values: parsed.values });
		return { action: 'remove', done: t('council.removed', { name: result.name }) };
	}
};
