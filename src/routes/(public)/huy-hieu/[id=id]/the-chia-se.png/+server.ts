import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { badgeAwardDetails, badgePath } from '$lib/server/scoring/badge-credentials';
import { shareCardResponse } from '$lib/server/share-card';
import { formatDate } from '$lib/format';
import { t } from '$lib/i18n';

/** A badge's share card (og:image): the badge, its holder, and the QR code of its verification page. */
export const GET: RequestHandler = async (event) => {
	const badge = badgeAwardDetails(serviceContext(event).db, Number(event.params.id));
	if (!badge) error(404, t('badges.notFound'));
	const level = badge.level > 1 ? ` · ${t('badges.level', { level: badge.level })}` : '';
	return shareCardResponse({
		kicker: badge.owner?.name ?? t('app.name'),
		title: `${badge.name}${level}`,
		name: badge.holderName,
		detail: `${badge.howToEarn.replace(/\.$/, '')} · ${badge.periodName ?? formatDate(badge.awardedAt)}`,
		url: `${event.url.origin}${badgePath(badge.id)}`,
		stamp: badge.revoked ? t('share.revokedStamp') : undefined
	});
};
