import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { leaderboardPage } from '$lib/server/scoring/leaderboard-page';

export const load: PageServerLoad = (event) => {
	const q = event.url.searchParams;
	return leaderboardPage(serviceContext(event), {
		subject: q.get('doi-tuong'),
		scopeId: q.get('pham-vi'),
		period: q.get('ky'),
		area: q.get('linh-vuc'),
		perCapita: q.get('binh-quan') === '1'
	});
};
