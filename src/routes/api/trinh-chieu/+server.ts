import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { campaignFromUrl, serviceContext } from '$lib/server/http/context';
import { campaignTotals, recentApprovals, showcaseScopeFromUrl } from '$lib/server/showcase/queries';
import type { ShowcaseSummary } from '$lib/realtime/contract';
import { t } from '$lib/i18n';

/** The showcase's totals and latest approvals (of one unit with `?don-vi=`): public aggregates, fetched after an approval or a reconnect. */
export const GET: RequestHandler = (event) => {
	const { db } = serviceContext(event);
	const campaign = campaignFromUrl(event, db);
	const asked = showcaseScopeFromUrl(db, campaign, event.url.searchParams);
	if (asked === 'unknown') error(404, t('unitError.notFound'));
	const { scope } = asked;
	const summary: ShowcaseSummary = { totals: campaignTotals(db, campaign, 4, scope), recent: recentApprovals(db, 8, scope) };
	return json(summary, { headers: { 'cache-control': 'no-store' } });
};
