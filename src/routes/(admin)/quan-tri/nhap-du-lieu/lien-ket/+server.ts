import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { importLinks } from '$lib/server/imports/service';
import { linksCsv } from '$lib/server/imports/template';
import { t } from '$lib/i18n';

/** Fresh one-time password links for the people an import created (a POST: each download issues new links). */
export const POST: RequestHandler = async (event) => {
	requireActor(event);
	const ctx = serviceContext(event);
	const importId = String((await event.request.formData()).get('importId') ?? '').slice(0, 64);
	const rows = importLinks(ctx, importId);
	if (!rows) error(404, t('import.expired'));
	const origin = ctx.config.origin ?? event.url.origin;
	const body = linksCsv(rows.map((r) => ({ ...r, link: `${origin}/dat-mat-khau/${r.token}` })));
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="lien-ket-dat-mat-khau.csv"',
			'cache-control': 'private, no-store'
		}
	});
};
