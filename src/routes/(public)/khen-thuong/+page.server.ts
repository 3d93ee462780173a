import type { PageServerLoad } from './$types';
import { campaignFromUrl, serviceContext } from '$lib/server/http/context';
import { campaignChoices } from '$lib/server/campaigns/queries';
import { allPeriods } from '$lib/server/scoring/periods';
import { awardFormsOf } from '$lib/server/awards/forms';
import { publishedAwards } from '$lib/server/awards/nominations';
import { can } from '$lib/domain/permissions';

/** The award forms of a campaign — to whom, when, within which quotas, by which criteria — as its plan publishes them. */
export const load: PageServerLoad = (event) => {
	const { db } = serviceContext(event);
	const campaign = campaignFromUrl(event, db);
	if (!campaign) return { campaign: null, campaigns: [], forms: [], awards: [], periodNames: {} as Record<string, string> };
	return {
		campaign,
		campaigns: campaignChoices(db),
		forms: awardFormsOf(db, campaign.id),
		awards: publishedAwards({ db }, { campaignId: campaign.id }),
		canSuggest: can(event.locals.actor, 'admin.access'),
		periodNames: Object.fromEntries(allPeriods(db, campaign.id).map((p) => [p.code, p.name]))
	};
};
