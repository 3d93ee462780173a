import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getRuntime } from '$lib/server/runtime';
import { campaignTotals, recentApprovals, type ShowcaseSummary } from '$lib/server/showcase/queries';

/** The showcase's totals and latest approvals: public aggregates, fetched after an approval or a reconnect. */
export const GET: RequestHandler = () => {
	const { db } = getRuntime();
	const summary: ShowcaseSummary = { totals: campaignTotals(db), recent: recentApprovals(db) };
	return json(summary, { headers: { 'cache-control': 'no-store' } });
};
