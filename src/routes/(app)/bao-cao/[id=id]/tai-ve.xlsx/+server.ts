import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { reportExport } from '$lib/server/exports/report';
import { t } from '$lib/i18n';

/** The report as .xlsx, for those who file it and the level above. */
export const GET: RequestHandler = async (event) => {
	requireActor(event);
	const file = await reportExport(serviceContext(event), Number(event.params.id), 'xlsx');
	if (!file) error(404, t('report.notFound'));
	return new Response(file.body, {
		headers: {
			'content-type': file.type,
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'cache-control': 'private, no-store'
		}
	});
};
