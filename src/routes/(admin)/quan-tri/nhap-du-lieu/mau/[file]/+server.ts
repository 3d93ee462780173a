import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { buildTemplate, TEMPLATE_FILES, type TemplateFile } from '$lib/server/imports/template';
import { t } from '$lib/i18n';

/** The template with the admin's own units and their codes (so it is personal: never cached). */
export const GET: RequestHandler = async (event) => {
	requireActor(event);
	const file = event.params.file;
	if (!(file in TEMPLATE_FILES)) error(404, t('error.404'));
	const { body, type } = await buildTemplate(serviceContext(event), file as TemplateFile);
	return new Response(body, {
		headers: { 'content-type': type, 'content-disposition': `attachment; filename="${file}"`, 'cache-control': 'private, no-store' }
	});
};
