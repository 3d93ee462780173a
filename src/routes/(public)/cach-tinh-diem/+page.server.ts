import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { campaignPolicy } from '$lib/server/campaigns/queries';
import { publishedRules } from '$lib/server/scoring/rule-sets';
import { allPeriods } from '$lib/server/scoring/periods';

/** The published rules and their history: anyone can check how any point was priced. */
export const load: PageServerLoad = (event) => {
	const { db } = serviceContext(event);
	const campaign = campaignPolicy(db);
	if (!campaign) return { versions: [], periods: [] };
	return { versions: publishedRules(db, campaign.id), periods: allPeriods(db, campaign.id) };
};
