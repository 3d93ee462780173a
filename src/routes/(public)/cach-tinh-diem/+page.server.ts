import type { PageServerLoad } from './$types';
import { campaignFromUrl, serviceContext } from '$lib/server/http/context';
import { campaignChoices } from '$lib/server/campaigns/queries';
import { publishedRules } from '$lib/server/scoring/rule-sets';
import { allPeriods } from '$lib/server/scoring/periods';

/** The published rules and their history: anyone can check how any point was priced. */
export const load: PageServerLoad = (event) => {
	const { db } = serviceContext(event);
	const campaign = campaignFromUrl(event, db);
	if (!campaign) return { campaign: null, campaigns: [], versions: [], periods: [] };
	return { campaign, campaigns: campaignChoices(db), versions: publishedRules(db, campaign.id), periods: allPeriods(db, campaign.id) };
};
