import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { isFresh } from '$lib/server/http/etag';
import { OPEN_CACHE, openFigures } from '$lib/server/exports/open-data';
import { t } from '$lib/i18n';

/** Open data: the public aggregates of /so-lieu as JSON (same query params), cacheable for a minute, ETag/304. */
export const GET: RequestHandler = async (event) => {
	const q = event.url.searchParams;
	const query = { campaign: q.get('phong-trao'), unit: q.get('don-vi'), period: q.get('ky'), cutoff: q.get('den-ngay') };
	const result = openFigures(serviceContext(event), query);
	if (!result) return json({ error: t('campaign.unknown') }, { status: 404 });
	const headers = { etag: result.etag, 'cache-control': OPEN_CACHE, 'access-control-allow-origin': '*' };
	if (isFresh(event.request.headers.get('if-none-match'), result.etag)) return new Response(null, { status: 304, headers });
	return new Response(result.body, { headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
};
