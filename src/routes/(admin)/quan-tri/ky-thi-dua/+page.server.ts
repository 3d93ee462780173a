import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { authorizeCampaignConfig } from '$lib/server/campaigns/configure';
import { currentCampaign } from '$lib/server/campaigns/queries';
import { allPeriods, changePeriod } from '$lib/server/scoring/periods';
import type { PeriodStep } from '$lib/domain/scoring/periods';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	requireActor(event);
	const ctx = serviceContext(event);
	authorizeCampaignConfig(ctx);
	const campaignId = currentCampaign(ctx.db)!.campaign.id;
	return { periods: allPeriods(ctx.db, campaignId) };
};

const STEPS: readonly PeriodStep[] = ['startClosing', 'close', 'reopen'];

export const actions: Actions = {
	step: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		const step = String(form.get('step')) as PeriodStep;
		if (!STEPS.includes(step)) return fail(400, { error: t('validation.invalidChoice') });
		const result = changePeriod(serviceContext(event), Number(form.get('periodId')), step);
		if (!result.ok) return fail(409, { error: t('period.wrongState') });
		return { done: t(`period.done.${step}`) };
	}
};
