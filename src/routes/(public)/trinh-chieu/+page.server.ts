import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { campaignFromUrl, serviceContext } from '$lib/server/http/context';
import { CAMPAIGN_PARAM } from '$lib/campaign-param';
import { campaignTotals, recentApprovals, showcaseBoards, showcaseScopeFromUrl } from '$lib/server/showcase/queries';
import { qrDataUrl } from '$lib/server/qr';
import { isoDay } from '$lib/format';
import { t } from '$lib/i18n';

/**
 * The projector page: public boards, totals and approvals only, the same for every visitor — of the whole
 * organisation, or of one unit (`?don-vi=`) for its own event.
 */
export const load: PageServerLoad = async (event) => {
	const { url } = event;
	const { db, boards, now } = serviceContext(event);
	const campaign = campaignFromUrl(event, db);
	const asked = showcaseScopeFromUrl(db, campaign, url.searchParams);
	if (asked === 'unknown') error(404, t('unitError.notFound'));
	const { scope, unitAsked } = asked;
	const shown = await showcaseBoards(db, boards, campaign, isoDay(now).slice(0, 4), scope);
	// The request's own origin (ORIGIN when set behind a proxy): the address phones in the hall can reach.
	const phone = new URL(unitAsked && scope ? `/don-vi/${scope.id}` : '/bang-xep-hang', url.origin);
	if (url.searchParams.has(CAMPAIGN_PARAM) && campaign) phone.searchParams.set(CAMPAIGN_PARAM, campaign.slug);
	const phoneUrl = phone.href;
	return {
		fullScreen: true,
		campaignName: campaign?.name ?? null,
		scopeName: unitAsked ? (scope?.name ?? null) : null,
		periodName: shown?.periodName ?? null,
		boards: shown?.boards ?? [],
		totals: campaignTotals(db, campaign, 4, scope),
		recent: recentApprovals(db, 8, scope),
		phone: { url: phoneUrl, qr: await qrDataUrl(phoneUrl) }
	};
};
