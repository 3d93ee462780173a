import type { LayoutServerLoad } from './$types';
import { authorize } from '$lib/server/auth/authorize';
import { requireActor, serviceContext } from '$lib/server/http/context';
import { campaignOwner } from '$lib/server/campaigns/configure';
import { can } from '$lib/domain/permissions';
import { mayImportCampaign } from '$lib/server/campaigns/service';

export const load: LayoutServerLoad = (event) => {
	const actor = requireActor(event);
	const ctx = serviceContext(event);
	authorize(ctx, 'admin.access');
	const owner = campaignOwner(ctx.db);
	return { canConfigure: !!owner && can(actor, 'campaign.configure', { kind: 'unit', unit: owner }), canImport: mayImportCampaign(ctx) };
};
