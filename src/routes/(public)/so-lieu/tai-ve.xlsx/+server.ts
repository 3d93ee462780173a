import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { figuresExport } from '$lib/server/exports/figures';
import { t } from '$lib/i18n';

/** The figures of /so-lieu (public aggregates) for the same query, as .xlsx. */
export const GET: RequestHandler = async (event) => {
	const q = event.url.searchParams;
	const file = await figuresExport(
		serviceContext(event),
		{ campaign: q.get('phong-trao'), unit: q.get('don-vi'), period: q.get('ky'), cutoff: q.get('den-ngay') },
		'xlsx'
	);
	if (!file) error(404, t('campaign.unknown'));
	return new Response(file.body, {
		headers: {
			'content-type': file.type,
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'cache-control': 'public, max-age=60'
		}
	});
};
