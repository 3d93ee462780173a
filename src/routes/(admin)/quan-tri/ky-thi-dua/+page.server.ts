import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { configuring, requireActor, serviceContext } from '$lib/server/http/context';
import { changePeriod } from '$lib/server/scoring/periods';
import { catchUpBoards } from '$lib/server/realtime/after-commit';
import { periodsForEditor, savePeriod } from '$lib/server/campaigns/editors';
import { periodFormSchema } from '$lib/schemas/campaign-editors';
import { parseForm } from '$lib/schemas/fields';
import type { PeriodStep } from '$lib/domain/scoring/periods';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	const { ctx, campaign } = configuring(event);
	return { periods: periodsForEditor(ctx, campaign.id) };
};

const STEPS: readonly PeriodStep[] = ['startClosing', 'close', 'reopen'];

export const actions: Actions = {
	step: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		const step = String(form.get('step')) as PeriodStep;
		if (!STEPS.includes(step)) return fail(400, { error: t('validation.invalidChoice') });
		const ctx = serviceContext(event);
		const result = changePeriod(ctx, Number(form.get('periodId')), step);
		if (!result.ok) return fail(409, { error: t('period.wrongState') });
		await catchUpBoards(ctx);
		return { done: t(`period.done.${step}`) };
	},
	save: async (event) => {
		const { ctx, campaign } = configuring(event);
		const parsed = parseForm(periodFormSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = savePeriod(ctx, campaign.id, parsed.data);
		if (!result.ok) return fail(400, { errors: result.errors, values: parsed.values });
		await catchUpBoards(ctx);
		return { done: t('campaignEdit.saved') };
	}
};
