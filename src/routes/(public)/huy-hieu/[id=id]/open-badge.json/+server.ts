import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { badgeAwardDetails, badgeCredential } from '$lib/server/scoring/badge-credentials';
import { t } from '$lib/i18n';

/** The badge as a signed Open Badges 3.0 credential. */
export const GET: RequestHandler = (event) => {
	const ctx = serviceContext(event);
	const badge = badgeAwardDetails(ctx.db, Number(event.params.id));
	if (!badge) error(404, t('badges.notFound'));
	return json(badgeCredential(ctx, badge, event.url.origin), {
		headers: {
			'content-type': 'application/ld+json; charset=utf-8',
			'content-disposition': `inline; filename="huy-hieu-${badge.id}.json"`
		}
	});
};
