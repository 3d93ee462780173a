import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { badgeAwardDetails, badgePath } from '$lib/server/scoring/badge-credentials';
import { KEY_DOCUMENT_PATH } from '$lib/server/credentials/issue';
import { t } from '$lib/i18n';

/** A badge's public verification page: who holds it, since when, and whether it still holds. */
export const load: PageServerLoad = (event) => {
	const badge = badgeAwardDetails(serviceContext(event).db, Number(event.params.id));
	if (!badge) error(404, t('badges.notFound'));
	return { badge, url: `${event.url.origin}${badgePath(badge.id)}`, keyPath: KEY_DOCUMENT_PATH };
};
