import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { awardDetails, awardPath, revokeAward } from '$lib/server/awards/certificates';
import { KEY_DOCUMENT_PATH } from '$lib/server/credentials/issue';
import { officeMayDecide } from '$lib/server/awards/forms';
import { t } from '$lib/i18n';

/** An award's public verification page: what was given to whom and why, by which decision, and whether it still holds. */
export const load: PageServerLoad = (event) => {
	const ctx = serviceContext(event);
	const award = awardDetails(ctx.db, Number(event.params.id));
	if (!award) error(404, t('award.notFound'));
	return {
		award,
		url: `${event.url.origin}${awardPath(award.id)}`,
		keyPath: KEY_DOCUMENT_PATH,
		canRevoke: !award.revoked && officeMayDecide(ctx, award.campaignId)
	};
};

export const actions: Actions = {
	revoke: async (event) => {
		requireActor(event);
		const reason = (await event.request.formData()).get('reason');
		const result = revokeAward(serviceContext(event), Number(event.params.id), typeof reason === 'string' ? reason : '');
		if (!result.ok) {
			if (result.problem === 'forbidden') error(403, result.error);
			if (result.problem === 'notFound') error(404, result.error);
			return fail(400, { error: result.error });
		}
		return { done: t('award.revokedDone') };
	}
};
