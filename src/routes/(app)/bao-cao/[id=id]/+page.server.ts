import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { reportView, returnReport, saveReport, submissions, submitReport } from '$lib/server/reports/service';
import { NARRATIVE_SECTIONS } from '$lib/domain/reports/types';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	requireActor(event);
	const ctx = serviceContext(event);
	const view = reportView(ctx, Number(event.params.id));
	if (!view) error(404, t('report.notFound'));
	const children = view.request
		? []
		: (submissions(ctx, { campaignId: view.campaign.id, unitId: view.unit.id, periodId: view.period.id }) ?? []);
	return { view, children };
};

async function readForm(request: Request) {
	const form = await request.formData();
	const narrative = Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, form.get(s)]));
	const cutoff = form.get('cutoffDay');
	return { narrative, cutoffDay: typeof cutoff === 'string' ? cutoff : '' };
}

export const actions: Actions = {
	save: async (event) => {
		requireActor(event);
		const input = await readForm(event.request);
		const result = saveReport(serviceContext(event), Number(event.params.id), input);
		if (!result.ok) return fail(400, { error: t(result.error), values: input });
		return { done: t('report.saved') };
	},
	submit: async (event) => {
		requireActor(event);
		const input = await readForm(event.request);
		const result = submitReport(serviceContext(event), Number(event.params.id), input);
		if (!result.ok) return fail(400, { error: t(result.error), values: input });
		return { done: t('report.submitted') };
	},
	return: async (event) => {
		requireActor(event);
		const reason = (await event.request.formData()).get('reason');
		const result = returnReport(serviceContext(event), Number(event.params.id), typeof reason === 'string' ? reason : '');
		if (!result.ok) return fail(400, { returnError: t(result.error), reason });
		return { done: t('report.returned') };
	}
};
