import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { openTargets, registrations } from '$lib/server/targets/service';
import { idParam } from '$lib/schemas/fields';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	requireActor(event);
	return registrations(serviceContext(event));
};

export const actions: Actions = {
	open: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		const result = openTargets(serviceContext(event), {
			campaignId: idParam(form.get('campaignId')),
			unitId: idParam(form.get('unitId')),
			periodId: idParam(form.get('periodId'))
		});
		if (!result.ok) {
			if (result.problem === 'forbidden') error(403, t(result.error));
			return fail(400, { error: t(result.error) });
		}
		redirect(303, `/chi-tieu/${result.id}`);
	}
};
