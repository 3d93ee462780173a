import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { campaignFromUrl, requireActor, serviceContext } from '$lib/server/http/context';
import { campaignChoices } from '$lib/server/campaigns/queries';
import { awardSuggestions, suggestionChoices } from '$lib/server/awards/suggestions';
import { nominate } from '$lib/server/awards/nominations';
import { idParam } from '$lib/schemas/fields';
import { t } from '$lib/i18n';

/** Award candidates for the units the person files for, from a closed period's frozen boards. */
export const load: PageServerLoad = (event) => {
	requireActor(event);
	const ctx = serviceContext(event);
	const campaign = campaignFromUrl(event, ctx.db);
	if (!campaign) return { campaign: null, campaigns: [], units: [], periods: [], unitId: null, periodId: null, suggestions: null };
	const choices = suggestionChoices(ctx, campaign.id);
	const q = event.url.searchParams;
	const unitId = choices.units.find((u) => u.id === idParam(q.get('don-vi')))?.id ?? choices.units[0]?.id ?? null;
	const periodId = choices.periods.find((p) => p.id === idParam(q.get('ky')))?.id ?? choices.periods[0]?.id ?? null;
	return {
		campaign,
		campaigns: campaignChoices(ctx.db),
		...choices,
		unitId,
		periodId,
		suggestions: unitId && periodId ? awardSuggestions(ctx, { campaignId: campaign.id, unitId, periodId }) : null
	};
};

const field = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

export const actions: Actions = {
	nominate: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		const whole = (name: string) => idParam(form.get(name));
		const result = nominate(serviceContext(event), {
			campaignId: whole('campaignId'),
			periodId: whole('periodId'),
			unitId: whole('unitId'),
			formCode: field(form, 'formCode'),
			subjectType: field(form, 'subjectType'),
			subjectId: whole('subjectId'),
			citation: field(form, 'citation')
		});
		const row = `${field(form, 'subjectType')}|${field(form, 'subjectId')}`;
		if (!result.ok) {
			if (result.problem === 'forbidden') error(403, result.error);
			return fail(400, { row, error: result.error, citation: field(form, 'citation').slice(0, 2000) });
		}
		return { row, done: t('nomination.done') };
	}
};
