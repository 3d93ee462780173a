import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { figuresPage } from '$lib/server/figures/page';
import { t } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
	const q = event.url.searchParams;
	const page = figuresPage(serviceContext(event), {
		campaign: q.get('phong-trao'),
		unit: q.get('don-vi'),
		period: q.get('ky'),
		cutoff: q.get('den-ngay')
	});
	if (!page) error(404, t('campaign.unknown'));
	return page;
};
