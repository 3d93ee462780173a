import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { initiativesExport, pointsExport, teamsExport } from '$lib/server/exports/lists';
import { t } from '$lib/i18n';

const EXPORTS: Record<string, typeof pointsExport> = { 'sang-kien': initiativesExport, 'doi-hinh': teamsExport, diem: pointsExport };

/** The lists behind /so-lieu's figures (same unit and period), streamed as .xlsx. */
export const GET: RequestHandler = (event) => {
	const q = event.url.searchParams;
	const ctx = serviceContext(event);
	const file = EXPORTS[event.params.list]!(ctx, {
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
			// The points list has a members' sheet for admins: never shared between people by a cache.
			'cache-control': event.params.list === 'diem' ? 'private, no-store' : 'public, max-age=60'
		}
	});
};
