import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { leaderboardPage } from '$lib/server/scoring/leaderboard-page';
import { t } from '$lib/i18n';

export const load: PageServerLoad = async (event) => {
	const q = event.url.searchParams;
	const page = await leaderboardPage(serviceContext(event), {
		campaign: q.get('phong-trao'),
		subject: q.get('doi-tuong'),
		scopeId: q.get('pham-vi'),
		period: q.get('ky'),
		area: q.get('linh-vuc'),
		perCapita: q.get('binh-quan') === '1'
	});
	if (!page) error(404, t('campaign.unknown'));
	return { ...page, metaDescription: t('board.metaDescription') };
};
