import type { PageServerLoad } from './$types';
import { campaignFromUrl, serviceContext } from '$lib/server/http/context';
import { campaignChoices } from '$lib/server/campaigns/queries';
import { badgeCatalogue } from '$lib/server/scoring/badge-definitions';

/** A campaign's catalogue: what each badge is for, how to earn it, and who holds it (public names only). */
export const load: PageServerLoad = (event) => {
	const { db } = serviceContext(event);
	const campaign = campaignFromUrl(event, db);
	return {
		campaign,
		campaigns: campaignChoices(db),
		badges: campaign ? badgeCatalogue(db, campaign.id) : []
	};
};
