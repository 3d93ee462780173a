import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { reportDocumentOf } from '$lib/server/reports/service';
import { t } from '$lib/i18n';

/** The report laid out as its official document on A4, for the browser's "Print → Save as PDF". */
export const load: PageServerLoad = (event) => {
	requireActor(event);
	const doc = reportDocumentOf(serviceContext(event), Number(event.params.id));
	if (!doc) error(404, t('report.notFound'));
	return { doc, fullScreen: true };
};
