import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { openTargets, registrations } from '$lib/server/targets/service';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	requireActor(event);
	return registrations(serviceContext(event));
};

const whole = (value: FormDataEntryValue | null) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : 0);

export const actions: Actions = {
	open: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		const result = openTargets(serviceContext(event), {
			campaignId: whole(form.get('campaignId')),
			unitId: whole(form.get('unitId')),
			periodId: whole(form.get('periodId'))
		});
		if (!result.ok) {
			if (result.problem === 'forbidden') error(403, t(result.error));
			return fail(400, { error: t(result.error) });
		}
		redirect(303, `/chi-tieu/${result.id}`);
	}
};
