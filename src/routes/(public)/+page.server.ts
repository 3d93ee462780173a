import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { currentCampaign, organisationFigures } from '$lib/server/campaigns/queries';
import { isoDay } from '$lib/format';

export const load: PageServerLoad = (event) => {
	const { db, now } = serviceContext(event);
	const found = currentCampaign(db);
	return {
		campaign: found
			? {
					name: found.campaign.name,
					theme: found.campaign.theme,
					startsOn: found.campaign.startsOn,
					endsOn: found.campaign.endsOn,
					ownerName: found.ownerName,
					// The campaign's own words (/quan-tri/phong-trao); empty ones keep the portal's.
					homeText: found.campaign.vocabulary.homeText ?? '',
					member: found.campaign.vocabulary.member ?? ''
				}
			: null,
		figures: organisationFigures(db, isoDay(now))
	};
};
