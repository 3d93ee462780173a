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
	// Shared as the rank it shows (with its own card), once it has one.
	const query = new URLSearchParams({ bang: event.url.searchParams.get('bang') ?? '', id: event.url.searchParams.get('id') ?? '' });
	const share =
		explained.rank === null
			? null
			: {
					url: `${event.url.origin}/bang-xep-hang/giai-thich?${query}`,
					image: `${event.url.origin}/bang-xep-hang/giai-thich/the-chia-se.png?${query}`,
					title: `${t('share.rank', { rank: explained.rank })} · ${explained.name}`
				};
	return { ...explained, share };
};
