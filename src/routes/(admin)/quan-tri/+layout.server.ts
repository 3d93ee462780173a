import type { LayoutServerLoad } from './$types';
import { authorize } from '$lib/server/auth/authorize';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { campaignOwner } from '$lib/server/campaigns/configure';
import { can, isRootUnit } from '$lib/domain/permissions';
import { getUnit } from '$lib/server/units/queries';
import { mayImportCampaign } from '$lib/server/campaigns/service';

export const load: LayoutServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	authorize(ctx, 'admin.access');
	const owner = campaignOwner(ctx.db);
	return {
		canConfigure: !!owner && can(actor, 'campaign.configure', { kind: 'unit', unit: owner }),
		canImport: mayImportCampaign(ctx),
		// Province admins over a root name the council that verifies the root's own work (campaign or not).
		canNameCouncil: actor.grants.some((g) => {
			const unit = g.role === 'province_admin' && isRootUnit({ path: g.unitPath }) ? getUnit(ctx.db, g.unitId) : undefined;
			return !!unit && can(actor, 'council.manage', { kind: 'unit', unit });
		})
	};
};
