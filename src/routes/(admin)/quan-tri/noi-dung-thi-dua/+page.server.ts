import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { configuring } from '$lib/server/http/context';
import { areasForEditor, deleteArea, saveArea } from '$lib/server/campaigns/editors';
import { areaDeleteSchema, areaFormSchema } from '$lib/schemas/campaign-editors';
import { parseForm } from '$lib/schemas/fields';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { ctx, campaign } = configuring(event);
	return { areas: areasForEditor(ctx, campaign.id) };
};

export const actions: Actions = {
	save: async (event) => {
		const { ctx, campaign } = configuring(event);
		const parsed = parseForm(areaFormSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = saveArea(ctx, campaign.id, parsed.data);
		if (!result.ok) return fail(400, { errors: result.errors, values: parsed.values });
		return { done: t('campaignEdit.saved') };
	},
	delete: async (event) => {
		const { ctx, campaign } = configuring(event);
		const parsed = parseForm(areaDeleteSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: { _: t('validation.invalidChoice') }, values: parsed.values });
		const result = deleteArea(ctx, campaign.id, parsed.data.code);
		if (!result.ok) return fail(409, { errors: result.errors, values: { original: parsed.data.code } });
		return { done: t('campaignEdit.saved') };
	}
};
