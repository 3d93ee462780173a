import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { explainScore } from '$lib/server/scoring/leaderboard-page';
import { t } from '$lib/i18n';
import { idParam } from '$lib/schemas/fields';

/** The ledger rows behind one score on one board (`?trang=N`: a page of them), with the initiative and the rule version that priced each. */
export const load: PageServerLoad = async (event) => {
	const page = event.url.searchParams.has('trang') ? idParam(event.url.searchParams.get('trang')) : 1;
	const explained =
		page < 1
			? null
			: await explainScore(serviceContext(event), event.url.searchParams.get('bang') ?? '', Number(event.url.searchParams.get('id')), page);
	if (!explained || explained.rows.page > explained.rows.pages) error(404, t('error.404'));
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
	const pageHref = (n: number) => `?${new URLSearchParams({ ...Object.fromEntries(query), ...(n > 1 ? { trang: String(n) } : {}) })}`;
	return {
		...explained,
		share,
		previousHref: explained.rows.page > 1 ? pageHref(explained.rows.page - 1) : null,
		nextHref: explained.rows.page < explained.rows.pages ? pageHref(explained.rows.page + 1) : null
	};
};
