import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { explainScore } from '$lib/server/scoring/leaderboard-page';
import { t } from '$lib/i18n';

/** Every ledger row behind one score on one board, with the initiative and the rule version that priced it. */
export const load: PageServerLoad = async (event) => {
	const explained = await explainScore(
		serviceContext(event),
		event.url.searchParams.get('bang') ?? '',
		Number(event.url.searchParams.get('id'))
	);
	if (!explained) error(404, t('error.404'));
	return explained;
};
