import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { awardDetails, awardPath } from '$lib/server/awards/certificates';
import { certificateWording } from '$lib/domain/awards/certificate';
import { qrDataUrl } from '$lib/server/qr';
import { t } from '$lib/i18n';

/** The award's certificate on A4 landscape, for the browser's "Print"; its QR code opens the verification page. */
export const load: PageServerLoad = async (event) => {
	const { db } = serviceContext(event);
	const award = awardDetails(db, Number(event.params.id));
	if (!award) error(404, t('award.notFound'));
	const verifyUrl = `${event.url.origin}${awardPath(award.id)}`;
	return {
		award,
		wording: certificateWording({ name: award.formName, grantingBody: award.grantingBody }, award.owner.name),
		verifyUrl,
		qr: await qrDataUrl(verifyUrl),
		fullScreen: true
	};
};
