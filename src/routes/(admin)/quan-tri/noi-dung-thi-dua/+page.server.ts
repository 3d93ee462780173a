import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { areasForEditor, deleteArea, saveArea } from '$lib/server/campaigns/editors';
import { areaDeleteSchema, areaFormSchema } from '$lib/schemas/campaign-editors';
import { parseForm } from '$lib/schemas/fields';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	requireActor(event);
	return { areas: areasForEditor(serviceContext(event)) };
};

export const actions: Actions = {
	save: async (event) => {
		requireActor(event);
		const ctx = serviceContext(event);
		areasForEditor(ctx);
		const parsed = parseForm(areaFormSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = saveArea(ctx, parsed.data);
		if (!result.ok) return fail(400, { errors: result.errors, values: parsed.values });
		return { done: t('campaignEdit.saved') };
	},
	delete: async (event) => {
		requireActor(event);
		const ctx = serviceContext(event);
		areasForEditor(ctx);
		const parsed = parseForm(areaDeleteSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: { _: t('validation.invalidChoice') }, values: parsed.values });
		const result = deleteArea(ctx, parsed.data.code);
		if (!result.ok) return fail(409, { errors: result.errors, values: { original: parsed.data.code } });
		return { done: t('campaignEdit.saved') };
	}
};
