import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { configuring } from '$lib/server/http/context';
import { campaignBasicsFor, updateCampaignBasics } from '$lib/server/campaigns/service';
import { campaignBasicsSchema } from '$lib/schemas/campaign';
import { parseForm } from '$lib/schemas/fields';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { ctx, campaign } = configuring(event);
	return campaignBasicsFor(ctx, campaign.id);
};

export const actions: Actions = {
	save: async (event) => {
		const { ctx, campaign } = configuring(event);
		const parsed = parseForm(campaignBasicsSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = updateCampaignBasics(ctx, campaign.id, parsed.data);
		if (!result.ok) return fail(400, { errors: result.errors, values: parsed.values });
		return { saved: t('campaignForm.saved') };
	}
};
