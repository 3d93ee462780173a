import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { initiativesExport } from '$lib/server/exports/initiatives';
import { t } from '$lib/i18n';

/** The approved initiatives behind /so-lieu's figures (same unit and period), streamed as .xlsx. */
export const GET: RequestHandler = (event) => {
	const q = event.url.searchParams;
	const file = initiativesExport(serviceContext(event), {
		campaign: q.get('phong-trao'),
		unit: q.get('don-vi'),
		period: q.get('ky'),
		cutoff: null
	});
	if (!file) error(404, t('campaign.unknown'));
	return new Response(file.body, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'cache-control': 'public, max-age=60'
		}
	});
};
