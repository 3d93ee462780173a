import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { openReport, reportsToFile } from '$lib/server/reports/service';
import { createRequest, requestChoices, requestsMade } from '$lib/server/reports/requests';
import { isoDay } from '$lib/format';
import { idParam } from '$lib/schemas/fields';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	requireActor(event);
	const ctx = serviceContext(event);
	return { rows: reportsToFile(ctx), requestChoices: requestChoices(ctx), requests: requestsMade(ctx), today: isoDay(ctx.now) };
};

const text = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : '');

export const actions: Actions = {
	open: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		const result = openReport(serviceContext(event), {
			campaignId: idParam(form.get('campaignId')),
			unitId: idParam(form.get('unitId')),
			periodId: idParam(form.get('periodId')),
			requestId: idParam(form.get('requestId'))
		});
		if (!result.ok) {
			if (result.problem === 'forbidden') error(403, t(result.error));
			return fail(400, { error: t(result.error) });
		}
		redirect(303, `/bao-cao/${result.id}`);
	},
	request: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		// The unit and campaign come as one choice ("unitId:campaignId") so a period of another campaign cannot be mixed in.
		const [unitId, campaignId] = text(form.get('scope'))
			.split(':')
			.map((v) => idParam(v));
		const values = {
			scope: text(form.get('scope')),
			periodId: text(form.get('periodId')),
			title: text(form.get('title')).slice(0, 1000),
			note: text(form.get('note')).slice(0, 5000),
			dueOn: text(form.get('dueOn'))
		};
		const result = createRequest(serviceContext(event), {
			campaignId: campaignId ?? 0,
			unitId: unitId ?? 0,
			periodId: idParam(values.periodId),
			title: values.title,
			note: text(form.get('note')),
			dueOn: values.dueOn
		});
		if (!result.ok) {
			if (result.problem === 'forbidden') error(403, t(result.error));
			return fail(400, { requestError: t(result.error), values });
		}
		redirect(303, `/bao-cao/yeu-cau/${result.id}`);
	}
};
