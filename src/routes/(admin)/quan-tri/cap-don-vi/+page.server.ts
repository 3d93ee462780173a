import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { configuring, requireActor, serviceContext } from '$lib/server/http/context';
import { levelsForEditor, saveCampaignLevel } from '$lib/server/campaigns/editors';
import { addUnitLevel } from '$lib/server/units/levels';
import { campaignLevelSchema, unitLevelSchema } from '$lib/schemas/campaign-editors';
import { parseForm } from '$lib/schemas/fields';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { ctx, campaign } = configuring(event);
	return { levels: levelsForEditor(ctx, campaign.id) };
};

export const actions: Actions = {
	level: async (event) => {
		const { ctx, campaign } = configuring(event);
		const parsed = parseForm(campaignLevelSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { action: 'level', errors: parsed.errors, values: parsed.values });
		const result = saveCampaignLevel(ctx, campaign.id, parsed.data);
		if (!result.ok) return fail(400, { action: 'level', errors: result.errors, values: parsed.values });
		return { done: t('campaignEdit.saved') };
	},
	addLevel: async (event) => {
		requireActor(event);
		const parsed = parseForm(unitLevelSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { action: 'addLevel', errors: parsed.errors, values: parsed.values });
		const result = addUnitLevel(serviceContext(event), parsed.data);
		if (!result.ok) return fail(400, { action: 'addLevel', errors: result.errors, values: parsed.values });
		return { done: t('campaignEdit.levelAdded', { label: parsed.data.label }) };
	}
};
