import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { myPage } from '$lib/server/people/my-page';
import { claimOwnWork, decideClaim } from '$lib/server/initiatives/claims';
import { idParam } from '$lib/schemas/fields';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => myPage(serviceContext(event), requireActor(event));

const text = (form: FormData, name: string) => String(form.get(name) ?? '').slice(0, 2000);

export const actions: Actions = {
	claimOwn: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		const values = { title: text(form, 'title'), startedOn: text(form, 'startedOn'), note: text(form, 'note') };
		const result = claimOwnWork(serviceContext(event), values);
		if (!result.ok) return fail(400, { ownErrors: result.errors, ownValues: values });
		return { ownSent: t('claim.ownSent') };
	},
	declineClaim: async (event) => {
		requireActor(event);
		const form = await event.request.formData();
		const claimId = idParam(form.get('claimId'));
		const reason = text(form, 'reason');
		const ctx = serviceContext(event);
		const result = claimId === null ? ({ ok: false, error: 'claim.notFound' } as const) : decideClaim(ctx, claimId, 'decline', reason);
		if (!result.ok) return fail(400, { claimAnswerError: t(result.error), claimId, reason });
		ctx.live?.noticed(result.notified);
		return { declined: t('claim.declinedDone', { name: text(form, 'name').slice(0, 200) }) };
	}
};
