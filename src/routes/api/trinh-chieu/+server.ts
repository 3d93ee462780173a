import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { campaignFromUrl, serviceContext } from '$lib/server/http/context';
import { campaignTotals, recentApprovals } from '$lib/server/showcase/queries';
import type { ShowcaseSummary } from '$lib/realtime/contract';

/** The showcase's totals and latest approvals: public aggregates, fetched after an approval or a reconnect. */
export const GET: RequestHandler = (event) => {
	const { db } = serviceContext(event);
	const summary: ShowcaseSummary = { totals: campaignTotals(db, campaignFromUrl(event, db)), recent: recentApprovals(db) };
	return json(summary, { headers: { 'cache-control': 'no-store' } });
};
