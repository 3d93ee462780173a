import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { requestView } from '$lib/server/reports/requests';
import { t } from '$lib/i18n';

export const load: PageServerLoad = (event) => {
	requireActor(event);
	const view = requestView(serviceContext(event), Number(event.params.id));
	if (!view) error(404, t('report.notFound'));
	return { view };
};
