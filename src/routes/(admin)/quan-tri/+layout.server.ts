import type { LayoutServerLoad } from './$types';
import { authorize, requireActor, serviceContext } from '$lib/server/auth/guard';
import { currentCampaign } from '$lib/server/campaigns/queries';
import { getUnit } from '$lib/server/units/queries';
import { can } from '$lib/domain/permissions';

export const load: LayoutServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	authorize(ctx, 'admin.access');
	const campaign = currentCampaign(ctx.db);
	const owner = campaign ? getUnit(ctx.db, campaign.campaign.ownerUnitId) : undefined;
	return { canConfigure: !!owner && can(actor, 'campaign.configure', { kind: 'unit', unit: owner }) };
};
