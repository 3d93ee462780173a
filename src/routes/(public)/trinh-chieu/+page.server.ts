import type { PageServerLoad } from './$types';
import { serviceContext } from '$lib/server/http/context';
import { currentCampaign } from '$lib/server/campaigns/queries';
import { campaignTotals, recentApprovals, showcaseBoards } from '$lib/server/showcase/queries';
import { qrDataUrl } from '$lib/server/qr';
import { isoDay } from '$lib/format';

/** The projector page: public boards, totals and approvals only, the same for every visitor. */
export const load: PageServerLoad = async (event) => {
	const { url } = event;
	const { db, boards, now } = serviceContext(event);
	const shown = await showcaseBoards(db, boards, isoDay(now).slice(0, 4));
	// The request's own origin (ORIGIN when set behind a proxy): the address phones in the hall can reach.
	const phoneUrl = new URL('/bang-xep-hang', url.origin).href;
	return {
		fullScreen: true,
		campaignName: currentCampaign(db)?.campaign.name ?? null,
		periodName: shown?.periodName ?? null,
		boards: shown?.boards ?? [],
		totals: campaignTotals(db),
		recent: recentApprovals(db),
		phone: { url: phoneUrl, qr: await qrDataUrl(phoneUrl) }
	};
};
