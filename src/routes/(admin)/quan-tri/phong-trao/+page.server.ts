import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { campaignBasicsFor, updateCampaignBasics } from '$lib/server/campaigns/service';
import { campaignBasicsSchema } from '$lib/schemas/campaign';
import { parseForm } from '$lib/schemas/fields';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	requireActor(event);
	return campaignBasicsFor(serviceContext(event));
};

export const actions: Actions = {
	save: async (event) => {
		requireActor(event);
		const ctx = serviceContext(event);
		campaignBasicsFor(ctx);
		const parsed = parseForm(campaignBasicsSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = updateCampaignBasics(ctx, parsed.data);
		if (!result.ok) return fail(400, { errors: result.errors, values: parsed.values });
		return { saved: t('campaignForm.saved') };
	}
};
