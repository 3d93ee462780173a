import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { dossierFor } from '$lib/server/awards/dossiers';
import { t } from '$lib/i18n';

/** A proposal's dossier, for those who weigh it: downloaded, never shown inline (a PDF may carry scripts). */
export const GET: RequestHandler = (event) => {
	requireActor(event);
	const dossier = dossierFor(serviceContext(event), Number(event.params.id));
	if (!dossier) error(404, t('nomination.notFound'));
	return new Response(new Uint8Array(dossier.bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="ho-so.pdf"; filename*=UTF-8''${encodeURIComponent(dossier.fileName)}`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': 'sandbox',
			'cache-control': 'private, no-store'
		}
	});
};
