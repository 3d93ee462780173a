import { fail } from '@sveltejs/kit';
import { asc, eq } from 'drizzle-orm';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/auth/guard';
import { authorizeCampaignConfig } from '$lib/server/campaigns/configure';
import { periods } from '$lib/server/db/schema';
import { currentCampaign } from '$lib/server/campaigns/queries';
import { changePeriod } from '$lib/server/scoring/periods';
import type { PeriodStep } from '$lib/domain/scoring/periods';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	requireActor(event);
	const ctx = serviceContext(event);
	authorizeCampaignConfig(ctx);
	const campaignId = currentCampaign(ctx.db)!.campaign.id;
	return { periods: ctx.db.select().from(periods).where(eq(periods.campaignId, campaignId)).orderBy(asc(periods.startsOn)).all() };
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
