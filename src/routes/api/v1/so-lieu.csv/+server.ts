import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { isFresh } from '$lib/server/http/etag';
import { OPEN_CACHE, openFiguresCsv } from '$lib/server/exports/open-data';
import { t } from '$lib/i18n';

/** Open data: the measures table of /so-lieu as CSV (UTF-8 with BOM), cacheable for a minute, ETag/304. */
export const GET: RequestHandler = async (event) => {
	const q = event.url.searchParams;
	const query = { campaign: q.get('phong-trao'), unit: q.get('don-vi'), period: q.get('ky'), cutoff: q.get('den-ngay') };
	const file = await openFiguresCsv(serviceContext(event), query);
	if (!file) return json({ error: t('campaign.unknown') }, { status: 404 });
	const headers = { etag: file.etag, 'cache-control': OPEN_CACHE, 'access-control-allow-origin': '*' };
	if (isFresh(event.request.headers.get('if-none-match'), file.etag)) return new Response(null, { status: 304, headers });
	return new Response(file.body, {
		headers: { ...headers, 'content-type': file.type, 'content-disposition': `inline; filename="${file.fileName}"` }
	});
};
