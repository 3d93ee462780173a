import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { awardCredential, awardDetails } from '$lib/server/awards/certificates';
import { t } from '$lib/i18n';

/** The award as a signed Open Badges 3.0 credential; a revoked award's credential still verifies, its page says revoked. */
export const GET: RequestHandler = (event) => {
	const ctx = serviceContext(event);
	const award = awardDetails(ctx.db, Number(event.params.id));
	if (!award) error(404, t('award.notFound'));
	return json(awardCredential(ctx, award, event.url.origin), {
		headers: {
			'content-type': 'application/ld+json; charset=utf-8',
			'content-disposition': `inline; filename="khen-thuong-${award.id}.json"`
		}
	});
};
