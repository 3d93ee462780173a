import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { checkedIn, currentCheckInCode } from '$lib/server/initiatives/check-in';
import { getInitiative } from '$lib/server/initiatives/queries';
import { qrDataUrl } from '$lib/server/qr';
import { t } from '$lib/i18n';

/** The organiser's screen at the event: the code of this minute as a QR code, and who has checked in. */
export const load: PageServerLoad = async (event) => {
	requireActor(event);
	const ctx = serviceContext(event);
	const id = Number(event.params.id);
	const code = currentCheckInCode(ctx, id);
	if (!code.ok && code.error === 'initiative.notFound') error(404, t(code.error));
	const url = code.ok ? `${event.url.origin}/diem-danh/${id}/${code.code}` : null;
	return {
		id,
		title: getInitiative(ctx.db, id)!.title,
		refusal: code.ok ? null : t(code.error),
		url,
		qr: url ? await qrDataUrl(url) : null,
		attendees: checkedIn(ctx.db, id)
	};
};
