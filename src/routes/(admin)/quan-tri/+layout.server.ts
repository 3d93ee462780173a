import type { LayoutServerLoad } from './$types';
import { authorize } from '$lib/server/auth/authorize';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { configurableCampaigns } from '$lib/server/campaigns/configure';
import { CAMPAIGN_PARAM } from '$lib/campaign-param';
import { can, isRootUnit } from '$lib/domain/permissions';
import { getUnit } from '$lib/server/units/queries';
import { mayImportCampaign } from '$lib/server/campaigns/service';

export const load: LayoutServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	authorize(ctx, 'admin.access');
	// The campaigns this person configures; the configuration pages edit the one the URL names (else the first).
	const campaigns = configurableCampaigns(ctx);
	const slug = event.url.searchParams.get(CAMPAIGN_PARAM);
	return {
		canConfigure: campaigns.length > 0,
		campaigns,
		campaign: campaigns.find((c) => c.slug === slug) ?? campaigns[0] ?? null,
		canImport: mayImportCampaign(ctx),
		// Province admins over a root name the council that verifies the root's own work (campaign or not).
		canNameCouncil: actor.grants.some((g) => {
			const unit = g.role === 'province_admin' && isRootUnit({ path: g.unitPath }) ? getUnit(ctx.db, g.unitId) : undefined;
			return !!unit && can(actor, 'council.manage', { kind: 'unit', unit });
		})
	};
};
