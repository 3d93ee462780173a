import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { awardDetails, awardPath } from '$lib/server/awards/certificates';
import { certificateWording } from '$lib/domain/awards/certificate';
import { shareCardResponse } from '$lib/server/share-card';
import { t } from '$lib/i18n';

/** The award's share card (og:image): 1200×630, with the QR code of its verification page. */
export const GET: RequestHandler = async (event) => {
	const award = awardDetails(serviceContext(event).db, Number(event.params.id));
	if (!award) error(404, t('award.notFound'));
	const wording = certificateWording({ name: award.formName, grantingBody: award.grantingBody }, award.owner.name);
	return shareCardResponse({
		kicker: award.grantingBody || award.owner.name,
		title: wording.title,
		name: award.subjectName,
		detail: `${award.formName} · ${award.campaign.name}, ${award.periodName}`,
		url: `${event.url.origin}${awardPath(award.id)}`,
		stamp: award.revoked ? t('share.revokedStamp') : undefined
	});
};
