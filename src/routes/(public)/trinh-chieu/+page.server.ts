import type { PageServerLoad } from './$types';
import { campaignFromUrl, serviceContext } from '$lib/server/http/context';
import { CAMPAIGN_PARAM } from '$lib/campaign-param';
import { campaignTotals, recentApprovals, showcaseBoards } from '$lib/server/showcase/queries';
import { qrDataUrl } from '$lib/server/qr';
import { isoDay } from '$lib/format';

/** The projector page: public boards, totals and approvals only, the same for every visitor. */
export const load: PageServerLoad = async (event) => {
	const { url } = event;
	const { db, boards, now } = serviceContext(event);
	const campaign = campaignFromUrl(event, db);
	const shown = await showcaseBoards(db, boards, campaign, isoDay(now).slice(0, 4));
	// The request's own origin (ORIGIN when set behind a proxy): the address phones in the hall can reach.
	const phone = new URL('/bang-xep-hang', url.origin);
	if (url.searchParams.has(CAMPAIGN_PARAM) && campaign) phone.searchParams.set(CAMPAIGN_PARAM, campaign.slug);
	const phoneUrl = phone.href;
	return {
		fullScreen: true,
		campaignName: campaign?.name ?? null,
		periodName: shown?.periodName ?? null,
		boards: shown?.boards ?? [],
		totals: campaignTotals(db, campaign),
		recent: recentApprovals(db),
		phone: { url: phoneUrl, qr: await qrDataUrl(phoneUrl) }
	};
};
