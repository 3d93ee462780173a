import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { initiativeDetail } from '$lib/server/initiatives/queries';
import { isPublic } from '$lib/domain/initiatives/workflow';
import { shareCardResponse } from '$lib/server/share-card';
import { formatDate, formatNumber } from '$lib/format';
import { t } from '$lib/i18n';

/** A public work's share card (og:image): what was done, by whom, and the QR code of its page. */
export const GET: RequestHandler = async (event) => {
	const detail = initiativeDetail(serviceContext(event).db, Number(event.params.id));
	// Only what anyone may read gets a card: a crawler is nobody.
	if (!detail || !isPublic(detail.initiative.status)) error(404, t('initiative.notFound'));
	const { initiative, measures } = detail;
	const counted = measures.map((m) => ({ ...m, shown: m.approvedValue ?? m.value })).find((m) => m.shown !== null && m.shown > 0);
	return shareCardResponse({
		kicker: t('share.storyKicker', { unit: detail.unitName }),
		title: counted ? `${formatNumber(counted.shown!)} ${counted.spec.unitLabel}` : detail.activityName,
		name: initiative.title,
		detail: `${detail.activityName} · ${formatDate(initiative.startedOn)}`,
		url: `${event.url.origin}/sang-kien/${initiative.id}`
	});
};
