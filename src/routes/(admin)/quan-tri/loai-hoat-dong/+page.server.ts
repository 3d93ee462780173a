import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { authorizeCampaignConfig } from '$lib/server/campaigns/configure';
import { catalogueForAdmin, createActivityType, setActivityTypeActive, type MeasureInput } from '$lib/server/activities/service';
import { defaultCampaign } from '$lib/server/campaigns/queries';
import { activityTypeSchema, measureRowSchema, MEASURE_ROWS } from '$lib/schemas/activity';
import { parseForm } from '$lib/schemas/fields';
import { t } from '$lib/i18n';

/** Only the campaign's standing office (province admins over the owner unit) configures the catalogue. */
function configure(event: Parameters<PageServerLoad>[0]) {
	requireActor(event);
	const ctx = serviceContext(event);
	authorizeCampaignConfig(ctx);
	return ctx;
}

export const load: PageServerLoad = (event) => {
	const ctx = configure(event);
	return { ...catalogueForAdmin(ctx.db), rows: MEASURE_ROWS, hasCampaign: !!defaultCampaign(ctx.db) };
};

export const actions: Actions = {
	create: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		const parsed = parseForm(activityTypeSchema, form);
		const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
		const measures: MeasureInput[] = [];
		for (let i = 0; i < MEASURE_ROWS; i++) {
			const row = new FormData();
			for (const key of ['label', 'unitLabel', 'kind', 'min', 'max', 'required']) {
				const v = form.get(`m${i}_${key}`);
				if (typeof v === 'string') row.set(key, v);
			}
			if (!String(row.get('label') ?? '').trim()) continue;
			const m = parseForm(measureRowSchema, row);
			if (m.ok) measures.push(m.data);
			else for (const [k, message] of Object.entries(m.errors)) errors[`m${i}_${k}`] = message;
		}
		if (measures.length === 0 && !errors.m0_label) errors.m0_label = t('activity.needMeasure');
		const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
		if (!parsed.ok || Object.keys(errors).length > 0) return fail(400, { errors, values });
		const result = createActivityType(serviceContext(event), { ...parsed.data, measures });
		if (!result.ok) return fail(400, { errors: { contentAreaId: t('validation.invalidChoice') }, values });
		return { created: true };
	},
	toggle: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		setActivityTypeActive(serviceContext(event), Number(form.get('id')), form.get('active') === 'true');
		return { toggled: true };
	}
};
